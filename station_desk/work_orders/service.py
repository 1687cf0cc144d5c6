"""Work orders (SPEC §3): create, dispatch, respond, follow, return (回单), follow-up call (回访), close, cancel,
reopen; major outages (大网故障). Every action is one transaction with an event row and an audit row.

Allowed transitions (``TRANSITIONS``) are enforced here. Deadlines are never stored: a late response or return is
detected from the event log with the policy in force at dispatch (``timeline``), and needs a recorded reason.
Reads (board, order detail, SLA report, outage statistics) live in ``queries``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.points_ledger import service as ledger
from station_desk.points_ledger.models import PointEntry
from station_desk.policy.service import policy_on
from station_desk.staff.models import Staff
from station_desk.work_orders.models import Outage, WorkOrder, WorkOrderEvent
from station_desk.work_orders.timeline import PolicyCache, evaluate, load_events, summarise

KINDS = {"new_install": "新装", "repair": "报修", "fee_collection": "上门收费", "expiring_visit": "到期回访",
         "complaint": "投诉"}
CLASSES = {"A": "有偿服务", "B": "合同服务", "C": "免费服务", "D": "内务服务"}
STATUS = {"new": "待派单", "dispatched": "已派单", "in_progress": "处理中", "returned": "已回单",
          "called": "已回访", "closed": "已关单", "cancelled": "已取消", "reopened": "重开待派"}
OPEN_STATUSES = ("new", "reopened", "dispatched", "in_progress")
FOLLOW_MODES = {"note": "跟单备注", "call": "电话跟进", "not_home": "用户不在家，安排再次上门"}
ATTITUDES = {"satisfied": "满意", "average": "一般", "unsatisfied": "不满意"}

#: action → states it is allowed from (the service layer is the only place that changes ``status``)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "dispatch": ("new", "reopened", "dispatched", "in_progress"),
    "respond": ("dispatched",),
    "follow": ("dispatched", "in_progress"),
    "return": ("dispatched", "in_progress"),
    "call": ("returned",),
    "book_call": ("returned",),
    "close": ("returned", "called"),
    "cancel": ("new", "reopened", "dispatched", "in_progress"),
    "reopen": ("returned", "called", "closed"),
    "explain_late": ("dispatched", "in_progress", "returned", "called", "closed"),
}
ACTION_LABELS = {"dispatch": "派单", "respond": "登记响应", "follow": "跟单", "return": "回单", "call": "回访",
                 "book_call": "预约回访", "close": "关单", "cancel": "取消", "reopen": "重开",
                 "explain_late": "补填超时原因"}


@dataclass(frozen=True)
class CallResult:
    order_id: int
    reopened: bool
    complaint_order_id: int | None
    pay_reminder: bool


# -- helpers ----------------------------------------------------------------------------------------------------------
def _get(s: Session, order_id: int) -> WorkOrder:
    row = s.get(WorkOrder, order_id)
    if row is None:
        raise DomainError("wo.not_found", id=order_id)
    return row


def _check(order: WorkOrder, action: str) -> None:
    if order.status not in TRANSITIONS[action]:
        raise DomainError("wo.bad_transition", id=order.id, status=STATUS.get(order.status, order.status),
                          action=ACTION_LABELS[action])


def _event(s: Session, order: WorkOrder, kind: str, *, actor: Actor, at: dt.datetime, sub: str = "",
           technician_id: int | None = None, note: str = "", reason: str = "", data: dict | None = None) -> None:
    s.add(WorkOrderEvent(order_id=order.id, kind=kind, sub=sub, at=at, recorded_at=clock.now(),
                         actor_id=actor.staff_id, actor_name=actor.name[:20], technician_id=technician_id,
                         note=note[:500], reason=reason[:200],
                         data=json.dumps(data, ensure_ascii=False, default=str)[:1000] if data else ""))


def _audit(s: Session, actor: Actor, action: str, order: WorkOrder, before: dict | None, *, reason: str = "",
           extra: dict | None = None) -> None:
    after = audit.snapshot(order)
    if extra:
        after = {**after, **extra}
    audit.record(s, actor=actor, action=f"work_orders.{action}", entity="work_order", entity_id=order.id,
                 before=before, after=after, reason=reason or None)


def _when(at: dt.datetime | None, what: str) -> dt.datetime:
    now = clock.now()
    if at is None:
        return now
    at = at.replace(microsecond=0)
    if at > now:
        raise DomainError("wo.time_in_future", what=what, at=at.strftime("%Y-%m-%d %H:%M"))
    return at


def _sla(s: Session, order: WorkOrder, extra: WorkOrderEvent | None = None, now: dt.datetime | None = None):
    """The order's SLA including events flushed in this transaction."""
    s.flush()
    events = load_events(s, [order.id])[order.id]
    return summarise(evaluate(events, order.area, PolicyCache(s), now))


