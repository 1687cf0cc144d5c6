"""Rest-day plan service (SPEC §5 排休): the month grid, the rule check, the suggester, requested days off and the
station's holiday overrides.

The plan is one :class:`RosterCell` per person and day. A month without saved cells shows everybody on the
policy's default shift. The manager saves the grid (one audited change set per save); an approved leave writes
its days into the grid (``apply_leave_in``). Writes are refused in a locked ``roster`` month. Saving a plan that
still breaks a rule is allowed (a draft), the problems are returned and shown; printing shows them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound, PeriodLocked
from station_desk.month import Month
from station_desk.periods.service import ensure_open, is_locked, scope_label
from station_desk.policy.service import policy_on
from station_desk.rest_roster import holidays, planner
from station_desk.rest_roster.models import HolidayOverride, RestRequest, RosterCell
from station_desk.rest_roster.month_inputs import RosterPerson, people_in, rules_in  # noqa: F401
from station_desk.rest_roster.planner import LEAVE_CODES, REST, Issue, Person, Rules, ShiftDef
from station_desk.staff import auth
from station_desk.staff.models import Staff
from station_desk.staff.roles import Role
from station_desk.staff.service import role_on


@dataclass(frozen=True)
class RosterMonth:
    year: int
    month: int
    days: list[dt.date]
    people: list[RosterPerson]
    plan: dict[int, dict[dt.date, str]]  # filled: default shift where nothing is saved
    saved: bool  # any cell saved for this month
    marks: dict[dt.date, holidays.DayMark]
    requests: dict[int, set[dt.date]]
    shifts: list[ShiftDef]
    rules: Rules
    issues: list[Issue]
    locked: bool
    calendar_warning: str = ""  # the month's year has no holiday arrangement (overrides.calendar_warning_in)
    half_off: dict[int, dict[dt.date, str]] = field(default_factory=dict)  # half-day leave: 'am' / 'pm' off

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def planner_people(self) -> list[Person]:
        return [Person(p.staff_id, p.name, p.front_desk, p.first_day, p.last_day) for p in self.people]

    def check_cell(self, staff_id: int, day: dt.date, code: str | None = None) -> None:
        """Raise what saving ``code`` into this cell would raise (``code`` None: whether it can change at all): a
        locked month, a day the person is not employed, approved leave, a code that is no shift. The grid asks
        before each edit; ``save_plan`` checks the same way."""
        if self.locked:
            raise PeriodLocked(month=self.key, scope=scope_label("roster"))
        person = next((p for p in self.people if p.staff_id == staff_id), None)
        if person is None:
            raise NotFound(what="员工", id=staff_id)
        _refuse_cell(person.name, day, self.plan[staff_id].get(day, ""), code, {x.code for x in self.shifts})

    def check(self, plan: Mapping[int, Mapping[dt.date, str]] | None = None) -> list[Issue]:
        """Re-check an edited copy of the plan (the grid calls this on every key press)."""
        return planner.check_plan(self.days, self.planner_people(), self.rules, plan or self.plan)


# -- helpers --------------------------------------------------------------------------------------------------------
def _refuse_cell(name: str, day: dt.date, old: str, code: str | None, codes: set[str]) -> None:
    """The cell rules of the grid and of saving: ``old`` is the saved code ("" when not employed that day)."""
    if not old:
        raise DomainError("roster.not_employed", name=name, day=planner.day_label(day))
    if code is not None and code not in codes and code != REST and code not in LEAVE_CODES:
        raise DomainError("roster.bad_code", code=code, codes="、".join(sorted(codes)) + "、R（公休）")
    if old in LEAVE_CODES and code != old:
        raise DomainError("roster.leave_cell", name=name, day=planner.day_label(day))


def month_days(month: Month | str) -> list[dt.date]:
    return Month.parse(month).days()


def require_manager_or_self(db, actor: Actor, approval: ManagerApproval | None, action: str) -> Actor:
    """The approving manager: the signed-in manager themselves, or another manager's PIN (``approval``)."""
    if approval is not None:
        return auth.require_manager(db, approval, action)
    if actor.staff_id is not None:
        with db.read() as s:
            person = s.get(Staff, actor.staff_id)
            if person is not None and person.active and role_on(s, actor.staff_id, clock.today()) == Role.MANAGER:
                return actor
    raise DomainError("auth.permission_denied", action=action)


