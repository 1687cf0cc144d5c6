"""Reading a spreadsheet someone brings (.xlsx): the first non-empty row names the columns, the columns are matched
to a record's fields by their headings, and every row is checked before anything is written. No station rules:
the customer and staff importers (``customers/importer.py``, ``staff/importer.py``) say what a row must hold.

    sheet = read_sheet(path)                                  # headers + rows
    mapping = guess_mapping(sheet.headers, FIELDS)            # {field: column index or None}, the clerk adjusts
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from station_desk.errors import DomainError

#: a record's fields: field → (Chinese label, header words that map to it automatically)
Fields = dict[str, tuple[str, tuple[str, ...]]]


@dataclass
class Sheet:
    path: Path
    sheet_name: str
    headers: list[str]
    rows: list[list[object]]  # raw cell values, one list per data row
    first_row: int  # the spreadsheet row number of rows[0]


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number
    message: str


@dataclass
class ImportCheck:
    ready: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.ready)


def read_sheet(path: str | Path, *, sheet_name: str | None = None) -> Sheet:
    """The first non-empty row is the header; empty rows are skipped."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same message to the clerk
        raise DomainError("import.unreadable", path=str(path), detail=type(exc).__name__) from None
    try:
        ws = wb[sheet_name] if sheet_name else wb.worksheets[0]
        headers: list[str] | None = None
        rows: list[list[object]] = []
        first = 0
        for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = list(values)
            if not any(v not in (None, "") for v in cells):
                continue
            if headers is None:
                headers = [("" if v is None else str(v)).strip() for v in cells]
                continue
            if not first:
                first = i
            rows.append(cells + [None] * (len(headers) - len(cells)))
        return Sheet(Path(path), ws.title, headers or [], rows, first)
    finally:
        wb.close()


def guess_mapping(headers: list[str], fields: Fields) -> dict[str, int | None]:
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for key, (_label, words) in fields.items():
        mapping[key] = None
        for i, h in enumerate(headers):
            if i not in taken and any(w.lower() == h.lower() for w in words):
                mapping[key] = i
                taken.add(i)
                break
        if mapping[key] is None:
            for i, h in enumerate(headers):
                if i not in taken and h and any(w.lower() in h.lower() for w in words):
                    mapping[key] = i
                    taken.add(i)
                    break
    return mapping


def cell_text(value) -> str:
    """A cell as the person typed it: whole numbers without '.0', no surrounding spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(cell_text(value))
    if not m:
        raise ValueError(cell_text(value))
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))




def missing_columns(fields: Fields, required: tuple[str, ...], mapping: dict[str, int | None]) -> ImportCheck:
    """A check that fails at once when a required field has no column."""
    check = ImportCheck()
    for key in required:
        if mapping.get(key) is None:
            check.errors.append(RowError(0, f"没有指定“{fields[key][0]}”对应的列"))
    return check


def rows_of(sheet: Sheet, mapping: dict[str, int | None]) -> Iterator[tuple[int, dict[str, object]]]:
    """(spreadsheet row number, {field: raw cell value}) for every data row."""
    for offset, raw in enumerate(sheet.rows):
        yield sheet.first_row + offset, {k: (raw[i] if i is not None and i < len(raw) else None)
                                         for k, i in mapping.items()}


def key_problem(value: str | None, existing: set[str], seen: dict[str, int], *, missing: str, label: str) -> str | None:
    """What is wrong with a row's key (an account, an employee number): missing, already in the station, or a
    repeat of an earlier row of the sheet (``seen``: key → row number)."""
    if not value:
        return missing
    if value in existing:
        return f"{label} {value} 已存在"
    if value in seen:
        return f"{label} {value} 与第 {seen[value]} 行重复"
    return None


@dataclass(frozen=True)
class RowKey:
    """The column that names a row (an account, an employee number), and how a problem with it reads."""
    column: str
    label: str  # 账号, 工号
    missing: str  # 缺少用户账号


def check_rows(sheet: Sheet, mapping: dict[str, int | None], fields: Fields, required: tuple[str, ...], *,
               key: RowKey, existing: set[str], dates: tuple[str, ...] = (),
               rules: Callable[[dict[str, str], dict[str, object], list[str]], dict]) -> ImportCheck:
    """Every row of an import checked: the required columns are mapped; each row's key is present, not already in
    the station (``existing``) and not repeated in the sheet; then the module's ``rules(text, raw, problems)``
    append what else is wrong and return the row's clean values. ``text`` holds each cell as text (but the
    ``dates``), ``raw`` the cells as read. A row without problems is ``ready``; one with problems is listed."""
    check = missing_columns(fields, required, mapping)
    if check.errors:
        return check
    seen: dict[str, int] = {}
    for row_no, values in rows_of(sheet, mapping):
        out = {k: cell_text(v) for k, v in values.items() if k not in dates}
        problem = key_problem(out.get(key.column), existing, seen, missing=key.missing, label=key.label)
        problems = [problem] if problem else []
        clean = rules(out, values, problems)
        if problems:
            check.errors.append(RowError(row_no, "；".join(problems)))
            continue
        seen[out[key.column]] = row_no
        check.ready.append(clean)
    return check


def refuse_if_not_ok(check: ImportCheck) -> None:
    """Every row or none: any row error refuses the whole file (the preview lists them)."""
    if check.errors:
        first = check.errors[0]
        raise DomainError("import.row_errors", count=len(check.errors), row=first.row, detail=first.message)
    if not check.ready:
        raise DomainError("import.empty")
