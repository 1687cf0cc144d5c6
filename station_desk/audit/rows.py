"""The row log: every row a transaction wrote goes into the audit chain as it stood at commit.

Services audit *actions* (``audit.service.record``: who, what, before/after as the service sees it). This module
audits *rows*, whichever way they were written (ORM, bulk insert, raw SQL on the program's connection): each write
transaction gets temporary SQLite triggers that note the (table, rowid) of every insert, update and delete; just
before the commit, the noted rows are read back and appended to the chain as ``audit.rows`` entries (their full
values, or "gone" for a deleted row), in the same transaction. Nothing of this lives in the file's schema: the
triggers and the note table are ``TEMP``.

``station-desk check`` (``row_check.verify_rows``) then compares every row of every covered table with the chain's
last record of it: a row whose values differ, an audited row that is missing, a row the chain never recorded.

A file written before the row log existed (or built by a bulk tool outside the program) gets a *starting point*
on its first write transaction: a digest of every row (``sums``), so later changes are told from that state.

The chain's head, shortened to a fingerprint, is the *anchor* that backups' manifests and posted wall sheets
carry; checking rows and anchors lives in ``row_check``.
"""

from __future__ import annotations

import hashlib
import json

from station_desk import clock
from station_desk.audit.models import AuditEntry
from station_desk.audit.row_engines import NOT_COVERED, engine_of  # noqa: F401 - NOT_COVERED: the name others knew
from station_desk.audit.service import GENESIS, ROWS_ACTION, ROWS_ENTITY, _content, _digest, to_json
from station_desk.db import engine as _engine
from station_desk.db.types import to_db_text

ACTION, ENTITY = ROWS_ACTION, ROWS_ENTITY
_ROWS_PER_ENTRY = 400
_SUMS_PER_ENTRY = 5000
_BASELINE = "*baseline*"
FINGERPRINT_CHARS = 16


# -- which tables -------------------------------------------------------------------------------------------------
def covered_tables_of(cur) -> list[str]:
    return engine_of(cur).covered_tables(cur)


# -- capture ------------------------------------------------------------------------------------------------------
def _install(dbapi_conn) -> None:
    """Make sure this connection notes every row written in covered tables (``row_engines``: SQLite temp
    triggers, PostgreSQL triggers and a temp note table; cheap when present)."""
    eng = engine_of(dbapi_conn)
    eng.began(dbapi_conn)
    cur = dbapi_conn.cursor()
    try:
        if eng.ready(cur):
            return
        tables = eng.covered_tables(cur)
        if not eng.is_station(cur, tables):
            return
        if eng.install(cur, tables) and _needs_baseline(cur, tables):
            eng.note(cur, _BASELINE, 0)
    finally:
        cur.close()


