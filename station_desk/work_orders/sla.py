"""Opening-hours deadline arithmetic (SPEC §3). Pure functions, no database, no Qt.

Work-order clocks count station opening hours only: an order dispatched at 19:50 and answered at 08:45 the next
morning (08:30–20:00 opening) took 10 + 15 = 25 minutes. A day may have several segments (a lunch break), may be
closed, or may have special hours; all of that comes from ``OpeningHours.segments_on(day)``.

Deadlines are never stored: they are recomputed from the order's event times and the policy that was in force at
dispatch, so a later policy change or a stored-date bug can never move a past deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: how far we look for the next opening minute before giving up (a calendar that is closed forever)
MAX_DAYS = 400

_ONE_DAY = dt.timedelta(days=1)


class OpeningCalendar:
    """Opening hours as a fast lookup: ``segments(day)`` → [(start_dt, end_dt), …] (cached per date).

    ``hours`` is anything with ``segments_on(day)`` returning objects with ``.start``/``.end`` times
    (``station_desk.policy.sections.OpeningHours``)."""

    __slots__ = ("_hours", "_cache")

    def __init__(self, hours) -> None:
        self._hours = hours
        self._cache: dict[dt.date, tuple[tuple[dt.datetime, dt.datetime], ...]] = {}

    def segments(self, day: dt.date) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        found = self._cache.get(day)
        if found is None:
            segs = sorted(((dt.datetime.combine(day, sg.start), dt.datetime.combine(day, sg.end))
                           for sg in self._hours.segments_on(day)), key=lambda p: p[0])
            found = tuple(segs)
            self._cache[day] = found
        return found

    # -- arithmetic ------------------------------------------------------------------------------------------------
    def seconds_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Opening seconds in [start, end); negative when ``end`` is before ``start``."""
        if end < start:
            return -self.seconds_between(end, start)
        total = 0.0
        day = start.date()
        last = end.date()
        while day <= last:
            for a, b in self.segments(day):
                lo = a if a > start else start
                hi = b if b < end else end
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += _ONE_DAY
        return int(total)

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Whole opening minutes from ``start`` to ``end`` (rounded down; negative if end < start)."""
        secs = self.seconds_between(start, end)
        return secs // 60 if secs >= 0 else -((-secs) // 60)

    def add_minutes(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The moment when ``minutes`` opening minutes have passed after ``start``.

        A start outside opening hours begins counting at the next opening. ``minutes == 0`` returns ``start``
        itself when open, else the next opening."""
        remaining = dt.timedelta(minutes=minutes)
        day = start.date()
        for _ in range(MAX_DAYS):
            for a, b in self.segments(day):
                if b <= start:
                    continue
                lo = a if a > start else start
                avail = b - lo
                if remaining <= avail:
                    return lo + remaining
                remaining -= avail
            day += _ONE_DAY
        raise ValueError("opening calendar has no opening hours within %d days" % MAX_DAYS)

    def is_open(self, at: dt.datetime) -> bool:
        return any(a <= at < b for a, b in self.segments(at.date()))

    def day_close(self, day: dt.date) -> dt.datetime | None:
        segs = self.segments(day)
        return segs[-1][1] if segs else None


# -- convenience wrappers (stateless) --------------------------------------------------------------------------------
def opening_minutes_between(hours, start: dt.datetime, end: dt.datetime) -> int:
    return OpeningCalendar(hours).minutes_between(start, end)


def add_opening_minutes(hours, start: dt.datetime, minutes: float) -> dt.datetime:
    return OpeningCalendar(hours).add_minutes(start, minutes)


# -- limits ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Limits:
    """The SLA budget of one order, fixed by the policy in force at its (first) dispatch."""

    respond_minutes: int
    resolve_minutes: int
    amber_fraction: float  # amber when less than this share of the budget is left


def limits_for(wo_policy, area: str) -> Limits:
    """Budget for an order in ``area`` under a ``WorkOrderPolicy``: area override, else the 2 h switch, else 4 h."""
    resolve = wo_policy.resolve_minutes
    if getattr(wo_policy, "use_two_hour_rule", False):
        resolve = wo_policy.two_hour_rule_minutes
    resolve = wo_policy.area_resolve_minutes.get(area, resolve)
    respond = wo_policy.area_respond_minutes.get(area, wo_policy.respond_minutes)
    return Limits(respond, resolve, wo_policy.amber_fraction)


