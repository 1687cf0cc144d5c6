"""Checking and restoring a backup (SPEC §10).

A backup is checked before anything is replaced: listed in the manifest beside it, same size, same SHA-256,
decrypts with the passphrase, is an SQLite file that passes ``PRAGMA integrity_check``, holds the station's tables
with the row counts the manifest recorded, and its schema revision is one this program knows (a newer one is
refused). Each failure has its own Chinese message and leaves the live data as it was.

Restore (manager's PIN): the checked copy is written to a temporary file beside the live database and fsynced; the
current data is saved as a safety copy (a verified local backup, kept out of thinning); the live file is
checkpointed and closed; the copy is renamed over it (the folder fsynced); the caller reopens. The restore can be
undone by restoring the safety copy, and thinning of automatic backups pauses until the manager confirms the
restored data. A damaged (or missing) live file is never written to: it is moved aside under a ``.damaged-<time>``
name, untouched, and the newest good backup takes its place.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from station_desk import clock, paths
from station_desk.actor import SYSTEM, Actor, ManagerApproval
from station_desk.backup import crypto
from station_desk.backup.manifest import entry_for, fsync_dir, sha256_of
from station_desk.backup.state import restore_pending, update_state
from station_desk.backup.writer import human_size, row_counts, schema_revision, last_entry_at
from station_desk.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
STATION_TABLES = {"staff", "audit_log"}


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


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    safety_copy: str | None
    contents: BackupContents


def _known_revisions() -> set[str]:
    from station_desk.db.migrate import script_directory

    return {rev.revision for rev in script_directory().walk_revisions()}


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
        if not STATION_TABLES <= set(counts):
            raise DomainError("backup.not_station_data")
        if revision is not None and revision not in _known_revisions():
            raise DomainError("backup.newer_schema", found=revision)
        if entry.row_counts and entry.row_counts != counts:
            raise DomainError("backup.corrupt", detail="表的行数与清单记录不一致")
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


def _check_space(live: Path, contents_size: int) -> None:
    need = contents_size * 2 + (1 << 20)
    free = shutil.disk_usage(live.parent).free
    if free < need:
        raise DomainError("backup.restore_no_space", need=human_size(need))


def _swap_in(live: Path, tmp: Path, *, move_aside: bool) -> str | None:
    """Put ``tmp`` in place of ``live`` atomically. ``move_aside``: keep the old file (damaged) under a new name,
    unchanged; otherwise the old file, already saved as a safety copy, is checkpointed first."""
    _settle(tmp)
    _fsync(tmp)
    aside = None
    if move_aside:
        if live.exists():
            aside = live.with_name(f"{live.name}.damaged-{clock.now():%Y%m%d-%H%M%S}")
            os.replace(live, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(str(live) + suffix)
                if side.exists():
                    os.replace(side, Path(str(aside) + suffix))
    else:
        _settle(live)  # the live WAL is folded in; a stale -wal must never be replayed onto the restored file
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    os.replace(tmp, live)
    fsync_dir(live.parent)
    return str(aside) if aside else None


def _mark_pending(live: Path, *, source: str, safety: str | None, by: str, damaged: bool) -> None:
    def put(state: dict) -> None:
        state["restore_pending"] = {"at": clock.now().isoformat(), "source": source, "safety_copy": safety,
                                    "by": by, "safety_is_damaged_file": damaged}

    update_state(live, put)


def _audit_restored(live: Path, actor: Actor, contents: BackupContents, safety: str | None) -> None:
    """Write the restore into the restored file's own audit log (best effort: the restore itself is done)."""
    from station_desk.audit import service as audit
    from station_desk.db.engine import Database

    db = Database(live)
    try:
        with db.session() as s:
            audit.record(s, actor=actor, action="backup.restore", entity="backup", entity_id=Path(contents.path).name,
                         after={"from": contents.path, "created_at": contents.created_at.isoformat(),
                                "safety_copy": safety}, reason="从备份恢复数据")
    except Exception:  # noqa: BLE001
        pass
    finally:
        db.close()


