"""Work-order facts other modules read inside their own session (points, rewards), and the historical loader.

Definitions (SPEC §7.5, §7.6, §7.8):
- a technician's week: repair orders first dispatched in the week whose last technician is the person;
  ``overdue`` = those breaching the respond or resolve deadline; ``dragged`` (拖单) = the person's orders still
  unreturned at the week's end although their resolve deadline had passed; ``forms_late`` = returns entered more
  than ``form_late_hours`` after the reported finish time.
- a dispatch clerk's week: orders the clerk first dispatched in the week; ``dispatched_late`` = dispatched more
  than ``dispatch_minutes`` opening minutes after registration; ``overdue`` as above; ``complaints`` = complaint
  orders raised in the week from those orders or against the clerk's dispatching (follow-up "unsatisfied").
- both: ``open`` = the week's orders still open and not late yet (the week may still turn out late: its reward
  stays provisional).
- station failures: repair orders registered in the month (not cancelled); rate per 100 active customers.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import String, and_, case, func, insert, type_coerce
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.customers.models import Customer
from station_desk.db.types import to_db_text
from station_desk.errors import DomainError
from station_desk.month import Month
from station_desk.points_ledger.models import PointEntry
from station_desk.work_orders.models import WorkOrder, WorkOrderEvent
from station_desk.work_orders.queries.sla import order_facts_in
from station_desk.work_orders.service import CLASSES, KINDS
from station_desk.work_orders.timeline import PolicyCache, evaluate, load_events, raw_cycles


def _week(week_start: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(week_start, dt.time())
    return start, start + dt.timedelta(days=7)


def repair_week_summary(s: Session, staff_id: int, week_start: dt.date) -> dict:
    start, end = _week(week_start)
    facts = order_facts_in(s, start, end, technician_id=staff_id, kinds=("repair",))
    overdue = sum(1 for f in facts if f.sla.late)
    # dragged: this person's orders open at the week's end although past their resolve deadline
    cache = PolicyCache(s)
    cand = s.exec(select(WorkOrder.id, WorkOrder.area).where(
        WorkOrder.first_dispatched_at < end, WorkOrder.status != "cancelled",
        (WorkOrder.returned_at.is_(None)) | (WorkOrder.returned_at >= end) | (WorkOrder.status == "reopened"),
        WorkOrder.kind == "repair")).all()
    areas = dict(cand)
    evs = load_events(s, list(areas))
    dragged = 0
    for oid, events in evs.items():
        upto = [e for e in events if e.at < end]
        cycles = raw_cycles(upto)
        if not cycles or cycles[-1]["resolved"] is not None or cycles[-1]["cancelled"]:
            continue
        if cycles[-1]["technician_id"] != staff_id:
            continue
        cyc = evaluate(upto, areas[oid], cache, end)
        if cyc and cyc[-1].resolve_late:
            dragged += 1
    hours = cache.on(week_start).work_orders.form_late_hours
    forms_late = 0
    for e in s.exec(select(WorkOrderEvent.at, WorkOrderEvent.recorded_at).join(
            WorkOrder, WorkOrder.id == WorkOrderEvent.order_id).where(
            WorkOrderEvent.kind == "returned", WorkOrderEvent.technician_id == staff_id,
            WorkOrderEvent.at >= start, WorkOrderEvent.at < end)).all():
        if e[1] - e[0] > dt.timedelta(hours=hours):
            forms_late += 1
    return {"orders": len(facts), "overdue": overdue, "dragged": dragged, "forms_late": forms_late,
            "open": sum(_unsettled(f) for f in facts)}


def dispatch_week_summary(s: Session, clerk_id: int, week_start: dt.date) -> dict:
    start, end = _week(week_start)
    facts = [f for f in order_facts_in(s, start, end) if f.dispatched_by_id == clerk_id]
    cache = PolicyCache(s)
    late = 0
    for f in facts:
        cal = cache.calendar(f.created_at.date())
        limit = cache.on(f.created_at.date()).work_orders.dispatch_minutes
        if cal.minutes_between(f.created_at, f.first_dispatched_at) > limit:
            late += 1
    ids = [f.id for f in facts]
    complaints = 0
    for k in range(0, len(ids), 900):
        complaints += s.exec(select(func.count()).select_from(WorkOrder).where(
            WorkOrder.kind == "complaint", WorkOrder.parent_id.in_(ids[k:k + 900]))).one()
    return {"orders": len(facts), "dispatched_late": late, "overdue": sum(1 for f in facts if f.sla.late),
            "complaints": complaints, "open": sum(_unsettled(f) for f in facts)}


def _unsettled(f) -> bool:
    """An order whose lateness is not known yet: its current cycle is open and its deadlines have not passed."""
    cur = f.sla.current
    return not f.sla.late and cur is not None and cur.resolved_at is None


def week_summaries(s: Session, week_starts, technician_ids=(), clerk_ids=()) -> dict[tuple[str, int, dt.date], dict]:
    """Many weeks' summaries in one pass: ``{("repair", technician, week_start): …, ("dispatch", clerk,
    week_start): …}`` for every given technician / clerk and week, each equal to what
    :func:`repair_week_summary` / :func:`dispatch_week_summary` return for it (the same definitions; one read of the
    span's orders, events and call answers instead of one per person and week), plus ``open``: the week's orders
    still open and not late yet (their week can still turn out late)."""
    import bisect
    from collections import defaultdict

    weeks = sorted(set(week_starts))
    techs, clerks = set(technician_ids), set(clerk_ids)
    out: dict[tuple[str, int, dt.date], dict] = {}
    for w in weeks:
        for sid in techs:
            out[("repair", sid, w)] = {"orders": 0, "overdue": 0, "dragged": 0, "forms_late": 0, "open": 0}
        for sid in clerks:
            out[("dispatch", sid, w)] = {"orders": 0, "dispatched_late": 0, "overdue": 0, "complaints": 0,
                                         "open": 0}
    if not weeks or not (techs or clerks):
        return out
    span_start, span_end = _week(weeks[0])[0], _week(weeks[-1])[1]
    kinds = None if clerks else ("repair",)
    # the finished orders come from the work orders' memo, without reading their events again
    facts = sorted(order_facts_in(s, span_start, span_end, kinds=kinds), key=lambda f: f.first_dispatched_at)
    firsts = [f.first_dispatched_at for f in facts]
    cache = PolicyCache(s)
    complaints: dict[int, int] = {}
    if clerks:
        ids = [f.id for f in facts if f.dispatched_by_id in clerks]
        for k in range(0, len(ids), 900):
            for parent, n in s.exec(select(WorkOrder.parent_id, func.count()).where(
                    WorkOrder.kind == "complaint", WorkOrder.parent_id.in_(ids[k:k + 900]))
                    .group_by(WorkOrder.parent_id)).all():
                complaints[parent] = n
    in_week: dict[dt.date, list] = {}
    for w in weeks:
        start, end = _week(w)
        in_week[w] = facts[bisect.bisect_left(firsts, start):bisect.bisect_left(firsts, end)]
    if clerks:
        late_of: dict[int, bool] = {}
        for w in weeks:
            for f in in_week[w]:
                if f.dispatched_by_id not in clerks:
                    continue
                d = out[("dispatch", f.dispatched_by_id, w)]
                d["orders"] += 1
                if f.id not in late_of:
                    cal = cache.calendar(f.created_at.date())
                    limit = cache.on(f.created_at.date()).work_orders.dispatch_minutes
                    late_of[f.id] = cal.minutes_between(f.created_at, f.first_dispatched_at) > limit
                d["dispatched_late"] += late_of[f.id]
                d["overdue"] += f.sla.late
                d["open"] += _unsettled(f)
                d["complaints"] += complaints.get(f.id, 0)
    if not techs:
        return out
    for w in weeks:
        for f in in_week[w]:
            if f.kind == "repair" and f.technician_id in techs:
                d = out[("repair", f.technician_id, w)]
                d["orders"] += 1
                d["overdue"] += f.sla.late
                d["open"] += _unsettled(f)
    # dragged: candidates of every week end in one read, each week's own condition applied here
    first_end, last_end = _week(weeks[0])[1], _week(weeks[-1])[1]
    # the three "still open" conditions each from its index (returned_at, status); the kind and the dispatch time are
    # tested as values ("|| ''"): on their indexes SQLite read every repair order the station ever had
    cand = s.exec(select(WorkOrder.id, WorkOrder.area, WorkOrder.first_dispatched_at, WorkOrder.returned_at,
                         WorkOrder.status).where(
        (WorkOrder.returned_at.is_(None)) | (WorkOrder.returned_at >= first_end) | (WorkOrder.status == "reopened"),
        type_coerce(WorkOrder.first_dispatched_at, String).concat("") < to_db_text(last_end),
        WorkOrder.status != "cancelled",
        WorkOrder.kind.concat("") == "repair")).all()

    def open_at(row, end: dt.datetime) -> bool:
        _oid, _area, first, returned, status = row
        return first < end and (returned is None or returned >= end or status == "reopened")

    # the events only of the orders open at one of the weeks' ends (an order dispatched and returned within a week
    # is in the read above, but never dragged)
    ends = [_week(w)[1] for w in weeks]
    cand = [c for c in cand if any(open_at(c, end) for end in ends)]
    evs = load_events(s, [c[0] for c in cand])
    for w in weeks:
        end = _week(w)[1]
        for row in cand:
            oid, area, first, returned, status = row
            if not open_at(row, end):
                continue
            upto = [e for e in evs[oid] if e.at < end]
            cycles = raw_cycles(upto)
            if not cycles or cycles[-1]["resolved"] is not None or cycles[-1]["cancelled"]:
                continue
            sid = cycles[-1]["technician_id"]
            if sid not in techs:
                continue
            cyc = evaluate(upto, area, cache, end)
            if cyc and cyc[-1].resolve_late:
                out[("repair", sid, w)]["dragged"] += 1
    returns = defaultdict(list)
    tech_list = sorted(techs)
    for k in range(0, len(tech_list), 900):
        for at, recorded, tech in s.exec(select(WorkOrderEvent.at, WorkOrderEvent.recorded_at,
                                                WorkOrderEvent.technician_id).join(
                WorkOrder, WorkOrder.id == WorkOrderEvent.order_id).where(
                WorkOrderEvent.kind == "returned", WorkOrderEvent.technician_id.in_(tech_list[k:k + 900]),
                WorkOrderEvent.at >= span_start, WorkOrderEvent.at < span_end)).all():
            returns[tech].append((at, recorded))
    for w in weeks:
        start, end = _week(w)
        limit = dt.timedelta(hours=cache.on(w).work_orders.form_late_hours)
        for tech, rows in returns.items():
            late = sum(1 for at, recorded in rows if start <= at < end and recorded - at > limit)
            out[("repair", tech, w)]["forms_late"] += late
    return out


def station_failure_count(s: Session, month: Month | str) -> int:
    """Repair orders created in the month, not cancelled. The kind and status are tested in the count, not the
    WHERE: there SQLite would pick the index on kind and read every repair order the station ever had."""
    a, b = Month.parse(month).bounds()
    repair = case((and_(WorkOrder.kind == "repair", WorkOrder.status != "cancelled"), 1), else_=0)
    return int(s.exec(select(func.coalesce(func.sum(repair), 0)).where(
        WorkOrder.created_at >= dt.datetime.combine(a, dt.time()),
        WorkOrder.created_at < dt.datetime.combine(b, dt.time()))).one())


def active_customer_count(s: Session) -> int:
    return s.exec(select(func.count()).select_from(Customer).where(Customer.active == True)).one()  # noqa: E712


def station_failure_rate(s: Session, month: Month | str, *, active_customers: int | None = None) -> float:
    """Faults per 100 active customers (0.0 when the station has no active customers). ``active_customers``: the
    count when the caller already has it (several months in one read)."""
    customers = active_customer_count(s) if active_customers is None else active_customers
    if not customers:
        return 0.0
    return round(100.0 * station_failure_count(s, month) / customers, 3)


def orders_closed_points(s: Session, month: Month | str) -> dict[int, int]:
    a, b = Month.parse(month).bounds()
    rows = s.exec(select(PointEntry.staff_id, func.sum(PointEntry.points_x100)).where(
        PointEntry.rule == "work_order.closed", PointEntry.day >= a, PointEntry.day < b)
        .group_by(PointEntry.staff_id)).all()
    return {sid: int(total or 0) for sid, total in rows}


# -- historical loader -----------------------------------------------------------------------------------------------
_STAMPS = (("dispatched_at", "dispatched"), ("responded_at", "responded"), ("finished_at", "returned"),
           ("called_at", "called"), ("closed_at", "closed"), ("cancelled_at", "cancelled"))


def _s(r: dict, key: str, limit: int) -> str:
    value = r.get(key)
    return "" if value is None else str(value)[:limit]


def load_order_facts_in(s: Session, *, actor: Actor, records: list[dict]) -> list[int]:
    """Insert historical/imported orders with their events, in the caller's transaction (bulk, no per-row audit;
    one audit row for the batch). Returns the new order ids.

    A record: kind, service_class, created_at (datetime), customer_id / customer_name, area, address, phone,
    description, fault_type, priority, technician_id, dispatched_by_id, and optional timestamps dispatched_at,
    responded_at, finished_at, called_at, closed_at, cancelled_at; return form work_done, equipment,
    minutes_spent, amount_fen, signed, late_reason; call answers solved, attitude, score, charged, suggestion."""
    if not records:
        return []
    now = clock.now()
    orders, events = [], []  # an event's order_id is first the record's index, then the id the database gave
    for i, r in enumerate(records, 1):
        kind, cls = r.get("kind", "repair"), r.get("service_class", "C")
        if kind not in KINDS or cls not in CLASSES or not isinstance(r.get("created_at"), dt.datetime):
            raise DomainError("wo.import_invalid", row=i, detail=f"kind={kind} class={cls}")
        prev = r["created_at"]
        for key, _kind in _STAMPS:
            at = r.get(key)
            if at is None:
                continue
            if not isinstance(at, dt.datetime):
                raise DomainError("wo.import_invalid", row=i, detail=f"{key} 不是时间")
            if key != "cancelled_at" and at < prev:
                raise DomainError("wo.import_invalid", row=i, detail=f"{key} 早于前一步")
            prev = at if key != "cancelled_at" else prev
        oid = i - 1
        status = "new"
        for key, st in (("dispatched_at", "dispatched"), ("responded_at", "in_progress"),
                        ("finished_at", "returned"), ("called_at", "called"), ("closed_at", "closed"),
                        ("cancelled_at", "cancelled")):
            if r.get(key):
                status = st
        if r.get("called_at") and r.get("solved") is False and not r.get("closed_at"):
            status = "reopened"
        tech = r.get("technician_id")
        orders.append(dict(
            kind=kind, service_class=cls, priority=int(r.get("priority", 0)), status=status,
            customer_id=r.get("customer_id"), customer_name=_s(r, "customer_name", 40),
            phone=_s(r, "phone", 20), area=_s(r, "area", 30), address=_s(r, "address", 160),
            description=_s(r, "description", 500), fault_type=_s(r, "fault_type", 20),
            contact_id=r.get("contact_id"), signup_id=r.get("signup_id"), parent_id=r.get("parent_id"),
            outage_id=r.get("outage_id"), for_manager=bool(r.get("for_manager", False)),
            technician_id=tech if r.get("dispatched_at") else None, dispatched_by_id=r.get("dispatched_by_id"),
            created_at=r["created_at"], created_by_id=r.get("created_by_id"),
            first_dispatched_at=r.get("dispatched_at"), returned_at=r.get("finished_at"),
            closed_at=r.get("closed_at") or r.get("cancelled_at"), work_done=_s(r, "work_done", 500),
            equipment=_s(r, "equipment", 120), minutes_spent=r.get("minutes_spent"),
            amount_fen=int(r.get("amount_fen", 0)), pay_method=_s(r, "pay_method", 12), invoice_no="",
            receipt_id=None, signed=bool(r.get("signed", False)),
            call_solved=r.get("solved") if r.get("called_at") else None,
            call_attitude=r.get("attitude", "") if r.get("called_at") else "",
            call_score=r.get("score") if r.get("called_at") else None))
        base = dict(order_id=oid, actor_id=actor.staff_id, actor_name=actor.name[:20], note="", reason="", data="",
                    sub="")
        events.append({**base, "kind": "created", "at": r["created_at"], "recorded_at": r["created_at"],
                       "technician_id": None})
        for key, kind_ev in _STAMPS:
            at = r.get(key)
            if not at:
                continue
            ev = {**base, "kind": kind_ev, "at": at, "recorded_at": r.get("recorded_" + key, at),
                  "technician_id": tech if kind_ev in ("dispatched", "responded", "returned", "called") else None}
            if kind_ev == "returned":
                ev["reason"] = _s(r, "late_reason", 200)
                ev["data"] = json.dumps({"work_done": r.get("work_done", ""), "amount_fen": r.get("amount_fen", 0)},
                                        ensure_ascii=False)
            if kind_ev == "called":
                answers = {"solved": r.get("solved", True), "attitude": r.get("attitude", "satisfied"),
                           "charged": r.get("charged", False), "score": r.get("score", 9),
                           "suggestion": r.get("suggestion", "")}
                ev["sub"] = "solved" if answers["solved"] else "unsolved"
                ev["data"] = json.dumps(answers, ensure_ascii=False)
            events.append(ev)
        if status == "reopened":
            events.append({**base, "kind": "reopened", "at": r["called_at"], "recorded_at": r["called_at"],
                           "technician_id": None, "reason": "回访：问题未解决"})
    ids = list(s.scalars(insert(WorkOrder).returning(WorkOrder.id, sort_by_parameter_order=True), orders))
    for ev in events:
        ev["order_id"] = ids[ev["order_id"]]
    s.execute(insert(WorkOrderEvent), events)
    audit.record(s, actor=actor, action="work_orders.load_history", entity="work_order",
                 entity_id=f"{ids[0]}-{ids[-1]}", after={"orders": len(records), "at": now})
    return ids


__all__ = ["repair_week_summary", "dispatch_week_summary", "week_summaries", "station_failure_count", "station_failure_rate",
           "orders_closed_points", "load_order_facts_in", "evaluate"]


def credit_history_points_in(s: Session, *, actor: Actor, order_ids: list[int]) -> int:
    """Order points for closed historical orders in bulk (the same rule as closing one: policy of the closing day,
    late and unsolved reductions, once per order). One audit row for the batch. Returns the number credited."""
    from station_desk.periods.service import ensure_open
    from station_desk.work_orders.service import order_points_x100

    ids = list(order_ids)
    if not ids:
        return 0
    done = set()
    for k in range(0, len(ids), 900):
        done |= {int(x) for x in s.exec(select(PointEntry.source_id).where(
            PointEntry.source_kind == "work_order", PointEntry.rule == "work_order.closed",
            PointEntry.source_id.in_([str(i) for i in ids[k:k + 900]]))).all()}
    orders = {}
    for k in range(0, len(ids), 900):
        for o in s.exec(select(WorkOrder.id, WorkOrder.kind, WorkOrder.area, WorkOrder.technician_id,
                               WorkOrder.closed_at, WorkOrder.status).where(WorkOrder.id.in_(ids[k:k + 900]))).all():
            orders[o[0]] = o
    events = load_events(s, [i for i in ids if i not in done])
    cache = PolicyCache(s)
    rows, checked = [], set()
    now = clock.now()
    for oid, evs in events.items():
        o = orders.get(oid)
        if o is None or o[5] != "closed" or o[4] is None:
            continue
        tech = next((e.technician_id for e in reversed(evs) if e.kind == "returned" and e.technician_id), o[3])
        if not tech:
            continue
        day = o[4].date()
        if day.replace(day=1) not in checked:
            ensure_open(s, "points", day)
            checked.add(day.replace(day=1))
        cycles = evaluate(evs, o[2], cache)
        late = any(c.respond_late or c.resolve_late for c in cycles)
        unsolved = any(e.kind == "called" and e.sub == "unsolved" for e in evs)
        pts = order_points_x100(cache.on(day).work_orders, o[1], late, unsolved)
        rows.append(dict(staff_id=tech, day=day, kind="order", rule="work_order.closed", points_x100=pts,
                         source_kind="work_order", source_id=str(oid), note=f"{KINDS[o[1]]}工单 {oid}",
                         reverses_id=None, created_at=now, created_by=actor.name[:20]))
    if rows:
        s.execute(insert(PointEntry), rows)
        audit.record(s, actor=actor, action="work_orders.credit_history_points", entity="point_entry",
                     entity_id=f"work_order×{len(rows)}", after={"orders": len(rows),
                                                                "points_x100": sum(r["points_x100"] for r in rows)})
    return len(rows)