def _needs_baseline(cur, tables: list[str]) -> bool:
    eng = engine_of(cur)
    if eng.run(cur, "SELECT 1 FROM audit_log WHERE action = ? LIMIT 1", (ACTION,)).fetchone():
        return False
    return any(eng.run(cur, f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in tables)


def _plain(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def _quote(value) -> str:
    """A value as SQLite's ``quote()`` writes it (so a digest can be computed by SQLite or by Python alike)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = "%.15g" % value
        return text if any(ch in text for ch in ".eni") else text + ".0"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "X'" + bytes(value).hex().upper() + "'"
    return "'" + str(value).replace("'", "''") + "'"


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def row_digest(vals) -> str:
    """The digest of one row's values in column order (what a ``sums`` record keeps, and what check compares)."""
    return _hash(",".join(_quote(v) for v in vals))


def _append(cur, *, actor_id, actor_name: str, after: dict, reason: str | None, count: int) -> None:
    eng = engine_of(cur)
    last = eng.run(cur, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else GENESIS
    entry = AuditEntry(at=clock.now().replace(microsecond=0), actor_id=actor_id, actor_name=actor_name,
                       action=ACTION, entity=ENTITY, entity_id=str(count), before=None, after=to_json(after),
                       reason=reason, prev_hash=prev, hash="")
    entry.hash = _digest(prev, _content(entry))
    eng.run(cur, "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, before, after, reason, "
                "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (to_db_text(entry.at), entry.actor_id, entry.actor_name, entry.action, entry.entity,
                 entry.entity_id, entry.before, entry.after, entry.reason, entry.prev_hash, entry.hash))


def _seal(dbapi_conn) -> None:
    """Before a commit: append the rows this transaction wrote to the chain, in the same transaction."""
    eng = engine_of(dbapi_conn)
    if not eng.may_have_notes(dbapi_conn):
        return
    cur = dbapi_conn.cursor()
    try:
        touched = eng.touched(cur)
        if not touched:
            return
        by_table: dict[str, list[int]] = {}
        for tbl, rid in touched:
            by_table.setdefault(tbl, []).append(rid)
        own = by_table.pop("audit_log", [])
        actor_id, actor_name = None, "系统"
        if own:
            row = eng.run(cur, "SELECT actor_id, actor_name FROM audit_log WHERE id = ?", (max(own),)).fetchone()
            if row:
                actor_id, actor_name = row
        if by_table.pop(_BASELINE, None):
            _seal_baseline(cur, actor_id=actor_id, actor_name=actor_name)
        else:
            batch: dict = {}
            size = 0

            def flush() -> None:
                nonlocal batch, size
                if batch:
                    _append(cur, actor_id=actor_id, actor_name=actor_name, after={"tables": batch}, reason=None,
                            count=size)
                batch, size = {}, 0

            lo, hi = _date_range(cur)
            declared = eng.declared_of(cur, list(by_table))
            for table, rids in by_table.items():
                cols, rows = eng.read(cur, table, rids)
                _refuse_invalid(cur, table, cols, rows, lo, hi, declared[table])
                for i in range(0, len(rids), _ROWS_PER_ENTRY):
                    part = rids[i:i + _ROWS_PER_ENTRY]
                    if size + len(part) > _ROWS_PER_ENTRY:
                        flush()
                    rec = batch.setdefault(table, {"cols": cols, "rows": {}, "gone": []})
                    for rid in part:
                        if rid in rows:
                            rec["rows"][str(rid)] = list(rows[rid])
                        else:
                            rec["gone"].append(rid)
                    size += len(part)
            flush()
        eng.clear(cur)
    finally:
        cur.close()


def _date_range(cur):
    """The station's sane range of dates today (policy ``station.earliest_date`` / ``latest_years_ahead``)."""
    import datetime as dt

    from station_desk import validate

    earliest, ahead = validate.EARLIEST, validate.YEARS_AHEAD
    try:
        row = engine_of(cur).run(cur, "SELECT data FROM policy_version WHERE effective_from <= ? ORDER BY "
                                 "effective_from DESC LIMIT 1", (clock.today().isoformat(),)).fetchone()
        station = json.loads(row[0]).get("station", {}) if row else {}
        earliest = dt.date.fromisoformat(station.get("earliest_date") or earliest.isoformat())
        ahead = int(station.get("latest_years_ahead") or ahead)
    except (*engine_of(cur).errors, ValueError, TypeError, AttributeError):
        pass
    return validate.date_range(clock.today(), earliest=earliest, years_ahead=ahead)


def _refuse_invalid(cur, table: str, cols: list[str], rows: dict[int, tuple], lo, hi,
                    declared: dict[str, str]) -> None:
    """The one rule for every stored value (``station_desk.validate``), on every row this transaction wrote: a
    service that forgot a check still cannot store NUL, ESC, U+202E, an over-long text, a date out of the station's
    range or an absurd number. Raises DomainError: the transaction rolls back."""
    from station_desk.audit.labels import entity_label
    from station_desk.errors import DomainError
    from station_desk.validate import stored_value_problem

    for rid, vals in rows.items():
        for col, value in zip(cols, vals):
            problem = stored_value_problem(col, declared.get(col, ""), value, lo=lo, hi=hi)
            if problem:
                raise DomainError("input.stored_invalid", table=entity_label(table), row=rid, column=col,
                                  problem=problem)


def _seal_baseline(cur, *, actor_id, actor_name) -> None:
    """The starting point: a digest of every row of every covered table, as it stands now."""
    sums: dict = {}
    size = 0
    reason = "起点：此后每一行的改动都记入审计链"
    eng = engine_of(cur)
    for table in eng.covered_tables(cur):
        for chunk in eng.digests(cur, table):
            target = sums.setdefault(table, {})
            for rid, digest in chunk:
                target[str(rid)] = digest
                size += 1
            if size >= _SUMS_PER_ENTRY:
                _append_sums(cur, actor_id, actor_name, sums, size, reason)
                sums, size = {}, 0
    if sums:
        _append_sums(cur, actor_id, actor_name, sums, size, reason)


def _append_sums(cur, actor_id, actor_name, sums, size, reason) -> None:
    # a second cursor: the caller's is in the middle of reading a table
    other = cur.connection.cursor()
    try:
        _append(other, actor_id=actor_id, actor_name=actor_name, after={"sums": sums}, reason=reason, count=size)
    finally:
        other.close()


def register() -> None:
    if _install not in _engine.WRITE_BEGIN_HOOKS:
        _engine.WRITE_BEGIN_HOOKS.append(_install)
    if _seal not in _engine.COMMIT_HOOKS:
        _engine.COMMIT_HOOKS.append(_seal)


def start_row_log(db) -> None:
    """Record the starting point now (a digest of every row) on a file whose rows were written outside the program
    (a bulk-built benchmark station, a file from before the row log); otherwise the first save does it."""
    with db.session() as s:
        s.connection()
