"""The dispatch board: open orders with the deadlines of their current cycle, and each technician's load.

Deadlines are computed once here from the event log with the policy in force at dispatch (``timeline``); the
board's 1-second tick only compares the clock with them (``countdowns``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from station_desk import clock
from station_desk.db.dialect import driver_rows
from station_desk.db.types import to_db_text
from station_desk.staff.roles import Role
from station_desk.work_orders.service import KINDS, OPEN_STATUSES, STATUS
from station_desk.work_orders.sla import countdown_state
from station_desk.work_orders.timeline import PolicyCache, evaluate, load_events, parse_ts, pause_until


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
    paused: bool = False  # the clock stands still (SLA pause: customer not home, asked later, outage)
    paused_why: str = ""
    paused_until: dt.datetime | None = None  # the booked end (None: until the outage's recovery)

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


def _sql(s, sql: str, params: tuple = ()) -> list:
    """Plain driver SQL for the board: no statement compilation, so the tab's first view stays fast even in a
    freshly started program."""
    return driver_rows(s.connection(), sql, params)


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
            cycles = evaluate(events[oid], area, cache, now) if status in ("dispatched", "in_progress") else []
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
                bool(c and c.responded_at) or status == "in_progress", bool(c and c.paused),
                *(_pause_of(events[oid]) if c is not None and c.paused else ("", None))))
        rows.sort(key=lambda r: (not r.carried_over, r.status not in ("new", "reopened"), -r.priority,
                                 r.created_at, r.id))
        loads = tech_loads_in(s, today, names)
    return Board(rows, loads, today, cals)


def _pause_of(evs) -> tuple[str, dt.datetime | None]:
    """(why, booked end) of the order's last pause."""
    last = next((e for e in reversed(evs) if e.kind == "paused"), None)
    return (last.reason, pause_until(last)) if last is not None else ("", None)


def countdowns(b: Board, now: dt.datetime) -> dict[int, tuple[str, str, int]]:
    """{order id: (state, which, opening minutes left)} for the board's tick: state is 'waiting' (undispatched),
    'paused' (the clock stands still), 'ok', 'amber' or 'late'; which is 'respond' or 'resolve'; minutes are
    negative once late. Only datetime comparisons and a short opening-hours walk per order: deadlines were computed
    when the board loaded (a pause that ends at its booked time ends on the tick: ``paused_until``)."""
    out = {}
    for o in b.orders:
        target = o.target
        if target is None:
            out[o.id] = ("waiting", "", 0)
            continue
        amber_at, due = target
        if o.paused and (o.paused_until is None or now < o.paused_until) and now <= due:
            out[o.id] = ("paused", "resolve" if o.responded else "respond", 0)
            continue
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
    active = {r[0] for r in _sql(s, "SELECT id FROM staff WHERE active")}
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
