"""What a change to the staff register would do to the months of points not locked yet (issue #14 item 9).

A person added with a past hire date, or a hire date moved back, joins months already worked: a technician with no
points pulls the service supervisor's 1.5 × technicians' average down, a sales rep the marketing supervisor's. A
locked month never changes (it is read from its snapshot); an open month would. Before such a change is saved, the
window and the command line ask :func:`preview_add_staff` / :func:`preview_hire_date` and show the difference:
each open month's people whose total would change (before → after) and the station average.

The preview makes the change inside a write transaction, computes the months before and after, and rolls back:
nothing is written and nothing is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.periods.service import is_locked
from station_desk.points import formulas as F
from station_desk.points.compute import compute_points_in
from station_desk.month import Month
from station_desk.points.facts import program_start_month
from station_desk.points.results import MonthPoints
from station_desk.staff.models import RoleAssignment, Staff
from station_desk.staff.roles import parse_role

#: how far back a preview looks (months); older open months are not previewed
MAX_MONTHS = 24


@dataclass(frozen=True)
class PersonChange:
    staff_id: int | None  # None: the person being added
    name: str
    before_x100: int | None  # None: not in the month before the change
    after_x100: int | None  # None: not in the month after it

    def text(self) -> str:
        before = "—" if self.before_x100 is None else F.fmt_points(self.before_x100)
        after = "—" if self.after_x100 is None else F.fmt_points(self.after_x100)
        return f"{self.name} {before} → {after}"


@dataclass(frozen=True)
class MonthImpact:
    month: str
    average_before_x100: int
    average_after_x100: int
    changes: tuple[PersonChange, ...]


@dataclass(frozen=True)
class Impact:
    """The open months a change would alter, and the locked months it leaves as they are."""

    months: tuple[MonthImpact, ...]
    frozen: tuple[str, ...]

    @property
    def changes(self) -> bool:
        return bool(self.months)

    def lines(self) -> list[str]:
        """The difference as the window and the command line show it (Chinese): a line per month, then one per
        person whose total would change, and the station average."""
        out = []
        for m in self.months:
            out.append(f"{m.month}（未结账）：")
            out += [f"    {c.text()}" + ("（新增）" if c.before_x100 is None else "") for c in m.changes]
            if m.average_before_x100 != m.average_after_x100:
                out.append(f"    全站平均 {F.fmt_points(m.average_before_x100)} → "
                           f"{F.fmt_points(m.average_after_x100)}")
        if self.frozen:
            out.append(f"{'、'.join(self.frozen)} 已结账，积分不变（结账时已定下）。")
        return out


class _Discard(Exception):
    """Raised to roll the preview's transaction back."""


def _months(s: Session, since: dt.date) -> list[Month]:
    """The months from ``since`` to this one that hold points data (at most ``MAX_MONTHS``), oldest first."""
    this = Month.of(clock.today())
    first = max(Month.of(since), Month.parse(program_start_month(s) or this), this.plus(-(MAX_MONTHS - 1)))
    out = []
    month = this
    while month >= first:
        out.append(month)
        month = month.prev()
    return out[::-1]


def _diff(month: Month, before: MonthPoints, after: MonthPoints, new: dict[int, str]) -> MonthImpact:
    was = {p.staff_id: p for p in before.people}
    now = {p.staff_id: p for p in after.people}
    changes = []
    for sid in list(was) + [x for x in now if x not in was]:
        a, b = was.get(sid), now.get(sid)
        total_a = a.total_x100 if a else None
        total_b = b.total_x100 if b else None
        if total_a != total_b:
            if sid in new:
                changes.append(PersonChange(None, new[sid], total_a, total_b))
            else:
                changes.append(PersonChange(sid, (b or a).name, total_a, total_b))
    return MonthImpact(month.key, before.average_x100, after.average_x100, tuple(changes))


def _preview(db, since: dt.date, change) -> Impact:
    """Compute the open months from ``since`` before and after ``change(s)`` (which returns the people it adds,
    ``{id: name}``), then roll everything back."""
    result: list[Impact] = []
    try:
        with db.session() as s:
            months = _months(s, since)
            frozen = tuple(m.key for m in months if is_locked(s, "points", m))
            open_months = [m for m in months if m.key not in frozen]
            before = {m: compute_points_in(s, m, with_warnings=False) for m in open_months}
            new = change(s) or {}
            s.flush()
            impacts = []
            for m in open_months:
                d = _diff(m, before[m], compute_points_in(s, m, with_warnings=False), new)
                # altered: someone already there, or the station average (a newcomer alone alters nothing)
                if d.average_before_x100 != d.average_after_x100 or any(c.staff_id is not None for c in d.changes):
                    impacts.append(d)
            result.append(Impact(tuple(impacts), frozen))
            raise _Discard
    except _Discard:
        pass
    return result[0]


def preview_add_people(db, people: list[dict]) -> Impact:
    """What adding these people (dicts with ``emp_no``, ``name``, ``role``, ``hire_date``: as the new-staff form or
    a register spreadsheet gives them) would change in the open months of points. A hire date from today on
    changes no month already worked: such a person is left out."""
    today = clock.today()
    past = [dict(p, role=parse_role(p["role"])) for p in people if p["hire_date"] < today]
    if not past:
        return Impact((), ())

    def add(s: Session) -> dict[int, str]:
        out = {}
        for k, p in enumerate(past):
            name = (p.get("name") or "").strip() or p["emp_no"]
            # a number nobody can type (a control character), that PostgreSQL also stores (NUL it refuses)
            person = Staff(emp_no=f"\x01preview{k}", name=name, hire_date=p["hire_date"], created_at=clock.now())
            s.add(person)
            s.flush()
            s.add(RoleAssignment(staff_id=person.id, role=p["role"], effective_from=p["hire_date"]))
            out[person.id] = name
        return out

    return _preview(db, min(p["hire_date"] for p in past), add)


def preview_add_staff(db, *, emp_no: str, name: str, role: str, hire_date: dt.date) -> Impact:
    """What adding this person (with this hire date and first role) would change in the open months of points."""
    return preview_add_people(db, [dict(emp_no=emp_no, name=name, role=role, hire_date=hire_date)])


def preview_hire_date(db, *, staff_id: int, hire_date: dt.date) -> Impact:
    """What correcting this person's hire date (as ``staff.update_staff`` does) would change in the open months of
    points: a later date takes them out of the months before it."""
    with db.read() as s:
        person = s.get(Staff, staff_id)
        old = person.hire_date if person else hire_date
    if hire_date == old:
        return Impact((), ())

    def move(s: Session) -> None:
        p = s.get(Staff, staff_id)
        p.hire_date = hire_date
        s.add(p)

    return _preview(db, min(hire_date, old), move)
