"""The demo station is believable whatever "today" is (issue: the suite passes on any day): built at a year's
first minutes, its last minutes and on 29 February, it has nothing dated after the moment it was built, and the
screens of the current month have something to show."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from station_desk import clock
from station_desk.db.engine import Database
from station_desk.demo import build_demo
from station_desk.month import Month

INSTANTS = [dt.datetime(2027, 1, 1, 0, 5), dt.datetime(2027, 12, 31, 23, 55), dt.datetime(2028, 2, 29, 12, 0)]
# Columns that name a plan or a promise, not something that happened: they may lie ahead.
AHEAD = {("roster_cell", "day"), ("roster_rest_request", "day"), ("roster_holiday_override", "day"),
         ("customer", "expiry_date"), ("customer_renewal", "expiry_after"), ("customer_renewal", "expiry_before"),
         ("customer_expiry_call", "expiry_date"), ("leave_request", "start"), ("leave_request", "end"),
         ("gift_promotion", "valid_to"), ("gift_promotion", "valid_from"), ("contact", "reply_by"),
         ("work_order_outage", "expected_recovery_at"), ("staff", "pin_locked_until"),
         ("policy_version", "effective_from")}


def happened_columns(conn: sqlite3.Connection):
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    for table in tables:
        for _cid, name, typ, *_ in conn.execute(f'PRAGMA table_info("{table}")'):
            is_time = name == "at" or name.endswith("_at") or typ.upper() == "DATE"
            if is_time and (table, name) not in AHEAD:
                yield table, name


def rows_after(path, now: dt.datetime) -> list[str]:
    """``table.column = value`` for every column of something that happened whose newest value is after ``now``."""
    conn = sqlite3.connect(path)
    future = []
    for table, column in happened_columns(conn):
        latest = conn.execute(f'SELECT max("{column}") FROM "{table}"').fetchone()[0]
        if latest is None:
            continue
        limit = now.isoformat() if len(str(latest)) > 10 else now.date().isoformat()
        if str(latest)[:19] > limit:
            future.append(f"{table}.{column} = {latest}")
    conn.close()
    return future


@pytest.fixture(scope="module", params=INSTANTS, ids=lambda t: t.strftime("%Y-%m-%dT%H%M"))
def built_at(request, tmp_path_factory):
    now = request.param
    with clock.fake_time(now):
        path = build_demo(tmp_path_factory.mktemp("demo") / "station.db", n_customers=80, months=2)
    return now, path


@pytest.fixture
def demo_at(built_at, fake_now):
    fake_now(built_at[0])
    return built_at


def test_demo_has_nothing_after_the_moment_it_was_built(demo_at):
    now, path = demo_at
    future = rows_after(path, now)
    assert future == [], f"built at {now}: rows dated after it: {future}"


def test_demo_current_month_screens_have_rows(demo_at):
    from station_desk.contact_log import queries as contacts
    from station_desk.rest_roster import service as roster
    from station_desk.work_orders import queries as orders

    now, path = demo_at
    db = Database(path)
    try:
        assert clock.now() == now
        assert orders.board(db).orders, "the dispatch board of the demo is empty"
        month = roster.get_month(db, month=Month.of(now))
        assert month.saved, "no rest roster for the current month"
        if now.time() >= dt.time(11, 0):  # a station open since 08:30 has had visitors
            assert contacts.list_contacts(db, start=now.date(), end=now.date()), "no contacts today"
        month_start = now.date().replace(day=1)
        if now.date() > month_start:
            assert contacts.list_contacts(db, start=month_start, end=now.date()), "no contacts this month"
    finally:
        db.close()
