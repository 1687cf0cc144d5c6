"""Bad values never end in a traceback or a stored invalid row — at the services (issue #18 §8).

The public writes are found, not listed: every public function of a rules module that takes ``db`` first and an
``actor`` (the signature every service write has, docs/layout.md). Each is called with a plausible value for every
parameter (chosen by its name) except one, which gets a bad value of its kind: NUL, ESC, U+202E, a lone surrogate,
10,000 characters; 25-digit and negative numbers; dates in year 1 and 9999. Each call must either succeed or raise
a ``DomainError`` (a Chinese refusal), never another exception, and afterwards no table may hold a value the one
rule for stored values refuses (``station_desk.validate.stored_value_problem``). A hypothesis test then draws
arbitrary text for the text parameters. The figures are printed (``-m reliability -s``)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import station_desk
from station_desk.errors import DomainError
from station_desk.validate import date_range, stored_value_problem
from tests.fixtures.desk import desk  # noqa: F401

# reads back what was stored against the declared column types, on either engine
pytestmark = [pytest.mark.reliability]

#: writes that take files, whole documents or spreadsheets (fuzzed through their own tests and the CLI fuzz)
SKIP = {"backup_to_folder", "restore_backup", "undo_restore", "confirm_restored_data", "set_passphrase",
        "import_customers", "import_staff", "load_month", "set_policy", "require_manager_or_self", "import_holidays"}
_NOT_RULES = (".qt", ".tab", "tab_", ".cli", "cli_", "dialog", "widget", ".demo", ".app", "__main__", ".forms")

BAD_TEXT = ["\x00", "a\x00b", "\x1b[31m红\x1b[0m", "\u202e反向", "\ud800", "长" * 10_000, "", " ", "\t\n"]
BAD_INT = [10**25, -(10**25), 2**63, -1, 0, 10**13]
BAD_DAY = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1999, 12, 31), dt.date(2100, 1, 1)]
BAD_AT = [dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1999, 12, 31, 8, 0)]

_BOOL = {"done", "removable", "signed", "confirmed", "ok", "override", "active", "lock_takings", "solved",
         "charged", "paid_reminder", "flat"}
_DAY = {"day", "start", "end", "acquired_on", "hire_date", "effective_from", "valid_from", "valid_to", "week_start",
        "left_date", "external_approved_on"}
_INT = {"amount_fen", "value_fen", "qty", "points_x100", "counted_cash_fen", "cckd_fen", "boss_fen", "low_stock",
        "unit_cost_fen", "minutes_spent", "score", "year"}


def service_writes() -> list:
    out = []
    for info in pkgutil.walk_packages(station_desk.__path__, "station_desk."):
        if any(part in info.name for part in _NOT_RULES):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module that needs Qt or a display is not a rules module
            continue
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != info.name or name.startswith("_") or name in SKIP:
                continue
            params = inspect.signature(fn).parameters
            if list(params)[:1] == ["db"] and "actor" in params:
                out.append(fn)
    return out


def kind_of(name: str, param: inspect.Parameter) -> str | None:
    note = str(param.annotation)
    if name in _BOOL or note == "bool":
        return "bool"
    if name in _DAY or note in ("dt.date", "dt.date | None"):
        return "day"
    if name == "at" or name.endswith("_at") or note in ("dt.datetime", "dt.datetime | None"):
        return "at"
    if name in _INT or name.endswith("_id") or note in ("int", "int | None"):
        return "int"
    if name in ("month", "for_month"):
        return "month"
    if note in ("str", "str | None") or name in ("note", "reason", "name", "text", "detail", "description"):
        return "text"
    return None


def plausible(name: str, kind: str | None, station):
    if name == "actor":
        return station.manager
    if name == "approval":
        return station.approval
    if kind == "bool":
        return False
    if kind == "day":
        return dt.date(2026, 11, 23)
    if kind == "at":
        return dt.datetime(2026, 11, 23, 10, 0)
    if kind == "int":
        if name in ("staff_id", "handler_id", "issued_by_id", "technician_id", "holder_id"):
            return station.clerk.staff_id
        if name == "customer_id":
            return station.zsf
        return 2026 if name == "year" else 1
    if kind == "month":
        return "2026-11"
    if kind == "text":
        return "测试"
    if name in ("cells", "keys", "order_ids", "results", "counts"):
        return {} if name in ("cells", "counts") else []
    if name in ("fields", "values", "body", "data", "notes"):
        return {}
    return None


def _bad_values(kind: str):
    return {"text": BAD_TEXT, "int": BAD_INT, "day": BAD_DAY, "at": BAD_AT, "month": ["9999-12", "0000-01", "\x00"]
            }.get(kind, [])


def invalid_rows(db) -> list[str]:
    """Every stored value the one rule refuses, read back as the database holds it (the row log's readers: the
    SQLite file's raw values, or the server's in SQLite's forms)."""
    from station_desk.audit.row_engines import engine_of

    lo, hi = date_range(dt.date(2026, 11, 23))
    if db.url:
        import psycopg

        con = psycopg.connect(db.url)
    else:
        con = sqlite3.connect(db.path)
    try:
        eng = engine_of(con)
        out = []
        for table in eng.covered_tables(con.cursor()):
            declared = eng.declared(con.cursor(), table)
            cur = eng.run(con.cursor(), f'SELECT * FROM "{table}"')
            cols = [d[0] for d in cur.description]
            for row in cur.fetchall():
                for col, value in zip(cols, eng.plain_row(row)):
                    problem = stored_value_problem(col, declared[col], value, lo=lo, hi=hi)
                    if problem:
                        out.append(f"{table}.{col}: {problem}")
        return out
    finally:
        con.close()


def _call(fn, station, bad_name, bad_value):
    params = inspect.signature(fn).parameters
    kwargs = {}
    for name, p in list(params.items())[1:]:
        if p.kind not in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD):
            continue
        kind = kind_of(name, p)
        value = bad_value if name == bad_name else plausible(name, kind, station)
        if value is None and p.default is not inspect.Parameter.empty:
            continue
        if value is None:  # a parameter this test has no plausible value for (a draft object): not fed
            return "not fed"
        kwargs[name] = value
    try:
        fn(station.db, **kwargs)
        return "stored"
    except DomainError:
        return "refused"


