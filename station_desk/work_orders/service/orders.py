"""An order's way from registration to the technician's return (SPEC §3): create, dispatch, respond, follow,
return (回单), late reasons — and the checks a view asks before it opens a form.

Deadlines are never stored: a late response or return is detected from the event log with the policy in force at
dispatch (``timeline``), and needs a recorded reason.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.customers.models import Customer
from station_desk.customers.service import mark_installed_in
from station_desk.errors import DomainError
from station_desk.takings.service import record_receipt_in
from station_desk.work_orders.models import WorkOrder, WorkOrderEvent
from station_desk.work_orders.service.states import (CLASSES, FOLLOW_MODES, KINDS, add_event, audit_order,
                                                     check_transition, clean_text, close_needs_reason_of,
                                                     event_time, order_in, reasoned_step, technician_in)
from station_desk.work_orders.timeline import PolicyCache, evaluate, load_events, summarise


# -- checks a view asks before opening a form -------------------------------------------------------------------------
def check_action(db, *, order_id: int, action: str) -> None:
    """Raise the refusal the write of ``action`` (a key of ``TRANSITIONS``) would raise for the order as it is now
    (not found, not allowed from its status), so a view refuses before the clerk fills in a form."""
    with db.read() as s:
        check_transition(order_in(s, order_id), action)


def close_needs_reason(db, *, order_id: int) -> bool:
    """Whether closing the order now needs a reason (no follow-up call yet); raises the refusal ``close_order``
    would raise when the order cannot be closed at all."""
    with db.read() as s:
        order = order_in(s, order_id)
        check_transition(order, "close")
        return close_needs_reason_of(order)


def _sla(s: Session, order: WorkOrder):
    """The order's SLA including events flushed in this transaction."""
    s.flush()
    events = load_events(s, [order.id])[order.id]
    return summarise(evaluate(events, order.area, PolicyCache(s)))


# -- create -----------------------------------------------------------------------------------------------------------
def create_order_in(s: Session, *, actor: Actor, kind: str, service_class: str = "C", customer_id: int | None = None,
                    customer_name: str = "", phone: str = "", area: str = "", address: str = "",
                    description: str = "", fault_type: str = "", priority: int = 0, contact_id: int | None = None,
                    signup_id: int | None = None, parent_id: int | None = None, for_manager: bool = False,
                    at: dt.datetime | None = None) -> WorkOrder:
    if kind not in KINDS:
        raise DomainError("wo.unknown_kind", kind=kind)
    service_class = (service_class or "").strip().upper()
    if service_class not in CLASSES:
        raise DomainError("wo.unknown_class", service_class=service_class)
    description = clean_text(description, "描述", 500)
    if not description:
        raise DomainError("wo.description_required")
    from station_desk import validate

    customer_name, phone = clean_text(customer_name, "用户姓名", 40), validate.phone(phone, field="电话")
    area, address = clean_text(area, "片区", 30), clean_text(address, "地址", 160)
    if customer_id is not None:
        cust = s.get(Customer, customer_id)
        if cust is None:
            raise DomainError("not_found", what="用户", id=customer_id)
        customer_name = customer_name or cust.name
        phone = phone or cust.phone
        area = area or cust.area
        address = address or "".join(p for p in (cust.building, cust.unit, cust.address) if p)
    if not customer_name and kind != "complaint" and service_class != "D":
        raise DomainError("wo.customer_required")
    when = event_time(at, "登记")
    order = WorkOrder(kind=kind, service_class=service_class, priority=1 if priority else 0, status="new",
                      customer_id=customer_id, customer_name=customer_name, phone=phone, area=area, address=address,
                      description=description, fault_type=clean_text(fault_type, "故障类型", 20),
                      contact_id=contact_id, signup_id=signup_id, parent_id=parent_id, for_manager=for_manager,
                      created_at=when, created_by_id=actor.staff_id)
    s.add(order)
    s.flush()
    add_event(s, order, "created", actor=actor, at=when, note=description)
    audit_order(s, actor, "create", order, None)
    return order


