"""The month review of points (SPEC §6, 每月复核): what the manager checks before locking a month — working days
without points, days the clerk did not confirm, entries changed after confirmation, manual points without a source,
the review deadline and the company's missing figures. The instant rewards' items are added by
:mod:`station_desk.month_close`, which reviews both."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.periods.service import is_locked
from station_desk.points import formulas as F
from station_desk.points.facts import bounds, members, month_input
from station_desk.points.models import PointEntry, PointsDay
from station_desk.points.results import RULE_TEXT
from station_desk.policy.service import policy_on
from station_desk.staff.models import Staff


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # no_points | unconfirmed | after_confirm | no_source | missing_input | reward
    text: str
    staff_id: int | None = None
    day: dt.date | None = None


def _workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    try:
        import chinese_calendar

        return [start + dt.timedelta(days=i) for i in range((end - start).days)
                if chinese_calendar.is_workday(start + dt.timedelta(days=i))]
    except (ImportError, NotImplementedError):
        return [start + dt.timedelta(days=i) for i in range((end - start).days)
                if (start + dt.timedelta(days=i)).weekday() < 5]


def review_points_in(s: Session, month: str) -> list[ReviewItem]:
    start, end = bounds(month)
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
    workdays = [d for d in _workdays(start, end_seen)]
    for m in members(s, month):
        if m.role not in p.daily_points_roles:
            continue
        person = staff_rows[m.staff_id]
        missing = [d for d in workdays if d >= person.hire_date and (person.left_date is None or d <= person.left_date)
                   and d not in days_with[m.staff_id]]
        if missing:
            items.append(ReviewItem("no_points", f"{m.name}：{len(missing)} 个工作日无积分（请核对是否公休）："
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
