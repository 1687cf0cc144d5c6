"""From an order's event log to its SLA cycles (Qt-free, no writes).

A *cycle* is one dispatch → return: it starts at the first ``dispatched`` event of an order (or the first one after
a ``reopened``), its response is the first ``responded`` (or a "not home" follow-up, which proves the visit), and
it ends at the ``returned`` event's finish time. Re-dispatching to another technician inside a cycle does not
restart the clock. The budget of a cycle is the policy in force on its dispatch day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk.policy.service import policy_on
from station_desk.work_orders.models import WorkOrderEvent
from station_desk.work_orders.sla import Cycle, OpeningCalendar, evaluate_cycle, limits_for


class PolicyCache:
    """Policy and opening calendar per day, for evaluating many orders in one read."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._by_day: dict[dt.date, object] = {}
        self._cals: dict[int, OpeningCalendar] = {}

    def on(self, day: dt.date):
        pol = self._by_day.get(day)
        if pol is None:
            pol = policy_on(self._s, day)
            self._by_day[day] = pol
        return pol

    def calendar(self, day: dt.date) -> OpeningCalendar:
        pol = self.on(day)
        cal = self._cals.get(id(pol))
        if cal is None:
            cal = OpeningCalendar(pol.hours)
            self._cals[id(pol)] = cal
        return cal


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


def load_events(s: Session, order_ids) -> dict[int, list[Ev]]:
    """Events of many orders, in time order, in as few queries as possible."""
    ids = list(order_ids)
    result: dict[int, list[Ev]] = {i: [] for i in ids}
    E = WorkOrderEvent
    for k in range(0, len(ids), 900):
        chunk = ids[k:k + 900]
        rows = s.exec(select(E.id, E.order_id, E.kind, E.sub, E.at, E.technician_id, E.actor_id, E.reason)
                      .where(E.order_id.in_(chunk))).all()
        for r in rows:
            result[r[1]].append(Ev(*r))
    for evs in result.values():
        evs.sort(key=lambda e: (e.at, e.id))
    return result


def raw_cycles(events: list[Ev]) -> list[dict]:
    """[{dispatched, responded, resolved, technician_id, cancelled}] in order."""
    cycles: list[dict] = []
    cur: dict | None = None
    for e in events:
        k = e.kind
        if k == "dispatched":
            if cur is None:
                cur = {"dispatched": e.at, "responded": None, "resolved": None, "technician_id": e.technician_id,
                       "cancelled": False}
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
        out.append(evaluate_cycle(cache.calendar(day), limits, c["dispatched"], c["responded"], c["resolved"], now))
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


def summarise(cycles: list[Cycle]) -> OrderSla:
    if not cycles:
        return OrderSla((), None, None, False, False)
    res = [c.resolution_minutes for c in cycles]
    total = sum(r for r in res if r is not None) if any(r is not None for r in res) else None
    return OrderSla(tuple(cycles), cycles[0].response_minutes, total, any(c.respond_late for c in cycles),
                    any(c.resolve_late for c in cycles))
