"""账务明细 (the month's accounts, posted on the station wall in the first week of the next month, SPEC §8):
every income and expense line by date with category, handler / payee / approver and the running balance, totals
by category, opening and closing balance, 制表 / 审核 signature lines. A4 landscape PDF and .xlsx. Qt-free."""

from __future__ import annotations

import os
from pathlib import Path

from station_desk.cash_book import service as cash
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec

HEADERS = ["日期", "凭证号", "收/支", "类别", "摘要", "收入", "支出", "余额", "经手人", "收款人", "核准人"]


def _summary(line: cash.CashLine) -> str:
    if line.reverses_id:
        return f"冲正第 {line.reverses_id} 号：{line.reason}"
    return line.note


def _period(book: cash.MonthBook) -> str:
    return f"{book.start.year}年{book.start.month}月"


def _station(db, book: cash.MonthBook) -> str:
    from station_desk.policy.service import current_policy

    return current_policy(db, book.start).station.name


def _category_rows(book: cash.MonthBook) -> list[list[str]]:
    rows = [["收/支", "类别", "金额（元）"]]
    for cat, fen in sorted(book.income_by_category.items(), key=lambda kv: -kv[1]):
        rows.append(["收入", cat, fmt_fen(fen)])
    rows.append(["收入", "收入合计", fmt_fen(book.income_fen)])
    for cat, fen in sorted(book.expense_by_category.items(), key=lambda kv: -kv[1]):
        rows.append(["支出", cat, fmt_fen(fen)])
    rows.append(["支出", "支出合计", fmt_fen(book.expense_fen)])
    return rows


def accounts_columns() -> list[ColumnSpec]:
    return [ColumnSpec("日期", width_mm=14, align="center"), ColumnSpec("凭证号", width_mm=25),
            ColumnSpec("收/支", width_mm=11, align="center"), ColumnSpec("类别", width_mm=32),
            ColumnSpec("摘要", weight=1.0), ColumnSpec("收入", width_mm=22, align="right"),
            ColumnSpec("支出", width_mm=22, align="right"), ColumnSpec("余额", width_mm=24, align="right"),
            ColumnSpec("经手人", width_mm=17), ColumnSpec("收款人", width_mm=24), ColumnSpec("核准人", width_mm=17)]


def accounts_sheet_spec(db, month: Month | str, *, book: cash.MonthBook | None = None,
                        fingerprint: str | None = None) -> SheetSpec:
    from station_desk.audit.row_check import sheet_fingerprint

    book = book or cash.month_book(db, month)
    fingerprint = sheet_fingerprint(db, fingerprint)  # the chain's head now: the posted sheet is an anchor
    rows = [[book.start.strftime("%m-%d"), "", "", "上月结余", "", "", "", fmt_fen(book.opening_fen), "", "", ""]]
    for x in book.lines:
        rows.append([x.day.strftime("%m-%d"), x.voucher_no, x.direction_label, x.category, _summary(x),
                     fmt_fen(x.income_fen) if x.direction == "income" else "",
                     fmt_fen(x.expense_fen) if x.direction == "expense" else "", fmt_fen(x.balance_fen),
                     x.handler, x.payee, x.approver])
    totals = [["", "", "", "本月合计", "", fmt_fen(book.income_fen), fmt_fen(book.expense_fen),
               fmt_fen(book.closing_fen), "", "", ""]]
    balance = [["期初余额", "本月收入", "本月支出", "期末余额"],
               [fmt_fen(book.opening_fen), fmt_fen(book.income_fen), fmt_fen(book.expense_fen),
                fmt_fen(book.closing_fen)]]
    state = "本月已结账" if book.closed else "本月尚未结账，数字可能变动"
    return SheetSpec(
        title="账务明细", station=_station(db, book), period=_period(book), landscape=True,
        columns=accounts_columns(),
        rows=rows, totals=totals,
        extra_blocks=[("余额", balance), ("按类别合计", _category_rows(book))],
        notes=[f"金额单位：元。{state}。",
               "每笔支出均有经手人、收款人、核准人签字，原始凭证由税控专员保管备查。",
               "冲正记录以负数列示在原类别下，与原记录相抵。"],
        fingerprint=fingerprint)


