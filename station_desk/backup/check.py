"""Checking a backup before anything is replaced (SPEC §10): listed in the manifest beside it, same size, same
SHA-256, decrypts with the passphrase, is an SQLite file that passes ``PRAGMA integrity_check``, is a *station file*
(stamped with a schema revision this program knows, every table a station file has) with the row counts the
manifest recorded. Each failure has its own Chinese message and leaves the live data as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from station_desk import clock
from station_desk.backup import crypto
from station_desk.backup.manifest import entry_for, sha256_of
from station_desk.backup.writer import last_entry_at, row_counts, schema_revision
from station_desk.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"

@dataclass(frozen=True)
class BackupContents:
    path: str
    created_at: dt.datetime
    kind: str
    reason: str
    encrypted: bool
    size: int
    schema_revision: str | None
    row_counts: dict[str, int]
    last_entry_at: str | None
    station: str = ""
    app_version: str = ""
    managers: list[tuple[int, str, str]] = field(default_factory=list)  # (id, name, emp_no): managers with a PIN

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


def _check_station_file(tables: set[str], revision: str | None) -> None:
    """Only a station file is restored: stamped with a schema revision this program knows, holding every table a
    station file has. (Another program's SQLite file with a ``staff`` and an ``audit_log`` table is not one.)"""
    from station_desk.db.migrate import known_revisions, required_tables

    if revision is None:
        raise DomainError("backup.unknown_schema")
    if revision not in known_revisions():
        raise DomainError("backup.newer_schema", found=revision)
    missing = sorted(required_tables() - tables)
    if missing:
        raise DomainError("backup.not_station_data", missing="、".join(missing[:5]))


def _fsync(path: Path) -> None:
    with open(path, "r+b") as fh:  # writable handle: Windows cannot flush a read-only one
        os.fsync(fh.fileno())


def _managers_in(path: Path) -> list[tuple[int, str, str]]:
    from station_desk.db.engine import Database
    from station_desk.staff import service as staff
    from station_desk.staff.roles import Role

    db = Database(path)
    try:
        rows = staff.list_staff(db, on=clock.today())
        with_pin = _staff_with_pin(path)
        return [(r.id, r.name, r.emp_no) for r in rows if r.role == Role.MANAGER and r.id in with_pin]
    except Exception:  # noqa: BLE001 - an older schema the staff service cannot read: no PIN check possible
        return []
    finally:
        db.close()
        _settle(path)


def _staff_with_pin(path: Path) -> set[int]:
    conn = sqlite3.connect(str(path))
    try:
        return {r[0] for r in conn.execute("SELECT id FROM staff WHERE pin_hash IS NOT NULL AND pin_hash != ''")}
    finally:
        conn.close()


def _settle(path: Path) -> None:
    """Fold any WAL of ``path`` into the file and remove the side files, so a rename moves all of the data."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _prepare(path: Path, passphrase: str | None, dest: Path) -> BackupContents:
    """Run every check on the backup at ``path`` and leave its plain, checked database at ``dest``."""
    path = Path(path)
    if not path.is_file():
        raise DomainError("backup.file_missing", path=str(path))
    entry = entry_for(path)
    if entry is None:
        raise DomainError("backup.not_in_manifest", file=path.name)
    size = path.stat().st_size
    if size < entry.size:
        raise DomainError("backup.truncated", size=size, expected=entry.size)
    if size != entry.size or sha256_of(path) != entry.sha256:
        raise DomainError("backup.checksum_mismatch")
    _remove(dest)
    try:
        if entry.encrypted or crypto.is_encrypted_file(path):
            if not passphrase:
                raise DomainError("backup.passphrase_required")
            crypto.decrypt_file(path, dest, passphrase)
        else:
            shutil.copyfile(path, dest)
        _fsync(dest)
        with open(dest, "rb") as fh:
            if fh.read(16) != SQLITE_HEADER:
                raise DomainError("backup.not_a_database")
        conn = sqlite3.connect(f"file:{dest.as_posix()}?mode=ro", uri=True)
        try:
            result = "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall())
            if result != "ok":
                raise DomainError("backup.damaged", detail=result[:200])
            counts = row_counts(conn)
            revision = schema_revision(conn)
            last_at = last_entry_at(conn)
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                raise DomainError("backup.not_a_database") from None
            raise DomainError("backup.damaged", detail=str(exc)) from None
        finally:
            conn.close()
        _check_station_file(set(counts), revision)
        if entry.row_counts and entry.row_counts != counts:
            raise DomainError("backup.corrupt", detail="表的行数与清单记录不一致：" + "、".join(sorted(t for t in set(counts) | set(entry.row_counts) if counts.get(t) != entry.row_counts.get(t))[:5]))
    except BaseException:
        _remove(dest)
        raise
    return BackupContents(path=str(path), created_at=entry.created, kind=entry.kind, reason=entry.reason,
                          encrypted=entry.encrypted, size=entry.size, schema_revision=revision, row_counts=counts,
                          last_entry_at=last_at, station=entry.station, app_version=entry.app_version,
                          managers=_managers_in(dest))


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def verify_backup(path, *, passphrase: str | None = None) -> BackupContents:
    """Every restore check on ``path`` without restoring (``station-desk verify-backup``)."""
    work = Path(tempfile.mkdtemp(prefix="station-verify-"))
    try:
        return _prepare(Path(path), passphrase, work / "check.sqlite")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def inspect_backup(db_path, path, *, passphrase: str | None = None) -> BackupContents:
    """Check a backup for the restore dialog (date, counts per table, last entry), working beside the data."""
    tmp = Path(db_path).with_name(Path(db_path).name + ".inspect-tmp")
    try:
        return _prepare(Path(path), passphrase, tmp)
    finally:
        _remove(tmp)


def newest_good_backup(db_path) -> "object | None":
    """The newest local backup whose file matches its manifest hash (for recovery at start-up)."""
    from station_desk.backup.listing import local_backups

    for info in local_backups(Path(db_path)):
        entry = entry_for(Path(info.path))
        if entry is not None and sha256_of(Path(info.path)) == entry.sha256:
            return info
    return None


