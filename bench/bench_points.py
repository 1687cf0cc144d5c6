"""Benchmark data and measurements of points and instant rewards: 5 years of daily points for every person
(order points on working days, a few deductions), the months' company figures, and every complete month but the
last locked with its snapshot.

Targets (issue 9): points sheet (40 staff) ≤ 300 ms. Also measured: computing an open month, reading a locked
month, the instant rewards of a month, the 12-month chart data.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import day, insert_rows, median_ms, table_columns, ts  # noqa: E402


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def populate(conn, rng, spec) -> None:
    if not table_columns(conn, "point_entry"):
        return
    by_role = spec.get("staff_by_role", {})
    people = [sid for role, ids in by_role.items() if role in ("technician", "sales_rep", "dispatch_clerk")
              for sid in ids] or list(spec.get("staff_ids", [1]))
    start, end = spec["start"], spec["end"]
    created = ts(dt.datetime.combine(end, dt.time(20, 0)))
    has_orders = conn.execute("SELECT count(*) FROM point_entry").fetchone()[0] > 0
    rows = []
    d = start
    n = 0
    while d <= end:
        if d.weekday() < 6:
            for sid in people:
                if rng.random() < 0.2:
                    continue
                n += 1
                if not has_orders:
                    rows.append((sid, day(d), "order", "work_order.closed", rng.randint(6, 16) * 100, "bench",
                                 f"b{n}", "", created, "bench"))
                if rng.random() < 0.02:
                    rows.append((sid, day(d), "deduction", "attendance.late", -500, "attendance", f"late{n}", "迟到",
                                 created, "bench"))
        d += dt.timedelta(days=1)
    insert_rows(conn, "point_entry", ["staff_id", "day", "kind", "rule", "points_x100", "source_kind", "source_id",
                                      "note", "created_at", "created_by"], rows)
    months = _months(start, end)
    insert_rows(conn, "points_month_input", ["month", "new_install_target", "manager_coefficient_x1000",
                                             "money_per_point_fen", "renovation_done", "updated_at", "updated_by"],
                [(m, 60, 1000 + rng.randint(0, 100), 150, 1, created, "bench") for m in months])
    insert_rows(conn, "points_day", ["day", "confirmed_at", "confirmed_by", "entries", "total_x100"],
                [(day(start + dt.timedelta(days=i)), created, "bench", 0, 0)
                 for i in range((end - start).days) if (start + dt.timedelta(days=i)).weekday() < 6])
    spec["points_months"] = months


def _lock_older_months(db, months: list[str]) -> float:
    """Store the points and rewards snapshots of ``months`` and lock them, as the month close does (no PIN, no
    backup: the bench's private copy). Returns the ms it took."""
    import time

    from station_desk.actor import Actor
    from station_desk.periods.service import is_locked, lock_month_in
    from station_desk.points import month as points_month
    from station_desk.rewards import month as rewards_month

    with db.read() as s:
        from sqlmodel import text

        row = s.exec(text("SELECT s.id, s.name FROM staff s JOIN staff_role r ON r.staff_id = s.id "
                          "WHERE r.role = 'manager' ORDER BY s.id LIMIT 1")).first()
    manager = Actor(row[0], row[1], "manager")
    t0 = time.perf_counter()
    for month in months:
        with db.session() as s:
            if is_locked(s, "points", month):
                continue
            points_month.store_snapshot_in(s, month, manager)
            rewards_month.store_snapshot_in(s, month, manager)
            lock_month_in(s, actor=manager, scope="points", month=month, note="bench")
            if not is_locked(s, "rewards", month):
                lock_month_in(s, actor=manager, scope="rewards", month=month, note="bench")
    return (time.perf_counter() - t0) * 1000


def measure(db, spec) -> dict[str, float]:
    from station_desk import clock
    from station_desk.points import month as M
    from station_desk.points.month import MonthPoints, PersonPoints, PointLine
    from station_desk.reports.pdf_common import prepare
    from station_desk.reports.points_sheet import points_sheet_spec, render_points_sheet
    from station_desk.reports.pdf_common import render_sheet
    from station_desk.rewards import service as RW

    runs = spec.get("runs", 5)
    end = spec["end"]
    clock.set_fake_now(dt.datetime.combine(end, dt.time(18, 0)))
    try:
        this = clock.month_key(end)
        last = M.prev_month(this)
        out = {}
        out["points_month_compute_ms"] = median_ms(lambda: M.month_points(db, last), runs=runs)
        prepare()
        out["points_sheet_ms"] = median_ms(lambda: render_points_sheet(db, last), runs=runs)
        people = tuple(PersonPoints(i, f"E{i:03d}", f"员工{i}", "technician", "服务人员", 30000 + i, 500, 200, 0,
                                    30300 + i, i, None, (PointLine("work_order.closed", "order", 30000 + i, "x"),))
                       for i in range(1, 41))
        forty = MonthPoints(last, people, 30320, ("规则",) * 7, (), ())
        out["points_sheet_40_staff_render_ms"] = median_ms(lambda: render_sheet(points_sheet_spec(forty, "站")),
                                                           runs=runs)
        out["rewards_month_ms"] = median_ms(lambda: RW.month_rewards(db, last), runs=runs)
        out["points_chart_12_months_unlocked_ms"] = median_ms(lambda: M.monthly_totals(db, this, 12),
                                                              runs=max(1, runs // 2), warmup=0)
        # as a station has them: the months before the one under review are locked, each with its snapshot (what
        # month_close.lock_month stores); the chart reads those and computes the open months
        out["points_lock_months_ms"] = _lock_older_months(db, [M.prev_month(last, k) for k in range(1, 11)])
        out["points_chart_12_months_ms"] = median_ms(lambda: M.monthly_totals(db, this, 12), runs=max(1, runs // 2),
                                                     warmup=0)
        return {k: round(v, 1) for k, v in out.items()}
    finally:
        clock.set_fake_now(None)
