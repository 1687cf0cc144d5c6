"""Facts for points/rewards, the historical loader, and the links into takings and customer sign-ups."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from station_desk.month import Month
from station_desk.work_orders import facts, queries
from station_desk.work_orders import service as wo

D = dt.datetime
WEEK = dt.date(2026, 11, 23)


def _rec(tech, clerk, created, **kw):
    r = dict(kind="repair", service_class="C", created_at=created, customer_name="用户", area="简易片区",
             description="断网", technician_id=tech, dispatched_by_id=clerk)
    r.update(kw)
    return r


def test_loader_and_week_summaries(db, station, fake_now):
    st = station
    fake_now(D(2026, 11, 30, 9, 0))
    recs = [
        # on time
        _rec(st.tech1, st.clerk.staff_id, D(2026, 11, 23, 9, 0), dispatched_at=D(2026, 11, 23, 9, 5),
             responded_at=D(2026, 11, 23, 9, 20), finished_at=D(2026, 11, 23, 10, 0), called_at=D(2026, 11, 23, 15),
             closed_at=D(2026, 11, 23, 15, 5), score=9),
        # resolved late (4 h 30 opening minutes), form entered two days later
        _rec(st.tech1, st.clerk.staff_id, D(2026, 11, 24, 9, 0), dispatched_at=D(2026, 11, 24, 9, 0),
             responded_at=D(2026, 11, 24, 9, 10), finished_at=D(2026, 11, 24, 13, 30),
             recorded_finished_at=D(2026, 11, 26, 9, 0), late_reason="缺配件"),
        # dispatched 2 h after registration, still open at week end past its deadline: dragged
        _rec(st.tech1, st.clerk.staff_id, D(2026, 11, 27, 9, 0), dispatched_at=D(2026, 11, 27, 11, 0)),
        # another technician, a new install (not a repair)
        _rec(st.tech2, st.clerk.staff_id, D(2026, 11, 25, 9, 0), kind="new_install",
             dispatched_at=D(2026, 11, 25, 9, 10), responded_at=D(2026, 11, 25, 9, 20),
             finished_at=D(2026, 11, 25, 11, 0)),
        # cancelled before dispatch
        _rec(None, None, D(2026, 11, 25, 10, 0), cancelled_at=D(2026, 11, 25, 10, 30)),
    ]
    with db.session() as s:
        ids = facts.load_order_facts_in(s, actor=st.clerk, records=recs)
    assert len(ids) == 5
    assert queries.get_order(db, ids[0]).status == "closed"
    assert [o.id for o in queries.board(db).orders] == [ids[2]]
    with Session(db.engine) as s:
        rep = facts.repair_week_summary(s, st.tech1, WEEK)
        assert rep == {"orders": 3, "overdue": 2, "dragged": 1, "forms_late": 1, "open": 0}
        assert facts.repair_week_summary(s, st.tech2, WEEK) == {"orders": 0, "overdue": 0, "dragged": 0,
                                                                 "forms_late": 0, "open": 0}
        disp = facts.dispatch_week_summary(s, st.clerk.staff_id, WEEK)
        assert disp == {"orders": 4, "dispatched_late": 1, "overdue": 2, "complaints": 0, "open": 0}
        assert facts.station_failure_count(s, Month(2026, 11)) == 3
        assert facts.station_failure_rate(s, Month(2026, 11)) == 0.0  # no active customers
    rows = {r.name: r for r in queries.sla_report(db, month="2026-11")}
    assert rows["张师傅"].orders == 3 and rows["张师傅"].follow_up_avg_score == 9.0


def test_failure_rate_per_100_customers(db, station):
    from station_desk.customers.models import Customer

    with db.session() as s:
        for i in range(200):
            s.add(Customer(account_no=f"A{i}", name=f"用户{i}", created_at=D(2026, 1, 1)))
        facts.load_order_facts_in(s, actor=station.clerk, records=[
            _rec(station.tech1, None, D(2026, 11, 3, 9, 0)) for _ in range(3)])
    with Session(db.engine) as s:
        assert facts.station_failure_rate(s, Month(2026, 11)) == 1.5


def test_paid_return_goes_into_takings_and_install_marks_signup(db, station, fake_now):
    from station_desk.customers import service as customers
    from station_desk.customers.models import SignUp
    from station_desk.takings.models import Receipt

    st = station
    with db.session() as s:
        su = customers.record_signup_in(s, actor=st.clerk, day=dt.date(2026, 11, 20), signed_by_id=st.tech2,
                                        area="简易片区", package="6.0", cycle="yearly", income_fen=72000)
    oid = wo.create_order(db, actor=st.clerk, kind="new_install", service_class="A", customer_name="新用户",
                          description="新装 6.0", signup_id=su.id)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 20))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="开通调试", amount_fen=5000, pay_method="wechat",
                    invoice_no="F0001", signed=True)
    with db.read() as s:
        rec = s.exec(select(Receipt)).one()
        assert (rec.amount_fen, rec.method, rec.source_kind, rec.source_id) == (5000, "wechat", "work_order",
                                                                                 str(oid))
        signup = s.get(SignUp, su.id)
        assert signup.status == "installed" and signup.work_order_id == oid and signup.installed_by_id == st.tech1


def test_history_points_bulk_once(db, station, fake_now):
    from station_desk.points.models import PointEntry

    st = station
    recs = [_rec(st.tech1, None, D(2026, 11, 2, 9, 0), dispatched_at=D(2026, 11, 2, 9, 5),
                 responded_at=D(2026, 11, 2, 9, 10), finished_at=D(2026, 11, 2, 10, 0), called_at=D(2026, 11, 2, 15),
                 closed_at=D(2026, 11, 2, 15, 5)),
            _rec(st.tech2, None, D(2026, 11, 3, 9, 0), dispatched_at=D(2026, 11, 3, 9, 5),
                 responded_at=D(2026, 11, 3, 10, 10), finished_at=D(2026, 11, 3, 11, 0),
                 called_at=D(2026, 11, 3, 15), closed_at=D(2026, 11, 3, 15, 5)),
            _rec(st.tech2, None, D(2026, 11, 4, 9, 0), dispatched_at=D(2026, 11, 4, 9, 5))]
    with db.session() as s:
        ids = facts.load_order_facts_in(s, actor=st.clerk, records=recs)
        assert facts.credit_history_points_in(s, actor=st.clerk, order_ids=ids) == 2
        assert facts.credit_history_points_in(s, actor=st.clerk, order_ids=ids) == 0
    with Session(db.engine) as s:
        assert facts.orders_closed_points(s, Month(2026, 11)) == {st.tech1: 500, st.tech2: 250}
        assert len(s.exec(select(PointEntry)).all()) == 2


def test_loader_refuses_out_of_order_times(db, station):
    import pytest

    from station_desk.errors import DomainError

    bad = _rec(station.tech1, None, D(2026, 11, 2, 9, 0), dispatched_at=D(2026, 11, 2, 8, 0))
    with pytest.raises(DomainError, match="第 1 条"):
        with db.session() as s:
            facts.load_order_facts_in(s, actor=station.clerk, records=[bad])
    assert queries.list_orders(db) == []


def test_loader_ids_are_the_database_keys(db, station, fake_now):
    """The loader lets the database assign the orders' keys and hangs each order's events on its own key."""
    st = station
    fake_now(D(2026, 11, 30, 9, 0))
    first = wo.create_order(db, actor=st.clerk, kind="repair", customer_name="甲", description="断网")
    recs = [_rec(st.tech1, st.clerk.staff_id, D(2026, 11, 23, 9, 0), dispatched_at=D(2026, 11, 23, 9, 5)),
            _rec(None, None, D(2026, 11, 24, 9, 0)),
            _rec(st.tech2, st.clerk.staff_id, D(2026, 11, 25, 9, 0), dispatched_at=D(2026, 11, 25, 9, 30))]
    with db.session() as s:
        ids = facts.load_order_facts_in(s, actor=st.clerk, records=recs)
    assert ids == [first + 1, first + 2, first + 3]
    assert [queries.get_order(db, i).status for i in ids] == ["dispatched", "new", "dispatched"]
    assert [queries.get_order(db, i).technician_id for i in ids] == [st.tech1, None, st.tech2]
    assert [[e.kind for e in queries.get_order(db, i).events] for i in ids] == [
        ["created", "dispatched"], ["created"], ["created", "dispatched"]]
