"""The work-order facts behind the weekly rewards (§7.5–7.6) and the service supervisor's (§7.8): a clean week of
a technician or a dispatch clerk — from a hand-entered week fact, else from the work-order module — and the
station's failure rate of a month (the company's figure when entered, else the work orders')."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from station_desk.month import Month
from station_desk.points.facts import month_input, month_of
from station_desk.rewards.models import WeekFact
from station_desk.work_orders import facts as wo

WeekKey = tuple[str, int, dt.date]  # ('repair' | 'dispatch', staff id, Monday)

#: a clean week so far, with orders still open that may yet be late (truthy: the reward is computed, provisionally)
OPEN = "open"


def weeks_ending_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """Mondays of the Mon–Sun weeks whose Sunday falls in [start, end)."""
    first_sunday = start + dt.timedelta(days=(6 - start.weekday()) % 7)
    out = []
    d = first_sunday
    while d < end:
        out.append(d - dt.timedelta(days=6))
        d += dt.timedelta(days=7)
    return out


def week_text(kind: str, d: dict) -> tuple[bool | str, str]:
    """(clean?, facts) of a week's work-order summary; a clean week with orders still open is ``OPEN``."""
    if kind == "repair":
        ok = d.get("orders", 0) > 0 and not (d.get("overdue") or d.get("dragged") or d.get("forms_late"))
        text = (f"报修 {d.get('orders', 0)} 单，超时 {d.get('overdue', 0)}，拖单 {d.get('dragged', 0)}，"
                f"表格迟交 {d.get('forms_late', 0)}")
    else:
        ok = d.get("orders", 0) > 0 and not (d.get("dispatched_late") or d.get("overdue") or d.get("complaints"))
        text = (f"派单 {d.get('orders', 0)} 单，派单迟 {d.get('dispatched_late', 0)}，超时 {d.get('overdue', 0)}，"
                f"投诉 {d.get('complaints', 0)}")
    if ok and d.get("open"):
        return OPEN, f"{text}，未完工 {d['open']} 单"
    return ok, text


def weeks_clean(s: Session, mondays: list[dt.date], technicians: list[int],
                clerks: list[int]) -> dict[WeekKey, tuple[bool | str | None, str]]:
    """(clean?, facts text) of every technician ('repair') and dispatch clerk ('dispatch') for every week: from a
    hand-entered week fact, else from the work orders — one read of the weeks' facts and one batched read of the
    work-order facts."""
    out: dict[WeekKey, tuple[bool | str | None, str]] = {}
    if not mondays or not (technicians or clerks):
        return out
    for f in s.exec(select(WeekFact).where(WeekFact.week_start.in_(mondays)).order_by(WeekFact.id.desc())).all():
        key = (f.kind, f.staff_id, f.week_start)
        if key not in out:
            out[key] = (f.ok, f"week_fact:{f.id}")
    wanted = [(k, sid, w) for k, ids in (("repair", technicians), ("dispatch", clerks)) for sid in ids
              for w in mondays]
    missing = [key for key in wanted if key not in out]
    if not missing:
        return out
    summaries = wo.week_summaries(s, mondays, technician_ids={sid for k, sid, _ in missing if k == "repair"},
                                  clerk_ids={sid for k, sid, _ in missing if k == "dispatch"})
    for key in missing:
        out[key] = week_text(key[0], summaries[key])
    return out


def failure_rate(s: Session, month: Month | str, customers: dict) -> tuple[float, str]:
    """The month's failure rate and its unit. ``customers``: a dict shared by the calls of one computation, to
    count the active customers once."""
    month = month_of(month)
    inp = month_input(s, month)
    if inp is not None and inp.failure_rate_permille is not None:
        return inp.failure_rate_permille / 10, "户/百户"
    if "active" not in customers:
        customers["active"] = wo.active_customer_count(s)
    return float(wo.station_failure_rate(s, month, active_customers=customers["active"])), "户/百户"
