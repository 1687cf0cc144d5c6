"""What a work order can be and what may happen to it next (SPEC §3), and the steps every write shares: find
the order, check the action is allowed from its state, add an event, audit. Used only inside ``service``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from sqlmodel import Session

from station_desk import clock, validate
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.staff.models import Staff
from station_desk.work_orders.models import WorkOrder, WorkOrderEvent

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
    "pause": ("dispatched", "in_progress"),
}
ACTION_LABELS = {"dispatch": "派单", "respond": "登记响应", "follow": "跟单", "return": "回单", "call": "回访",
                 "book_call": "预约回访", "close": "关单", "cancel": "取消", "reopen": "重开",
                 "explain_late": "补填超时原因", "pause": "暂停计时"}


def order_in(s: Session, order_id: int) -> WorkOrder:
    row = s.get(WorkOrder, order_id)
    if row is None:
        raise DomainError("wo.not_found", id=order_id)
    return row


def check_transition(order: WorkOrder, action: str) -> None:
    """Refuse ``action`` (a key of ``TRANSITIONS``) unless the order's status allows it."""
    if order.status not in TRANSITIONS[action]:
        raise DomainError("wo.bad_transition", id=order.id, status=STATUS.get(order.status, order.status),
                          action=ACTION_LABELS[action])


def close_needs_reason_of(order: WorkOrder) -> bool:
    """Closing without a follow-up call (the order is returned, not yet called) needs the reason why."""
    return order.status == "returned"


def add_event(s: Session, order: WorkOrder, kind: str, *, actor: Actor, at: dt.datetime, sub: str = "",
                 technician_id: int | None = None, note: str = "", reason: str = "", data: dict | None = None) -> None:
    s.add(WorkOrderEvent(order_id=order.id, kind=kind, sub=sub, at=at, recorded_at=clock.now(),
                         actor_id=actor.staff_id, actor_name=actor.name[:20], technician_id=technician_id,
                         note=note[:500], reason=reason[:200],
                         data=json.dumps(data, ensure_ascii=False, default=str)[:1000] if data else ""))


def audit_order(s: Session, actor: Actor, action: str, order: WorkOrder, before: dict | None, *, reason: str = "",
                     extra: dict | None = None) -> None:
    after = audit.snapshot(order)
    if extra:
        after = {**after, **extra}
    audit.record(s, actor=actor, action=f"work_orders.{action}", entity="work_order", entity_id=order.id,
                 before=before, after=after, reason=reason or None)


def reasoned_step(db, *, actor: Actor, order_id: int, action: str, event: str, reason: str, what: str,
                  change: Callable[[WorkOrder, dt.datetime], None] | None = None) -> None:
    """The shape of an order step that needs a reason (cancel, reopen, explain a late order): the reason cleaned
    and required ("请填写X原因"), the order found and the step checked against its state, the event logged with
    the reason, ``change(order, now)`` applied, and the audit row; one transaction. Without ``change`` the step
    only adds to the log, so the audit row has no "before"."""
    reason = clean_text(reason, f"{what}原因", 200)
    if not reason:
        raise DomainError("wo.reason_required", what=what)
    with db.session() as s:
        order = order_in(s, order_id)
        check_transition(order, action)
        before = audit.snapshot(order) if change else None
        now = clock.now()
        add_event(s, order, event, actor=actor, at=now, reason=reason)
        if change:
            change(order, now)
            s.add(order)
        audit_order(s, actor, action, order, before, reason=reason)


def event_time(at: dt.datetime | None, what: str) -> dt.datetime:
    """When something happened: now when not given; never in the future."""
    now = clock.now()
    if at is None:
        return now
    at = at.replace(microsecond=0)
    if at > now:
        raise DomainError("wo.time_in_future", what=what, at=at.strftime("%Y-%m-%d %H:%M"))
    return at


def technician_in(s: Session, staff_id: int | None) -> Staff:
    if not staff_id:
        raise DomainError("wo.no_technician")
    person = s.get(Staff, staff_id)
    if person is None or not person.active:
        raise DomainError("wo.not_technician", name=getattr(person, "name", staff_id))
    return person


def clean_text(value: str, field: str, limit: int) -> str:
    """Typed text, stripped, through the one rule for typed text (``validate.text``; a reason may run over lines)."""
    return validate.text(value, field=field, max_len=limit, multiline=True)
