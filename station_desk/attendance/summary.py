"""The month's attendance per person (考勤汇总): rostered and worked days, rest, leave by kind, exceptions (not
excused) and the deductions credited — for the manager's month review and the points and pay sheets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from station_desk import clock
from sqlmodel import select

from station_desk.attendance import service as att
from station_desk.attendance.models import LeaveRequest
from station_desk.attendance.punches import punches_by_day_in
from station_desk.month import Month
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.planner import REST, is_shift
from station_desk.staff.models import Staff


@dataclass(frozen=True)
class SummaryRow:
    staff_id: int
    name: str
    role_label: str
    rostered: int  # shift days up to the summary day
    worked: int  # of those, days with a punch
    rest: int
    personal: float  # days of leave: a half day counts 0.5
    sick: float
    annual: float
    late: int  # late, early leave and missing punches (not excused)
    absent: int
    violations: int
    deductions_x100: int  # negative


def month_warning(db, *, month: Month | str) -> str:
    """What the summary must say before its numbers: the month's year has no holiday arrangement (a holiday would
    be counted as a working day), else ''."""
    from station_desk.rest_roster.overrides import calendar_warning

    return calendar_warning(db, days=roster.month_days(month))


def month_summary(db, *, month: Month | str, until: dt.date | None = None) -> list[SummaryRow]:
    """One row per person on the month's roster; days after ``until`` (default: yesterday, or the month's last
    day for a past month) are not counted for attendance."""
    month = Month.parse(month)
    days = month.days()
    last = min(days[-1], until or (clock.today() - dt.timedelta(days=1)))
    with db.read() as s:
        m = roster.month_in(s, month)
        plan = roster.schedule_for_month_in(s, month)
        counts: dict[int, dict[str, int]] = {p.staff_id: {} for p in m.people}
        # what every day reads, read once for the month (issue #15: a month-end summary read it 31 times)
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
        starts = att.starts_in(s)
        punches = punches_by_day_in(s, days[0], last) if last >= days[0] else {}
        for d in days:
            if d > last:
                break
            derived = att.derive_day_in(s, d, schedule=plan.get(d, {}), day_punches=punches.get(d, []),
                                        names=names, starts=starts)
            statuses = {st.staff_id: st for st in derived}
            rows = att.exceptions_in(s, d, schedule=plan.get(d, {}), statuses=derived)
            for sid, code in plan.get(d, {}).items():
                c = counts.setdefault(sid, {})
                st = statuses.get(sid)
                if is_shift(code) and (st is None or is_shift(st.code)):  # a day before the person's start: not
                    c["rostered"] = c.get("rostered", 0) + 1                 # rostered (att.starts_in)
                    if st is not None and (st.first_in or st.last_out):
                        c["worked"] = c.get("worked", 0) + 1
            for r in rows:
                if r.status == "excused":
                    continue
                key = "absent" if r.kind == "absent" else "late"
                counts.setdefault(r.staff_id, {})[key] = counts[r.staff_id].get(key, 0) + 1
        halves: dict[tuple[int, str], float] = {}
        for sid, kind in s.exec(select(LeaveRequest.staff_id, LeaveRequest.kind).where(
                LeaveRequest.status == "approved", LeaveRequest.half != "", LeaveRequest.start >= days[0],
                LeaveRequest.start <= days[-1])).all():
            halves[(sid, kind)] = halves.get((sid, kind), 0) + 0.5
        out = []
        for p in m.people:
            row = m.plan[p.staff_id]
            c = counts.get(p.staff_id, {})
            deductions = att.attendance_deductions(s, p.staff_id, month)
            out.append(SummaryRow(
                p.staff_id, p.name, p.role_label, c.get("rostered", 0), c.get("worked", 0),
                sum(1 for code in row.values() if code == REST),
                sum(1 for code in row.values() if code == "事") + halves.get((p.staff_id, "personal"), 0),
                sum(1 for code in row.values() if code == "病") + halves.get((p.staff_id, "sick"), 0),
                sum(1 for code in row.values() if code == "年") + halves.get((p.staff_id, "annual"), 0),
                c.get("late", 0), c.get("absent", 0),
                sum(1 for d in deductions if d.rule == "discipline.violation"),
                sum(d.points_x100 for d in deductions)))
        return out
