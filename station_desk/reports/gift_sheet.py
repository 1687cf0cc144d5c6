"""礼品统计表 (the month's gift statistics, SPEC §4 / R-4.01, kept confidential — not for the wall): per gift the
opening stock, received, issued, returned, transferred out, written off, stocktake adjustment, closing stock and
value; issues by promotion and by staff member; every manager override. A4 landscape PDF and .xlsx. Qt-free."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from station_desk.gift_stock.stats import GiftStats, ItemStats, gift_statistics
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec

HEADERS = ["礼品", "单位", "单价", "期初", "入库", "发放", "退回", "调出", "报损", "盘点调整", "期末", "期初金额",
           "发放金额", "期末金额"]


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _cells(r: ItemStats, *, total: bool = False) -> list[str]:
    return [r.name, r.unit, "" if total else fmt_fen(r.unit_cost_fen), str(r.opening), str(r.received),
            str(r.issued), str(r.returned), str(r.transferred), str(r.written_off), _signed(r.adjusted),
            str(r.closing), fmt_fen(r.opening_value_fen), fmt_fen(r.issued_value_fen), fmt_fen(r.closing_value_fen)]


def _period(month: Month | str) -> str:
    return Month.parse(month).label()


def _station(db, month: Month | str) -> str:
    from station_desk.policy.service import current_policy

    return current_policy(db, Month.parse(month).first).station.name


def _group_rows(groups, label: str) -> list[list[str]]:
    rows = [[label, "礼品", "发放次数", "数量（扣退回）", "金额（元）"]]
    for g in groups:
        rows.append([g.label, g.item_name, str(g.times), f"{g.qty}", fmt_fen(g.value_fen)])
    return rows


def gift_sheet_spec(db, month: Month | str, *, stats: GiftStats | None = None) -> SheetSpec:
    stats = stats or gift_statistics(db, month)
    blocks = []
    if stats.by_promotion:
        blocks.append(("按促销活动统计发放", _group_rows(stats.by_promotion, "促销活动")))
    if stats.by_staff:
        blocks.append(("按经办人统计发放", _group_rows(stats.by_staff, "经办人")))
    if stats.overrides:
        rows = [["日期", "用户", "礼品", "数量", "经办人", "批准经理", "特批原因"]]
        rows += [[o.day.isoformat(), o.customer, o.item_name, str(o.qty), o.issued_by, o.approved_by, o.reason]
                 for o in stats.overrides]
        blocks.append(("经理特批发放明细", rows))
    ok = all(r.balances for r in stats.items)
    return SheetSpec(
        title="礼品统计表", station=_station(db, month), period=_period(month), landscape=True,
        subtitle="内部资料 注意保密",
        columns=[ColumnSpec("礼品", weight=1.0), ColumnSpec("单位", width_mm=11, align="center"),
                 ColumnSpec("单价", width_mm=17, align="right")]
        + [ColumnSpec(h, width_mm=14 if h != "盘点调整" else 17, align="right") for h in HEADERS[3:11]]
        + [ColumnSpec(h, width_mm=23, align="right") for h in HEADERS[11:]],
        rows=[_cells(r) for r in stats.items],
        totals=[_cells(stats.total, total=True)],
        extra_blocks=blocks,
        notes=["数量关系：期初 + 入库 + 退回 ± 盘点调整 − 发放 − 调出 − 报损 = 期末" + ("，本表各行均已核对相符。" if ok
                                                                                   else "。注意：有数据不平衡！"),
               "金额单位：元，按每笔出入库时的礼品单价计算。",
               "发放须对应促销活动及用户业务；不符合规则的发放须经理特批并写明原因，见“经理特批发放明细”。"],
        signatures=["前台组长", "审核", "站长"])


def write_gift_pdf(db, path: str | os.PathLike, month: Month | str) -> Path:
    from station_desk.reports.pdf_common import render_sheet

    render_sheet(gift_sheet_spec(db, month), path)
    return Path(path)


def gift_pdf_bytes(db, month: Month | str) -> bytes:
    from station_desk.reports.pdf_common import render_sheet

    return render_sheet(gift_sheet_spec(db, month))  # type: ignore[return-value]


def write_gift_xlsx(db, path: str | os.PathLike, month: Month | str) -> Path:
    """The same numbers as the PDF (quantities as integers, money as yuan), with the by-promotion and by-staff
    tables, the overrides, and every issue and return of the month (per customer) on their own sheets."""
    from station_desk.exchange.excel_export import SheetData, export_workbook

    stats = gift_statistics(db, month)
    period = _period(month)

    def values(r: ItemStats, total=False) -> list:
        return [r.name, r.unit, None if total else r.unit_cost_fen, r.opening, r.received, r.issued, r.returned,
                r.transferred, r.written_off, r.adjusted, r.closing, r.opening_value_fen, r.issued_value_fen,
                r.closing_value_fen]

    types = ["text", "text", "money_fen"] + ["int"] * 8 + ["money_fen"] * 3
    group_types = ["text", "text", "int", "int", "money_fen"]
    sheets = [
        SheetData(title=f"礼品统计表 {period}", headers=HEADERS, rows=[values(r) for r in stats.items],
                  column_types=types, sheet_name="礼品统计", totals=[values(stats.total, True)],
                  subtitle="内部资料 注意保密"),
        SheetData(title=f"按促销活动统计发放 {period}", headers=["促销活动", "礼品", "发放次数", "数量", "金额"],
                  rows=[[g.label, g.item_name, g.times, g.qty, g.value_fen] for g in stats.by_promotion],
                  column_types=group_types, sheet_name="按促销活动"),
        SheetData(title=f"按经办人统计发放 {period}", headers=["经办人", "礼品", "发放次数", "数量", "金额"],
                  rows=[[g.label, g.item_name, g.times, g.qty, g.value_fen] for g in stats.by_staff],
                  column_types=group_types, sheet_name="按经办人"),
        SheetData(title=f"经理特批发放明细 {period}",
                  headers=["日期", "用户", "礼品", "数量", "经办人", "批准经理", "特批原因"],
                  rows=[[o.day, o.customer, o.item_name, o.qty, o.issued_by, o.approved_by, o.reason]
                        for o in stats.overrides],
                  column_types=["date", "text", "text", "int", "text", "text", "text"], sheet_name="经理特批"),
    ]
    from station_desk.gift_stock import rules
    from station_desk.gift_stock.queries import list_moves

    start, end = Month.parse(month).bounds()
    moves = [r for r in reversed(list_moves(db, since=start, until=end - dt.timedelta(days=1),
                                            limit=1_000_000)) if r.kind in ("issue", "return")]
    sheets.append(SheetData(
        title=f"礼品发放明细 {period}",
        headers=["日期", "类型", "用户", "礼品", "数量", "促销活动", "用户业务", "经办人", "批准经理", "特批原因", "备注"],
        rows=[[r.day, r.kind_label, r.customer_name, r.item_name, -r.qty, r.promotion_name,
               rules.ref_label(r.entitlement_ref) if r.entitlement_ref else "", r.staff_name, r.approved_by,
               r.override_reason, r.detail] for r in moves],
        column_types=["date", "text", "text", "text", "int", "text", "text", "text", "text", "text", "text"],
        sheet_name="发放明细"))
    return export_workbook(path, sheets)
