"""From an order's event log to its SLA cycles (Qt-free, no writes).

A *cycle* is one dispatch → return: it starts at the first ``dispatched`` event of an order (or the first one after
a ``reopened``), its response is the first ``responded`` (or a "not home" follow-up, which proves the visit), and
it ends at the ``returned`` event's finish time. Re-dispatching to another technician inside a cycle does not
restart the clock. The budget of a cycle is the policy in force on its dispatch day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from functools import lru_cache
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlmodel import Session

from station_desk.clock import STATION_TZ
from station_desk.policy.service import DEFAULT
from station_desk.work_orders.sla import Cycle, OpeningCalendar, evaluate_cycle, limits_for


@lru_cache(maxsize=32)
def _parse(data: str):
    from station_desk.policy.station_policy import StationPolicy

    return StationPolicy.model_validate_json(data)


class PolicyCache:
    """Policy and opening calendar per day, for evaluating many orders in one read (the few policy versions are
    read once; the same rule as ``policy_on``: the latest version effective on or before the day)."""

    def __init__(self, s: Session) -> None:
        self._s = s
        rows = s.connection().exec_driver_sql(
            "SELECT effective_from, data FROM policy_version ORDER BY effective_from").fetchall()
        self._days = [dt.date.fromisoformat(r[0][:10]) if isinstance(r[0], str) else r[0] for r in rows]
        self._data = [r[1] for r in rows]
        #: changes when any policy version does (an evaluation remembered under another stamp is stale)
        self.stamp = hash((tuple(self._days), tuple(self._data)))
        self._by_day: dict[dt.date, object] = {}
        self._cals: dict[int, OpeningCalendar] = {}

    def on(self, day: dt.date):
        pol = self._by_day.get(day)
        if pol is None:
            i = bisect.bisect_right(self._days, day)
            pol = _parse(self._data[i - 1]) if i else DEFAULT
            self._by_day[day] = pol
        return pol

    def calendar(self, day: dt.date) -> OpeningCalendar:
        pol = self.on(day)
        cal = self._cals.get(id(pol))
        if cal is None:
            cal = OpeningCalendar(pol.hours)
            self._cals[id(pol)] = cal
        return cal


def parse_ts(value: str | None) -> dt.datetime | None:
    """A stored StationDateTime text ('2026-11-23T09:00:00+08:00') as a naive station-local datetime."""
    if value is None:
        return None
    if value.endswith("+08:00"):  # how StationDateTime writes every value
        return dt.datetime.fromisoformat(value[:-6])
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(STATION_TZ).replace(tzinfo=None)
    return parsed


@dataclass(frozen=True)
class Ev:
    """The few event fields the SLA needs (lighter than ORM rows when reading thousands)."""

    id: int
    order_id: int
    kind: str
    sub: str
    at: dt.datetime
    technician_id: int | None
    actor_id: int | None
    reason: str
    data: str = ""  # JSON: a pause's booked end (``until``)


def load_events(s: Session, order_ids) -> dict[int, list[Ev]]:
    """Events of many orders, in time order (plain SQL rows: thousands of them without ORM overhead)."""
    ids = list(order_ids)
    result: dict[int, list[Ev]] = {i: [] for i in ids}
    conn = s.connection()
    stmt = text("SELECT id, order_id, kind, sub, at, technician_id, actor_id, reason, "
                "CASE WHEN kind = 'paused' THEN data ELSE '' END FROM work_order_event "
                "WHERE order_id IN :ids").bindparams(bindparam("ids", expanding=True))
    for k in range(0, len(ids), 900):
        rows = conn.execute(stmt, {"ids": ids[k:k + 900]}).fetchall()
        for r in rows:
            result[r[1]].append(Ev(r[0], r[1], r[2], r[3], parse_ts(r[4]), r[5], r[6], r[7], r[8] or ""))
    for evs in result.values():
        evs.sort(key=lambda e: (e.at, e.id))
    return result


def pause_until(e: Ev) -> dt.datetime | None:
    """A ``paused`` event's booked end (the second visit, the time the customer asked for); None for an outage
    (it runs until the outage's recovery writes ``resumed``)."""
    if not e.data:
        return None
    until = json.loads(e.data).get("until")
    return dt.datetime.fromisoformat(until) if until else None


def raw_cycles(events: list[Ev]) -> list[dict]:
    """[{dispatched, responded, resolved, technician_id, cancelled, pauses}] in order; ``pauses`` are
    [from, until] (until None: still running) from the ``paused`` / ``resumed`` events of the cycle."""
    cycles: list[dict] = []
    cur: dict | None = None
    for e in events:
        k = e.kind
        if k == "paused" and cur is not None:
            cur["pauses"].append([e.at, pause_until(e)])
        elif k == "resumed" and cur is not None and cur["pauses"]:
            last = cur["pauses"][-1]
            if last[1] is None or e.at < last[1]:
                last[1] = e.at
        if k == "dispatched":
            if cur is None:
                cur = {"dispatched": e.at, "responded": None, "resolved": None, "technician_id": e.technician_id,
                       "cancelled": False, "pauses": []}
            else:
                cur["technician_id"] = e.technician_id
        elif k == "responded" or (k == "followed" and e.sub == "not_home"):
            if cur is not None and cur["responded"] is None:
                cur["responded"] = e.at
        elif k == "returned":
            if cur is not None:
                cur["resolved"] = e.at
                if e.technician_id:
                    cur["technician_id"] = e.technician_id
                cycles.append(cur)
                cur = None
        elif k == "cancelled":
            if cur is not None:
                cur["cancelled"] = True
                cycles.append(cur)
                cur = None
    if cur is not None:
        cycles.append(cur)
    return cycles


def evaluate(events: list[Ev], area: str, cache: PolicyCache, now: dt.datetime | None = None) -> list[Cycle]:
    """SLA cycles of one order (cancelled cycles are left out: nothing was due)."""
    out = []
    for c in raw_cycles(events):
        if c["cancelled"]:
            continue
        day = c["dispatched"].date()
        limits = limits_for(cache.on(day).work_orders, area)
        out.append(evaluate_cycle(cache.calendar(day), limits, c["dispatched"], c["responded"], c["resolved"], now,
                                  [tuple(p) for p in c["pauses"]]))
    return out


@dataclass(frozen=True)
class OrderSla:
    """An order's SLA summary: first response, total resolution, breach flags (final once happened)."""

    cycles: tuple[Cycle, ...]
    response_minutes: int | None
    resolution_minutes: int | None
    respond_late: bool
    resolve_late: bool

    @property
    def late(self) -> bool:
        return self.respond_late or self.resolve_late

    @property
    def current(self) -> Cycle | None:
        return self.cycles[-1] if self.cycles else None

    @property
    def pauses(self) -> int:
        return sum(c.pauses for c in self.cycles)

    @property
    def paused_minutes(self) -> int:
        return sum(c.paused_minutes for c in self.cycles)

    @property
    def paused(self) -> bool:
        return bool(self.cycles) and self.cycles[-1].paused


def summarise(cycles: list[Cycle]) -> OrderSla:
    if not cycles:
        return OrderSla((), None, None, False, False)
    res = [c.resolution_minutes for c in cycles]
    total = sum(r for r in res if r is not None) if any(r is not None for r in res) else None
    return OrderSla(tuple(cycles), cycles[0].response_minutes, total, any(c.respond_late for c in cycles),
                    any(c.resolve_late for c in cycles))
