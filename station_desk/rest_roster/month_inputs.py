"""What a month's roster grid is built from, for a list of days: the rules in force (the policy's shifts, opening
hours and minimums) and the people employed on them, in the grid's order. Used by :mod:`.service`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk.policy.service import policy_on
from station_desk.rest_roster import planner
from station_desk.rest_roster.planner import Rules, ShiftDef
from station_desk.staff.models import Staff
from station_desk.staff.roles import Role, role_label
from station_desk.staff.service import role_on, roles_on


@dataclass(frozen=True)
class RosterPerson:
    staff_id: int
    name: str
    emp_no: str
    role: str
    role_label: str
    front_desk: bool
    first_day: dt.date | None
    last_day: dt.date | None


def rules_in(s: Session, days: list[dt.date]) -> Rules:
    pol = policy_on(s, days[0])
    roster = pol.roster
    windows = {}
    for d in days:
        segs = pol.hours.segments_on(d)
        windows[d] = tuple((planner.minutes(g.start), planner.minutes(g.end)) for g in segs)
    shifts = tuple(ShiftDef(x.code, x.name, planner.minutes(x.start), planner.minutes(x.end)) for x in roster.shifts)
    return Rules(shifts=shifts, windows=windows, min_staff=roster.min_staff_on_duty,
                 min_front_desk=roster.min_front_desk_on_duty, rest_days=roster.rest_days_per_month,
                 default_shift=roster.default_shift, personal_offsets_rest=roster.personal_leave_offsets_rest)


def people_in(s: Session, days: list[dt.date]) -> list[RosterPerson]:
    """Everybody employed on at least one day of ``days``: the manager, the front desk, then the other roles
    (the order of ``staff.roles.Role``), each by employee number."""
    first, last = days[0], days[-1]
    pol = policy_on(s, first)
    fd_roles = set(pol.roster.front_desk_roles)
    roles_first = roles_on(s, first)
    rows = s.exec(select(Staff).where(Staff.hire_date <= last).order_by(Staff.emp_no)).all()
    out = []
    for p in rows:
        left = p.left_date if p.left_date is not None else (None if p.active else first - dt.timedelta(days=1))
        if left is not None and left < first:
            continue
        role = roles_first.get(p.id) or role_on(s, p.id, last) or ""
        out.append(RosterPerson(p.id, p.name, p.emp_no, role, role_label(role), role in fd_roles,
                                p.hire_date if p.hire_date > first else None,
                                left if left is not None and left < last else None))
    order = {str(r): i for i, r in enumerate(Role)}
    out.sort(key=lambda p: (order.get(p.role, len(order)), p.emp_no))
    return out
