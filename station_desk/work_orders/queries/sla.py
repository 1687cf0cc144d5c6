"""The monthly SLA report per technician, the station's total line and the weekly on-time chart; the evaluated
orders (``order_facts_in``) they share with ``facts``."""

from __future__ import annotations

import datetime as dt
import json
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from station_desk import clock
from station_desk.db.engine import ON_CLOSE
from station_desk.month import Month
from station_desk.work_orders.models import WorkOrder, WorkOrderEvent
from station_desk.work_orders.queries.orders import staff_names
from station_desk.work_orders.timeline import OrderSla, PolicyCache, evaluate, load_events, summarise


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
    paused_orders: int = 0  # orders whose clock was paused (counted apart: the pause is not the technician's time)
    paused_minutes: int = 0  # opening minutes paused
    # what the percentages and averages are made of, so a total is computed from counts, not from rounded figures
    responded_on_time: int = 0
    resolved_on_time: int = 0
    response_sum: float = 0.0
    response_n: int = 0
    resolution_sum: float = 0.0
    resolution_n: int = 0
    score_sum: int = 0
    score_n: int = 0


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


class _Memo:
    """Evaluated orders remembered for one database engine: ``facts`` {order id: (row and policy key, fact)}, valid
    for every event up to ``seen`` (the newest event id when the memo was last brought up to date). Only final
    evaluations (every cycle returned: nothing depends on the clock any more) are kept.

    Events are only ever appended, and writes are serialised on both engines (``db.dialect``: SQLite's write lock,
    PostgreSQL's advisory lock held to commit), so event ids are committed in increasing order: what is new since
    ``seen`` is exactly the events with a larger id — one indexed read of the few orders they touch, not a count of
    every order's events at every read (issue #15: 7 ms of the overview's SLA at 10 years). The overview re-read the
    month's 1,300 orders (evaluated again from their events) after every work-order write before there was a memo.
    Reads on two threads can see two snapshots: an evaluation is kept only if the memo is still at the read's own
    snapshot when it is stored.

    The log is rewritten below ``seen`` only by a restore (the file is replaced, ids are handed out again) and by a
    month file loaded again (its rows are deleted and inserted anew): the first closes the database, which drops the
    memo (``db.engine.ON_CLOSE``), the second calls :func:`forget_evaluations`. As a last guard the memo also keeps
    the event at ``seen`` (``anchor``) and starts again if it is no longer there as it was."""

    def __init__(self) -> None:
        self.facts: dict[int, tuple[tuple, OrderFact]] = {}
        self.seen = 0
        self.anchor: tuple | None = None
        self.lock = threading.Lock()

    @staticmethod
    def _event_at(s, event_id: int) -> tuple | None:
        return s.exec(select(WorkOrderEvent.order_id, WorkOrderEvent.kind, WorkOrderEvent.recorded_at,
                             WorkOrderEvent.data).where(WorkOrderEvent.id == event_id)).first()

    def catch_up(self, s) -> int:
        """Forget the orders with events newer than ``seen``; return the newest event id of ``s``'s snapshot."""
        newest = s.exec(select(func.max(WorkOrderEvent.id))).one() or 0
        with self.lock:
            if self.seen and (newest < self.seen or tuple(self._event_at(s, self.seen) or ()) != self.anchor):
                # what the memo knows is not in this snapshot as it was (rewritten; or an older snapshot on another
                # thread): start again
                self.facts.clear()
                self.seen, self.anchor = 0, None
            if newest > self.seen:
                if self.facts:
                    # a range of the primary key (with DISTINCT, SQLite walks the whole index on order_id instead)
                    touched = set(s.exec(select(WorkOrderEvent.order_id).where(WorkOrderEvent.id > self.seen)).all())
                    for oid in touched:
                        self.facts.pop(oid, None)
                self.seen, self.anchor = newest, tuple(self._event_at(s, newest) or ())
            if len(self.facts) > MEMO_LIMIT:
                self.facts.clear()
        return newest

    def keep(self, snapshot: int, oid: int, key: tuple, fact: OrderFact) -> None:
        with self.lock:
            if snapshot == self.seen:
                self.facts[oid] = (key, fact)

    def get(self, snapshot: int, oid: int, key: tuple) -> OrderFact | None:
        entry = self.facts.get(oid)
        return entry[1] if entry is not None and entry[0] == key and snapshot == self.seen else None


