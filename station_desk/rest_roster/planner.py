"""The rest-day plan rules as pure functions (SPEC §5 排休): check a month's plan and suggest one.

No database, no Qt: the roster grid runs :func:`check_plan` on every key press, the service runs both.

A plan maps ``staff_id → {day → code}``; a code is a shift letter (on duty for that shift), ``R`` (公休), a leave
code (``事``/``病``/``年``, written by an approved leave) or ``""`` (not employed that day).

Rules checked:

* every person has exactly their rest quota: ``rest_days`` pro rata to the days they are employed in the
  month, less their personal-leave days when personal leave is offset against rest days (按照公休时间进行销假),
  never more than the days they are available;
* every minute of every opening segment has at least ``min_staff`` people on duty, ``min_front_desk`` of them
  able to work the front desk (coverage is computed on shift hours, not heads).

Suggesting: with shifts as intervals, covering the opening hours ``k`` times needs ``k × c`` people, where ``c`` is
the size of the smallest single cover (greedy interval cover; a k-fold cover of a line segment by intervals splits
into k single covers). So a day needs ``min_staff × c`` people on duty, ``min_front_desk × c`` of them front desk,
and choosing rest days is a flow problem: persons → days, with per-day capacities for everybody and for front-desk
people. The flow is exact, so when it falls short the cut says which rule cannot be met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from station_desk.rest_roster.intervals import gaps, min_cover  # noqa: F401 - min_cover is part of the planner's API
from station_desk.rest_roster.maxflow import Flow

REST = "R"
LEAVE_CODES: dict[str, str] = {"事": "personal", "病": "sick", "年": "annual"}
LEAVE_CODE_OF: dict[str, str] = {v: k for k, v in LEAVE_CODES.items()}
NOT_EMPLOYED = ""

Plan = dict[int, dict[dt.date, str]]


@dataclass(frozen=True)
class ShiftDef:
    code: str
    name: str
    start: int  # minutes after midnight
    end: int


@dataclass(frozen=True)
class Person:
    staff_id: int
    name: str
    front_desk: bool
    first_day: dt.date | None = None  # hired on (None: before the month)
    last_day: dt.date | None = None  # left after (None: still here)

    def employed(self, day: dt.date) -> bool:
        return (self.first_day is None or day >= self.first_day) and (self.last_day is None or day <= self.last_day)


@dataclass(frozen=True)
class Rules:
    shifts: tuple[ShiftDef, ...]
    windows: Mapping[dt.date, tuple[tuple[int, int], ...]]  # opening segments (minutes) of each day
    min_staff: int = 2
    min_front_desk: int = 1
    rest_days: int = 6
    default_shift: str = "E"
    personal_offsets_rest: bool = True

    def shift(self, code: str) -> ShiftDef | None:
        for s in self.shifts:
            if s.code == code:
                return s
        return None


@dataclass(frozen=True)
class Issue:
    code: str
    day: dt.date | None = None
    staff_id: int | None = None
    params: dict = field(default_factory=dict, compare=False)

    @property
    def message(self) -> str:
        from station_desk.messages import render

        return render(self.code, self.params)


@dataclass(frozen=True)
class Suggestion:
    plan: Plan
    problems: list[Issue]  # empty when the plan meets every rule

    @property
    def ok(self) -> bool:
        return not self.problems


# -- small helpers --------------------------------------------------------------------------------------------------
def minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def day_label(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def is_shift(code: str) -> bool:
    return len(code) == 1 and "A" <= code <= "Z" and code != REST


def rest_quota(person: Person, days: list[dt.date], rules: Rules, row: Mapping[dt.date, str]) -> int:
    """Rest days this person must have in ``days`` given the leave already in ``row``."""
    employed = [d for d in days if person.employed(d)]
    if not employed or not days:
        return 0
    base = (rules.rest_days * len(employed) * 2 + len(days)) // (2 * len(days))  # pro rata, half up
    leave = [d for d in employed if row.get(d, "") in LEAVE_CODES]
    if rules.personal_offsets_rest:
        base -= sum(1 for d in leave if row.get(d) == "事")
    available = len(employed) - len(leave)
    return max(0, min(base, available))


# -- the checker ----------------------------------------------------------------------------------------------------
def check_plan(days: list[dt.date], people: list[Person], rules: Rules, plan: Mapping[int, Mapping[dt.date, str]]
               ) -> list[Issue]:
    """Every rule the plan breaks, person rules first, then days in order. Empty list = the plan is good."""
    issues: list[Issue] = []
    by_day: dict[dt.date, list[tuple[int, int, bool]]] = {d: [] for d in days}
    for person in people:
        row = plan.get(person.staff_id, {})
        rests = 0
        for d in days:
            if not person.employed(d):
                continue
            code = row.get(d, "")
            if code == REST:
                rests += 1
            elif code in LEAVE_CODES:
                continue
            else:
                shift = rules.shift(code or rules.default_shift)
                if shift is None:
                    issues.append(Issue("roster.unknown_code", d, person.staff_id,
                                        {"name": person.name, "day": day_label(d), "code": code}))
                    continue
                by_day[d].append((shift.start, shift.end, person.front_desk))
        quota = rest_quota(person, days, rules, row)
        if rests != quota:
            code = "roster.rest_too_few" if rests < quota else "roster.rest_too_many"
            issues.append(Issue(code, None, person.staff_id, {"name": person.name, "have": rests, "need": quota}))
    for d in days:
        window = rules.windows.get(d, ())
        if not window:
            continue
        on_duty = by_day[d]
        for a, b, have in gaps([(s, e) for s, e, _fd in on_duty], window, rules.min_staff):
            issues.append(Issue("roster.coverage_gap", d, None, {"day": day_label(d), "start": hhmm(a),
                                                                 "end": hhmm(b), "have": have,
                                                                 "need": rules.min_staff}))
        for a, b, have in gaps([(s, e) for s, e, fd in on_duty if fd], window, rules.min_front_desk):
            issues.append(Issue("roster.front_desk_gap", d, None, {"day": day_label(d), "start": hhmm(a),
                                                                   "end": hhmm(b), "have": have,
                                                                   "need": rules.min_front_desk}))
    return issues


# -- the suggester --------------------------------------------------------------------------------------------------
def _preference(avail: list[dt.date], forced: set[dt.date], quota: int, offset: float) -> list[dt.date]:
    """The free days (``avail`` less ``forced``) ordered so that the first ones, with the forced days, spread the
    ``quota`` rest days evenly over the month (staggered between people by ``offset`` in [0, 1))."""
    free = [d for d in avail if d not in forced]
    if quota <= 0 or not free:
        return free
    n = len(avail)
    slots = [(i + offset) * n / quota for i in range(quota)]
    pos = {d: i for i, d in enumerate(avail)}
    for d in sorted(forced):
        if slots and d in pos:
            slots.remove(min(slots, key=lambda s: abs(pos[d] + 0.5 - s)))
    if not slots:
        return free

    def score(d: dt.date) -> tuple[float, int]:
        i = pos[d]
        return (min(abs(i + 0.5 - s) for s in slots), i)

    return sorted(free, key=score)


def suggest_plan(days: list[dt.date], people: list[Person], rules: Rules, *,
                 requests: Mapping[int, Iterable[dt.date]] | None = None,
                 fixed: Mapping[int, Mapping[dt.date, str]] | None = None) -> Suggestion:
    """A plan meeting every rule that keeps ``fixed`` cells (approved leave) and requested days off, or the
    best effort with the rules that cannot be met (``Suggestion.problems``)."""
    requests = requests or {}
    fixed = fixed or {}
    problems: list[Issue] = []
    ms, mf = rules.min_staff, rules.min_front_desk

    # 1. what each opening day needs
    cover: dict[dt.date, list[ShiftDef]] = {}
    for d in days:
        window = rules.windows.get(d, ())
        c = min_cover(rules.shifts, window) if window else []
        if c is None:
            problems.append(Issue("roster.shifts_cannot_cover", d, None, {
                "day": day_label(d), "start": hhmm(min(a for a, _ in window)),
                "end": hhmm(max(b for _, b in window))}))
            c = []
        cover[d] = c
    need = {d: ms * len(cover[d]) for d in days}
    need_fd = {d: mf * len(cover[d]) for d in days}

    # 2. each person: available days, quota, requested days
    plan: Plan = {}
    avail: dict[int, list[dt.date]] = {}
    quota: dict[int, int] = {}
    forced: dict[int, set[dt.date]] = {}
    for p in people:
        row = {d: ("" if not p.employed(d) else fixed.get(p.staff_id, {}).get(d, "")) for d in days}
        row = {d: (c if c in LEAVE_CODES else "") for d, c in row.items()}
        plan[p.staff_id] = row
        avail[p.staff_id] = [d for d in days if p.employed(d) and not row[d]]
        quota[p.staff_id] = rest_quota(p, days, rules, row)
        can_rest = set(avail[p.staff_id])
        wanted = sorted({d for d in requests.get(p.staff_id, ()) if d in can_rest})
        if len(wanted) > quota[p.staff_id]:
            problems.append(Issue("roster.too_many_requests", None, p.staff_id, {
                "name": p.name, "have": len(wanted), "need": quota[p.staff_id]}))
            wanted = wanted[: quota[p.staff_id]]
        forced[p.staff_id] = set(wanted)

    # 3. per-day capacity for rest days
    cap: dict[dt.date, int] = {}
    cap_fd: dict[dt.date, int] = {}
    names = {p.staff_id: p.name for p in people}
    avail_set = {sid: set(ds) for sid, ds in avail.items()}
    for d in days:
        present = [p for p in people if d in avail_set[p.staff_id]]
        n = len(present)
        f = sum(1 for p in present if p.front_desk)
        r = [p for p in present if d in forced[p.staff_id]]
        rf = sum(1 for p in r if p.front_desk)
        cap[d] = n - len(r) - need[d]
        cap_fd[d] = f - rf - need_fd[d]
        if n < need[d]:
            problems.append(Issue("roster.day_understaffed", d, None,
                                  {"day": day_label(d), "have": n, "need": need[d]}))
        elif f < need_fd[d]:
            problems.append(Issue("roster.day_no_front_desk", d, None,
                                  {"day": day_label(d), "have": f, "need": need_fd[d]}))
        elif cap[d] < 0 or cap_fd[d] < 0:
            problems.append(Issue("roster.requests_conflict", d, None, {
                "day": day_label(d), "names": "、".join(names[p.staff_id] for p in r), "need": need[d]}))

    # 4. rest days as a flow: source → person → (front-desk day →) day → sink
    index = {p.staff_id: i for i, p in enumerate(people)}
    n_p, n_d = len(people), len(days)
    source, sink = n_p + 2 * n_d, n_p + 2 * n_d + 1
    day_node = {d: n_p + i for i, d in enumerate(days)}
    fd_node = {d: n_p + n_d + i for i, d in enumerate(days)}
    g = Flow(n_p + 2 * n_d + 2)
    for d in days:
        g.add(fd_node[d], day_node[d], max(0, cap_fd[d]))
        g.add(day_node[d], sink, max(0, cap[d]))
    pair_edge: dict[tuple[int, dt.date], int] = {}
    remaining: dict[int, int] = {}
    for k, p in enumerate(people):
        sid = p.staff_id
        remaining[sid] = quota[sid] - len(forced[sid])
        g.add(source, index[sid], max(0, remaining[sid]))
        offset = (k * 0.618033988749895) % 1.0
        for d in _preference(avail[sid], forced[sid], quota[sid], offset):
            pair_edge[(sid, d)] = g.add(index[sid], (fd_node if p.front_desk else day_node)[d], 1)
    # round robin: everybody gets their next rest day before anybody gets two more
    active = [p.staff_id for p in people if remaining[p.staff_id] > 0]
    short: dict[int, int] = {}
    while active:
        still = []
        for sid in active:
            if g.augment_from(index[sid], sink):
                remaining[sid] -= 1
                if remaining[sid] > 0:
                    still.append(sid)
            else:
                short[sid] = remaining[sid]
        active = still
    if short:
        # the cut: days reachable from the short people whose capacity is used up
        seen: set[int] = set()
        for sid in short:
            seen |= g.reachable(index[sid])
        full = [d for d in days if day_node[d] in seen or fd_node[d] in seen]
        # when the short people only reach front-desk day nodes, the front desk (not the headcount) is the limit
        fd_only = all(day_node[d] not in seen for d in days)
        problems.append(Issue("roster.rest_capacity_front_desk" if fd_only else "roster.rest_capacity", None, None, {
            "missing": sum(short.values()),
            "names": "、".join(names[s] for s in short),
            "days": "、".join(day_label(d) for d in full[:8]) + ("等" if len(full) > 8 else "")}))

    # 5. write rest days, then shifts per day
    for (sid, d), e in pair_edge.items():
        if g.cap[e] == 0:
            plan[sid][d] = REST
    for sid, ds in forced.items():
        for d in ds:
            plan[sid][d] = REST
    _assign_shifts(days, people, rules, plan, cover)
    if not problems:
        # belt and braces: the checker has the last word
        problems = check_plan(days, people, rules, plan)
    return Suggestion(plan, problems)


def _assign_shifts(days, people, rules: Rules, plan: Plan, cover: dict[dt.date, list[ShiftDef]]) -> None:
    used: dict[int, dict[str, int]] = {p.staff_id: {} for p in people}
    default = rules.default_shift
    for d in days:
        workers = [p for p in people if p.employed(d) and plan[p.staff_id][d] == ""]
        c = cover[d]
        if not c:
            for p in workers:
                plan[p.staff_id][d] = default
            continue
        slots = [(s.code, True) for s in c] * rules.min_front_desk
        slots += [(s.code, False) for s in c] * max(0, rules.min_staff - rules.min_front_desk)
        free = list(workers)
        today: dict[str, int] = {}
        for code, fd_only in slots:
            candidates = [p for p in free if p.front_desk or not fd_only]
            if not candidates:
                break
            # a front-desk person is kept for front-desk slots when someone else can take this one
            pick = min(candidates, key=lambda p: (p.front_desk and not fd_only,
                                                  used[p.staff_id].get(code, 0), p.staff_id))
            free.remove(pick)
            plan[pick.staff_id][d] = code
            used[pick.staff_id][code] = used[pick.staff_id].get(code, 0) + 1
            today[code] = today.get(code, 0) + 1
        codes = [s.code for s in c]
        for p in free:
            code = min(codes, key=lambda x: (today.get(x, 0), used[p.staff_id].get(x, 0), x))
            plan[p.staff_id][d] = code
            used[p.staff_id][code] = used[p.staff_id].get(code, 0) + 1
            today[code] = today.get(code, 0) + 1
