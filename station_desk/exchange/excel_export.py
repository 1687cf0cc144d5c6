"""Shared Excel export (.xlsx, openpyxl) for the station's lists and public sheets.

One sheet = merged title row (+ optional subtitle row), a bold shaded header row with frozen panes under it and an
autofilter, typed data rows, and optional totals rows. Column types turn the program's internal values into real
Excel values: money as ``int`` fen becomes yuan (``Decimal(fen) / 100``, exact, '#,##0.00'), points ×100 become
numbers with two decimals, dates become real dates ('yyyy-mm-dd'). Text is always stored as text, so a value that
starts with "=" is never turned into a formula.

openpyxl is imported inside the functions (≈0.3 s), never when ``station_desk`` is imported.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

COLUMN_TYPES = ("auto", "text", "int", "number", "money_fen", "points_x100", "date", "datetime")
MONEY_FORMAT = "#,##0.00"
POINTS_FORMAT = "#,##0.00"
INT_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_FILL = "D9D9D9"
TOTALS_FILL = "EDEDED"
MIN_WIDTH, MAX_WIDTH = 6, 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class SheetData:
    """One worksheet for :func:`export_workbook` (same meaning as :func:`export_table`'s arguments)."""

    title: str
    headers: list[str]
    rows: list[list[Any]]
    column_types: list[str] | None = None
    sheet_name: str | None = None
    totals: list[list[Any]] | None = None
    subtitle: str | None = None


def export_table(path: str | os.PathLike, *, title: str, headers: list[str], rows: list[list[Any]],
                 column_types: list[str] | None = None, sheet_name: str | None = None,
                 totals: list[list[Any]] | None = None, subtitle: str | None = None) -> Path:
    """Write one table to a new .xlsx at ``path`` and return the path.

    ``column_types`` (one per header, default 'auto'): 'text', 'int', 'number', 'money_fen' (int fen → yuan),
    'points_x100' (int ×100 → points), 'date', 'datetime', or 'auto' (by Python type; ints stay ints). A ``str``
    in a non-text column (e.g. "—" or "合计") is written as text unchanged; ``None`` leaves the cell empty.
    ``totals`` rows follow the data, shaded and bold, outside the autofilter range.
    """
    sheet = SheetData(title=title, headers=headers, rows=rows, column_types=column_types, sheet_name=sheet_name,
                      totals=totals, subtitle=subtitle)
    return export_workbook(path, [sheet])


def export_workbook(path: str | os.PathLike, sheets: list[SheetData]) -> Path:
    """Write several tables, one worksheet each, into one .xlsx and return the path.

    The file is written beside the target and renamed into place, so a failure never leaves a half-written file.
    """
    from openpyxl import Workbook

    if not sheets:
        raise ValueError("export_workbook needs at least one sheet")
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for data in sheets:
        name = _sheet_name(data.sheet_name or data.title, used)
        used.add(name.lower())
        _write_sheet(workbook.create_sheet(name), data)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    workbook.save(tmp)
    os.replace(tmp, target)
    return target


def _sheet_name(wanted: str, used: set[str]) -> str:
    """Excel's rules: ≤31 characters, none of []:*?/\\, unique ignoring case."""
    base = _BAD_SHEET_CHARS.sub("_", wanted).strip("'").strip() or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def _write_sheet(ws, data: SheetData) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ncols = max(len(data.headers), 1)
    types = list(data.column_types or [])
    types += ["auto"] * (ncols - len(types))
    for kind in types:
        if kind not in COLUMN_TYPES:
            raise ValueError(f"unknown column type {kind!r}; expected one of {COLUMN_TYPES}")
    last_col = get_column_letter(ncols)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    widths = [_display_width(h) for h in data.headers] + [0] * (ncols - len(data.headers))

    row_no = 1
    ws.cell(row=1, column=1, value=_clean_text(data.title))
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    if ncols > 1:
        ws.merge_cells(f"A1:{last_col}1")
    if data.subtitle:
        row_no += 1
        ws.cell(row=row_no, column=1, value=_clean_text(data.subtitle)).alignment = Alignment(horizontal="center")
        if ncols > 1:
            ws.merge_cells(f"A{row_no}:{last_col}{row_no}")
    header_row = row_no + 1
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    for col, text in enumerate(data.headers, start=1):
        cell = ws.cell(row=header_row, column=col, value=_clean_text(text))
        cell.font, cell.fill, cell.border = header_font, header_fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    row_no = header_row
    for values in data.rows:
        row_no += 1
        _write_row(ws, row_no, values, types, widths, border)
    last_data_row = row_no
    totals_font, totals_fill = Font(bold=True), PatternFill("solid", fgColor=TOTALS_FILL)
    for values in data.totals or []:
        row_no += 1
        for cell in _write_row(ws, row_no, values, types, widths, border):
            cell.font, cell.fill = totals_font, totals_fill

    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last_col}{max(last_data_row, header_row)}"
    for col, width in enumerate(widths, start=1):
        # +2 for padding, +2 more for the autofilter arrow in the header cell
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 4, MIN_WIDTH), MAX_WIDTH)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > 110 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_row(ws, row_no: int, values: list[Any], types: list[str], widths: list[int], border) -> list:
    cells = []
    for col, value in enumerate(values, start=1):
        kind = types[col - 1] if col <= len(types) else "auto"
        converted, number_format = _convert(value, kind)
        cell = ws.cell(row=row_no, column=col, value=converted)
        if isinstance(converted, str) and cell.data_type == "f":
            cell.data_type = "s"  # user text such as "=1+1" stays text, never a formula
        if number_format:
            cell.number_format = number_format
        cell.border = border
        if col <= len(widths):
            widths[col - 1] = max(widths[col - 1], _display_width(_shown(converted, kind)))
        cells.append(cell)
    return cells


def _convert(value: Any, kind: str) -> tuple[Any, str | None]:
    """(cell value, number format) for one input value of a column type."""
    if value is None:
        return None, None
    if isinstance(value, str) or kind == "text":
        return _clean_text(str(value)), None
    if kind == "money_fen":
        return Decimal(int(value)).scaleb(-2), MONEY_FORMAT
    if kind == "points_x100":
        return Decimal(int(value)).scaleb(-2), POINTS_FORMAT
    if kind == "int":
        return int(value), INT_FORMAT
    if kind == "date":
        day = value.date() if isinstance(value, dt.datetime) else value
        return day, DATE_FORMAT
    if kind == "datetime":
        return value, DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
    if kind == "number":
        return value, None
    # auto
    if isinstance(value, dt.datetime):
        return value, DATETIME_FORMAT
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value, None
    return _clean_text(str(value)), None


def _clean_text(text: str | None) -> str | None:
    """Drop control characters that Excel cannot store (a pasted address can carry them)."""
    return None if text is None else _CONTROL_CHARS.sub("", text)


def _shown(value: Any, kind: str) -> str:
    """Roughly what Excel displays, for the column width."""
    if value is None:
        return ""
    if kind in ("money_fen", "points_x100") and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.datetime):
        return "0000-00-00 00:00"
    if isinstance(value, dt.date):
        return "0000-00-00"
    return str(value)


def _display_width(text: str) -> int:
    """Character cells: CJK (wide/full-width) characters count double; longest line of a multi-line text."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in str(text).split("\n")), default=0)
