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
import sqlite3

from station_desk import clock
from station_desk.audit.models import AuditEntry
from station_desk.audit.service import GENESIS, ROWS_ACTION, ROWS_ENTITY, _content, _digest, to_json
from station_desk.db import engine as _engine
from station_desk.db.types import to_db_text

ACTION, ENTITY = ROWS_ACTION, ROWS_ENTITY
#: tables the row log does not cover, and why (every other table of the file is covered)
NOT_COVERED = {
    "audit_log": "the chain itself (verified link by link)",
    "alembic_version": "the schema revision stamp (checked by check's schema step)",
}
_SKIP_PREFIXES = ("sqlite_", "customer_fts")  # SQLite's own tables; the customer search index (rebuilt from customer)
_ROWS_PER_ENTRY = 400
_SUMS_PER_ENTRY = 5000
_BASELINE = "*baseline*"
FINGERPRINT_CHARS = 16


# -- which tables -------------------------------------------------------------------------------------------------
def covered_tables_of(cur) -> list[str]:
    names = [r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return [n for n in names if n not in NOT_COVERED and not n.startswith(_SKIP_PREFIXES)]


# -- capture ------------------------------------------------------------------------------------------------------
def _install(dbapi_conn: sqlite3.Connection) -> None:
    """Make sure this connection notes every row written in covered tables (temp triggers; cheap when present)."""
    cur = dbapi_conn.cursor()
    try:
        tables = covered_tables_of(cur)
        # a station file (its schema stamp and its chain): not another program's file, nor a test's bare tables
        if not tables or cur.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                                     "('audit_log', 'alembic_version')").fetchone()[0] < 2:
            return
        names = {r[0] for r in cur.execute("SELECT name FROM sqlite_temp_master WHERE type='trigger'")}
        wanted = {f"rowlog_{t}_{op}" for t in tables for op in "iud"} | {"rowlog_audit_log_i"}
        if wanted <= names:
            return
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS rowlog_touched (tbl TEXT NOT NULL, rid INTEGER NOT NULL, "
                    "PRIMARY KEY (tbl, rid)) WITHOUT ROWID")

        def trigger(table: str, op: str, event: str, body: str) -> None:
            if f"rowlog_{table}_{op}" not in names:
                cur.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS "rowlog_{table}_{op}" AFTER {event} ON main."{table}" '
                            f"BEGIN {body} END")

        for t in tables:
            lit = t.replace("'", "''")
            trigger(t, "i", "INSERT", f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', NEW.rowid);")
            trigger(t, "u", "UPDATE", f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', OLD.rowid); "
                                      f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', NEW.rowid);")
            trigger(t, "d", "DELETE", f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', OLD.rowid);")
        # the service's own audit entries of the transaction name who the rows' entry is by
        trigger("audit_log", "i", "INSERT", "INSERT OR IGNORE INTO rowlog_touched VALUES ('audit_log', NEW.rowid);")
        if _needs_baseline(cur, tables):
            cur.execute("INSERT OR IGNORE INTO rowlog_touched VALUES (?, 0)", (_BASELINE,))
    finally:
        cur.close()


def _needs_baseline(cur, tables: list[str]) -> bool:
    if cur.execute("SELECT 1 FROM audit_log WHERE action = ? LIMIT 1", (ACTION,)).fetchone():
        return False
    return any(cur.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in tables)


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


def _quoted_sql(cur, table: str) -> tuple[list[str], str]:
    """The table's columns, and an expression SQLite evaluates to the text :func:`row_digest` hashes."""
    cols = [r[1] for r in cur.execute(f'PRAGMA table_info("{table}")')]
    return cols, " || ',' || ".join(f'quote("{c}")' for c in cols) or "''"


def _read_rows(cur, table: str, rids: list[int]) -> tuple[list[str], dict[int, tuple]]:
    out: dict[int, tuple] = {}
    cols: list[str] = []
    for i in range(0, len(rids), 500):
        part = rids[i:i + 500]
        cur.execute(f'SELECT rowid, * FROM "{table}" WHERE rowid IN ({",".join("?" * len(part))})', part)
        cols = [d[0] for d in cur.description][1:]
        for row in cur.fetchall():
            out[row[0]] = tuple(row[1:])
    if not cols:
        cur.execute(f'SELECT * FROM "{table}" LIMIT 0')
        cols = [d[0] for d in cur.description]
    return cols, out


def _append(cur, *, actor_id, actor_name: str, after: dict, reason: str | None, count: int) -> None:
    last = cur.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else GENESIS
    entry = AuditEntry(at=clock.now().replace(microsecond=0), actor_id=actor_id, actor_name=actor_name,
                       action=ACTION, entity=ENTITY, entity_id=str(count), before=None, after=to_json(after),
                       reason=reason, prev_hash=prev, hash="")
    entry.hash = _digest(prev, _content(entry))
    cur.execute("INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, before, after, reason, "
                "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (to_db_text(entry.at), entry.actor_id, entry.actor_name, entry.action, entry.entity,
                 entry.entity_id, entry.before, entry.after, entry.reason, entry.prev_hash, entry.hash))


def _seal(dbapi_conn: sqlite3.Connection) -> None:
    """Before a commit: append the rows this transaction wrote to the chain, in the same transaction."""
    cur = dbapi_conn.cursor()
    try:
        try:
            touched = cur.execute("SELECT tbl, rid FROM temp.rowlog_touched ORDER BY tbl, rid").fetchall()
        except sqlite3.OperationalError:  # no note table on this connection: not a write transaction
            return
        if not touched:
            return
        by_table: dict[str, list[int]] = {}
        for tbl, rid in touched:
            by_table.setdefault(tbl, []).append(rid)
        own = by_table.pop("audit_log", [])
        actor_id, actor_name = None, "系统"
        if own:
            row = cur.execute("SELECT actor_id, actor_name FROM audit_log WHERE id = ?", (max(own),)).fetchone()
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
            for table, rids in by_table.items():
                cols, rows = _read_rows(cur, table, rids)
                _refuse_invalid(cur, table, cols, rows, lo, hi)
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
        cur.execute("DELETE FROM temp.rowlog_touched")
    finally:
        cur.close()


def _date_range(cur):
    """The station's sane range of dates today (policy ``station.earliest_date`` / ``latest_years_ahead``)."""
    import datetime as dt

    from station_desk import validate

    earliest, ahead = validate.EARLIEST, validate.YEARS_AHEAD
    try:
        row = cur.execute("SELECT data FROM policy_version WHERE effective_from <= ? ORDER BY effective_from DESC "
                          "LIMIT 1", (clock.today().isoformat(),)).fetchone()
        station = json.loads(row[0]).get("station", {}) if row else {}
        earliest = dt.date.fromisoformat(station.get("earliest_date") or earliest.isoformat())
        ahead = int(station.get("latest_years_ahead") or ahead)
    except (sqlite3.Error, ValueError, TypeError, AttributeError):
        pass
    return validate.date_range(clock.today(), earliest=earliest, years_ahead=ahead)


def _refuse_invalid(cur, table: str, cols: list[str], rows: dict[int, tuple], lo, hi) -> None:
    """The one rule for every stored value (``station_desk.validate``), on every row this transaction wrote: a
    service that forgot a check still cannot store NUL, ESC, U+202E, an over-long text, a date out of the station's
    range or an absurd number. Raises DomainError: the transaction rolls back."""
    from station_desk.audit.labels import entity_label
    from station_desk.errors import DomainError
    from station_desk.validate import stored_value_problem

    declared = {r[1]: r[2] for r in cur.execute(f'PRAGMA table_info("{table}")')}
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
    for table in covered_tables_of(cur):
        _cols, quoted = _quoted_sql(cur, table)
        cur.execute(f'SELECT rowid, {quoted} FROM "{table}" ORDER BY rowid')
        while True:
            chunk = cur.fetchmany(5000)
            if not chunk:
                break
            target = sums.setdefault(table, {})
            for rid, text in chunk:
                target[str(rid)] = _hash(text)
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