def create_order(db, *, actor: Actor, kind: str, **fields) -> int:
    """Register a work order (from a front-desk contact or directly). Returns its id."""
    with db.session() as s:
        return create_order_in(s, actor=actor, kind=kind, **fields).id


# -- dispatch / respond / follow ----------------------------------------------------------------------------------------
def dispatch_order(db, *, actor: Actor, order_id: int, technician_id: int, at: dt.datetime | None = None,
                   note: str = "") -> None:
    """派单 (or re-dispatch to another technician: the order's clock keeps running)."""
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "dispatch")
        tech = technician_in(s, technician_id)
        when = event_time(at, "派单")
        if when < order.created_at:
            when = order.created_at
        before = audit.snapshot(order)
        first = order.status in ("new", "reopened")
        add_event(s, order, "dispatched" if first else "redispatched", actor=actor, at=when, technician_id=tech.id,
                  note=note)
        if first:
            order.status = "dispatched"
            if order.first_dispatched_at is None:
                order.first_dispatched_at = when
                order.dispatched_by_id = actor.staff_id
        order.technician_id = tech.id
        s.add(order)
        audit_order(s, actor, "dispatch", order, before, extra={"technician": tech.name})


def _require_reason_if_late(s: Session, order: WorkOrder, which: str, reason: str) -> str:
    sla = _sla(s, order)
    cyc = sla.current
    if cyc is None:
        return reason
    if reason.strip():
        return reason
    if cyc.respond_late and (which == "respond" or not _has_late_reason(s, order)):
        raise DomainError("wo.late_reason_required", id=order.id, what="响应",
                          due=cyc.respond_due.strftime("%m-%d %H:%M"))
    if which == "resolve" and cyc.resolve_late:
        raise DomainError("wo.late_reason_required", id=order.id, what="处理",
                          due=cyc.resolve_due.strftime("%m-%d %H:%M"))
    return reason


def _has_late_reason(s: Session, order: WorkOrder) -> bool:
    return s.exec(select(WorkOrderEvent.id).where(WorkOrderEvent.order_id == order.id, WorkOrderEvent.reason != "",
                                                  WorkOrderEvent.kind.in_(("responded", "late_reason")))).first() \
        is not None


def _dispatched_at(s: Session, order: WorkOrder) -> dt.datetime | None:
    events = load_events(s, [order.id])[order.id]
    last = None
    for e in events:
        if e.kind == "dispatched":
            last = e.at
    return last


def _check_after_dispatch(s: Session, order: WorkOrder, when: dt.datetime, what: str) -> dt.datetime:
    """``when`` if it is not before the dispatch. A time given to the minute (the forms have no seconds) in the
    dispatch's own minute means just after it: the dispatch time is kept, so the log stays in order."""
    d = _dispatched_at(s, order)
    if d is not None and when < d:
        if when >= d.replace(second=0, microsecond=0):
            return d
        raise DomainError("wo.time_before_dispatch", what=what, at=when.strftime("%m-%d %H:%M"),
                          dispatched=d.strftime("%m-%d %H:%M"))
    return when


def record_response(db, *, actor: Actor, order_id: int, at: dt.datetime | None = None, note: str = "",
                    late_reason: str = "") -> None:
    """The technician answered (phoned the customer / set off). Late answers need a reason."""
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "respond")
        when = event_time(at, "响应")
        when = _check_after_dispatch(s, order, when, "响应")
        before = audit.snapshot(order)
        add_event(s, order, "responded", actor=actor, at=when, technician_id=order.technician_id, note=note,
                  reason=late_reason.strip())
        _require_reason_if_late(s, order, "respond", late_reason)
        order.status = "in_progress"
        s.add(order)
        audit_order(s, actor, "respond", order, before, reason=late_reason)