_MEMO: "weakref.WeakKeyDictionary[object, _Memo]" = weakref.WeakKeyDictionary()
MEMO_LIMIT = 20_000  # orders (≈ 1.5 KB each); past it the memo starts again


def forget_evaluations() -> None:
    """Drop the remembered evaluations: an event log was rewritten, not appended to (a month file loaded again, a
    restore). Every database's: a write session's engine is not the one its reads use, and this is rare."""
    _MEMO.clear()


ON_CLOSE.append(lambda _engine: forget_evaluations())  # a restore replaces the file under the same engine


def _memo_for(s) -> _Memo:
    bind = s.get_bind()
    memo = _MEMO.get(bind)
    if memo is None:
        memo = _MEMO.setdefault(bind, _Memo())
    return memo


def _final(sla: OrderSla) -> bool:
    return all(c.resolved_at is not None and not c.paused for c in sla.cycles)


def order_facts_in(s, start: dt.datetime, end: dt.datetime, *, technician_id: int | None = None,
                   kinds: tuple[str, ...] | None = None) -> list[OrderFact]:
    """Orders first dispatched in [start, end), not cancelled, evaluated from their events (final breaches only
    for finished cycles; an open cycle counts late once its deadline has passed). Finished orders whose events
    and policy have not changed since they were last evaluated come from a memo (their events are not read)."""
    q = select(WorkOrder.id, WorkOrder.kind, WorkOrder.technician_id, WorkOrder.dispatched_by_id,
               WorkOrder.created_at, WorkOrder.first_dispatched_at, WorkOrder.status, WorkOrder.area).where(
        WorkOrder.first_dispatched_at >= start, WorkOrder.first_dispatched_at < end,
        WorkOrder.status != "cancelled")
    if kinds:
        q = q.where(WorkOrder.kind.in_(kinds))
    rows = s.exec(q).all()
    ids = [r[0] for r in rows]
    cache = PolicyCache(s)
    memo = _memo_for(s)
    snapshot = memo.catch_up(s)
    keys = {r[0]: (tuple(r[1:]), cache.stamp) for r in rows}
    known = {oid: fact for oid in ids if (fact := memo.get(snapshot, oid, keys[oid])) is not None}
    todo = [oid for oid in ids if oid not in known]
    events = load_events(s, todo)
    now = clock.now()
    call_data: dict[int, list[dict]] = defaultdict(list)
    for k in range(0, len(todo), 900):
        for oid, data in s.exec(select(WorkOrderEvent.order_id, WorkOrderEvent.data).where(
                WorkOrderEvent.order_id.in_(todo[k:k + 900]), WorkOrderEvent.kind == "called")).all():
            call_data[oid].append(json.loads(data) if data else {})
    out = []
    for oid, kind, tech, clerk, created, first, status, area in rows:
        fact = known.get(oid)
        if fact is None:
            evs = events[oid]
            ret_tech = None
            for e in evs:
                if e.kind == "returned" and e.technician_id:
                    ret_tech = e.technician_id
            sla = summarise(evaluate(evs, area, cache, now))
            calls = call_data.get(oid, [])
            scores = tuple(int(c["score"]) for c in calls if c.get("score"))
            fact = OrderFact(oid, kind, ret_tech or tech, clerk, created, first, status, sla, scores,
                             sum(1 for c in calls if c.get("attitude") == "unsatisfied"),
                             sum(1 for c in calls if c.get("solved") is False))
            if _final(sla):
                memo.keep(snapshot, oid, keys[oid], fact)
        if technician_id is not None and fact.technician_id != technician_id:
            continue
        out.append(fact)
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
    responded = sum(1 for f in facts if not f.sla.respond_late)
    resolved = sum(1 for f in facts if not f.sla.resolve_late)
    return SlaRow(staff_id, name, n, _pct(responded, n), _pct(resolved, n), _avg(resp), _avg(reso), _avg(scores),
                  sum(f.unsatisfied for f in facts), sum(1 for f in facts if f.sla.late),
                  sum(1 for f in facts if f.sla.pauses), sum(f.sla.paused_minutes for f in facts),
                  responded, resolved, sum(resp), len(resp), sum(reso), len(reso), sum(scores), len(scores))