def restore_backup(db, *, actor: Actor, approval: ManagerApproval | None, path, passphrase: str | None = None,
                   ) -> RestoreResult:
    """Replace the live data with the backup at ``path`` (manager's PIN). The caller must reopen the database
    afterwards (``db`` is closed). Raises before anything is replaced if any check fails."""
    from station_desk.backup.service import backup_before
    from station_desk.staff import auth

    approver = auth.require_manager(db, approval, "从备份恢复数据")
    live = Path(db.path)
    tmp = live.with_name(live.name + ".restore-tmp")
    try:
        entry = entry_for(Path(path))
        _check_space(live, entry.size if entry else Path(path).stat().st_size if Path(path).exists() else 0)
        contents = _prepare(Path(path), passphrase, tmp)
        safety = str(backup_before(db, "restore"))
        db.close()
        _swap_in(live, tmp, move_aside=False)
    except (sqlite3.Error, OSError) as exc:
        _remove(tmp)
        raise DomainError("backup.restore_failed", detail=str(exc)) from exc
    except BaseException:
        _remove(tmp)
        raise
    _mark_pending(live, source=str(path), safety=safety, by=approver.name, damaged=False)
    _audit_restored(live, actor, contents, safety)
    return RestoreResult(restored_from=str(path), safety_copy=safety, contents=contents)


def recover_from_backup(db_path, *, path, passphrase: str | None = None, approval: ManagerApproval | None = None,
                        actor: Actor | None = None) -> RestoreResult:
    """Start-up recovery when the live file is damaged or missing: never writes to it (it is moved aside intact).
    The manager's PIN is checked against the backup's own staff register (the live one cannot be read)."""
    from station_desk.db.engine import Database
    from station_desk.staff import auth

    live = Path(db_path)
    tmp = live.with_name(live.name + ".restore-tmp")
    try:
        entry = entry_for(Path(path))
        _check_space(live, entry.size if entry else 0)
        contents = _prepare(Path(path), passphrase, tmp)
        approver = actor or SYSTEM
        if contents.managers:
            check_db = Database(tmp)
            try:
                approver = auth.require_manager(check_db, approval, "从备份恢复数据", lockout=_recovery_lockout(live, check_db))
            finally:
                check_db.close()
        aside = _swap_in(live, tmp, move_aside=True)
    except (sqlite3.Error, OSError) as exc:
        _remove(tmp)
        raise DomainError("backup.restore_failed", detail=str(exc)) from exc
    except BaseException:
        _remove(tmp)
        raise
    _mark_pending(live, source=str(path), safety=aside, by=approver.name, damaged=True)
    _audit_restored(live, actor or approver, contents, aside)
    return RestoreResult(restored_from=str(path), safety_copy=aside, contents=contents)


RECOVERY_LOCKOUT = "recovery-pins.json"


def _recovery_lockout(live: Path, check_db):
    """Wrong PINs in the recovery path are counted beside the backups (the live file cannot be written and the
    backup being checked is a temporary copy), with the policy's numbers: one lock-out rule for every PIN check."""
    from station_desk.backup.policy import policy_of
    from station_desk.staff.auth import FileLockout

    sec = policy_of(check_db).security
    return FileLockout(paths.backups_dir(live) / RECOVERY_LOCKOUT, max_tries=sec.max_pin_tries,
                       lock_minutes=sec.pin_lock_minutes)


def confirm_restored_data(db, *, actor: Actor, approval: ManagerApproval | None) -> None:
    """The manager has looked at the restored data and keeps it: thinning of automatic backups resumes."""
    from station_desk.audit import service as audit
    from station_desk.staff import auth

    pending = restore_pending(db.path)
    if not pending:
        raise DomainError("backup.no_restore_pending")
    auth.require_manager(db, approval, "确认恢复的数据")
    update_state(db.path, lambda state: state.pop("restore_pending", None))
    with db.session() as s:
        audit.record(s, actor=actor, action="backup.confirm_restore", entity="backup",
                     entity_id=Path(pending.get("source", "")).name, after=pending)


def undo_restore(db, *, actor: Actor, approval: ManagerApproval | None) -> RestoreResult:
    """Put back the data saved just before the last restore (its safety copy). The caller reopens the database."""

    pending = restore_pending(db.path)
    if not pending:
        raise DomainError("backup.no_restore_pending")
    safety = pending.get("safety_copy")
    if not safety or pending.get("safety_is_damaged_file") or not Path(safety).is_file():
        raise DomainError("backup.no_safety_copy")
    result = restore_backup(db, actor=actor, approval=approval, path=safety)
    update_state(db.path, lambda state: state.pop("restore_pending", None))
    return result


def default_backups_dir(db_path) -> Path:
    return paths.backups_dir(Path(db_path))
