"""Benchmark of the rest roster and attendance (SPEC §5): five years of roster cells and time-clock punches for
the 40 staff, some decisions, leave and violations; measures the plan suggester for 30 people (target ≤ 1 s),
the live rule check the grid runs on every key press, the month view, the wall roster PDF and the day's
attendance exceptions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import day, days_between, insert_rows, median_ms, table_columns, ts  # noqa: E402

SHIFTS = {"E": (dt.time(8, 30), dt.time(16, 30)), "L": (dt.time(12, 0), dt.time(20, 0))}


def populate(conn, rng, spec) -> None:
    if not table_columns(conn, "roster_cell") or not table_columns(conn, "attendance_clock"):
        return
    staff = list(spec.get("staff_ids", []))
    if not staff:
        return
    hires = dict(conn.execute("SELECT id, hire_date FROM staff").fetchall())
    start, end = spec["start"], spec["end"]
    cells, punches, decisions = [], [], []
    stamp = ts(dt.datetime.combine(start, dt.time(9)))
    for i, sid in enumerate(staff):
        hired = dt.date.fromisoformat(str(hires.get(sid, start))[:10])
        for k, d in enumerate(days_between(max(start, hired), end)):
            # a six-day cycle with one rest day, staggered; early and late shifts alternate by week
            if (k + i) % 6 == 0 and d.day <= 30:
                code = "R"
            else:
                code = "E" if ((d.toordinal() // 7) + i) % 2 == 0 else "L"
            cells.append((f"{d:%Y-%m}", sid, day(d), code, "suggested", None, stamp, "bench"))
            if code == "R":
                continue
            t_in, t_out = SHIFTS[code]
            late = rng.random() < 0.03
            a = dt.datetime.combine(d, t_in) + dt.timedelta(minutes=rng.randint(3, 30) if late
                                                            else -rng.randint(2, 20))
            b = dt.datetime.combine(d, t_out) + dt.timedelta(minutes=rng.randint(0, 20))
            punches.append((sid, ts(a), "in", "import", None, "", ts(a), "bench"))
            punches.append((sid, ts(b), "out", "import", None, "", ts(b), "bench"))
            if late and d < end - dt.timedelta(days=2):
                minutes = int((a - dt.datetime.combine(d, t_in)).total_seconds() // 60)
                decisions.append((sid, day(d), "late", minutes, "confirmed", "", -500, None, ts(b), "bench"))
    insert_rows(conn, "roster_cell", ["month", "staff_id", "day", "code", "source", "leave_id", "updated_at",
                                      "updated_by"], cells)
    insert_rows(conn, "attendance_clock", ["staff_id", "at", "kind", "source", "voids_id", "note", "created_at",
                                           "created_by"], punches)
    insert_rows(conn, "attendance_decision", ["staff_id", "day", "kind", "minutes", "status", "reason", "points_x100",
                                              "point_entry_id", "decided_at", "decided_by"], decisions)
    leave_rows = []
    for _ in range(spec.get("years", 5) * 40):
        sid = rng.choice(staff)
        d = start + dt.timedelta(days=rng.randint(0, (end - start).days - 3))
        n = rng.randint(1, 2)
        leave_rows.append((sid, "personal", day(d), day(d + dt.timedelta(days=n - 1)), n, "bench", "", "approved",
                           "station" if n == 1 else "centre", "bench", "" if n == 1 else "刘总",
                           None if n == 1 else day(d), "", stamp, "bench", stamp))
    insert_rows(conn, "leave_request", ["staff_id", "kind", "start", "end", "days", "reason", "certificate", "status",
                                        "level", "approved_by", "external_approver", "external_approved_on",
                                        "decision_note", "requested_at", "requested_by", "decided_at"], leave_rows)
    spec["roster_cells"] = len(cells)
    spec["attendance_punches"] = len(punches)


def measure(db, spec) -> dict[str, float]:
    from station_desk import clock
    from station_desk.attendance import service as att
    from station_desk.reports.pdf_common import prepare
    from station_desk.reports.roster_sheet import render_roster
    from station_desk.rest_roster import planner
    from station_desk.rest_roster import service as roster

    runs = spec.get("runs", 5)
    end = spec["end"]
    clock.set_fake_now(dt.datetime.combine(end, dt.time(20, 30)))
    try:
        nxt = (end.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        out: dict[str, float] = {}
        out["roster_suggest_30_staff_ms"] = median_ms(lambda: roster.suggest(db, month=f"{nxt:%Y-%m}"),
                                                      runs=runs)
        month = roster.get_month(db, month=f"{end:%Y-%m}")
        people = month.planner_people()
        out["roster_suggest_30_staff_pure_ms"] = median_ms(
            lambda: planner.suggest_plan(month.days, people, month.rules), runs=runs)
        out["roster_live_check_ms"] = median_ms(lambda: month.check(), runs=runs)
        out["roster_month_view_ms"] = median_ms(lambda: roster.get_month(db, month=f"{end:%Y-%m}"),
                                                runs=runs)
        prepare()
        out["roster_pdf_ms"] = median_ms(lambda: render_roster(month, "古五服务中心"), runs=runs)
        out["attendance_day_exceptions_ms"] = median_ms(lambda: att.day_exceptions(db, day=end), runs=runs)
        from station_desk.attendance.summary import month_summary

        prev = (end.replace(day=1) - dt.timedelta(days=1))
        out["attendance_month_summary_ms"] = median_ms(
            lambda: month_summary(db, month=f"{prev:%Y-%m}"), runs=max(1, runs // 2))
        out["roster_people"] = float(len(month.people))
        return {k: round(v, 1) for k, v in out.items()}
    finally:
        clock.set_fake_now(None)
