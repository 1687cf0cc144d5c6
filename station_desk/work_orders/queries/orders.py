"""One order's detail (with its event history and SLA) and the list of recent orders."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import select

from station_desk import clock
from station_desk.customers.models import Customer
from station_desk.errors import DomainError
from station_desk.staff.models import Staff
from station_desk.work_orders.models import WorkOrder, WorkOrderEvent
from station_desk.work_orders.service import CLASSES, FOLLOW_MODES, KINDS, OPEN_STATUSES, STATUS
from station_desk.work_orders.timeline import OrderSla, PolicyCache, evaluate, load_events, summarise

EVENT_LABELS = {"created": "登记", "dispatched": "派单", "redispatched": "改派", "responded": "响应",
                "followed": "跟单", "returned": "回单", "late_reason": "超时原因", "call_booked": "预约回访",
                "called": "回访", "complaint": "转投诉", "closed": "关单", "cancelled": "取消", "reopened": "重开",
                "outage": "关联大网故障", "paused": "暂停计时", "resumed": "恢复计时"}



def staff_names(s) -> dict[int, str]:
    return dict(s.exec(select(Staff.id, Staff.name)).all())



@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    recorded_at: dt.datetime
    kind: str
    label: str
    actor: str
    technician: str
    note: str
    reason: str
    data: dict


@dataclass(frozen=True)
class OrderDetail:
    id: int
    kind: str
    kind_label: str
    service_class: str
    class_label: str
    status: str
    status_label: str
    priority: int
    customer_id: int | None
    customer_name: str
    phone: str
    area: str
    address: str
    description: str
    fault_type: str
    technician_id: int | None
    technician: str
    expiry_date: dt.date | None
    work_done: str
    equipment: str
    minutes_spent: int | None
    amount_fen: int
    signed: bool
    parent_id: int | None
    outage_id: int | None
    for_manager: bool
    sla: OrderSla
    late_reasons: list[str]
    events: list[EventRow]


def get_order(db, order_id: int, *, now: dt.datetime | None = None) -> OrderDetail:
    now = now or clock.now()
    with db.read() as s:
        o = s.get(WorkOrder, order_id)
        if o is None:
            raise DomainError("wo.not_found", id=order_id)
        names = staff_names(s)
        evs = s.exec(select(WorkOrderEvent).where(WorkOrderEvent.order_id == order_id)
                     .order_by(WorkOrderEvent.at, WorkOrderEvent.id)).all()
        sla = summarise(evaluate(load_events(s, [o.id])[o.id], o.area, PolicyCache(s),
                                 now if o.status in OPEN_STATUSES else None))
        exp = s.get(Customer, o.customer_id).expiry_date if o.customer_id and s.get(Customer, o.customer_id) else None
        rows = []
        for e in evs:
            label = EVENT_LABELS.get(e.kind, e.kind)
            if e.kind == "followed":
                label = FOLLOW_MODES.get(e.sub, label)
            rows.append(EventRow(e.at, e.recorded_at, e.kind, label, e.actor_name,
                                 names.get(e.technician_id, "") if e.technician_id else "", e.note, e.reason,
                                 json.loads(e.data) if e.data else {}))
        reasons = [e.reason for e in evs if e.reason and e.kind in ("responded", "returned", "late_reason")]
        return OrderDetail(o.id, o.kind, KINDS.get(o.kind, o.kind), o.service_class, CLASSES[o.service_class],
                           o.status, STATUS.get(o.status, o.status), o.priority, o.customer_id, o.customer_name,
                           o.phone, o.area, o.address, o.description, o.fault_type, o.technician_id,
                           names.get(o.technician_id, "") if o.technician_id else "", exp, o.work_done,
                           o.equipment, o.minutes_spent, o.amount_fen, o.signed, o.parent_id, o.outage_id,
                           o.for_manager, sla, reasons, rows)


@dataclass(frozen=True)
class OrderListRow:
    id: int
    created_at: dt.datetime
    kind_label: str
    status: str
    status_label: str
    customer_name: str
    technician: str
    late: bool


def list_orders(db, *, statuses: tuple[str, ...] | None = None, since: dt.date | None = None,
                limit: int = 500) -> list[OrderListRow]:
    """Recent orders (newest first) for the 'all orders' list: returned ones wait for their follow-up call."""
    with db.read() as s:
        names = staff_names(s)
        q = select(WorkOrder).order_by(WorkOrder.id.desc()).limit(limit)
        if statuses:
            q = q.where(WorkOrder.status.in_(statuses))
        if since:
            q = q.where(WorkOrder.created_at >= dt.datetime.combine(since, dt.time()))
        orders = s.exec(q).all()
        events = load_events(s, [o.id for o in orders])
        cache = PolicyCache(s)
        now = clock.now()
        out = []
        for o in orders:
            sla = summarise(evaluate(events[o.id], o.area, cache, now if o.status in OPEN_STATUSES else None))
            out.append(OrderListRow(o.id, o.created_at, KINDS.get(o.kind, o.kind), o.status,
                                    STATUS.get(o.status, o.status), o.customer_name,
                                    names.get(o.technician_id, "") if o.technician_id else "", sla.late))
        return out
