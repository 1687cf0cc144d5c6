"""The month review of points (SPEC §6, 每月复核): what the manager checks before locking a month — working days
without points, days the clerk did not confirm, entries changed after confirmation, manual points without a source,
the review deadline and the company's missing figures. A day a person is not expected to work — a rest day in the
roster (休), approved leave (事假, 病假, 年假), a holiday — is never a gap. The instant rewards' items are added by
:mod:`station_desk.month_close`, which reviews both."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.periods.service import is_locked
from station_desk.points import formulas as F
from station_desk.month import Month
from station_desk.points.facts import members, month_input, month_of
from station_desk.points.models import PointEntry, PointsDay
from station_desk.attendance.models import LeaveRequest
from station_desk.points.results import RULE_TEXT
from station_desk.policy.service import policy_on
from station_desk.rest_roster import holidays, planner
from station_desk.rest_roster import service as roster
from station_desk.staff.models import Staff


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # no_points | unconfirmed | after_confirm | no_source | missing_input | reward
    text: str
    staff_id: int | None = None
    day: dt.date | None = None


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days)]


def _is_workday(day: dt.date, marks: dict) -> bool:
    """Monday to Friday, unless a holiday; a weekend day only as a make-up workday (调休上班) — the roster's marks:
    the statutory calendar with the station's own entries."""
    mark = marks.get(day)
    if mark is not None:
        return mark.kind == holidays.WORKDAY
    return day.weekday() < 5


def _on_leave(s: Session, start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """The days of approved leave (事假, 病假, 年假 …) of each person in [start, end)."""
    out: dict[int, set[dt.date]] = defaultdict(set)
    for r in s.exec(select(LeaveRequest).where(LeaveRequest.status == "approved", LeaveRequest.start < end,
                                               LeaveRequest.end >= start)).all():
        d = max(r.start, start)
        while d <= r.end and d < end:
            out[r.staff_id].add(d)
            d += dt.timedelta(days=1)
    return out


def _expected_days(s: Session, month: Month, start: dt.date, end_seen: dt.date):
    """(the station's working days so far, ``expects(staff_id, day)``): a person is expected to earn points on a day
    the roster gives them a shift — or, in a month without a saved plan, on a working day — unless they are on
    approved leave or it is a holiday. Rest days (休), leave and holidays are never gaps."""
    rm = roster.month_in(s, month)
    leave = _on_leave(s, start, end_seen)
    days = _days(start, end_seen)
    workdays = [d for d in days if _is_workday(d, rm.marks)]

    def expects(staff_id: int, day: dt.date) -> bool:
        if day in leave.get(staff_id, ()):
            return False
        mark = rm.marks.get(day)
        if mark is not None and mark.kind == holidays.HOLIDAY:
            return False
        row = rm.plan.get(staff_id)
        if rm.saved:
            return row is not None and planner.is_shift(row.get(day, ""))
        if row is not None and not planner.is_shift(row.get(day, "")):
            return False  # a leave cell, or not employed that day
        return _is_workday(day, rm.marks)

    return workdays, expects


def review_points_in(s: Session, month: Month | str) -> list[ReviewItem]:
    month = month_of(month)
    start, end = month.bounds()
    today = clock.today()
    end_seen = min(end, today + dt.timedelta(days=1))
    p = policy_on(s, start).points
    items: list[ReviewItem] = []
    entries = s.exec(select(PointEntry).where(PointEntry.day >= start, PointEntry.day < end)).all()
    confirmed = {d.day: d for d in s.exec(select(PointsDay).where(PointsDay.day >= start, PointsDay.day < end))}
    days_with = defaultdict(set)
    for e in entries:
        days_with[e.staff_id].add(e.day)
    staff_rows = {p_.id: p_ for p_ in s.exec(select(Staff)).all()}
    workdays, expects = _expected_days(s, month, start, end_seen)
    for m in members(s, month):
        if m.role not in p.daily_points_roles:
            continue
        person = staff_rows[m.staff_id]
        missing = [d for d in _days(start, end_seen) if d >= person.hire_date and (person.left_date is None or d <= person.left_date)
                   and d not in days_with[m.staff_id] and expects(m.staff_id, d)]
        if missing:
            items.append(ReviewItem("no_points", f"{m.name}：{len(missing)} 个工作日无积分（已除去休息日、请假和节假日）："
                                    + "、".join(f"{d:%m-%d}" for d in missing), m.staff_id, missing[0]))
    for d in workdays:
        if d < today and d not in confirmed:
            items.append(ReviewItem("unconfirmed", f"{d:%m-%d} 的积分未经接单内勤确认", None, d))
    for e in entries:
        conf = confirmed.get(e.day)
        if conf is not None and e.created_at > conf.confirmed_at:
            name = staff_rows[e.staff_id].name if e.staff_id in staff_rows else e.staff_id
            items.append(ReviewItem("after_confirm", f"{e.day:%m-%d} 已确认后，{e.created_by} 于 "
                                    f"{e.created_at:%m-%d %H:%M} 改动了 {name} 的积分 {F.fmt_points(e.points_x100)}"
                                    f"（{RULE_TEXT.get(e.rule, e.rule)}）", e.staff_id, e.day))
        if e.kind in ("manual", "auxiliary") and not e.source_kind and not e.note.strip():
            items.append(ReviewItem("no_source", f"{e.day:%m-%d} {staff_rows[e.staff_id].name} 的积分 "
                                    f"{F.fmt_points(e.points_x100)} 没有来源或说明", e.staff_id, e.day))
    deadline = end.replace(day=p.review_deadline_day)
    if today > deadline and not is_locked(s, "points", month):
        items.append(ReviewItem("deadline", f"已过复核期限 {deadline.isoformat()}（每月 {p.review_deadline_day} 号前复核上月积分），"
                                f"{month} 尚未结账"))
    inp = month_input(s, month)
    if inp is None or inp.new_install_target is None:
        items.append(ReviewItem("missing_input", f"{month} 未录入公司下达的新增任务"))
    if inp is None or inp.manager_coefficient_x1000 is None:
        items.append(ReviewItem("missing_input", f"{month} 未录入经理考核系数"))
    return items
