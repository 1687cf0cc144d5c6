"""SLA pause and resume (暂停计时 / 恢复计时): the resolve clock stands still while the order waits on the customer
or on a major outage, through no fault of the technician.

A pause is an event in the order's log (``paused``: who, when, why — ``sub`` the kind, ``reason`` the words,
``data`` the booked end and the approving manager) and ends with a ``resumed`` event, at the booked time (the second
visit, the later time the customer asked for) or when the outage is recorded recovered. The deadlines are
recomputed from the log (``timeline``), as every deadline is. A pause needs a reason; one longer than the policy's
``pause_approval_hours`` (or an outage pause without an expected recovery) needs the manager's PIN; a pause
begun after the deadline moves nothing, so it cannot hide lateness.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.policy.service import policy_on
from station_desk.staff import auth
from station_desk.work_orders.models import Outage, WorkOrder, WorkOrderEvent
from station_desk.work_orders.service.states import (add_event, audit_order, check_transition, clean_text,
                                                     event_time, order_in)

PAUSE_KINDS = {"not_home": "用户不在家，等预约的再次上门", "asked_later": "用户要求改约时间",
               "outage": "等大网故障恢复"}


def running_pause_in(s: Session, order_id: int) -> WorkOrderEvent | None:
    """The order's pause still running now (a ``paused`` event with no ``resumed`` after it and its booked end, if
    any, still ahead)."""
    evs = s.exec(select(WorkOrderEvent).where(WorkOrderEvent.order_id == order_id,
                                              WorkOrderEvent.kind.in_(("paused", "resumed", "returned")))  # type: ignore[union-attr]
                 .order_by(WorkOrderEvent.at, WorkOrderEvent.id)).all()
    last = None
    for e in evs:
        last = e if e.kind == "paused" else None
    if last is None:
        return None
    until = _until(last)
    return last if until is None or until > clock.now() else None


def _until(e: WorkOrderEvent) -> dt.datetime | None:
    value = json.loads(e.data).get("until") if e.data else None
    return dt.datetime.fromisoformat(value) if value else None


def _check_pause(s: Session, order: WorkOrder, kind: str, why: str, until: dt.datetime | None,
                 outage_id: int | None, at: dt.datetime) -> tuple[dt.datetime | None, Outage | None, bool]:
    """(booked end, outage, needs the manager) — or the refusal, before any PIN is asked."""
    if kind not in PAUSE_KINDS:
        raise DomainError("wo.pause_kind", kind=kind)
    if not why:
        raise DomainError("wo.pause_reason_required")
    check_transition(order, "pause")
    if running_pause_in(s, order.id) is not None:
        raise DomainError("wo.already_paused", id=order.id)
    outage = None
    if kind == "outage":
        outage = s.get(Outage, outage_id or order.outage_id or -1)
        if outage is None:
            raise DomainError("wo.pause_outage_required")
        if outage.recovered_at is not None and outage.recovered_at <= at:
            raise DomainError("wo.pause_outage_recovered", id=outage.id)
        until, expected = None, outage.expected_recovery_at
    else:
        if until is None:
            raise DomainError("wo.pause_until_required")
        if until <= at:
            raise DomainError("wo.pause_until_past")
        expected = until
    limit = policy_on(s, at.date()).work_orders.pause_approval_hours
    needs_manager = expected is None or (expected - at) > dt.timedelta(hours=limit)
    return until, outage, needs_manager


def pause_needs_approval(db, *, order_id: int, kind: str, why: str, until: dt.datetime | None = None,
                         outage_id: int | None = None) -> bool:
    """Whether this pause needs the manager's PIN (raises the refusal ``pause_order`` would raise first)."""
    with db.read() as s:
        return _check_pause(s, order_in(s, order_id), kind, why.strip(), until, outage_id, clock.now())[2]


def pause_order(db, *, actor: Actor, order_id: int, kind: str, why: str, until: dt.datetime | None = None,
                outage_id: int | None = None, approval: ManagerApproval | None = None,
                at: dt.datetime | None = None) -> None:
    """Stop the order's clock: ``kind`` not_home (until the booked second visit ``until``), asked_later (until
    the time the customer asked for), outage (until the outage's recovery). ``why`` is required."""
    why = clean_text(why, "暂停原因", 200)
    when = event_time(at, "暂停计时")
    with db.read() as s:
        needs_manager = _check_pause(s, order_in(s, order_id), kind, why, until, outage_id, when)[2]
    approver = auth.require_manager(db, approval, "批准工单暂停计时") if needs_manager else None
    with db.session() as s:
        order = order_in(s, order_id)
        until, outage, _ = _check_pause(s, order, kind, why, until, outage_id, when)
        before = audit.snapshot(order)
        data = {"until": until.isoformat(timespec="minutes") if until else None,
                "outage_id": outage.id if outage else None,
                "approved_by": approver.name if approver else None}
        add_event(s, order, "paused", actor=actor, at=when, sub=kind, technician_id=order.technician_id,
                  note=PAUSE_KINDS[kind], reason=why, data=data)
        audit_order(s, actor, "pause", order, before, reason=why, extra={"pause": kind, **data})


def resume_order(db, *, actor: Actor, order_id: int, note: str = "", at: dt.datetime | None = None) -> None:
    """Start the clock again before the booked time (the technician went back earlier, the outage is over)."""
    note = clean_text(note, "备注", 200)
    when = event_time(at, "恢复计时")
    with db.session() as s:
        order = order_in(s, order_id)
        pause = running_pause_in(s, order.id)
        if pause is None:
            raise DomainError("wo.not_paused", id=order.id)
        if when < pause.at:
            raise DomainError("wo.resume_before_pause")
        before = audit.snapshot(order)
        add_event(s, order, "resumed", actor=actor, at=when, note=note or "恢复计时")
        audit_order(s, actor, "resume", order, before, extra={"note": note})


def resume_after_outage_in(s: Session, *, actor: Actor, outage: Outage) -> int:
    """The outage is recovered: every order paused for it resumes at the recovery time. Returns how many."""
    count = 0
    for e in s.exec(select(WorkOrderEvent).where(WorkOrderEvent.kind == "paused",
                                                 WorkOrderEvent.sub == "outage")).all():
        if json.loads(e.data or "{}").get("outage_id") != outage.id:
            continue
        later = s.exec(select(WorkOrderEvent.id).where(
            WorkOrderEvent.order_id == e.order_id, WorkOrderEvent.kind.in_(("resumed", "returned")),  # type: ignore[union-attr]
            WorkOrderEvent.at >= e.at)).first()
        if later is not None:
            continue
        order = s.get(WorkOrder, e.order_id)
        add_event(s, order, "resumed", actor=actor, at=max(outage.recovered_at, e.at),
                  note=f"大网故障 {outage.id} 已恢复")
        audit_order(s, actor, "resume", order, None, extra={"outage_id": outage.id})
        count += 1
    return count