def _render(spec: SheetSpec, path_or_buffer=None):
    """The main table, then the balance and the category totals side by side, then notes and the standard
    signatures (制表 / 审核 / 站长) kept with the last rows (a normal month fits on one landscape page: set a
    little smaller when it would spill, see ``render_fitting``)."""
    from station_desk.reports import pdf_common as pc

    return pc.render_fitting(spec, _parts, path_or_buffer)


def _parts(spec: SheetSpec) -> tuple[list, list, list]:
    from station_desk.reports import pdf_common as pc

    rl = pc.rl_lib()
    avail = pc.frame_width(spec.landscape)
    parts: list = [pc.table_part(spec.columns, spec.rows, totals=spec.totals, avail_width=avail,
                                 empty_text=spec.empty_text, font_size=spec.font_size)]
    blocks = [[pc.heading(title), rl.Spacer(1, 3),
               pc.summary_table(rows, avail_width=avail / 2 - 10, font_size=spec.font_size)]
              for title, rows in spec.extra_blocks]
    side = rl.Table([blocks], colWidths=[avail / 2] * len(blocks), hAlign="LEFT")
    side.setStyle(rl.TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("FONTNAME", (0, 0), (-1, -1), pc.FONT)]))
    if side.wrap(avail, 100_000)[1] + 10 <= pc.frame_height(spec.page_info()):
        parts.append(rl.KeepTogether([rl.Spacer(1, 10), side]))
    else:  # more categories than a page holds beside each other: one under the other, split over pages
        parts.append(rl.KeepTogether([rl.Spacer(1, 10)] + [f for block in blocks for f in block]))
    tail = pc.notes_block(spec.notes) + pc.signature_block(spec.signatures, avail_width=avail)
    return parts, tail, []


def write_accounts_pdf(db, path: str | os.PathLike, month: Month | str, *, fingerprint: str | None = None) -> Path:
    _render(accounts_sheet_spec(db, month, fingerprint=fingerprint), path)
    return Path(path)


def accounts_pdf_bytes(db, month: Month | str, *, fingerprint: str | None = None) -> bytes:
    return _render(accounts_sheet_spec(db, month, fingerprint=fingerprint))  # type: ignore[return-value]


def write_accounts_xlsx(db, path: str | os.PathLike, month: Month | str) -> Path:
    """The same lines and totals as the PDF, with real numbers (yuan) an accountant can sum."""
    from station_desk.exchange.excel_export import SheetData, export_workbook

    book = cash.month_book(db, month)
    rows = [[book.start, "", "", "上月结余", "", None, None, book.opening_fen, "", "", ""]]
    for x in book.lines:
        rows.append([x.day, x.voucher_no, x.direction_label, x.category, _summary(x),
                     x.income_fen if x.direction == "income" else None,
                     x.expense_fen if x.direction == "expense" else None, x.balance_fen, x.handler, x.payee,
                     x.approver])
    types = ["date", "text", "text", "text", "text", "money_fen", "money_fen", "money_fen", "text", "text", "text"]
    totals = [["本月合计", "", "", "", "", book.income_fen, book.expense_fen, book.closing_fen, "", "", ""]]
    cats = [["收入", c, f] for c, f in sorted(book.income_by_category.items())] + \
           [["支出", c, f] for c, f in sorted(book.expense_by_category.items())]
    title = f"{_station(db, book)} 账务明细 {_period(book)}"
    sheets = [
        SheetData(title=title, headers=HEADERS, rows=rows, column_types=types, sheet_name="账务明细",
                  totals=totals),
        SheetData(title=f"{title} 按类别合计", headers=["收/支", "类别", "金额"], rows=cats,
                  column_types=["text", "text", "money_fen"], sheet_name="按类别合计",
                  totals=[["期初余额", "", book.opening_fen], ["本月收入", "", book.income_fen],
                          ["本月支出", "", book.expense_fen], ["期末余额", "", book.closing_fen]]),
    ]
    return export_workbook(path, sheets)
