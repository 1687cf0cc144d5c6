"""工单时效报表 (SLA report per technician and month): printable A4 sheet and .xlsx export. Qt-free."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from station_desk import clock
from station_desk.month import Month
from station_desk.policy.service import current_policy
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec, render_sheet
from station_desk.work_orders import queries
from station_desk.work_orders.sla import fmt_minutes

HEADERS = ["服务人员", "工单数", "按时响应率", "按时处理率", "平均响应", "平均处理", "回访平均分", "不满意", "超时单"]


def _fmt_pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}%"


def _fmt_min(v: float | None) -> str:
    return "—" if v is None else fmt_minutes(round(v))


def _fmt_score(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def _duration(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} 小时" + (f" {m} 分钟" if m else "") if h else f"{m} 分钟"


def _line(r: queries.SlaRow) -> list:
    return [r.name, str(r.orders), _fmt_pct(r.responded_on_time_pct), _fmt_pct(r.resolved_on_time_pct),
            _fmt_min(r.avg_response_minutes), _fmt_min(r.avg_resolution_minutes), _fmt_score(r.follow_up_avg_score),
            str(r.unsatisfied), str(r.late_orders), _paused(r)]


def _paused(r: queries.SlaRow) -> str:
    """Paused orders and the paused time, apart from the on-time figures: "2 / 3:10" (orders / hours:minutes)."""
    return "—" if not r.paused_orders else f"{r.paused_orders} / {fmt_minutes(r.paused_minutes)}"


@dataclass(frozen=True)
class MonthWeek:
    """A Monday–Sunday week cut at the month's edges, so the weeks of a month add up to the month."""

    first: dt.date
    last: dt.date
    orders: int
    responded_on_time: int
    resolved_on_time: int

    @property
    def label(self) -> str:
        return f"{self.first:%m-%d}–{self.last:%m-%d}"


def month_weeks(db, *, month: Month | str) -> list[MonthWeek]:
    """The report's orders (first dispatched in the month, not cancelled, with a technician) by week, each week cut
    at the month's first and last day: the weekly counts add up to the month's total line."""
    start, end = Month.parse(month).bounds()
    with db.read() as s:
        facts = [f for f in queries.order_facts_in(s, dt.datetime.combine(start, dt.time()),
                                                   dt.datetime.combine(end, dt.time())) if f.technician_id]
    weeks: list[list] = []
    day = start
    while day < end:
        last = min(day + dt.timedelta(days=6 - day.weekday()), end - dt.timedelta(days=1))
        weeks.append([day, last, 0, 0, 0])
        day = last + dt.timedelta(days=1)
    for f in facts:
        d = f.first_dispatched_at.date()
        w = next(w for w in weeks if w[0] <= d <= w[1])
        w[2] += 1
        w[3] += 0 if f.sla.respond_late else 1
        w[4] += 0 if f.sla.resolve_late else 1
    return [MonthWeek(*w) for w in weeks]


def _share(n: int, d: int) -> str:
    return "—" if not d else f"{100.0 * n / d:.1f}%"


def sla_sheet_spec(db, *, month: Month | str, fingerprint: str | None = None) -> SheetSpec:
    month = Month.parse(month)
    rows = queries.sla_report(db, month=month)
    total = queries.sla_total(rows)
    weeks = month_weeks(db, month=month)
    pol = current_policy(db, month.first)
    wo = pol.work_orders
    resolve = wo.two_hour_rule_minutes if wo.use_two_hour_rule else wo.resolve_minutes
    week_rows = [["周（本月内的日期）", "工单数", "按时响应", "按时响应率", "按时处理", "按时处理率"]] + [
        [w.label, str(w.orders), str(w.responded_on_time), _share(w.responded_on_time, w.orders),
         str(w.resolved_on_time), _share(w.resolved_on_time, w.orders)] for w in weeks]
    n = sum(w.orders for w in weeks)
    resp, reso = sum(w.responded_on_time for w in weeks), sum(w.resolved_on_time for w in weeks)
    week_rows.append(["本月合计", str(n), str(resp), _share(resp, n), str(reso), _share(reso, n)])
    return SheetSpec(
        title="工单时效报表", station=pol.station.name, period=month.label(),
        columns=[ColumnSpec("服务人员", width_mm=28), ColumnSpec("工单数", align="right"),
                 ColumnSpec("按时响应率", align="right"), ColumnSpec("按时处理率", align="right"),
                 ColumnSpec("平均响应", align="right"), ColumnSpec("平均处理", align="right"),
                 ColumnSpec("回访平均分", align="right"), ColumnSpec("不满意", align="right"),
                 ColumnSpec("超时单", align="right"), ColumnSpec("暂停计时", align="right")],
        rows=[_line(r) for r in rows], totals=[_line(total)] if total else None,
        notes=[f"时限：派单后 {wo.respond_minutes} 分钟内响应，{_duration(resolve)}内处理"
               "（只计营业时间；按派单当日有效的政策，片区另有规定的从其规定）。",
               "统计本月首次派单的工单（已取消的不计）；平均时间为 小时:分钟（营业时间）。",
               "超时一经发生即记为超时，工单完成后不再改变。",
               "暂停计时（用户不在家等预约上门、用户改约、大网故障等恢复）单独统计：暂停的工单数 / 暂停时长（营业时间），"
               "暂停期间不计入处理时间；暂停须写明原因，超过政策时长须经理批准，超时后才暂停不改变超时。",
               "按周统计以周一至周日为一周，跨月的周只计本月内的日期，各周合计等于本月合计。"],
        extra_blocks=[("按周按时率", week_rows)], fingerprint=fingerprint)


def write_sla_pdf(db, path: str | os.PathLike, *, month: Month | str, fingerprint: str | None = None) -> None:
    render_sheet(sla_sheet_spec(db, month=month, fingerprint=fingerprint), path)


def write_sla_xlsx(db, path: str | os.PathLike, *, month: Month | str):
    from station_desk.exchange.excel_export import export_table

    month = Month.parse(month)
    rows = queries.sla_report(db, month=month)
    total = queries.sla_total(rows)

    def vals(r):
        return [r.name, r.orders, r.responded_on_time_pct, r.resolved_on_time_pct, r.avg_response_minutes,
                r.avg_resolution_minutes, r.follow_up_avg_score, r.unsatisfied, r.late_orders, r.paused_orders,
                r.paused_minutes]

    headers = ["服务人员", "工单数", "按时响应率(%)", "按时处理率(%)", "平均响应(分钟)", "平均处理(分钟)",
               "回访平均分", "不满意", "超时单", "暂停工单", "暂停(分钟)"]
    pol = current_policy(db, month.first)
    return export_table(path, title=f"{pol.station.name} 工单时效报表", subtitle=f"{month.label()} "
                        f"（打印于 {clock.today().isoformat()}）", headers=headers,
                        rows=[vals(r) for r in rows], totals=[vals(total)] if total else None,
                        column_types=["text", "int", "number", "number", "number", "number", "number", "int", "int"],
                        sheet_name=month.key)