@pytest.fixture
def station(db, desk, fake_now):  # noqa: F811
    fake_now(dt.datetime(2026, 11, 23, 10, 0))
    desk.db = db
    return desk


def test_every_service_write_refuses_bad_values_with_a_domain_error(station):
    writes = service_writes()
    assert len(writes) > 80, [f.__name__ for f in writes]  # found, not listed: a new service write is fed too
    tried = refused = stored = not_fed = 0
    crashes: list[str] = []
    for fn in writes:
        for name, p in list(inspect.signature(fn).parameters.items())[1:]:
            for bad in _bad_values(kind_of(name, p) or ""):
                tried += 1
                try:
                    outcome = _call(fn, station, name, bad)
                except Exception as exc:  # noqa: BLE001 - the figure: anything but a DomainError is a defect
                    crashes.append(f"{fn.__module__}.{fn.__name__}({name}={bad!r:.30}): {type(exc).__name__}: "
                                   f"{str(exc)[:120]}")
                    continue
                refused += outcome == "refused"
                stored += outcome == "stored"
                not_fed += outcome == "not fed"
    bad_rows = invalid_rows(station.db)
    print(f"\nSERVICE FUZZ: {len(writes)} service writes, {tried} bad values tried: {refused} refused "
          f"(DomainError), {stored} stored clean, {not_fed} not fed (no plausible value for another parameter), "
          f"{len(crashes)} other exceptions, {len(bad_rows)} invalid values stored")
    for line in crashes[:40]:
        print("   ", line)
    assert crashes == [] and bad_rows == []


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=60) | st.sampled_from(BAD_TEXT)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_arbitrary_text_in_any_text_field_is_stored_clean_or_refused(station, data):
    writes = [f for f in service_writes()
              if any(kind_of(n, p) == "text" for n, p in inspect.signature(f).parameters.items())]
    fn = data.draw(st.sampled_from(writes), label="write")
    names = [n for n, p in inspect.signature(fn).parameters.items() if kind_of(n, p) == "text"]
    name = data.draw(st.sampled_from(names), label="field")
    _call(fn, station, name, data.draw(TEXT, label="text"))  # a DomainError is a fine answer; nothing else is
    assert invalid_rows(station.db) == []
