"""积分公示表 (the monthly points public sheet, SPEC §6/§9) and the day's points summary for the centre (.xlsx).

The numbers come from :func:`station_desk.points.month.month_points` — the same object the tab and
``station-desk points --month … --json`` show — so the sheet and the JSON agree to the point."""

from __future__ import annotations

import datetime as dt
import os
from typing import BinaryIO

from station_desk.points.formulas import fmt_points
from station_desk.points.month import MonthPoints, month_points
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec, render_sheet

COLUMNS = [
    ColumnSpec("名次", 12, align="center"),
    ColumnSpec("工号", 16),
    ColumnSpec("姓名", 22),
    ColumnSpec("岗位", weight=1.0),
    ColumnSpec("接单积分", 24, align="right"),
    ColumnSpec("辅助积分", 24, align="right"),
    ColumnSpec("扣分", 20, align="right"),
    ColumnSpec("调整", 20, align="right"),
    ColumnSpec("合计", 24, align="right"),
]


def _station_name(db) -> str:
    from station_desk.policy.service import current_policy

    try:
        return current_policy(db).station.name
    except Exception:  # pragma: no cover - a policy without a station section
        return ""


def month_finished(month: str) -> bool:
    """A month is finished once the station's today lies after its last day."""
    from station_desk import clock
    from station_desk.month import Month

    return clock.today() > Month.parse(month).last


def points_sheet_spec(mp: MonthPoints, station: str, printed_on: dt.date | None = None, *,
                      internal_page: bool = True, fingerprint: str | None = None) -> SheetSpec:
    """The posted sheet. Transfer warnings name people, so they never go on it: with ``internal_page`` (policy
    ``points.sheet_internal_warnings_page``) they are printed on a separate, unposted page (内部资料), and only for
    a finished or locked month (provisional numbers warn nobody; a running month's forecasts are never printed)."""
    rows = [[p.rank, p.emp_no, p.name, p.role_label, fmt_points(p.order_x100), fmt_points(p.auxiliary_x100),
             fmt_points(p.deductions_x100), fmt_points(p.adjustments_x100), fmt_points(p.total_x100)]
            for p in mp.people]
    totals = [["", "", "合计", f"{len(mp.people)} 人", fmt_points(sum(p.order_x100 for p in mp.people)),
               fmt_points(sum(p.auxiliary_x100 for p in mp.people)),
               fmt_points(sum(p.deductions_x100 for p in mp.people)),
               fmt_points(sum(p.adjustments_x100 for p in mp.people)),
               fmt_points(sum(p.total_x100 for p in mp.people))],
              ["", "", "全站平均", "", "", "", "", "", fmt_points(mp.average_x100)]]
    notes = list(mp.rules) + list(mp.notes)
    y, m = mp.month.split("-")
    internal = []
    if internal_page and mp.warnings and (mp.locked or month_finished(mp.month)):
        internal = [(f"{y}年{int(m)}月 月末预警（转岗、任务完成情况），供服务中心经理处理", list(mp.warnings))]
    return SheetSpec(title="积分公示表", station=station, period=f"{y}年{int(m)}月", columns=COLUMNS, rows=rows,
                     totals=totals, notes=notes, landscape=True, printed_on=printed_on, internal=internal,
                     fingerprint=fingerprint, subtitle="已结账" if mp.locked else "未结账（以结账后为准）")


def render_points_sheet(db, month: str, path_or_buffer: str | os.PathLike | BinaryIO | None = None,
                        printed_on: dt.date | None = None, *, internal_page: bool | None = None,
                        fingerprint: str | None = None) -> bytes | None:
    """The sheet of ``month``; ``internal_page`` None: as the policy in force says."""
    from station_desk.audit.row_check import sheet_fingerprint

    if internal_page is None:
        from station_desk.policy.service import current_policy

        internal_page = current_policy(db).points.sheet_internal_warnings_page
    spec = points_sheet_spec(month_points(db, month), _station_name(db), printed_on, internal_page=internal_page,
                             fingerprint=sheet_fingerprint(db, fingerprint))  # the chain's head: an anchor
    return render_sheet(spec, path_or_buffer)


def export_daily_xlsx(db, day: dt.date, path: str | os.PathLike):
    """The day's summary for the centre: one row per person, the day's points by source."""
    from station_desk.exchange.excel_export import export_table
    from station_desk.points.service import day_points

    dp = day_points(db, day)
    rows = [[p.name, p.role_label, p.order_x100, p.other_x100, p.deductions_x100, p.total_x100,
             "；".join(f"{e.rule_text} {fmt_points(e.points_x100)}" + (f"（{e.source}）" if e.source else "")
                      for e in p.entries)] for p in dp.people]
    totals = [["合计", "", sum(p.order_x100 for p in dp.people), sum(p.other_x100 for p in dp.people),
               sum(p.deductions_x100 for p in dp.people), dp.total_x100, ""]]
    status = f"已由 {dp.confirmed_by} 确认" if dp.confirmed else "未确认"
    return export_table(path, title=f"{_station_name(db)} 每日积分汇总 {day.isoformat()}", subtitle=status,
                        headers=["姓名", "岗位", "接单积分", "辅助积分", "扣分", "合计", "来源"],
                        rows=rows, totals=totals,
                        column_types=["text", "text", "points_x100", "points_x100", "points_x100", "points_x100",
                                      "text"], sheet_name=day.isoformat())
