"""One rule per kind of value a person types, used by every service that stores it (and so by every dialog, the
command line and the imports): the same phone number is valid everywhere or nowhere, no text carries control or
direction-changing characters, every date lies in the station's sane range and every whole number has a bound.

The services call these with their own field names; the row log (``station_desk.audit.rows``) applies the same
rules to every row a transaction wrote, just before it commits (:func:`stored_value_problem`), so a service that
forgot a check still cannot store an invalid row."""

from __future__ import annotations

import datetime as dt
import re

from station_desk.errors import DomainError

#: a Chinese mobile or landline number as a clerk types it: digits, an optional area-code dash, 7–16 characters
PHONE = re.compile(r"^[0-9][0-9\-]{6,15}$")

#: characters no stored text may hold: C0 controls except tab and line breaks (NUL, ESC, …), DEL, C1 controls,
#: and the invisible direction marks and overrides that make text read differently than it is stored (U+202E …)
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|"
                       "[\ud800-\udfff]")
#: a single-line field also refuses line breaks and tabs
FORBIDDEN_LINE = re.compile("[\t\n\r]")

#: the largest whole number any field takes (an amount in fen, a quantity, points ×100, an id): far above any real
#: value, far below what SQLite (2^63) or Python's date arithmetic would overflow on
MAX_INT = 10**12
#: the default sane range of dates (policy ``station.earliest_date`` / ``station.latest_years_ahead``)
EARLIEST = dt.date(2000, 1, 1)
YEARS_AHEAD = 10


def _shown(text: str) -> str:
    return FORBIDDEN.sub("?", text)[:20]


def text(value, *, field: str, max_len: int, multiline: bool = False, required: bool = False) -> str:
    """A piece of text a person typed, stripped: refused when it holds a control or direction character, a line
    break in a one-line field, or more than ``max_len`` characters; ``required`` refuses an empty one."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError("input.not_text", field=field)
    out = value.strip()
    if FORBIDDEN.search(out) or (not multiline and FORBIDDEN_LINE.search(out)):
        raise DomainError("input.control_chars", field=field, text=_shown(out))
    if len(out) > max_len:
        raise DomainError("input.too_long", field=field, limit=max_len, length=len(out))
    if required and not out:
        raise DomainError("required", field=field)
    return out


def phone(value, *, field: str = "电话", required: bool = False) -> str:
    """A phone number: the same format wherever one is typed (:data:`PHONE`); empty allowed unless ``required``."""
    out = text(value, field=field, max_len=20, required=required).replace(" ", "")
    if out and not PHONE.match(out):
        raise DomainError("input.phone", field=field, text=_shown(out))
    return out


def whole(value, *, field: str, low: int = -MAX_INT, high: int = MAX_INT) -> int:
    """A whole number within ``low``..``high`` (a bool is not a number)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("input.not_int", field=field)
    if not low <= value <= high:
        raise DomainError("input.int_range", field=field, low=low, high=high)
    return value


def date_range(today: dt.date, *, earliest: dt.date = EARLIEST, years_ahead: int = YEARS_AHEAD
               ) -> tuple[dt.date, dt.date]:
    try:
        latest = today.replace(year=today.year + years_ahead)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + years_ahead, day=28)
    return earliest, latest


def day(value, *, field: str, today: dt.date, earliest: dt.date = EARLIEST, years_ahead: int = YEARS_AHEAD
        ) -> dt.date:
    """A date in the station's sane range: not before ``earliest`` (the policy's), not more than ``years_ahead``
    years after ``today``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise DomainError("input.not_date", field=field)
    lo, hi = date_range(today, earliest=earliest, years_ahead=years_ahead)
    if not lo <= value <= hi:
        raise DomainError("input.date_range", field=field, value=value.isoformat(), low=lo.isoformat(),
                          high=hi.isoformat())
    return value


_VARCHAR = re.compile(r"VARCHAR\((\d+)\)", re.I)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def stored_value_problem(column: str, declared: str, value, *, lo: dt.date, hi: dt.date) -> str | None:
    """Why a value must not be stored in a column of this declared type (None when it may): the rules above,
    applied to a raw SQLite value. Used on every row a transaction wrote, before it commits."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if -MAX_INT <= value <= MAX_INT or column in ("id",) else "数值超出范围"
    if isinstance(value, float):
        return "不是有效的数" if value != value or value in (float("inf"), float("-inf")) else None
    if isinstance(value, str):
        if FORBIDDEN.search(value):
            return "含有控制字符或改变文字方向的字符"
        m = _VARCHAR.search(declared or "")
        if m and len(value) > int(m.group(1)):
            return f"超过 {m.group(1)} 个字"
        if (declared or "").upper() in ("DATE", "DATETIME") or _is_date_column(declared):
            d = _ISO_DAY.match(value)
            if d:
                try:
                    when = dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
                except ValueError:
                    return "不是有效的日期"
                if not lo <= when <= hi:
                    return f"日期 {when.isoformat()} 不在 {lo.isoformat()} 至 {hi.isoformat()} 之间"
    return None


def _is_date_column(declared: str) -> bool:
    return (declared or "").upper() == "VARCHAR(25)"  # station-local timestamps (db.types.StationDateTime)


_SQL_INT = 2**63 - 1


def _unstorable(value) -> DomainError | None:
    if isinstance(value, int) and not isinstance(value, bool):
        if not -_SQL_INT <= value <= _SQL_INT:
            return DomainError("input.int_range", field="数值", low=-MAX_INT, high=MAX_INT)
    elif isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return DomainError("input.control_chars", field="输入", text=_shown(value))
    return None


#: PostgreSQL's ``integer`` (every whole-number column of the schema): 32 bits, where SQLite stores 64
PG_INT = 2**31 - 1


def refuse_unstorable_on_server(params) -> None:
    """:func:`refuse_unstorable` for a PostgreSQL station, which also cannot hold a whole number beyond 32 bits
    nor a NUL character in text (SQLite stores both, and the row log then refuses them before the commit): the
    same refusals, before the server fails with a driver error."""
    for value in _values(params):
        problem = _unstorable(value)
        if problem is not None:
            raise problem
        if isinstance(value, int) and not isinstance(value, bool) and not -PG_INT - 1 <= value <= PG_INT:
            raise DomainError("input.int_range", field="数值", low=-PG_INT - 1, high=PG_INT)
        if isinstance(value, str) and "\x00" in value:
            raise DomainError("input.control_chars", field="输入", text=_shown(value))


def refuse_unstorable(params) -> None:
    """Before any statement reaches the database: a whole number the database cannot hold (beyond 64 bits) or
    text that is not valid Unicode (a lone surrogate from an undecodable file name or paste) is refused as bad
    input (a DomainError), never passed on to fail as an OverflowError or UnicodeEncodeError."""
    for value in _values(params):
        problem = _unstorable(value)
        if problem is not None:
            raise problem


def _values(params):
    """Every value of a statement's parameters (a dict, a sequence, or a list of them for many rows)."""
    if params is None:
        return
    for value in (params.values() if isinstance(params, dict) else params):
        if isinstance(value, (list, tuple, dict)):
            yield from _values(value)
        else:
            yield value