def sla_report(db, *, month: Month | str) -> list[SlaRow]:
    """Per technician: orders first dispatched in the month, on-time %, average minutes (opening hours), calls."""
    start, end = Month.parse(month).bounds()
    with db.read() as s:
        names = staff_names(s)
        facts = order_facts_in(s, dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()))
    return sla_rows(names, facts)


def sla_rows(names: dict[int, str], facts: list[OrderFact]) -> list[SlaRow]:
    """:func:`sla_report`'s rows from its facts (one read can serve several views)."""
    by_tech: dict[int, list[OrderFact]] = defaultdict(list)
    for f in facts:
        if f.technician_id:
            by_tech[f.technician_id].append(f)
    rows = [summarise_facts(sid, names.get(sid, str(sid)), fs) for sid, fs in by_tech.items()]
    rows.sort(key=lambda r: (-r.orders, r.name))
    return rows


def sla_total(rows: list[SlaRow]) -> SlaRow | None:
    """The station's line under the report: every percentage and average from the counts and sums behind the
    rows (15 of 16 on time is 93.8 %, not the average of each technician's rounded figure)."""
    n = sum(r.orders for r in rows)
    if not n:
        return None

    def mean(total: float, count: int) -> float | None:
        return round(total / count, 1) if count else None

    def add(get):
        return sum(get(r) for r in rows)

    responded, resolved = add(lambda r: r.responded_on_time), add(lambda r: r.resolved_on_time)
    resp_sum, resp_n = add(lambda r: r.response_sum), add(lambda r: r.response_n)
    reso_sum, reso_n = add(lambda r: r.resolution_sum), add(lambda r: r.resolution_n)
    score_sum, score_n = add(lambda r: r.score_sum), add(lambda r: r.score_n)
    return SlaRow(0, "合计", n, _pct(responded, n), _pct(resolved, n), mean(resp_sum, resp_n),
                  mean(reso_sum, reso_n), mean(score_sum, score_n), add(lambda r: r.unsatisfied),
                  add(lambda r: r.late_orders), add(lambda r: r.paused_orders), add(lambda r: r.paused_minutes),
                  responded, resolved, resp_sum, resp_n, reso_sum, reso_n, score_sum, score_n)


@dataclass(frozen=True)
class WeekPoint:
    week_start: dt.date
    orders: int
    responded_on_time_pct: float
    resolved_on_time_pct: float


def sla_weekly(db, *, month: Month | str, technician_id: int | None = None) -> list[WeekPoint]:
    """On-time % by week (weeks starting Monday that touch the month) for the chart."""
    start, end = Month.parse(month).bounds()
    first_monday = start - dt.timedelta(days=start.weekday())
    with db.read() as s:
        facts = order_facts_in(s, dt.datetime.combine(first_monday, dt.time()), dt.datetime.combine(end, dt.time()),
                               technician_id=technician_id)
    return weekly_points(facts, month)


def weekly_points(facts: list[OrderFact], month: Month | str) -> list[WeekPoint]:
    """:func:`sla_weekly`'s points from facts covering at least its weeks (those outside them are left out)."""
    start, end = Month.parse(month).bounds()
    first_monday = start - dt.timedelta(days=start.weekday())
    weeks: dict[dt.date, list[OrderFact]] = {}
    w = first_monday
    while w < end:
        weeks[w] = []
        w += dt.timedelta(days=7)
    for f in facts:
        d = f.first_dispatched_at.date()
        if first_monday <= d < end:
            weeks.setdefault(d - dt.timedelta(days=d.weekday()), []).append(f)
    out = []
    for wk in sorted(weeks):
        fs = weeks[wk]
        out.append(WeekPoint(wk, len(fs), _pct(sum(1 for f in fs if not f.sla.respond_late), len(fs)),
                             _pct(sum(1 for f in fs if not f.sla.resolve_late), len(fs))))
    return out