def _technician(s: Session, staff_id: int | None) -> Staff:
    if not staff_id:
        raise DomainError("wo.no_technician")
    person = s.get(Staff, staff_id)
    if person is None or not person.active:
        raise DomainError("wo.not_technician", name=getattr(person, "name", staff_id))
    return person


def _clean_text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError("too_long", field=field, max=limit)
    return value


def _optional(module: str, func: str):
    """A function of another module when it exists (it may still be being written)."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except ModuleNotFoundError:
        return None
    return getattr(importlib.import_module(module), func, None)


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
    description = _clean_text(description, "描述", 500)
    if not description:
        raise DomainError("wo.description_required")
    customer_name, phone = _clean_text(customer_name, "用户姓名", 40), _clean_text(phone, "电话", 20)
    area, address = _clean_text(area, "片区", 30), _clean_text(address, "地址", 160)
    if customer_id is not None:
        from station_desk.customers.models import Customer

        cust = s.get(Customer, customer_id)
        if cust is None:
            raise DomainError("not_found", what="用户", id=customer_id)
        customer_name = customer_name or cust.name
        phone = phone or cust.phone
        area = area or cust.area
        address = address or "".join(p for p in (cust.building, cust.unit, cust.address) if p)
    if not customer_name and kind != "complaint" and service_class != "D":
        raise DomainError("wo.customer_required")
    when = _when(at, "登记")
    order = WorkOrder(kind=kind, service_class=service_class, priority=1 if priority else 0, status="new",
                      customer_id=customer_id, customer_name=customer_name, phone=phone, area=area, address=address,
                      description=description, fault_type=_clean_text(fault_type, "故障类型", 20),
                      contact_id=contact_id, signup_id=signup_id, parent_id=parent_id, for_manager=for_manager,
                      created_at=when, created_by_id=actor.staff_id)
    s.add(order)
    s.flush()
    _event(s, order, "created", actor=actor, at=when, note=description)
    _audit(s, actor, "create", order, None)
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
        order = _get(s, order_id)
        _check(order, "dispatch")
        tech = _technician(s, technician_id)
        when = _when(at, "派单")
        if when < order.created_at:
            when = order.created_at
        before = audit.snapshot(order)
        first = order.status in ("new", "reopened")
        _event(s, order, "dispatched" if first else "redispatched", actor=actor, at=when, technician_id=tech.id,
               note=note)
        if first:
            order.status = "dispatched"
            if order.first_dispatched_at is None:
                order.first_dispatched_at = when
                order.dispatched_by_id = actor.staff_id
        order.technician_id = tech.id
        s.add(order)
        _audit(s, actor, "dispatch", order, before, extra={"technician": tech.name})


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


def _check_after_dispatch(s: Session, order: WorkOrder, when: dt.datetime, what: str) -> None:
    d = _dispatched_at(s, order)
    if d is not None and when < d:
        raise DomainError("wo.time_before_dispatch", what=what, at=when.strftime("%m-%d %H:%M"),
                          dispatched=d.strftime("%m-%d %H:%M"))


def record_response(db, *, actor: Actor, order_id: int, at: dt.datetime | None = None, note: str = "",
                    late_reason: str = "") -> None:
    """The technician answered (phoned the customer / set off). Late answers need a reason."""
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "respond")
        when = _when(at, "响应")
        _check_after_dispatch(s, order, when, "响应")
        before = audit.snapshot(order)
        _event(s, order, "responded", actor=actor, at=when, technician_id=order.technician_id, note=note,
               reason=late_reason.strip())
        _require_reason_if_late(s, order, "respond", late_reason)
        order.status = "in_progress"
        s.add(order)
        _audit(s, actor, "respond", order, before, reason=late_reason)


def follow_order(db, *, actor: Actor, order_id: int, mode: str = "note", note: str = "",
                 next_visit_at: dt.datetime | None = None, at: dt.datetime | None = None) -> None:
    """跟单: a note, a call, or "customer not home, door note left, second visit planned"."""
    if mode not in FOLLOW_MODES:
        raise DomainError("validation", field="跟单方式", problem=mode)
    note = _clean_text(note, "跟单内容", 500)
    if not note and mode != "not_home":
        raise DomainError("required", field="跟单内容")
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "follow")
        when = _when(at, "跟单")
        before = audit.snapshot(order)
        data = {"next_visit_at": next_visit_at.isoformat(timespec="minutes")} if next_visit_at else None
        _event(s, order, "followed", actor=actor, at=when, sub=mode, technician_id=order.technician_id,
               note=note or FOLLOW_MODES[mode], data=data)
        if mode == "not_home" and order.status == "dispatched":
            order.status = "in_progress"  # the visit happened: that is the response
            s.add(order)
        _audit(s, actor, "follow", order, before, extra={"mode": mode, "note": note})


# -- return (回单) ---------------------------------------------------------------------------------------------------
def return_order(db, *, actor: Actor, order_id: int, work_done: str, equipment: str = "",
                 minutes_spent: int | None = None, amount_fen: int = 0, pay_method: str = "cash",
                 invoice_no: str = "", signed: bool = False, finished_at: dt.datetime | None = None,
                 late_reason: str = "", fault_type: str = "", note: str = "") -> None:
    """回单: what was done, equipment, actual time spent, money collected, customer's signature.

    Money on paid work goes into the front-desk takings in the same transaction when that module is present;
    a new install returned as done marks the sign-up installed."""
    work_done = _clean_text(work_done, "处理情况", 500)
    if not work_done:
        raise DomainError("wo.work_done_required")
    if minutes_spent is not None and not 0 <= int(minutes_spent) <= 1440:
        raise DomainError("wo.minutes_invalid")
    if int(amount_fen) < 0:
        raise DomainError("wo.amount_negative")
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "return")
        if amount_fen and order.service_class != "A" and order.kind != "fee_collection":
            raise DomainError("wo.amount_not_paid", id=order.id, service_class=order.service_class)
        when = _when(finished_at, "完工")
        _check_after_dispatch(s, order, when, "完工")
        before = audit.snapshot(order)
        form = {"work_done": work_done, "equipment": equipment, "minutes_spent": minutes_spent,
                "amount_fen": int(amount_fen), "pay_method": pay_method, "invoice_no": invoice_no, "signed": signed}
        _event(s, order, "returned", actor=actor, at=when, technician_id=order.technician_id, note=note,
               reason=late_reason.strip(), data=form)
        _require_reason_if_late(s, order, "resolve", late_reason)
        order.status = "returned"
        order.returned_at = when
        order.work_done, order.equipment = work_done, _clean_text(equipment, "设备", 120)
        order.minutes_spent = minutes_spent
        order.amount_fen, order.pay_method = int(amount_fen), pay_method[:12]
        order.invoice_no, order.signed = _clean_text(invoice_no, "发票号", 40), bool(signed)
        if fault_type:
            order.fault_type = _clean_text(fault_type, "故障类型", 20)
        if amount_fen:
            record = _optional("station_desk.takings.service", "record_receipt_in")
            if record is not None:
                receipt = record(s, actor=actor, at=when, amount_fen=int(amount_fen), method=pay_method,
                                 customer_id=order.customer_id, source_kind="work_order", source_id=order.id,
                                 invoice_no=invoice_no, note=f"工单 {order.id} {KINDS[order.kind]}")
                order.receipt_id = getattr(receipt, "id", receipt if isinstance(receipt, int) else None)
        if order.kind == "new_install" and order.signup_id:
            mark = _optional("station_desk.customers.service", "mark_installed_in")
            if mark is not None:
                mark(s, actor=actor, signup_id=order.signup_id, installed_on=when.date(),
                     installed_by_id=order.technician_id, work_order_id=order.id)
        s.add(order)
        _audit(s, actor, "return", order, before, reason=late_reason)


def explain_late(db, *, actor: Actor, order_id: int, reason: str) -> None:
    """Record (or add to) the reason of a late order after the fact; the breach itself stays."""
    reason = _clean_text(reason, "超时原因", 200)
    if not reason:
        raise DomainError("wo.reason_required", what="超时")
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "explain_late")
        _event(s, order, "late_reason", actor=actor, at=clock.now(), reason=reason)
        _audit(s, actor, "explain_late", order, None, reason=reason)


# -- follow-up call (回访) -------------------------------------------------------------------------------------------
def book_call_back(db, *, actor: Actor, order_id: int, call_back_at: dt.datetime, note: str = "") -> None:
    """The customer cannot talk now: book a call-back time."""
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "book_call")
        _event(s, order, "call_booked", actor=actor, at=clock.now(), note=note,
               data={"call_back_at": call_back_at.isoformat(timespec="minutes")})
        _audit(s, actor, "book_call", order, None, extra={"call_back_at": call_back_at})


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
    suggestion = _clean_text(suggestion, "建议或意见", 300)
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "call")
        when = _when(at, "回访")
        before = audit.snapshot(order)
        answers = {"solved": bool(solved), "attitude": attitude, "charged": bool(charged), "score": int(score),
                   "suggestion": suggestion, "paid_reminder": bool(paid_reminder)}
        _event(s, order, "called", actor=actor, at=when, sub="solved" if solved else "unsolved",
               technician_id=order.technician_id, note=suggestion, data=answers)
        order.call_solved, order.call_attitude, order.call_score = bool(solved), attitude, int(score)
        complaint_id = None
        if solved:
            order.status = "called"
        else:
            order.status = "reopened"
            _event(s, order, "reopened", actor=actor, at=when, reason="回访：问题未解决")
        s.add(order)
        if attitude == "unsatisfied":
            complaint = create_order_in(
                s, actor=actor, kind="complaint", service_class="D", customer_id=order.customer_id,
                customer_name=order.customer_name, phone=order.phone, area=order.area, address=order.address,
                description=f"回访不满意（工单 {order.id}，评分 {int(score)}）：{suggestion or '无具体意见'}",
                priority=1, parent_id=order.id, for_manager=True, at=when)
            complaint_id = complaint.id
            _event(s, order, "complaint", actor=actor, at=when, note=f"投诉单 {complaint_id}")
        _audit(s, actor, "call", order, before, extra={"call": answers})
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
    reason = _clean_text(reason, "原因", 200)
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "close")
        if order.status == "returned" and not reason:
            raise DomainError("wo.call_required", id=order.id)
        now = clock.now()
        before = audit.snapshot(order)
        _event(s, order, "closed", actor=actor, at=now, reason=reason)
        order.status, order.closed_at = "closed", now
        s.add(order)
        _credit_points(s, actor, order, now.date())
        _audit(s, actor, "close", order, before, reason=reason)


def cancel_order(db, *, actor: Actor, order_id: int, reason: str) -> None:
    reason = _clean_text(reason, "取消原因", 200)
    if not reason:
        raise DomainError("wo.reason_required", what="取消")
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "cancel")
        before = audit.snapshot(order)
        now = clock.now()
        _event(s, order, "cancelled", actor=actor, at=now, reason=reason)
        order.status, order.closed_at = "cancelled", now
        s.add(order)
        _audit(s, actor, "cancel", order, before, reason=reason)


def reopen_order(db, *, actor: Actor, order_id: int, reason: str) -> None:
    """Reopen a returned/called/closed order; it waits to be dispatched again (a new SLA cycle)."""
    reason = _clean_text(reason, "重开原因", 200)
    if not reason:
        raise DomainError("wo.reason_required", what="重开")
    with db.session() as s:
        order = _get(s, order_id)
        _check(order, "reopen")
        before = audit.snapshot(order)
        _event(s, order, "reopened", actor=actor, at=clock.now(), reason=reason)
        order.status, order.closed_at = "reopened", None
        s.add(order)
        _audit(s, actor, "reopen", order, before, reason=reason)


# -- major outages (大网故障) -----------------------------------------------------------------------------------------
def record_outage(db, *, actor: Actor, area: str, cause: str, started_at: dt.datetime,
                  expected_recovery_at: dt.datetime | None = None, fault_type: str = "", note: str = "") -> int:
    area, cause = _clean_text(area, "片区", 30), _clean_text(cause, "故障原因", 300)
    if not area:
        raise DomainError("wo.outage_area_required")
    if not cause:
        raise DomainError("wo.outage_cause_required")
    if expected_recovery_at is not None and expected_recovery_at < started_at:
        raise DomainError("wo.outage_recovery_before_start")
    with db.session() as s:
        row = Outage(area=area, cause=cause, fault_type=_clean_text(fault_type, "故障类型", 20),
                     started_at=started_at, expected_recovery_at=expected_recovery_at,
                     note=_clean_text(note, "备注", 300), created_at=clock.now(), created_by=actor.name[:20])
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="work_orders.outage", entity="work_order_outage", entity_id=row.id,
                     after=audit.snapshot(row))
        return row.id


def update_outage(db, *, actor: Actor, outage_id: int, expected_recovery_at: dt.datetime | None = None,
                  recovered_at: dt.datetime | None = None, note: str | None = None) -> None:
    """Revise the expected recovery or record the actual recovery (audited with before/after)."""
    with db.session() as s:
        row = s.get(Outage, outage_id)
        if row is None:
            raise DomainError("wo.outage_not_found", id=outage_id)
        before = audit.snapshot(row)
        for value in (expected_recovery_at, recovered_at):
            if value is not None and value < row.started_at:
                raise DomainError("wo.outage_recovery_before_start")
        if expected_recovery_at is not None:
            row.expected_recovery_at = expected_recovery_at
        if recovered_at is not None:
            row.recovered_at = recovered_at
        if note is not None:
            row.note = _clean_text(note, "备注", 300)
        s.add(row)
        audit.record(s, actor=actor, action="work_orders.outage_update", entity="work_order_outage",
                     entity_id=row.id, before=before, after=audit.snapshot(row))


def link_orders_to_outage(db, *, actor: Actor, outage_id: int, order_ids: list[int]) -> None:
    with db.session() as s:
        out = s.get(Outage, outage_id)
        if out is None:
            raise DomainError("wo.outage_not_found", id=outage_id)
        for oid in order_ids:
            order = _get(s, oid)
            before = audit.snapshot(order)
            order.outage_id = out.id
            if not order.fault_type and out.fault_type:
                order.fault_type = out.fault_type
            s.add(order)
            _event(s, order, "outage", actor=actor, at=clock.now(), note=f"大网故障 {out.id}：{out.cause}")
            _audit(s, actor, "link_outage", order, before)
