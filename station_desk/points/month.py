"""A month of points (SPEC §6): what the tab, the sheet and the command line show.

``month_points(db, "2026-10")`` computes an open month from the records with the policy in force on its first day;
a locked month is read from the snapshot stored when it was locked (``store_snapshot_in``, called by
:mod:`station_desk.month_close`), so a later policy edit or a late record never changes it. After the lock,
corrections are dated adjustments (``service.add_adjustment``) that count in — and are listed on — the month they
are dated in. The parts: :mod:`.facts` (what happened), :mod:`.compute` (the formulas), :mod:`.review` (what to
check before the lock), :mod:`.results` (the result types).
"""

from __future__ import annotations

from sqlmodel import Session

from station_desk.actor import Actor
from station_desk.points.compute import compute_points_in, points_month_in
from station_desk.month import Month
from station_desk.points.facts import bounds, month_of, prev_month, program_start_month, save_snapshot_in
from station_desk.points.results import RULE_TEXT, MonthPoints, PersonPoints, PointLine, to_snapshot

__all__ = ["RULE_TEXT", "MonthPoints", "PersonPoints", "PointLine", "bounds", "compute_points_in", "month_of",
           "month_points", "monthly_totals", "points_month_in", "prev_month", "store_snapshot_in"]


def month_points(db, month: Month | str, *, with_warnings: bool = True) -> MonthPoints:
    """The month (a locked one from its snapshot). ``with_warnings=False``: an open month without the transfer
    and target warnings, which compute the months before it (the overview shows the points only)."""
    month = month_of(month)
    with db.read() as s:
        return points_month_in(s, month, with_warnings=with_warnings)


def monthly_totals(db, last_month: Month | str, months: int = 12) -> tuple[list[str], dict[str, list[int | None]]]:
    """For the chart: the last ``months`` months and each person's total ×100 per month (None: not there, or a
    month before the program held any points). Two people of the same name are told apart by their 工号."""
    last_month = month_of(last_month)
    keys = [prev_month(last_month, k) for k in range(months - 1, -1, -1)]
    series: dict[str, list[int | None]] = {}
    with db.read() as s:
        first = program_start_month(s)
        names: dict[int, str] = {}
        for i, key in enumerate(keys):
            if first is None or key < first:
                continue
            mp = points_month_in(s, key, with_warnings=False)
            for p in mp.people:
                label = names.get(p.staff_id)
                if label is None:
                    label = p.name if p.name not in names.values() else f"{p.name}（{p.emp_no}）"
                    names[p.staff_id] = label
                series.setdefault(label, [None] * months)[i] = p.total_x100
    return keys, series


def store_snapshot_in(s: Session, month: Month | str, approver: Actor) -> MonthPoints:
    """Called by the month close: compute the month and store it, so the locked month is read from here."""
    month = month_of(month)
    mp = compute_points_in(s, month)
    save_snapshot_in(s, "points", month, to_snapshot(mp), approver)
    return mp
