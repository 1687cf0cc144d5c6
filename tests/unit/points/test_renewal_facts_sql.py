"""The renewal facts counted in SQL (issue #15: a month of a big station has ~8,300 customers due, which were
fetched one row each) equal the row-by-row definition they replaced, on a generated station: renewals of every
kind (reversed, reversing, dated after the month, with and without an expiry before, several per customer) and
customers of every billing cycle with no renewal, a renewal in another month, or a renewal in the month."""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import select

from station_desk import clock
from station_desk.customers.models import Customer, Renewal
from station_desk.month import Month
from station_desk.overview.service import renewal_counts_so_far, renewals_so_far
from station_desk.points import formulas as F
from station_desk.points.facts import bounds, cycle_bucket, renewal_facts

CYCLES = ("monthly", "half_year", "yearly", "two_year")
MONTHS = ("2026-09", "2026-10", "2026-11")


def _old_renewal_facts(s, month):
    """The definition as it was: every live renewal of the month and every customer due, one row each."""
    start, end = bounds(month)
    rows = s.exec(select(Renewal).where((Renewal.expiry_before.between(start, end - dt.timedelta(days=1)))
                                        | (Renewal.day.between(start, end - dt.timedelta(days=1))))).all()
    rev = set(s.exec(select(Renewal.reverses_id).where(Renewal.reverses_id.in_([r.id for r in rows] or [0]))).all())
    live = [r for r in rows if r.reverses_id is None and r.id not in rev]
    due, renewed, month_renewals, income = {}, {}, [], 0
    for r in sorted(live, key=lambda r: (r.day, r.id)):
        if r.expiry_before is not None and start <= r.expiry_before < end:
            due.setdefault(r.customer_id, r.cycle)
            if r.day < end:
                renewed.setdefault(r.customer_id, r.id)
        if start <= r.day < end:
            month_renewals.append(r.id)
            income += r.amount_fen
    for cid, cycle in s.exec(select(Customer.id, Customer.cycle).where(
            Customer.expiry_date >= start, Customer.expiry_date < end)).all():
        due.setdefault(cid, cycle)

    def rate(cycle=None):
        ids = [c for c, cy in due.items() if cycle is None or cycle_bucket(cy) == cycle]
        done = sum(1 for c in ids if c in renewed)
        return F.renewal_rate_pct(done, len(ids)), done, len(ids)

    return {"rates": {c: rate(c) for c in (None, "monthly", "half_year", "yearly")}, "renewed": renewed,
            "month_renewals": month_renewals, "income": income,
            "renewed_cycles": {cid: cycle_bucket(due[cid]) for cid in renewed}}


def _new(s, month):
    rf = renewal_facts(s, month)
    return {"rates": {c: rf.rate(c) for c in (None, "monthly", "half_year", "yearly")}, "renewed": rf.renewed,
            "month_renewals": [r.id for r in rf.month_renewals], "income": rf.income_fen,
            "renewed_cycles": {cid: cycle_bucket(rf.due[cid]) for cid in rf.renewed}}


def _generate(db, seed: int) -> None:
    rng = random.Random(seed)
    first, span = dt.date(2026, 8, 20), 120

    def day():
        return first + dt.timedelta(days=rng.randrange(span))

    with db.session() as s:
        ids = []
        for n in range(400):
            c = Customer(account_no=f"G{seed}{n:05d}", name=f"用户{n}", area="片区", package="3.0",
                         cycle=rng.choice(CYCLES), expiry_date=None if rng.random() < 0.05 else day(),
                         created_at=clock.now())
            s.add(c)
            s.flush()
            ids.append(c.id)
        renewals = []
        for _ in range(350):
            r = Renewal(customer_id=rng.choice(ids[:250]), day=day(), cycle=rng.choice(CYCLES), package_before="3.0",
                        package_after=rng.choice(("3.0", "4.0")), amount_fen=rng.randrange(1, 50) * 1000,
                        expiry_before=None if rng.random() < 0.08 else day(), created_at=clock.now())
            s.add(r)
            s.flush()
            renewals.append(r)
        for r in rng.sample(renewals, 40):  # reversed, the reversal dated the same day or later
            s.add(Renewal(customer_id=r.customer_id, day=r.day + dt.timedelta(days=rng.randrange(0, 40)),
                          cycle=r.cycle, package_before=r.package_after, package_after=r.package_before,
                          amount_fen=-r.amount_fen, expiry_before=r.expiry_after, reverses_id=r.id,
                          created_at=clock.now()))


def test_renewal_facts_counted_in_sql_equal_the_row_by_row_definition(db):
    _generate(db, 15)
    with db.read() as s:
        for month in MONTHS:
            old, new = _old_renewal_facts(s, month), _new(s, month)
            assert old["rates"][None][2] > 50 and old["rates"][None][1] > 5 and old["month_renewals"]  # not empty
            assert new == old, month


def test_overview_counts_in_sql_equal_its_rows(db):
    _generate(db, 16)
    month = Month.parse("2026-10")
    for today in (dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2026, 10, 17), dt.date(2026, 11, 3)):
        rows = renewals_so_far(db, month, today)
        expected = (sum(1 for v in rows.values() if v), len(rows))
        assert renewal_counts_so_far(db, month, today) == expected, today
    assert expected[0] > 5 and expected[1] > expected[0]


def test_the_month_reads_use_the_month_indexes(db):
    """Every statement of a month's renewal facts, the overview's counts and the rewards' upgrades searches by an
    index on the month (no SCAN of a table, not the reverses_id index for "not a reversal", which matches nearly
    every row, and the customers counted from an index alone): their cost is what the month holds, not what the
    station ever took."""
    import pytest
    from sqlalchemy import event

    from station_desk.rewards import compute

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plans")
    _generate(db, 17)
    statements: list[tuple[str, tuple]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "customer_renewal" in statement:
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        with db.read() as s:
            renewal_facts(s, "2026-10")
            compute.compute_rewards_in(s, "2026-10")
        renewal_counts_so_far(db, Month.parse("2026-10"), dt.date(2026, 10, 17))
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    assert len(statements) >= 4
    with db.engine.connect() as conn:
        for statement, parameters in statements:
            plan = [r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()]
            assert not [d for d in plan if d.startswith("SCAN")], (statement, plan)
            assert not [d for d in plan if "customer_renewal USING INDEX ix_customer_renewal_reverses_id" in d], plan
            # the customers due are counted from the index on (expiry_date, cycle), not read a row each
            assert not [d for d in plan if d.startswith("SEARCH customer USING INDEX")], plan