def _has_plan(s: Session, start: dt.date, end: dt.date) -> bool:
    """Whether the manager has saved a plan for the days [start, end] (leave cells alone do not count)."""
    return s.exec(select(RosterCell.id).where(RosterCell.day >= start, RosterCell.day <= end,
                                              RosterCell.source.not_in(LEAVE_SOURCES)).limit(1)).first() is not None  # type: ignore[union-attr]


def _cells(s: Session, days: list[dt.date]) -> dict[int, dict[dt.date, str]]:
    out: dict[int, dict[dt.date, str]] = {}
    for sid, day, code in s.exec(select(RosterCell.staff_id, RosterCell.day, RosterCell.code)
                                 .where(RosterCell.day >= days[0], RosterCell.day <= days[-1])).all():
        out.setdefault(sid, {})[day] = code
    return out


def _half_off(s: Session, days: list[dt.date]) -> dict[int, dict[dt.date, str]]:
    """Half-day leave: ``{staff_id: {day: 'am' | 'pm'}}`` (the cell keeps the shift of the working half)."""
    out: dict[int, dict[dt.date, str]] = {}
    for sid, day, source in s.exec(select(RosterCell.staff_id, RosterCell.day, RosterCell.source).where(
            RosterCell.day >= days[0], RosterCell.day <= days[-1],
            RosterCell.source.in_(tuple(HALF_SOURCES.values())))).all():  # type: ignore[union-attr]
        out.setdefault(sid, {})[day] = "am" if source == HALF_SOURCES["am"] else "pm"
    return out


def _overrides(s: Session, days: list[dt.date]) -> dict[dt.date, tuple[str, str]]:
    rows = s.exec(select(HolidayOverride).where(HolidayOverride.day >= days[0],
                                                HolidayOverride.day <= days[-1])).all()
    return {r.day: (r.kind, r.name) for r in rows}


def _requests(s: Session, days: list[dt.date]) -> dict[int, set[dt.date]]:
    out: dict[int, set[dt.date]] = {}
    for sid, day in s.exec(select(RestRequest.staff_id, RestRequest.day)
                           .where(RestRequest.day >= days[0], RestRequest.day <= days[-1])).all():
        out.setdefault(sid, set()).add(day)
    return out


def month_in(s: Session, month: Month | str) -> RosterMonth:
    month = Month.parse(month)
    days = month.days()
    rules = rules_in(s, days)
    people = people_in(s, days)
    saved = _cells(s, days)
    plan: dict[int, dict[dt.date, str]] = {}
    for p in people:
        row = saved.get(p.staff_id, {})
        person = Person(p.staff_id, p.name, p.front_desk, p.first_day, p.last_day)
        plan[p.staff_id] = {d: (row.get(d) or rules.default_shift) if person.employed(d) else "" for d in days}
    marks = holidays.marks_for(days, _overrides(s, days))
    key = month.key
    has_plan = _has_plan(s, days[0], days[-1])
    result = RosterMonth(month.year, month.month, days, people, plan, has_plan, marks, _requests(s, days),
                         list(rules.shifts), rules, [], is_locked(s, "roster", key))
    issues = result.check()
    from station_desk.rest_roster.overrides import calendar_warning_in  # it imports this module

    return RosterMonth(month.year, month.month, days, people, plan, has_plan, marks, result.requests, list(rules.shifts),
                       rules, issues, result.locked, calendar_warning_in(s, days), _half_off(s, days))


# -- reads ----------------------------------------------------------------------------------------------------------
def get_month(db, *, month: Month | str) -> RosterMonth:
    """The month's plan with holidays, requests and every rule it breaks."""
    with db.read() as s:
        return month_in(s, month)


def suggest(db, *, month: Month | str) -> planner.Suggestion:
    """A suggested plan for the month that keeps approved leave and requested days off (nothing is written)."""
    with db.read() as s:
        m = month_in(s, month)
    fixed = {sid: {d: c for d, c in row.items() if c in LEAVE_CODES} for sid, row in m.plan.items()}
    return planner.suggest_plan(m.days, m.planner_people(), m.rules, requests=m.requests, fixed=fixed)


def scheduled_in(s: Session, staff_id: int, day: dt.date) -> str | None:
    """The person's roster code on ``day``: a shift letter, ``R``, a leave code; None if the month has no plan."""
    code = s.exec(select(RosterCell.code).where(RosterCell.staff_id == staff_id, RosterCell.day == day)).first()
    if code is not None:
        return code
    start, end = Month.of(day).bounds()
    if not _has_plan(s, start, end - dt.timedelta(days=1)):
        return None
    return policy_on(s, day).roster.default_shift