def follow_order(db, *, actor: Actor, order_id: int, mode: str = "note", note: str = "",
                 next_visit_at: dt.datetime | None = None, at: dt.datetime | None = None) -> None:
    """跟单: a note, a call, or "customer not home, door note left, second visit planned"."""
    if mode not in FOLLOW_MODES:
        raise DomainError("validation", field="跟单方式", problem=mode)
    note = clean_text(note, "跟单内容", 500)
    if not note and mode != "not_home":
        raise DomainError("required", field="跟单内容")
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "follow")
        when = event_time(at, "跟单")
        before = audit.snapshot(order)
        data = {"next_visit_at": next_visit_at.isoformat(timespec="minutes")} if next_visit_at else None
        add_event(s, order, "followed", actor=actor, at=when, sub=mode, technician_id=order.technician_id,
                  note=note or FOLLOW_MODES[mode], data=data)
        if mode == "not_home" and order.status == "dispatched":
            order.status = "in_progress"  # the visit happened: that is the response
            s.add(order)
        audit_order(s, actor, "follow", order, before, extra={"mode": mode, "note": note})


# -- return (回单) ---------------------------------------------------------------------------------------------------
def return_order(db, *, actor: Actor, order_id: int, work_done: str, equipment: str = "",
                 minutes_spent: int | None = None, amount_fen: int = 0, pay_method: str = "cash",
                 invoice_no: str = "", signed: bool = False, finished_at: dt.datetime | None = None,
                 late_reason: str = "", fault_type: str = "", note: str = "") -> None:
    """回单: what was done, equipment, actual time spent, money collected, customer's signature.

    Money on paid work goes into the front-desk takings in the same transaction; a new install returned as done
    marks the sign-up installed."""
    work_done = clean_text(work_done, "处理情况", 500)
    if not work_done:
        raise DomainError("wo.work_done_required")
    if minutes_spent is not None and not 0 <= int(minutes_spent) <= 1440:
        raise DomainError("wo.minutes_invalid")
    if int(amount_fen) < 0:
        raise DomainError("wo.amount_negative")
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, "return")
        if amount_fen and order.service_class != "A" and order.kind != "fee_collection":
            raise DomainError("wo.amount_not_paid", id=order.id, service_class=order.service_class)
        when = event_time(finished_at, "完工")
        when = _check_after_dispatch(s, order, when, "完工")
        before = audit.snapshot(order)
        form = {"work_done": work_done, "equipment": equipment, "minutes_spent": minutes_spent,
                "amount_fen": int(amount_fen), "pay_method": pay_method, "invoice_no": invoice_no, "signed": signed}
        add_event(s, order, "returned", actor=actor, at=when, technician_id=order.technician_id, note=note,
                  reason=late_reason.strip(), data=form)
        _require_reason_if_late(s, order, "resolve", late_reason)
        order.status = "returned"
        order.returned_at = when
        order.work_done, order.equipment = work_done, clean_text(equipment, "设备", 120)
        order.minutes_spent = minutes_spent
        order.amount_fen, order.pay_method = int(amount_fen), pay_method[:12]
        order.invoice_no, order.signed = clean_text(invoice_no, "发票号", 40), bool(signed)
        if fault_type:
            order.fault_type = clean_text(fault_type, "故障类型", 20)
        if amount_fen:
            order.receipt_id = record_receipt_in(
                s, actor=actor, at=when, amount_fen=int(amount_fen), method=pay_method, customer_id=order.customer_id,
                source_kind="work_order", source_id=order.id, invoice_no=invoice_no,
                note=f"工单 {order.id} {KINDS[order.kind]}")
        if order.kind == "new_install" and order.signup_id:
            mark_installed_in(s, actor=actor, signup_id=order.signup_id, installed_on=when.date(),
                              installed_by_id=order.technician_id, work_order_id=order.id)
        s.add(order)
        audit_order(s, actor, "return", order, before, reason=late_reason)


def explain_late(db, *, actor: Actor, order_id: int, reason: str) -> None:
    """Record (or add to) the reason of a late order after the fact; the breach itself stays."""
    reasoned_step(db, actor=actor, order_id=order_id, action="explain_late", event="late_reason", reason=reason,
                  what="超时")
