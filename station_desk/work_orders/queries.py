"""Reads of the work-orders module: the dispatch board, one order's detail, the SLA report, outage statistics.

All deadlines here are computed from the event log with the policy in force at dispatch (``timeline``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from station_desk import clock
from station_desk.customers.models import Customer
from station_desk.db.types import to_db_text
from station_desk.staff.models import Staff
from station_desk.staff.roles import Role
from station_desk.work_orders.models import Outage, WorkOrder, WorkOrderEvent
from station_desk.work_orders.service import (ATTITUDES, CLASSES, FOLLOW_MODES, KINDS, OPEN_STATUSES, STATUS)
from station_desk.work_orders.sla import countdown_state
from station_desk.work_orders.timeline import OrderSla, PolicyCache, evaluate, load_events, parse_ts, summarise

EVENT_LABELS = {"created": "登记", "dispatched": "派单", "redispatched": "改派", "responded": "响应",
                "followed": "跟单", "returned": "回单", "late_reason": "超时原因", "call_booked": "预约回访",
                "called": "回访", "complaint": "转投诉", "closed": "关单", "cancelled": "取消", "reopened": "重开",
                "outage": "关联大网故障"}


# -- board --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoardOrder:
    id: int
    kind: str
    kind_label: str
    service_class: str
    priority: int
    status: str
    status_label: str
    customer_name: str
    area: str
    address: str
    description: str
    technician_id: int | None
    technician: str
    created_at: dt.datetime
    carried_over: bool  # left undispatched at a previous close of day: dispatch first
    expiry_date: dt.date | None  # shown when near (policy.expiry_warn_days)
    for_manager: bool
    # deadlines of the current cycle (None while undispatched); the tick only compares datetimes with these
    dispatched_at: dt.datetime | None
    respond_due: dt.datetime | None
    respond_amber_at: dt.datetime | None
    resolve_due: dt.datetime | None
    resolve_amber_at: dt.datetime | None
    responded: bool

    @property
    def target(self) -> tuple[dt.datetime, dt.datetime] | None:
        """(amber_at, due) of the deadline the order is now racing against."""
        if self.resolve_due is None:
            return None
        if not self.responded:
            return self.respond_amber_at, self.respond_due
        return self.resolve_amber_at, self.resolve_due


@dataclass(frozen=True)
class TechLoad:
    staff_id: int
    name: str
    open_orders: int
    dispatched_today: int


@dataclass(frozen=True)
class Board:
    orders: list[BoardOrder]
    loads: list[TechLoad]
    day: dt.date
    calendars: dict  # order id → OpeningCalendar of the policy in force at its dispatch (for the countdown text)


def _names(s) -> dict[int, str]:
    return dict(s.exec(select(Staff.id, Staff.name)).all())


def _sql(s, sql: str, params: tuple = ()) -> list:
    """Plain driver SQL for the board: no statement compilation, so the tab's first view stays fast even in a
    freshly started program."""
    return s.connection().exec_driver_sql(sql, params).fetchall()


def _d(value) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def board(db, *, now: dt.datetime | None = None) -> Board:
    """Open orders (undispatched carry-overs first, then urgent, then oldest) and each technician's load."""
    now = now or clock.now()
    today = now.date()
    with db.read() as s:
        names = dict(_sql(s, "SELECT id, name FROM staff"))
        cache = PolicyCache(s)
        warn_days = cache.on(today).work_orders.expiry_warn_days
        marks = ",".join("?" * len(OPEN_STATUSES))
        orders = _sql(s, "SELECT id, kind, service_class, priority, status, customer_name, area, address, "
                         "description, technician_id, created_at, customer_id, for_manager FROM work_order "
                         f"WHERE status IN ({marks})", tuple(OPEN_STATUSES))
        events = load_events(s, [o[0] for o in orders])
        cust_ids = sorted({o[11] for o in orders if o[11]})
        expiry = {}
        for k in range(0, len(cust_ids), 900):
            chunk = cust_ids[k:k + 900]
            expiry.update((cid, _d(day)) for cid, day in _sql(
                s, f"SELECT id, expiry_date FROM customer WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        rows = []
        cals = {}
        for (oid, kind, klass, priority, status, cname, area, address, desc, tech, created, cust,
             for_manager) in orders:
            created = parse_ts(created)
            cycles = evaluate(events[oid], area, cache) if status in ("dispatched", "in_progress") else []
            c = cycles[-1] if cycles else None
            if c is not None:
                cals[oid] = cache.calendar(c.dispatched_at.date())
            exp = expiry.get(cust)
            if exp is not None and (exp - today).days > warn_days:
                exp = None
            undispatched = status in ("new", "reopened")
            rows.append(BoardOrder(
                oid, kind, KINDS.get(kind, kind), klass, priority, status, STATUS.get(status, status), cname, area,
                address, desc, tech, names.get(tech, "") if tech else "", created,
                undispatched and created.date() < today, exp, bool(for_manager),
                c.dispatched_at if c else None, c.respond_due if c else None, c.respond_amber_at if c else None,
                c.resolve_due if c else None, c.resolve_amber_at if c else None,
                bool(c and c.responded_at) or status == "in_progress"))
        rows.sort(key=lambda r: (not r.carried_over, r.status not in ("new", "reopened"), -r.priority,
                                 r.created_at, r.id))
        loads = tech_loads_in(s, today, names)
    return Board(rows, loads, today, cals)


def countdowns(b: Board, now: dt.datetime) -> dict[int, tuple[str, str, int]]:
    """{order id: (state, which, opening minutes left)} for the board's tick: state is 'waiting' (undispatched),
    'ok', 'amber' or 'late'; which is 'respond' or 'resolve'; minutes are negative once late. Only datetime
    comparisons and a short opening-hours walk per order: deadlines were computed when the board loaded."""
    out = {}
    for o in b.orders:
        target = o.target
        if target is None:
            out[o.id] = ("waiting", "", 0)
            continue
        amber_at, due = target
        cal = b.calendars.get(o.id)
        left = cal.minutes_between(now, due) if cal is not None else int((due - now).total_seconds() // 60)
        out[o.id] = (countdown_state(now, amber_at, due), "resolve" if o.responded else "respond", left)
    return out


def tech_loads_in(s, day: dt.date, names: dict[int, str] | None = None) -> list[TechLoad]:
    """Each technician's open orders and today's dispatches (least loaded first)."""
    names = names or dict(_sql(s, "SELECT id, name FROM staff"))
    roles: dict[int, str] = {}
    for sid, role in _sql(s, "SELECT staff_id, role FROM staff_role WHERE effective_from <= ? "
                             "ORDER BY staff_id, effective_from, id", (day.isoformat(),)):
        roles[sid] = role
    active = {r[0] for r in _sql(s, "SELECT id FROM staff WHERE active = 1")}
    techs = [sid for sid, r in roles.items() if r in (Role.TECHNICIAN, Role.MAINTENANCE_LEAD) and sid in active]
    open_counts = dict(_sql(s, "SELECT technician_id, COUNT(*) FROM work_order WHERE status IN "
                               "('dispatched', 'in_progress') GROUP BY technician_id"))
    start = dt.datetime.combine(day, dt.time())
    today_counts = dict(_sql(s, "SELECT technician_id, COUNT(*) FROM work_order_event WHERE kind IN "
                                "('dispatched', 'redispatched') AND at >= ? AND at < ? GROUP BY technician_id",
                             (to_db_text(start), to_db_text(start + dt.timedelta(days=1)))))
    for sid in open_counts:
        if sid and sid not in techs and sid in active:
            techs.append(sid)
    loads = [TechLoad(sid, names.get(sid, str(sid)), open_counts.get(sid, 0), today_counts.get(sid, 0))
             for sid in techs]
    loads.sort(key=lambda t: (t.open_orders, t.dispatched_today, t.name))
    return loads


def technicians(db, day: dt.date | None = None) -> list[TechLoad]:
    with db.read() as s:
        return tech_loads_in(s, day or clock.today())


# -- one order --------------------------------------------------------------------------------------------------------
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
    from station_desk.errors import DomainError

    now = now or clock.now()
    with db.read() as s:
        o = s.get(WorkOrder, order_id)
        if o is None:
            raise DomainError("wo.not_found", id=order_id)
        names = _names(s)
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
        names = _names(s)
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


# -- SLA report ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SlaRow:
    staff_id: int
    name: str
    orders: int
    responded_on_time_pct: float
    resolved_on_time_pct: float
    avg_response_minutes: float | None
    avg_resolution_minutes: float | None
    follow_up_avg_score: float | None
    unsatisfied: int
    late_orders: int


@dataclass(frozen=True)
class OrderFact:
    """One order of a month, evaluated (shared by the report, the weekly chart and facts)."""

    id: int
    kind: str
    technician_id: int | None
    dispatched_by_id: int | None
    created_at: dt.datetime
    first_dispatched_at: dt.datetime
    status: str
    sla: OrderSla
    scores: tuple[int, ...]
    unsatisfied: int
    unsolved: int


def order_facts_in(s, start: dt.datetime, end: dt.datetime, *, technician_id: int | None = None,
                   kinds: tuple[str, ...] | None = None) -> list[OrderFact]:
    """Orders first dispatched in [start, end), not cancelled, evaluated from their events (final breaches only
    for finished cycles; an open cycle counts late once its deadline has passed)."""
    q = select(WorkOrder.id, WorkOrder.kind, WorkOrder.technician_id, WorkOrder.dispatched_by_id,
               WorkOrder.created_at, WorkOrder.first_dispatched_at, WorkOrder.status, WorkOrder.area).where(
        WorkOrder.first_dispatched_at >= start, WorkOrder.first_dispatched_at < end,
        WorkOrder.status != "cancelled")
    if kinds:
        q = q.where(WorkOrder.kind.in_(kinds))
    rows = s.exec(q).all()
    events = load_events(s, [r[0] for r in rows])
    cache = PolicyCache(s)
    now = clock.now()
    call_data: dict[int, list[dict]] = defaultdict(list)
    ids = [r[0] for r in rows]
    for k in range(0, len(ids), 900):
        for oid, data in s.exec(select(WorkOrderEvent.order_id, WorkOrderEvent.data).where(
                WorkOrderEvent.order_id.in_(ids[k:k + 900]), WorkOrderEvent.kind == "called")).all():
            call_data[oid].append(json.loads(data) if data else {})
    out = []
    for oid, kind, tech, clerk, created, first, status, area in rows:
        evs = events[oid]
        ret_tech = None
        for e in evs:
            if e.kind == "returned" and e.technician_id:
                ret_tech = e.technician_id
        if technician_id is not None and (ret_tech or tech) != technician_id:
            continue
        sla = summarise(evaluate(evs, area, cache, now))
        calls = call_data.get(oid, [])
        scores = tuple(int(c["score"]) for c in calls if c.get("score"))
        out.append(OrderFact(oid, kind, ret_tech or tech, clerk, created, first, status, sla, scores,
                             sum(1 for c in calls if c.get("attitude") == "unsatisfied"),
                             sum(1 for c in calls if c.get("solved") is False)))
    return out


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def _avg(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def summarise_facts(staff_id: int, name: str, facts: list[OrderFact]) -> SlaRow:
    n = len(facts)
    resp = [f.sla.response_minutes for f in facts if f.sla.response_minutes is not None]
    reso = [f.sla.resolution_minutes for f in facts if f.sla.resolution_minutes is not None]
    scores = [x for f in facts for x in f.scores]
    return SlaRow(staff_id, name, n, _pct(sum(1 for f in facts if not f.sla.respond_late), n),
                  _pct(sum(1 for f in facts if not f.sla.resolve_late), n), _avg(resp), _avg(reso), _avg(scores),
                  sum(f.unsatisfied for f in facts), sum(1 for f in facts if f.sla.late))


def sla_report(db, *, year: int, month: int) -> list[SlaRow]:
    """Per technician: orders first dispatched in the month, on-time %, average minutes (opening hours), calls."""
    start, end = clock.month_bounds(year, month)
    with db.read() as s:
        names = _names(s)
        facts = order_facts_in(s, dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()))
    by_tech: dict[int, list[OrderFact]] = defaultdict(list)
    for f in facts:
        if f.technician_id:
            by_tech[f.technician_id].append(f)
    rows = [summarise_facts(sid, names.get(sid, str(sid)), fs) for sid, fs in by_tech.items()]
    rows.sort(key=lambda r: (-r.orders, r.name))
    return rows


def sla_total(rows: list[SlaRow]) -> SlaRow | None:
    """The station's line under the report (weighted by orders)."""
    n = sum(r.orders for r in rows)
    if not n:
        return None

    def wavg(get):
        pairs = [(get(r), r.orders) for r in rows if get(r) is not None]
        w = sum(o for _, o in pairs)
        return round(sum(v * o for v, o in pairs) / w, 1) if w else None

    return SlaRow(0, "合计", n, wavg(lambda r: r.responded_on_time_pct), wavg(lambda r: r.resolved_on_time_pct),
                  wavg(lambda r: r.avg_response_minutes), wavg(lambda r: r.avg_resolution_minutes),
                  wavg(lambda r: r.follow_up_avg_score), sum(r.unsatisfied for r in rows),
                  sum(r.late_orders for r in rows))


@dataclass(frozen=True)
class WeekPoint:
    week_start: dt.date
    orders: int
    responded_on_time_pct: float
    resolved_on_time_pct: float


def sla_weekly(db, *, year: int, month: int, technician_id: int | None = None) -> list[WeekPoint]:
    """On-time % by week (weeks starting Monday that touch the month) for the chart."""
    start, end = clock.month_bounds(year, month)
    first_monday = start - dt.timedelta(days=start.weekday())
    with db.read() as s:
        facts = order_facts_in(s, dt.datetime.combine(first_monday, dt.time()), dt.datetime.combine(end, dt.time()),
                               technician_id=technician_id)
    weeks: dict[dt.date, list[OrderFact]] = {}
    w = first_monday
    while w < end:
        weeks[w] = []
        w += dt.timedelta(days=7)
    for f in facts:
        d = f.first_dispatched_at.date()
        weeks.setdefault(d - dt.timedelta(days=d.weekday()), []).append(f)
    out = []
    for wk in sorted(weeks):
        fs = weeks[wk]
        out.append(WeekPoint(wk, len(fs), _pct(sum(1 for f in fs if not f.sla.respond_late), len(fs)),
                             _pct(sum(1 for f in fs if not f.sla.resolve_late), len(fs))))
    return out


# -- outages --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutageRow:
    id: int
    area: str
    fault_type: str
    cause: str
    started_at: dt.datetime
    expected_recovery_at: dt.datetime | None
    recovered_at: dt.datetime | None
    linked_orders: int


def list_outages(db, *, since: dt.date | None = None) -> list[OutageRow]:
    with db.read() as s:
        q = select(Outage).order_by(Outage.started_at.desc())
        if since:
            q = q.where(Outage.started_at >= dt.datetime.combine(since, dt.time()))
        rows = s.exec(q).all()
        counts = dict(s.exec(select(WorkOrder.outage_id, func.count()).where(WorkOrder.outage_id.is_not(None))
                             .group_by(WorkOrder.outage_id)).all())
        return [OutageRow(r.id, r.area, r.fault_type, r.cause, r.started_at, r.expected_recovery_at, r.recovered_at,
                          counts.get(r.id, 0)) for r in rows]


def fault_type_weekly(db, *, weeks: int = 8, until: dt.date | None = None) -> list[tuple[dt.date, dict[str, int]]]:
    """Weekly fault-type statistics: repair orders registered per week by fault type (latest ``weeks`` weeks)."""
    until = until or clock.today()
    last_monday = until - dt.timedelta(days=until.weekday())
    first = last_monday - dt.timedelta(days=7 * (weeks - 1))
    with db.read() as s:
        rows = s.exec(select(WorkOrder.created_at, WorkOrder.fault_type).where(
            WorkOrder.kind == "repair", WorkOrder.status != "cancelled",
            WorkOrder.created_at >= dt.datetime.combine(first, dt.time()))).all()
    out: dict[dt.date, dict[str, int]] = {first + dt.timedelta(days=7 * i): {} for i in range(weeks)}
    for created, ftype in rows:
        d = created.date()
        wk = d - dt.timedelta(days=d.weekday())
        if wk in out:
            key = ftype or "未分类"
            out[wk][key] = out[wk].get(key, 0) + 1
    return sorted(out.items())


__all__ = ["ATTITUDES", "board", "get_order", "list_orders", "sla_report", "sla_weekly", "list_outages",
           "fault_type_weekly", "technicians"]
