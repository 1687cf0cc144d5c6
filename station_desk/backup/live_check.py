"""The live file's last clean ``integrity_check``, remembered by the data's fingerprint (issue #15).

A month-end backup is a byte copy of one read snapshot of the live file (``raw_copy.raw_copy``), verified by reading
it back from the stick and comparing SHA-256. That proves the copy holds exactly the bytes of the snapshot; that
the snapshot is a sound database is proved here, once per state of the data: ``PRAGMA integrity_check`` of the
live file (in one read snapshot) with its row counts, remembered in ``backups/state.json`` under ``live_check``
with the fingerprint of the data it saw (``sqlite_info.fingerprint_conn``: every table's highest rowid and the
newest audit hash — every service write changes it). While the fingerprint is unchanged, the data is the data that
was checked, and a backup takes the remembered counts; when it changed, the backup runs the check itself first.
The program runs :func:`check_live_file` on a background thread after each automatic backup (idle moments), so at
month end the check is usually already done.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from station_desk import clock
from station_desk.backup.sqlite_info import fingerprint_conn, last_entry_at, row_counts, schema_revision
from station_desk.backup.state import read_state, update_state
from station_desk.errors import DomainError

KEY = "live_check"


def remembered(db_path: Path, fp: str) -> dict | None:
    """The clean check recorded for exactly this fingerprint, or None."""
    rec = read_state(Path(db_path)).get(KEY) or {}
    if rec.get("fingerprint") == fp and rec.get("result") == "ok" and isinstance(rec.get("row_counts"), dict):
        return rec
    return None


def check_in_snapshot(conn: sqlite3.Connection, db_path: Path, fp: str | None = None) -> dict:
    """Inside the caller's read transaction on the live file: the remembered clean check for this fingerprint, or
    a new ``integrity_check`` + row counts (remembered when clean). Raises ``backup.verify_failed`` when the live
    file is damaged — then no backup of it is taken."""
    fp = fp or fingerprint_conn(conn)
    rec = remembered(db_path, fp)
    if rec is not None:
        return rec
    try:
        result = "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall())
        counts = row_counts(conn)
    except sqlite3.DatabaseError as exc:
        raise DomainError("backup.verify_failed", detail=str(exc)) from None
    if result != "ok":
        raise DomainError("backup.verify_failed", detail=f"数据文件：{result[:200]}")
    rec = {"fingerprint": fp, "result": "ok", "checked_at": clock.now().isoformat(), "row_counts": counts,
           "schema_revision": schema_revision(conn), "last_entry_at": last_entry_at(conn)}

    def put(state: dict) -> None:
        state[KEY] = rec

    update_state(Path(db_path), put)
    return rec


def check_live_file(db_path: Path) -> dict:
    """The idle check: ``integrity_check`` of the live file unless its data is the data last checked clean.
    Returns the record (``fingerprint``, ``checked_at``, ``row_counts`` …)."""
    conn = sqlite3.connect(str(db_path), isolation_level=None, timeout=10)
    try:
        conn.execute("BEGIN")
        try:
            return check_in_snapshot(conn, Path(db_path))
        finally:
            conn.execute("COMMIT")
    finally:
        conn.close()


def last_clean_check(db_path: Path) -> dt.datetime | None:
    rec = read_state(Path(db_path)).get(KEY) or {}
    try:
        return dt.datetime.fromisoformat(rec["checked_at"]) if rec.get("result") == "ok" else None
    except (KeyError, ValueError):
        return None
