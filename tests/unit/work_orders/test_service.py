"""Work-order lifecycle: transitions, late reasons, follow-up calls, points once, policy in force at dispatch."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.month import Month
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.points.models import PointEntry
from station_desk.policy import service as policy
from station_desk.work_orders import facts, queries
from station_desk.work_orders import service as wo
from station_desk.work_orders.models import WorkOrderEvent
from tests.fixtures.work_orders import set_policy_from

D = dt.datetime


def _new(db, st, **kw):
    args = dict(kind="repair", service_class="C", customer_name="陈大爷", area="简易片区", address="3栋2单元501",
                description="电视无信号")
    args.update(kw)
    return wo.create_order(db, actor=st.clerk, **args)


def test_full_lifecycle_on_time(db, station, fake_now):
    st = station
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 20))
    wo.record_response(db, actor=st.clerk, order_id=oid)
    fake_now(D(2026, 11, 23, 11, 0))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="更换分支器", equipment="分支器", minutes_spent=40,
                    signed=True)
    res = wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=True, attitude="satisfied",
                                   charged=False, score=9)
    assert not res.reopened and res.complaint_order_id is None
    wo.close_order(db, actor=st.clerk, order_id=oid)
    d = queries.get_order(db, oid)
    assert d.status == "closed" and d.sla.response_minutes == 20 and d.sla.resolution_minutes == 120
    assert not d.sla.late
    kinds = [e.kind for e in d.events]
    assert kinds == ["created", "dispatched", "responded", "returned", "called", "closed"]
    actions = {e.action for e in audit.list_entries(db, entity="work_order")}
    assert {"work_orders.create", "work_orders.dispatch", "work_orders.return", "work_orders.close"} <= actions
    with db.read() as s:
        pts = s.exec(__import__("sqlmodel").select(PointEntry)).all()
    assert [(p.staff_id, p.points_x100, p.rule) for p in pts] == [(st.tech1, 500, "work_order.closed")]


@pytest.mark.parametrize("action,call", [
    ("respond", lambda db, a, oid: wo.record_response(db, actor=a, order_id=oid)),
    ("return", lambda db, a, oid: wo.return_order(db, actor=a, order_id=oid, work_done="x")),
    ("close", lambda db, a, oid: wo.close_order(db, actor=a, order_id=oid, reason="r")),
    ("call", lambda db, a, oid: wo.record_follow_up_call(db, actor=a, order_id=oid, solved=True,
                                                         attitude="satisfied", charged=False, score=8)),
])
def test_transitions_refused_on_new_order(db, station, action, call):
    oid = _new(db, station)
    with pytest.raises(DomainError, match="不能"):
        call(db, station.clerk, oid)
    with db.read() as s:
        assert len(s.exec(__import__("sqlmodel").select(WorkOrderEvent)).all()) == 1


def test_cancel_needs_reason_and_closes_transitions(db, station):
    oid = _new(db, station)
    with pytest.raises(DomainError, match="取消原因"):
        wo.cancel_order(db, actor=station.clerk, order_id=oid, reason=" ")
    wo.cancel_order(db, actor=station.clerk, order_id=oid, reason="用户自行恢复")
    with pytest.raises(DomainError, match="已取消"):
        wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)


def test_late_response_needs_reason_and_breach_stays(db, station, fake_now):
    st = station
    fake_now(D(2026, 11, 23, 19, 50))
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 24, 9, 0))
    # answered 08:45 next morning = 25 opening minutes: on time, no reason needed
    wo.record_response(db, actor=st.clerk, order_id=oid, at=D(2026, 11, 24, 8, 45))
    d = queries.get_order(db, oid)
    assert d.sla.response_minutes == 25 and not d.sla.respond_late
    # resolve due: 10 min Monday + 230 min Tuesday → 12:20
    fake_now(D(2026, 11, 24, 13, 0))
    with pytest.raises(DomainError, match="超时原因"):
        wo.return_order(db, actor=st.clerk, order_id=oid, work_done="接头氧化，重做")
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="接头氧化，重做", late_reason="片区较远，等配件")
    d = queries.get_order(db, oid)
    assert d.sla.resolve_late and d.late_reasons == ["片区较远，等配件"]
    assert d.sla.current.resolve_due == D(2026, 11, 24, 12, 20)
    wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=True, attitude="average", charged=False,
                             score=7)
    wo.close_order(db, actor=st.clerk, order_id=oid)
    assert queries.get_order(db, oid).sla.resolve_late  # a breach stays a breach
    with db.read() as s:
        entry = s.exec(__import__("sqlmodel").select(PointEntry)).one()
    assert entry.points_x100 == 250  # late: 50 % of 5 points


def test_response_time_in_future_or_before_dispatch_refused(db, station, fake_now):
    oid = _new(db, station)
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    with pytest.raises(DomainError, match="晚于现在"):
        wo.record_response(db, actor=station.clerk, order_id=oid, at=D(2026, 11, 23, 10, 0))
    with pytest.raises(DomainError, match="早于派单"):
        wo.record_response(db, actor=station.clerk, order_id=oid, at=D(2026, 11, 23, 8, 0))


def test_policy_in_force_at_dispatch_is_used(db, station, fake_now):
    st = station
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)  # Monday 09:00, 4 h rule
    pol = policy.current_policy(db)
    two_h = pol.model_copy(update={"work_orders": pol.work_orders.model_copy(update={"use_two_hour_rule": True})})
    set_policy_from(db, dt.date(2026, 11, 24), two_h)
    fake_now(D(2026, 11, 24, 9, 0))
    oid2 = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid2, technician_id=st.tech2)
    fake_now(D(2026, 11, 24, 12, 0))
    b = {o.id: o for o in queries.board(db).orders}
    assert b[oid].resolve_due == D(2026, 11, 23, 13, 0)  # dispatched under the 4 h policy
    assert b[oid2].resolve_due == D(2026, 11, 24, 11, 0)  # dispatched under the 2 h policy


def test_redispatch_keeps_clock_and_reopen_starts_new_cycle(db, station, fake_now):
    st = station
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 10))
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech2)
    b = {o.id: o for o in queries.board(db).orders}
    assert b[oid].respond_due == D(2026, 11, 23, 9, 30) and b[oid].technician == "李师傅"
    fake_now(D(2026, 11, 23, 10, 0))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="重启光猫", late_reason="改派耽误")
    res = wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=False, attitude="average",
                                   charged=False, score=5, suggestion="还是断")
    assert res.reopened
    d = queries.get_order(db, oid)
    assert d.status == "reopened"
    fake_now(D(2026, 11, 23, 14, 0))
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 14, 20))
    wo.record_response(db, actor=st.clerk, order_id=oid)
    d = queries.get_order(db, oid)
    assert len(d.sla.cycles) == 2 and d.sla.cycles[0].respond_late and not d.sla.cycles[1].respond_late
    assert d.sla.respond_late  # the first cycle's breach stays


def test_unsatisfied_raises_complaint_for_manager(db, station, fake_now):
    st = station
    oid = _new(db, st, service_class="A")
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 25))
    with pytest.raises(DomainError, match="发票"):  # cash on site needs an invoice, as at the desk
        wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换机顶盒", amount_fen=5000, pay_method="cash")
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换机顶盒", amount_fen=5000, pay_method="cash",
                    invoice_no="FP20261123001")
    res = wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=True, attitude="unsatisfied",
                                   charged=True, score=3, suggestion="态度差")
    assert res.complaint_order_id
    c = queries.get_order(db, res.complaint_order_id)
    assert c.kind == "complaint" and c.for_manager and c.parent_id == oid and "态度差" in c.description
    assert queries.get_order(db, oid).amount_fen == 5000
    week = facts.dispatch_week_summary(__import__("sqlmodel").Session(db.engine), st.clerk.staff_id,
                                       dt.date(2026, 11, 23))
    assert week == {"orders": 1, "dispatched_late": 0, "overdue": 0, "complaints": 1, "open": 0}


def test_amount_only_on_paid_work(db, station, fake_now):
    oid = _new(db, station, service_class="C")
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    with pytest.raises(DomainError, match="有偿"):
        wo.return_order(db, actor=station.clerk, order_id=oid, work_done="x", amount_fen=100)


def test_points_credited_once_only(db, station, fake_now):
    st = station
    oid = _new(db, st, kind="new_install", service_class="A")
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 25))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="开通")
    wo.close_order(db, actor=st.clerk, order_id=oid, reason="用户电话停机，无法回访")
    wo.reopen_order(db, actor=st.clerk, order_id=oid, reason="用户来电说没开通")
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech2)
    fake_now(D(2026, 11, 23, 9, 50))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="重新开通")
    wo.close_order(db, actor=st.clerk, order_id=oid, reason="已当面确认")
    with db.read() as s:
        rows = s.exec(__import__("sqlmodel").select(PointEntry)).all()
        assert len(rows) == 1 and rows[0].points_x100 == 1000
        assert facts.orders_closed_points(s, Month(2026, 11)) == {st.tech1: 1000}


def test_close_without_call_needs_reason(db, station, fake_now):
    oid = _new(db, station)
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    fake_now(D(2026, 11, 23, 9, 10))
    wo.return_order(db, actor=station.clerk, order_id=oid, work_done="x")
    with pytest.raises(DomainError, match="还没有回访"):
        wo.close_order(db, actor=station.clerk, order_id=oid)


def test_board_order_and_loads(db, station, fake_now):
    st = station
    fake_now(D(2026, 11, 22, 19, 55))
    old = _new(db, st)  # left undispatched at close of day
    fake_now(D(2026, 11, 23, 9, 0))
    urgent = _new(db, st, priority=1)
    normal = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=normal, technician_id=st.tech1)
    b = queries.board(db)
    assert [o.id for o in b.orders] == [old, urgent, normal]
    assert b.orders[0].carried_over and not b.orders[1].carried_over
    loads = {t.staff_id: t for t in b.loads}
    assert loads[st.tech1].open_orders == 1 and loads[st.tech2].open_orders == 0
    assert b.loads[0].staff_id == st.tech2  # least loaded first


def test_not_home_counts_as_response(db, station, fake_now):
    oid = _new(db, station, kind="expiring_visit")
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    fake_now(D(2026, 11, 23, 9, 15))
    wo.follow_order(db, actor=station.clerk, order_id=oid, mode="not_home", note="已留上门条",
                    next_visit_at=D(2026, 11, 24, 10, 0))
    d = queries.get_order(db, oid)
    assert d.status == "in_progress" and d.sla.response_minutes == 15


def test_outage_log_and_weekly_fault_types(db, station, fake_now):
    st = station
    o1, o2 = _new(db, st), _new(db, st)
    out = wo.record_outage(db, actor=st.clerk, area="肖家地片区", cause="光缆被挖断", fault_type="线路故障",
                           started_at=D(2026, 11, 23, 8, 40), expected_recovery_at=D(2026, 11, 23, 14, 0))
    wo.link_orders_to_outage(db, actor=st.clerk, outage_id=out, order_ids=[o1, o2])
    wo.update_outage(db, actor=st.clerk, outage_id=out, recovered_at=D(2026, 11, 23, 13, 30))
    rows = queries.list_outages(db)
    assert rows[0].linked_orders == 2 and rows[0].recovered_at == D(2026, 11, 23, 13, 30)
    weeks = queries.fault_type_weekly(db, weeks=2)
    assert weeks[-1] == (dt.date(2026, 11, 23), {"线路故障": 2})
    with pytest.raises(DomainError, match="早于"):
        wo.update_outage(db, actor=st.clerk, outage_id=out, recovered_at=D(2026, 11, 23, 8, 0))


def test_later_policy_change_does_not_move_a_dispatched_deadline(db, station, fake_now):
    from station_desk.policy.sections import OpeningHours

    st = station
    fake_now(D(2026, 11, 23, 19, 50))
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    pol = policy.current_policy(db)
    closed_tuesday = pol.model_copy(update={"hours": OpeningHours(closed_days=[dt.date(2026, 11, 24)])})
    set_policy_from(db, dt.date(2026, 11, 24), closed_tuesday)
    fake_now(D(2026, 11, 24, 9, 0))
    order = next(o for o in queries.board(db).orders if o.id == oid)
    assert order.respond_due == D(2026, 11, 24, 8, 50)  # the policy of the dispatch day
    # an order dispatched on the closed day itself starts counting on Wednesday morning
    oid2 = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid2, technician_id=st.tech2)
    order2 = next(o for o in queries.board(db).orders if o.id == oid2)
    assert order2.respond_due == D(2026, 11, 25, 9, 0)


def test_call_back_booking_and_late_reason_after_the_fact(db, station, fake_now):
    st = station
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 50))
    wo.record_response(db, actor=st.clerk, order_id=oid, late_reason="前一单未完")
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="调整信号")  # response reason already recorded
    wo.book_call_back(db, actor=st.clerk, order_id=oid, call_back_at=D(2026, 11, 23, 18, 0), note="用户在上班")
    with pytest.raises(DomainError, match="超时原因"):
        wo.explain_late(db, actor=st.clerk, order_id=oid, reason="")
    wo.explain_late(db, actor=st.clerk, order_id=oid, reason="已向用户致歉")
    d = queries.get_order(db, oid)
    assert d.late_reasons == ["前一单未完", "已向用户致歉"]
    booked = next(e for e in d.events if e.kind == "call_booked")
    assert booked.data["call_back_at"] == "2026-11-23T18:00" and booked.note == "用户在上班"
    with pytest.raises(DomainError, match="评分"):
        wo.record_follow_up_call(db, actor=st.clerk, order_id=oid, solved=True, attitude="satisfied",
                                 charged=False, score=11)
    with pytest.raises(DomainError, match="跟单"):
        wo.follow_order(db, actor=st.clerk, order_id=oid, mode="note", note="x")  # returned: no more follow


def test_every_state_change_is_audited(db, station, fake_now):
    from station_desk.audit import service as audit_service

    oid = _new(db, station)
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    wo.cancel_order(db, actor=station.clerk, order_id=oid, reason="重复登记")
    entries = [e for e in audit_service.list_entries(db, entity="work_order") if e.entity_id == str(oid)]
    assert sorted(e.action for e in entries) == ["work_orders.cancel", "work_orders.create", "work_orders.dispatch"]
    assert any(e.reason == "重复登记" for e in entries)
    assert audit_service.verify_chain(db) is None


def test_check_action_refuses_as_the_write_would(db, station, fake_now):
    """A view asks before opening a form: the same refusal as the write, and nothing is written."""
    oid = _new(db, station)
    with pytest.raises(DomainError) as asked:
        wo.check_action(db, order_id=oid, action="call")
    with pytest.raises(DomainError) as written:
        wo.record_follow_up_call(db, actor=station.clerk, order_id=oid, solved=True, attitude="satisfied",
                                 charged=False, score=9)
    assert str(asked.value) == str(written.value) and "不能回访" in str(asked.value)
    with pytest.raises(DomainError, match="找不到工单"):
        wo.check_action(db, order_id=oid + 100, action="dispatch")
    wo.check_action(db, order_id=oid, action="dispatch")  # allowed: no error
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    fake_now(D(2026, 11, 23, 9, 10))
    wo.return_order(db, actor=station.clerk, order_id=oid, work_done="x")
    wo.check_action(db, order_id=oid, action="call")


def test_close_needs_reason_only_without_a_call(db, station, fake_now):
    """The service decides whether closing needs a reason (the tab asks it before choosing a form)."""
    oid = _new(db, station)
    with pytest.raises(DomainError, match="不能关单"):
        wo.close_needs_reason(db, order_id=oid)
    wo.dispatch_order(db, actor=station.clerk, order_id=oid, technician_id=station.tech1)
    fake_now(D(2026, 11, 23, 9, 10))
    wo.return_order(db, actor=station.clerk, order_id=oid, work_done="x")
    assert wo.close_needs_reason(db, order_id=oid) is True
    wo.record_follow_up_call(db, actor=station.clerk, order_id=oid, solved=True, attitude="satisfied",
                             charged=False, score=9)
    assert wo.close_needs_reason(db, order_id=oid) is False
    wo.close_order(db, actor=station.clerk, order_id=oid)
    assert queries.get_order(db, oid).status == "closed"


def test_a_time_given_to_the_minute_of_the_dispatch_is_after_it(db, station, fake_now):
    """The forms give times to the minute: answered "09:10" for an order dispatched at 09:10:30 is not refused as
    before the dispatch (it was, at the desk); it is kept at the dispatch time so the log stays in order. A minute
    earlier is still refused."""
    st = station
    fake_now(D(2026, 11, 23, 9, 10, 30))
    oid = _new(db, st)
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    fake_now(D(2026, 11, 23, 9, 10, 50))
    with pytest.raises(DomainError, match="早于派单时间"):
        wo.record_response(db, actor=st.clerk, order_id=oid, at=D(2026, 11, 23, 9, 9))
    wo.record_response(db, actor=st.clerk, order_id=oid, at=D(2026, 11, 23, 9, 10))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="重做接头", minutes_spent=5, signed=True,
                    finished_at=D(2026, 11, 23, 9, 10))
    d = queries.get_order(db, oid)
    assert d.sla.response_minutes == 0