# -- one SLA cycle ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cycle:
    """One dispatch → return cycle of an order, evaluated at ``now`` (for open cycles).

    ``respond_due``/``resolve_due`` are computed, never stored. ``*_late`` is final once the event happened
    (a breach stays a breach); for a still-open cycle it says whether ``now`` has passed the deadline."""

    dispatched_at: dt.datetime
    respond_due: dt.datetime
    resolve_due: dt.datetime
    respond_amber_at: dt.datetime
    resolve_amber_at: dt.datetime
    responded_at: dt.datetime | None
    resolved_at: dt.datetime | None
    response_minutes: int | None
    resolution_minutes: int | None
    respond_late: bool
    resolve_late: bool
    paused: bool = False  # a pause is running at ``now`` (the clock stands still; nothing turns late meanwhile)
    pauses: int = 0  # pauses in this cycle
    paused_minutes: int = 0  # opening minutes the clock stood still (not in ``resolution_minutes``)


Pause = tuple[dt.datetime, dt.datetime | None]  # (from, until); until None: still running


def _due(cal: OpeningCalendar, start: dt.datetime, minutes: float, pauses: list[tuple[dt.datetime, dt.datetime]]
         ) -> dt.datetime:
    """``minutes`` opening minutes after ``start`` with the clock standing still in ``pauses`` (sorted, closed): a
    pause that begins after the deadline moves nothing, so a late order cannot be paused out of being late."""
    remaining, cursor = float(minutes), start
    for a, b in pauses:
        if b <= cursor:
            continue
        if a > cursor:
            avail = cal.seconds_between(cursor, a) / 60
            if remaining <= avail:
                break
            remaining -= avail
        cursor = max(cursor, b)
    return cal.add_minutes(cursor, remaining)


def evaluate_cycle(cal: OpeningCalendar, limits: Limits, dispatched_at: dt.datetime,
                   responded_at: dt.datetime | None, resolved_at: dt.datetime | None,
                   now: dt.datetime | None = None, pauses: list[Pause] | tuple = ()) -> Cycle:
    """One cycle's deadlines and breaches. ``pauses`` stop the clock (SLA pause: customer not home until the
    booked visit, a later time the customer asked for, a major outage until its recovery); a running pause is
    counted up to ``now`` (or the cycle's end) and marks the cycle paused."""
    end = resolved_at or now
    closed: list[tuple[dt.datetime, dt.datetime]] = []
    running, counted = False, 0
    for a, b in sorted(pauses, key=lambda p: p[0]):
        if end is not None and a > end:
            continue
        counted += 1
        if resolved_at is not None and (b is None or b > resolved_at):
            b = resolved_at  # the return ends every pause
        if b is None:  # still running (an outage not recovered): counted up to now
            running, b = True, (now if now is not None else a)
        elif resolved_at is None and now is not None and a <= now < b:
            running = True  # until a booked time still ahead
        if b > a:
            closed.append((a, b))
    respond_due = _due(cal, dispatched_at, limits.respond_minutes, closed)
    resolve_due = _due(cal, dispatched_at, limits.resolve_minutes, closed)
    amber = max(0.0, min(1.0, limits.amber_fraction))
    respond_amber = _due(cal, dispatched_at, limits.respond_minutes * (1 - amber), closed)
    resolve_amber = _due(cal, dispatched_at, limits.resolve_minutes * (1 - amber), closed)
    if responded_at is None and resolved_at is not None:
        responded_at = resolved_at  # returned without a separate response: it was answered by then
    paused_secs = sum(cal.seconds_between(max(a, dispatched_at), b) for a, b in closed if b > dispatched_at)
    rmin = cal.minutes_between(dispatched_at, responded_at) if responded_at else None
    smin = (cal.seconds_between(dispatched_at, resolved_at) - paused_secs) // 60 if resolved_at else None
    if responded_at is not None:
        r_late = responded_at > respond_due
    else:
        r_late = now is not None and now > respond_due
    if resolved_at is not None:
        s_late = resolved_at > resolve_due
    else:
        s_late = now is not None and now > resolve_due
    return Cycle(dispatched_at, respond_due, resolve_due, respond_amber, resolve_amber, responded_at, resolved_at,
                 rmin, smin, r_late, s_late, running,
                 counted, paused_secs // 60)


def countdown_state(now: dt.datetime, amber_at: dt.datetime, due: dt.datetime) -> str:
    """'ok' | 'amber' | 'late' — only datetime comparisons, so the board's tick stays cheap."""
    if now > due:
        return "late"
    if now >= amber_at:
        return "amber"
    return "ok"


def fmt_minutes(minutes: int) -> str:
    """125 → '2:05'; negative values keep their sign."""
    sign = "-" if minutes < 0 else ""
    m = abs(int(minutes))
    return f"{sign}{m // 60}:{m % 60:02d}"