def schedule_for_day_in(s: Session, day: dt.date) -> dict[int, str]:
    """Everybody's roster code on ``day`` (only people employed that day); without a saved plan for the month,
    only the approved-leave cells."""
    return schedule_for_month_in(s, Month.of(day)).get(day, {})


def half_off_on_in(s: Session, day: dt.date) -> dict[int, str]:
    """Who has half of ``day`` off (approved half-day leave): ``{staff_id: 'am' | 'pm'}``."""
    return {sid: row[day] for sid, row in _half_off(s, [day]).items() if day in row}


def schedule_for_month_in(s: Session, month: Month | str) -> dict[dt.date, dict[int, str]]:
    """``{day: {staff_id: code}}`` for the month (see :func:`schedule_for_day_in`)."""
    month = Month.parse(month)
    days = month.days()
    if not _has_plan(s, days[0], days[-1]):
        out: dict[dt.date, dict[int, str]] = {}
        for sid, row in _cells(s, days).items():
            for d, code in row.items():
                out.setdefault(d, {})[sid] = code
        return out
    m = month_in(s, month)
    return {d: {sid: row[d] for sid, row in m.plan.items() if row[d]} for d in days}


# -- writes ---------------------------------------------------------------------------------------------------------
def _write_cells_in(s: Session, *, actor: Actor, m: RosterMonth, changes: Mapping[tuple[int, dt.date], str],
                    source: str) -> dict[str, dict[str, str]]:
    """Write changed cells (validated) and return {'before': {...}, 'after': {...}} for the audit."""
    existing = {(c.staff_id, c.day): c for c in s.exec(
        select(RosterCell).where(RosterCell.day >= m.days[0], RosterCell.day <= m.days[-1])).all()}
    people = {p.staff_id: p for p in m.planner_people()}
    codes = {x.code for x in m.shifts}
    now = clock.now()
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    # a month saved for the first time gets every employed cell, so later policy changes do not move it
    todo = dict(changes)
    if not m.saved:
        for sid, row in m.plan.items():
            for d, code in row.items():
                if code and code not in LEAVE_CODES and (sid, d) not in todo:
                    todo[(sid, d)] = code
    for (sid, d), code in sorted(todo.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        code = (code or "").strip().upper() if code not in LEAVE_CODES else code
        person = people.get(sid)
        if person is None:
            raise NotFound(what="员工", id=sid)
        if d not in m.plan[sid]:
            raise DomainError("roster.day_outside_month", day=d.isoformat(), month=m.key)
        if not person.employed(d):
            raise DomainError("roster.not_employed", name=person.name, day=planner.day_label(d))
        if code not in codes and code != REST:
            raise DomainError("roster.bad_code", code=code, codes="、".join(sorted(codes)) + "、R（公休）")
        old = m.plan[sid][d]
        if old in LEAVE_CODES and source != "leave":
            _refuse_cell(person.name, d, old, code, codes)
            continue
        cell = existing.get((sid, d))
        if cell is not None and cell.code == code:
            continue
        key = f"{sid}@{d.isoformat()}"
        if cell is None:
            s.add(RosterCell(month=m.key, staff_id=sid, day=d, code=code, source=source, updated_at=now,
                             updated_by=actor.name))
        else:
            before[key] = cell.code
            cell.code, cell.updated_at, cell.updated_by = code, now, actor.name
            if cell.source not in HALF_SOURCES.values():  # a half day off keeps its mark on another shift
                cell.source, cell.leave_id = source, None
            s.add(cell)
        if (sid, d) in changes:
            after[key] = code
    s.flush()
    return {"before": before, "after": after}


def save_plan(db, *, actor: Actor, approval: ManagerApproval | None = None, month: Month | str,
              cells: Mapping[tuple[int, dt.date], str], source: str = "manual") -> list[Issue]:
    """Save changed grid cells ``{(staff_id, day): code}`` (shift letter or ``R``). Manager only (the signed-in
    manager, or another person with a manager's PIN). Leave cells cannot be changed here. Returns the month's
    remaining rule problems (saving a draft with problems is allowed)."""
    from station_desk import validate

    month = Month.parse(month)
    validate.whole(month.year, field="年份", low=2000, high=2100)
    approver = require_manager_or_self(db, actor, approval, "保存排班表")
    key = month.key
    with db.session() as s:
        ensure_open(s, "roster", month.first)
        m = month_in(s, month)
        diff = _write_cells_in(s, actor=actor, m=m, changes=cells, source=source)
        if diff["after"] or not m.saved:
            audit.record(s, actor=actor, action="roster.save", entity="roster_month", entity_id=key,
                         before=diff["before"] or None, after=diff["after"],
                         reason=None if approver is actor else f"批准人：{approver.name}")
        return month_in(s, month).issues


def apply_suggestion(db, *, actor: Actor, approval: ManagerApproval | None = None,
                     month: Month | str) -> planner.Suggestion:
    """Suggest the month and save it (cells not fixed by leave are overwritten). Returns the suggestion."""
    sug = suggest(db, month=month)
    cells = {(sid, d): code for sid, row in sug.plan.items() for d, code in row.items()
             if code and code not in LEAVE_CODES}
    save_plan(db, actor=actor, approval=approval, month=month, cells=cells, source="suggested")
    return sug


#: where a cell's code came from a leave: a whole day (the leave code) or a half day (the shift stays: the person
#: works its other half)
HALF_SOURCES = {"am": "leave_am", "pm": "leave_pm"}
LEAVE_SOURCES = ("leave", *HALF_SOURCES.values())


def apply_leave_in(s: Session, *, actor: Actor, leave_id: int, staff_id: int, kind: str, start: dt.date,
                   end: dt.date, half: str = "") -> int:
    """Write an approved leave into the roster (every employed day of it). Returns the number of days written.
    A half day (``half`` 'am' / 'pm') keeps the person's shift and marks which half is off."""
    code = planner.LEAVE_CODE_OF[kind]
    source = HALF_SOURCES.get(half, "leave")
    written = 0
    d = start
    while d <= end:
        ensure_open(s, "roster", d)
        m = month_in(s, Month.of(d))
        while d <= end and d.month == m.month:
            if m.plan.get(staff_id, {}).get(d):  # employed that day
                cell = s.exec(select(RosterCell).where(RosterCell.staff_id == staff_id,
                                                       RosterCell.day == d)).first()
                before = cell.code if cell else None
                if half:  # the shift of the day stays
                    code = m.plan[staff_id][d] if planner.is_shift(m.plan[staff_id][d]) else m.rules.default_shift
                if cell is None:
                    cell = RosterCell(month=m.key, staff_id=staff_id, day=d, code=code, source=source,
                                      leave_id=leave_id, updated_at=clock.now(), updated_by=actor.name)
                else:
                    cell.code, cell.source, cell.leave_id = code, source, leave_id
                    cell.updated_at, cell.updated_by = clock.now(), actor.name
                s.add(cell)
                s.flush()
                audit.record(s, actor=actor, action="roster.leave", entity="roster_cell", entity_id=cell.id,
                             before={"code": before}, after={"code": code, "leave_id": leave_id, "half": half})
                written += 1
            d += dt.timedelta(days=1)
    return written


def clear_leave_in(s: Session, *, actor: Actor, leave_id: int) -> int:
    """A cancelled leave gives its days back to the default shift."""
    cells = s.exec(select(RosterCell).where(RosterCell.leave_id == leave_id)).all()
    for cell in cells:
        ensure_open(s, "roster", cell.day)
        default = policy_on(s, cell.day).roster.default_shift
        before = cell.code
        cell.code, cell.source, cell.leave_id = default, "manual", None
        cell.updated_at, cell.updated_by = clock.now(), actor.name
        s.add(cell)
        audit.record(s, actor=actor, action="roster.leave_cancelled", entity="roster_cell", entity_id=cell.id,
                     before={"code": before}, after={"code": default}, reason=f"请假单 {leave_id} 撤销")
    return len(cells)


def rest_days_taken(db, *, staff_ids: Iterable[int], month: Month | str) -> dict[int, int]:
    """Saved rest days per person in the month (for the points and pay sheets)."""
    days = month_days(month)
    ids = list(staff_ids)
    with db.read() as s:
        rows = s.exec(select(RosterCell.staff_id, func.count()).where(
            RosterCell.day >= days[0], RosterCell.day <= days[-1], RosterCell.code == REST,
            RosterCell.staff_id.in_(ids)).group_by(RosterCell.staff_id)).all()
    return {sid: n for sid, n in rows}
