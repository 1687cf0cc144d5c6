"""After the return (SPEC §3): the follow-up call (回访) or a booked call-back, closing (which credits the
technician's order points once), cancelling and reopening."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.points_ledger import service as ledger
from station_desk.points_ledger.models import PointEntry
from station_desk.policy.service import policy_on
from station_desk.work_orders.models import WorkOrder
from station_desk.work_orders.service.orders import create_order_in
from station_desk.work_orders.service.states import (ATTITUDES, KINDS, add_event, audit_order, check_transition,
                                                     clean_text, close_needs_reason_of, event_time, order_in,
                                                     reasoned_step)
from station_desk.work_orders.timeline import PolicyCache, evaluate, load_events, summarise


@dataclass(frozen=True)
class CallResult:
    order_id: int
    reopened: bool
    complaint_order_id: int | None
    pay_reminder: bool


# -- follow-up call (回访) -------------------------------------------------------------------------------------------
def book_call_back(db, *, actor: Actor, order_id: int, call_back_at: dt.datetime, note: str = "") -> None:
    """The customer cannot talk now: book a call-back time."""
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "book_call")
        add_event(s, order, "call_booked", actor=actor, at=clock.now(), note=note,
                  data={"call_back_at": call_back_at.isoformat(timespec="minutes")})
        audit_order(s, actor, "book_call", order, None, extra={"call_back_at": call_back_at})


def record_follow_up_call(db, *, actor: Actor, order_id: int, solved: bool, attitude: str, charged: bool,
                          score: int, suggestion: str = "", paid_reminder: bool = False,
                          at: dt.datetime | None = None) -> CallResult:
    """回访 script (SPEC §3): solved? attitude? charged? score 1–10, suggestion, pay reminder.

    Unsolved reopens the order (it must be dispatched again); unsatisfied raises a complaint order for the
    manager, linked to this one."""
    if attitude not in ATTITUDES:
        raise DomainError("wo.attitude_invalid")
    if not 1 <= int(score) <= 10:
        raise DomainError("wo.score_invalid")
    suggestion = clean_text(suggestion, "建议或意见", 300)
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "call")
        when = event_time(at, "回访")
        before = audit.snapshot(order)
        answers = {"solved": bool(solved), "attitude": attitude, "charged": bool(charged), "score": int(score),
                   "suggestion": suggestion, "paid_reminder": bool(paid_reminder)}
        add_event(s, order, "called", actor=actor, at=when, sub="solved" if solved else "unsolved",
                  technician_id=order.technician_id, note=suggestion, data=answers)
        order.call_solved, order.call_attitude, order.call_score = bool(solved), attitude, int(score)
        complaint_id = None
        if solved:
            order.status = "called"
        else:
            order.status = "reopened"
            add_event(s, order, "reopened", actor=actor, at=when, reason="回访：问题未解决")
        s.add(order)
        if attitude == "unsatisfied":
            complaint = create_order_in(
                s, actor=actor, kind="complaint", service_class="D", customer_id=order.customer_id,
                customer_name=order.customer_name, phone=order.phone, area=order.area, address=order.address,
                description=f"回访不满意（工单 {order.id}，评分 {int(score)}）：{suggestion or '无具体意见'}",
                priority=1, parent_id=order.id, for_manager=True, at=when)
            complaint_id = complaint.id
            add_event(s, order, "complaint", actor=actor, at=when, note=f"投诉单 {complaint_id}")
        audit_order(s, actor, "call", order, before, extra={"call": answers})
        pay = bool(paid_reminder) or (attitude == "satisfied" and order.service_class == "A" and not charged)
        return CallResult(order.id, not solved, complaint_id, pay)


# -- close / cancel / reopen --------------------------------------------------------------------------------------
def order_points_x100(wo_policy, kind: str, late: bool, had_unsolved: bool) -> int:
    """Points for a closed order under a WorkOrderPolicy (pure)."""
    pts = int(wo_policy.points_x100_by_kind.get(kind, 0))
    if late:
        pts = pts * wo_policy.late_points_pct // 100
    if had_unsolved:
        pts = pts * wo_policy.unsolved_points_pct // 100
    return pts


def _credit_points(s: Session, actor: Actor, order: WorkOrder, day: dt.date) -> None:
    already = s.exec(select(PointEntry.id).where(PointEntry.source_kind == "work_order",
                                                 PointEntry.source_id == str(order.id),
                                                 PointEntry.rule == "work_order.closed")).first()
    if already is not None:  # once and only once per order, whoever closes it again
        return
    events = load_events(s, [order.id])[order.id]
    tech = None
    for e in events:
        if e.kind == "returned" and e.technician_id:
            tech = e.technician_id
    tech = tech or order.technician_id
    if not tech:
        return
    sla = summarise(evaluate(events, order.area, PolicyCache(s)))
    unsolved = any(e.kind == "called" and e.sub == "unsolved" for e in events)
    pts = order_points_x100(policy_on(s, day).work_orders, order.kind, sla.late, unsolved)
    note = f"{KINDS[order.kind]}工单 {order.id}" + ("（超时）" if sla.late else "") + ("（曾回访未解决）" if unsolved else "")
    ledger.credit_in(s, actor=actor, staff_id=tech, day=day, points_x100=pts, kind="order",
                     rule="work_order.closed", source_kind="work_order", source_id=order.id, note=note)


def close_order(db, *, actor: Actor, order_id: int, reason: str = "") -> None:
    """关单 after the follow-up call (or, without a call, with the reason why none was made). Credits the
    technician's order points once."""
    reason = clean_text(reason, "原因", 200)
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "close")
        if close_needs_reason_of(order) and not reason:
            raise DomainError("wo.call_required", id=order.id)
        now = clock.now()
        before = audit.snapshot(order)
        add_event(s, order, "closed", actor=actor, at=now, reason=reason)
        order.status, order.closed_at = "closed", now
        s.add(order)
        _credit_points(s, actor, order, now.date())
        audit_order(s, actor, "close", order, before, reason=reason)


def cancel_order(db, *, actor: Actor, order_id: int, reason: str) -> None:
    def cancel(order: WorkOrder, now: dt.datetime) -> None:
        order.status, order.closed_at = "cancelled", now

    reasoned_step(db, actor=actor, order_id=order_id, action="cancel", event="cancelled", reason=reason,
                  what="取消", change=cancel)


def reopen_order(db, *, actor: Actor, order_id: int, reason: str) -> None:
    """Reopen a returned/called/closed order; it waits to be dispatched again (a new SLA cycle)."""
    def reopen(order: WorkOrder, _now: dt.datetime) -> None:
        order.status, order.closed_at = "reopened", None

    reasoned_step(db, actor=actor, order_id=order_id, action="reopen", event="reopened", reason=reason,
                  what="重开", change=reopen)
