"""What a backup records about an SQLite file: its tables and row counts, schema revision, newest audit entry, and
a cheap fingerprint of the data (so an identical copy is never taken)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in user_tables(conn)}


def schema_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def last_entry_at(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT max(at) FROM audit_log").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def fingerprint_conn(conn: sqlite3.Connection) -> str:
    """What the data is, cheaply (it runs every few minutes): per table the highest rowid, the newest audit row's
    hash and the schema revision. Every service write adds an audit row whose hash chains all earlier ones, so
    equal fingerprints mean an identical copy would be taken. (No count(*): it reads whole tables.)"""
    parts: list = [schema_revision(conn)]
    for table in user_tables(conn):
        try:
            top = conn.execute(f"SELECT max(rowid) FROM {_q(table)}").fetchone()[0]
        except sqlite3.DatabaseError:  # WITHOUT ROWID table
            top = None
        parts.append([table, top])
    try:
        row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        parts.append(list(row) if row else None)
    except sqlite3.DatabaseError:
        pass
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def fingerprint(db_path: Path) -> str:
    conn = sqlite3.connect(str(db_path), timeout=10)
    try:
        return fingerprint_conn(conn)
    finally:
        conn.close()
