"""Checking the row log (``rows``) and its anchors, read-only.

:func:`verify_rows` (``station-desk check``) compares every row of every covered table with the chain's last record
of it: a row whose values differ, an audited row that is missing, a row the chain never recorded.

The chain's head, shortened to a :func:`fingerprint_of`, is the *anchor* that backups' manifests and posted wall
sheets carry; :func:`find_anchor` tells whether the live chain still contains it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from station_desk.audit.row_engines import engine_of
from station_desk.audit.rows import ACTION, FINGERPRINT_CHARS, _plain, covered_tables_of, row_digest


# -- check --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    table: str
    row_id: int
    kind: str  # "changed" | "missing" | "unrecorded"
    detail: str = ""
    entry_id: int | None = None  # the chain entry that last recorded the row


@dataclass
class RowsReport:
    tables: int = 0
    rows: int = 0
    recorded: bool = False  # the chain has any row record at all
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for p in self.problems if p.kind == kind)


def _last_records(conn) -> dict[tuple[str, int], tuple[int, str | None]]:
    """(table, rowid) → (entry id, digest or None when the row was deleted), from the chain's row records."""
    last: dict[tuple[str, int], tuple[int, str | None]] = {}
    cur = engine_of(conn).run(conn.cursor(), "SELECT id, after FROM audit_log WHERE action = ? ORDER BY id",
                              (ACTION,))
    for entry_id, after in cur:
        try:
            data = json.loads(after or "{}")
        except ValueError:
            continue
        for table, rec in (data.get("tables") or {}).items():
            for rid, vals in (rec.get("rows") or {}).items():
                last[(table, int(rid))] = (entry_id, row_digest(vals))
            for rid in rec.get("gone") or []:
                last[(table, int(rid))] = (entry_id, None)
        for table, sums in (data.get("sums") or {}).items():
            for rid, digest in sums.items():
                last[(table, int(rid))] = (entry_id, digest)
    return last


def _recorded_image(conn, entry_id: int, table: str, rid: int) -> dict | None:
    row = engine_of(conn).run(conn.cursor(), "SELECT after FROM audit_log WHERE id = ?", (entry_id,)).fetchone()
    rec = (json.loads(row[0] or "{}").get("tables") or {}).get(table) if row else None
    if not rec or str(rid) not in (rec.get("rows") or {}):
        return None
    return dict(zip(rec["cols"], rec["rows"][str(rid)]))


#: columns whose values a report never prints (a PIN hash is what an offline search starts from)
SECRET_COLUMNS = ("pin_hash", "passphrase", "secret", "hash")


def _shown(column: str, value) -> str:
    from station_desk.privacy import PHONE_KEYS, mask_phone

    if any(column == c or column.endswith("_" + c) for c in SECRET_COLUMNS):
        return "（不显示）"
    if column in PHONE_KEYS and isinstance(value, str):
        return mask_phone(value)
    return repr(value)


def _changed_columns(conn, entry_id: int, table: str, rid: int, current: dict) -> str:
    before = _recorded_image(conn, entry_id, table, rid)
    if before is None:
        return ""
    diffs = [f"{c}: {_shown(c, before.get(c))} → {_shown(c, current.get(c))}" for c in current
             if json.dumps(before.get(c), default=_plain) != json.dumps(current.get(c), default=_plain)]
    return "；".join(diffs)[:300]


def verify_rows(conn) -> RowsReport:
    """Compare every row of every covered table with the chain's last record of it. ``conn`` is a DB-API
    connection (sqlite3, or psycopg on a PostgreSQL station: ``row_engines``); only reads."""
    eng = engine_of(conn)
    report = RowsReport()
    last = _last_records(conn)
    report.recorded = bool(last)
    tables = covered_tables_of(conn.cursor())
    report.tables = len(tables)
    for table in tables:
        changed = []
        for chunk in eng.digests(conn.cursor(), table):
            for rid, digest in chunk:
                report.rows += 1
                rec = last.pop((table, rid), None)
                if rec is None or rec[1] is None:
                    report.problems.append(RowProblem(table, rid, "unrecorded", entry_id=rec[0] if rec else None))
                elif rec[1] != digest:
                    changed.append((rid, rec[0]))
        cols = eng.columns(conn.cursor(), table) if changed else []
        for rid, entry_id in changed:
            row = eng.row(conn.cursor(), table, rid)
            detail = _changed_columns(conn, entry_id, table, rid, dict(zip(cols, row or ())))
            report.problems.append(RowProblem(table, rid, "changed", detail, entry_id))
    known = set(tables)
    for (table, rid), (entry_id, digest) in sorted(last.items()):
        if digest is not None and table in known:
            report.problems.append(RowProblem(table, rid, "missing", entry_id=entry_id))
    return report


# -- anchors ------------------------------------------------------------------------------------------------------
def fingerprint_of(chain_hash: str | None) -> str:
    """A chain hash shortened for paper: 16 hex characters in groups of four (``3f9c-2b7a-1d0e-88ab``)."""
    if not chain_hash:
        return ""
    short = chain_hash[:FINGERPRINT_CHARS]
    return "-".join(short[i:i + 4] for i in range(0, len(short), 4))


def head_fingerprint_conn(conn) -> str:
    """The fingerprint of the chain's newest entry, from a DB-API connection ("" for an empty chain)."""
    try:
        row = engine_of(conn).run(conn.cursor(), "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except (sqlite3.Error, *engine_of(conn).errors):
        return ""
    return fingerprint_of(row[0] if row else None)


def head_fingerprint(db) -> str:
    """The chain head's fingerprint now (what a wall sheet prints in its footer)."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return fingerprint_of(conn.execute(text("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")).scalar())


def sheet_fingerprint(db, given: str | None = None) -> str | None:
    """The fingerprint a wall sheet prints: ``given`` when a caller passes one ("" for none), else the head now."""
    if given is not None:
        return given or None
    return head_fingerprint(db) or None


def normalise(text: str) -> str:
    """What a person typed from a sheet: any case, with or without dashes or spaces."""
    return "".join(ch for ch in (text or "").lower() if ch in "0123456789abcdef")


@dataclass(frozen=True)
class Anchor:
    fingerprint: str
    source: str  # where it was found: a manifest path, "typed in"
    entry_id: int | None  # the chain entry it names, None when the live chain no longer contains it
    at: str | None = None


def find_anchor(conn, fingerprint: str, source: str) -> Anchor:
    short = normalise(fingerprint)
    if len(short) < 12:
        return Anchor(fingerprint, source, None)
    row = engine_of(conn).run(conn.cursor(), "SELECT id, at FROM audit_log WHERE substr(hash, 1, ?) = ? "
                              "ORDER BY id LIMIT 1", (len(short), short)).fetchone()
    return Anchor(fingerprint, source, row[0] if row else None, row[1] if row else None)
