"""盘点表 (gift stocktake count sheet, SPEC §4 / R-4.13): one line per gift with the book quantity, blanks for the
counted quantity, the difference and a remark; after counting, the same sheet shows the variance and its value.
A4 portrait PDF. Qt-free."""

from __future__ import annotations

import os
from pathlib import Path

from station_desk.gift_stock import stocktake as stk
from station_desk.money import fmt_fen
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec


def stocktake_sheet_spec(db, stocktake_id: int, *, blind: bool = False) -> SheetSpec:
    """``blind`` leaves the book quantity off, so the counter is not led by it."""
    from station_desk.policy.service import current_policy

    view = stk.get_stocktake(db, stocktake_id)
    counted = any(ln.counted_qty is not None for ln in view.lines)
    rows = []
    for i, ln in enumerate(view.lines, start=1):
        var = ln.variance
        rows.append([str(i), ln.item_name, ln.unit, fmt_fen(ln.unit_cost_fen), "" if blind else str(ln.book_qty),
                     "" if ln.counted_qty is None else str(ln.counted_qty),
                     "" if var is None else (f"+{var}" if var > 0 else str(var)),
                     "" if not var else fmt_fen(ln.variance_value_fen), ln.note])
    totals = None
    if counted:
        totals = [["", "合计", "", "", "", "", "", fmt_fen(view.surplus_value_fen + view.shortage_value_fen), ""]]
    notes = [f"盘点日期：{view.day.isoformat()}；盘点单号：{view.id}；状态：{view.status_label}。",
             "账面数量为盘点日当天终了的结存；差异 = 实盘 − 账面，正数为盘盈，负数为盘亏，金额单位：元。",
             "盘盈、盘亏须查明原因，经经理批准后统一过账。"]
    if counted:
        notes.append(f"盘盈金额 {fmt_fen(view.surplus_value_fen)} 元，盘亏金额 {fmt_fen(-view.shortage_value_fen)} 元。")
    return SheetSpec(
        title="礼品盘点表", station=current_policy(db, view.day).station.name, period=view.day.isoformat(),
        columns=[ColumnSpec("序号", width_mm=10, align="center"), ColumnSpec("礼品", weight=1.0),
                 ColumnSpec("单位", width_mm=10, align="center"), ColumnSpec("单价", width_mm=17, align="right"),
                 ColumnSpec("账面数量", width_mm=18, align="right"), ColumnSpec("实盘数量", width_mm=18, align="right"),
                 ColumnSpec("差异", width_mm=13, align="right"), ColumnSpec("差异金额", width_mm=20, align="right"),
                 ColumnSpec("备注", width_mm=30)],
        rows=rows, totals=totals, notes=notes, signatures=["盘点人", "监盘人", "经理"])


def write_stocktake_pdf(db, path: str | os.PathLike, stocktake_id: int, *, blind: bool = False) -> Path:
    from station_desk.reports.pdf_common import render_sheet

    render_sheet(stocktake_sheet_spec(db, stocktake_id, blind=blind), path)
    return Path(path)
