"""``station-desk move-to``: the busy demo station (an SQLite file) into an empty PostgreSQL database, in one
transaction, proved (row counts, both chains, month locks); the file untouched. PostgreSQL run only."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import pytest

from station_desk import cli
from station_desk.db.migrate import open_database
from station_desk.errors import DomainError, PeriodLocked
from station_desk.move import move_to_server

pytestmark = pytest.mark.usefixtures("pg_server")


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_demo_station_moves_into_an_empty_database_and_the_file_stays_as_it_was(busy_demo_path, pg_server,
                                                                                     tmp_path, capsys):
    source = tmp_path / "station.db"
    shutil.copyfile(busy_demo_path, source)
    before = _sha(source)
    target = pg_server.new_database()
    assert cli.main(["move-to", "--db", str(source), target]) == 0
    out = capsys.readouterr().out
    assert "审计日志链：完整" in out and "现金流水账链：完整" in out and "数据文件没有改动" in out
    assert _sha(source) == before

    db = open_database(target)
    try:
        from station_desk.customers import service as customers
        from station_desk.periods import service as periods
        from station_desk.staff import service as staff

        assert len(staff.list_staff(db)) > 3
        with db.read() as s:
            phone = s.connection().exec_driver_sql("SELECT phone FROM customer WHERE phone <> '' LIMIT 1").scalar()
        found = customers.search_customers(db, phone[3:9], limit=5)  # a 6-digit middle: the trigram index
        assert found and any(phone[3:9] in r.phone for r in found)
        with db.read() as s:  # the planner has statistics of every copied table (else: whole-table scans)
            unanalyzed = s.connection().exec_driver_sql(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = to_regnamespace(current_schema()) "
                "AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM work_order_event) AND c.relname = 'work_order_event' "
                "AND NOT EXISTS (SELECT 1 FROM pg_stats p WHERE p.tablename = c.relname)").scalars().all()
            analyzed = s.connection().exec_driver_sql(
                "SELECT count(DISTINCT tablename) FROM pg_stats WHERE schemaname = current_schema()").scalar()
        assert unanalyzed == [] and analyzed > 20
        with db.read() as s:
            locks = periods.locked_months(s)
        assert locks, "the demo has locked months"
        scope, month = locks[0]
        with db.read() as s, pytest.raises(PeriodLocked):
            periods.ensure_open(s, scope, dt.date.fromisoformat(month + "-01"))
    finally:
        db.close()

    with pytest.raises(DomainError, match="不是空的"):  # never over a station
        move_to_server(source, target)
    assert _sha(source) == before


def test_a_file_path_is_not_a_target(tmp_path):
    with pytest.raises(DomainError, match="PostgreSQL"):
        move_to_server(tmp_path / "a.db", str(tmp_path / "b.db"))
