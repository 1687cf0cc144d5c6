"""Evaluated orders are remembered (issue #15: the overview evaluated the month's 1,300 orders again after every
work-order write) — and never served stale: a later event, the clock on an open order and a policy change each give a
fresh evaluation, equal to one made without the memo (each database engine has its own)."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.policy import service as policy
from station_desk.work_orders import service as wo
from station_desk.work_orders.queries import sla as sla_queries
from tests.fixtures.work_orders import set_policy_from

D = dt.datetime
SPAN = (D(2026, 11, 1), D(2026, 12, 1))


def _facts(db):
    with db.read() as s:
        return {f.id: f for f in sla_queries.order_facts_in(s, *SPAN)}


def _fresh(db):
    """The same facts evaluated from scratch (no memo)."""
    saved = sla_queries._MEMO.pop(db.engine, None)
    try:
        return _facts(db)
    finally:
        if saved is not None:
            sla_queries._MEMO[db.engine] = saved


def _order(db, st, fake_now, at, tech):
    fake_now(at)
    oid = wo.create_order(db, actor=st.clerk, kind="repair", service_class="C", customer_name="陈大爷",
                          area="简易片区", address="3栋2单元501", description="电视无信号")
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=tech)
    fake_now(at + dt.timedelta(minutes=10))
    wo.record_response(db, actor=st.clerk, order_id=oid)
    return oid


def test_a_finished_order_is_evaluated_once_and_again_after_a_new_event(db, station, fake_now, monkeypatch):
    st = station
    done = _order(db, st, fake_now, D(2026, 11, 23, 9, 0), st.tech1)
    fake_now(D(2026, 11, 23, 10, 0))
    wo.return_order(db, actor=st.clerk, order_id=done, work_done="换分支器")
    evaluated = []
    real = sla_queries.evaluate
    monkeypatch.setattr(sla_queries, "evaluate", lambda evs, *a, **k: evaluated.append(evs[0].order_id)
                        or real(evs, *a, **k))
    first = _facts(db)
    assert evaluated == [done]
    evaluated.clear()
    assert _facts(db) == first and evaluated == []  # remembered
    fake_now(D(2026, 11, 23, 15, 0))
    wo.record_follow_up_call(db, actor=st.clerk, order_id=done, solved=True, attitude="satisfied", charged=False,
                             score=9)
    after_call = _facts(db)
    assert evaluated == [done] and after_call[done].scores == (9,)
    assert after_call == _fresh(db)


def test_an_open_order_is_evaluated_at_every_read(db, station, fake_now):
    st = station
    open_oid = _order(db, st, fake_now, D(2026, 11, 23, 9, 0), st.tech1)
    fake_now(D(2026, 11, 23, 10, 0))
    assert not _facts(db)[open_oid].sla.resolve_late
    fake_now(D(2026, 11, 23, 18, 0))  # four opening hours have passed: late now
    assert _facts(db)[open_oid].sla.resolve_late
    assert open_oid not in sla_queries._MEMO[db.engine].facts


def test_a_policy_change_makes_every_remembered_order_miss(db, station, fake_now):
    st = station
    oid = _order(db, st, fake_now, D(2026, 11, 24, 9, 0), st.tech1)
    fake_now(D(2026, 11, 24, 12, 0))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换分支器", late_reason="")
    assert not _facts(db)[oid].sla.resolve_late  # three opening hours: on time under the 4 h rule
    pol = policy.current_policy(db)
    two_h = pol.model_copy(update={"work_orders": pol.work_orders.model_copy(update={"use_two_hour_rule": True})})
    set_policy_from(db, dt.date(2026, 11, 20), two_h)  # a correction in force before the dispatch
    assert _facts(db)[oid].sla.resolve_late == _fresh(db)[oid].sla.resolve_late is True


def test_a_new_event_makes_only_its_own_order_miss(db, station, fake_now, monkeypatch):
    """What changed since the last read is found from the events newer than the memo's newest id: an event on one
    order evaluates that order again, and no other."""
    st = station
    a = _order(db, st, fake_now, D(2026, 11, 23, 9, 0), st.tech1)
    b = _order(db, st, fake_now, D(2026, 11, 23, 9, 30), st.tech2)
    fake_now(D(2026, 11, 23, 11, 0))
    for oid in (a, b):
        wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换分支器")
    _facts(db)
    evaluated = []
    real = sla_queries.evaluate
    monkeypatch.setattr(sla_queries, "evaluate", lambda evs, *a, **k: evaluated.append(evs[0].order_id)
                        or real(evs, *a, **k))
    fake_now(D(2026, 11, 23, 15, 0))
    # an event that leaves the order's row as it was (the row is part of the key: a row change misses anyway)
    wo.book_call_back(db, actor=st.clerk, order_id=b, call_back_at=D(2026, 11, 24, 10, 0))
    facts = _facts(db)
    assert evaluated == [b]
    assert facts == _fresh(db)


def test_an_evaluation_read_on_an_older_snapshot_is_never_kept():
    """Two threads can read two snapshots: an order evaluated on the older one (it may lack a newer event) is not
    remembered, and nothing remembered is served to it."""
    memo = sla_queries._Memo()
    memo.seen = 10
    fact = object()
    memo.keep(9, 1, ("row",), fact)
    assert 1 not in memo.facts
    memo.keep(10, 1, ("row",), fact)
    assert memo.get(10, 1, ("row",)) is fact
    assert memo.get(9, 1, ("row",)) is None and memo.get(10, 1, ("other row",)) is None


def test_catching_up_reads_a_range_of_the_event_log_not_all_of_it(db, station, fake_now):
    """What is new since the memo's newest event is read from the primary key's range; asked with DISTINCT,
    SQLite walked the whole index on order_id instead (20 ms after every write at 10 years)."""
    from sqlalchemy import event

    if db.dialect.is_server:
        pytest.skip("SQLite's query plan")
    st = station
    oid = _order(db, st, fake_now, D(2026, 11, 23, 9, 0), st.tech1)
    fake_now(D(2026, 11, 23, 11, 0))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换分支器")
    _facts(db)
    wo.book_call_back(db, actor=st.clerk, order_id=oid, call_back_at=D(2026, 11, 24, 10, 0))
    seen: list = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "work_order_event.id >" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        _facts(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert len(seen) == 1
    with db.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1]))
    assert "PRIMARY KEY" in plan and "SCAN" not in plan, plan


@pytest.mark.parametrize("close_hook", [True, False], ids=["close-hook", "anchor-only"])
def test_a_restore_under_the_same_database_is_not_served_stale(db, manager, station, fake_now, monkeypatch,
                                                               close_hook):
    """A restore replaces the file under the same ``Database`` (the window keeps it): event ids are handed out
    again, so "newer than the memo's newest id" no longer finds what changed. Closing the database drops the memo;
    without that hook, the event the memo stands on (its ``anchor``) is not there as it was, and it starts again."""
    from station_desk.backup import service as backups
    from station_desk.db import engine as db_engine

    if db.path is None:
        pytest.skip("a file restore (PostgreSQL restores into a new database)")
    if not close_hook:
        monkeypatch.setattr(db_engine, "ON_CLOSE", [])
    st = station
    oid = _order(db, st, fake_now, D(2026, 11, 23, 9, 0), st.tech1)
    fake_now(D(2026, 11, 23, 10, 0))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换分支器")
    fake_now(D(2026, 11, 23, 10, 5))
    copy = backups.backup_before(db, "manual")
    fake_now(D(2026, 11, 23, 15, 0))
    wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=True, attitude="satisfied", charged=False,
                             score=9)
    assert _facts(db)[oid].scores == (9,)
    backups.restore_backup(db, actor=manager[0], approval=manager[1], path=copy)
    backups.reopen_after_restore(db)
    fake_now(D(2026, 11, 23, 16, 0))
    wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=True, attitude="satisfied", charged=False,
                             score=6)
    assert _facts(db)[oid].scores == (6,) and _facts(db) == _fresh(db)
