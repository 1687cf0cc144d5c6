"""Restoring a backup (SPEC §10). The checks come first (:mod:`station_desk.backup.check`), then the backup must be
this station's (the station name in its policy, unless the live file holds no data yet).

Restore (manager's PIN): the checked copy is written to a temporary file beside the live database and fsynced; the
current data is saved as a safety copy (a verified local backup, kept out of thinning); the live file is
checkpointed and closed; the copy is renamed over it (the folder fsynced); the caller reopens. The restore can be
undone by restoring the safety copy, and thinning of automatic backups pauses until the manager confirms the
restored data. A damaged (or missing) live file is never written to: it is moved aside under a ``.damaged-<time>``
name, untouched, and the newest good backup takes its place.

After the swap the restored file is opened as the program opens a station file (brought up to this schema with a
verified pre-migration backup, checked). If that or anything else after the swap fails, the previous file is put
back automatically (the safety copy, or the damaged file moved aside) and the restore is reported as undone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from station_desk import clock, paths
from station_desk.actor import SYSTEM, Actor, ManagerApproval
from station_desk.backup.check import (BackupContents, _fsync, _prepare, _remove, _settle,  # noqa: F401
                                       inspect_backup, newest_good_backup, verify_backup)
from station_desk.backup.manifest import entry_for, fsync_dir
from station_desk.backup.state import restore_pending, update_state
from station_desk.backup.writer import human_size
from station_desk.errors import DomainError


@dataclass(frozen=True)
class RestoreResult:
    restored_from: str
    safety_copy: str | None
    contents: BackupContents


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


def _station_name(db) -> str:
    from station_desk.policy.service import policy_or_defaults as policy_of

    return policy_of(db).station.name


def _live_has_data(db) -> bool:
    """More than the set-up of a new station (staff, policy, backups): then only its own backups may replace it."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return conn.execute(text("SELECT EXISTS (SELECT 1 FROM audit_log WHERE action NOT LIKE 'staff.%' AND "
                                 "action NOT LIKE 'policy.%' AND action NOT LIKE 'backup.%')")).scalar() == 1


def _check_identity(db, contents: BackupContents, tmp: Path) -> None:
    """The backup must be this station's: the station name in its policy equals the live one (a new, still empty
    station may take any station's backup — the move to a new PC)."""
    from station_desk.db.engine import Database

    backup_db = Database(tmp)
    try:
        theirs = _station_name(backup_db)
    finally:
        backup_db.close()
        _settle(tmp)
    ours = _station_name(db)
    if theirs != ours and _live_has_data(db):
        raise DomainError("backup.other_station", theirs=theirs, ours=ours)


def _open_restored(live: Path) -> None:
    """Open the restored file as the program opens a station file: brought up to this program's schema (a
    verified backup first) and checked. Raises if it cannot be."""
    from station_desk.db.migrate import open_database

    db = open_database(live)
    db.close()


def _force_in(live: Path, replacement: Path) -> None:
    """Put ``replacement`` at ``live`` whatever is there now (the put-back after a failed restore)."""
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    os.replace(replacement, live)
    fsync_dir(live.parent)


def _staging_file(live: Path) -> Path:
    return live.with_name(live.name + ".restore-tmp")


def _put_back_safety_copy(live: Path, safety: Path) -> None:
    tmp = _staging_file(live)
    shutil.copyfile(safety, tmp)
    _fsync(tmp)
    _force_in(live, tmp)


def _after_swap(live: Path, put_back) -> None:
    """Open the restored file; on any failure put the previous file back and say so."""
    try:
        _open_restored(live)
    except BaseException as exc:
        detail = exc.message if isinstance(exc, DomainError) else str(exc) or type(exc).__name__
        try:
            put_back()
            update_state(live, lambda state: state.pop("restore_pending", None))
        except OSError as again:
            raise DomainError("backup.put_back_failed", detail=detail, error=str(again)) from exc
        raise DomainError("backup.restore_rolled_back", detail=detail) from exc


@contextmanager
def _staged(live: Path) -> Iterator[Path]:
    """The file a restore is prepared in, beside the live one (``<name>.restore-tmp``), up to the swap: if anything
    fails before the swap it is removed, and a file or SQLite error is refused as ``backup.restore_failed``."""
    tmp = _staging_file(live)
    try:
        yield tmp
    except (sqlite3.Error, OSError) as exc:
        _remove(tmp)
        raise DomainError("backup.restore_failed", detail=str(exc)) from exc
    except BaseException:
        _remove(tmp)
        raise


def restore_backup(db, *, actor: Actor, approval: ManagerApproval | None, path, passphrase: str | None = None,
                   ) -> RestoreResult:
    """Replace the live data with the backup at ``path`` (manager's PIN). The caller must reopen the database
    afterwards (``db`` is closed). Raises before anything is replaced if any check fails, and puts the previous
    data back if anything after the swap fails."""
    from station_desk.backup.service import backup_before
    from station_desk.staff import auth

    approver = auth.require_manager(db, approval, "从备份恢复数据")
    live = Path(db.path)
    with _staged(live) as tmp:
        entry = entry_for(Path(path))
        _check_space(live, entry.size if entry else Path(path).stat().st_size if Path(path).exists() else 0)
        contents = _prepare(Path(path), passphrase, tmp)
        _check_identity(db, contents, tmp)
        safety = str(backup_before(db, "restore"))
        db.close()
        _swap_in(live, tmp, move_aside=False)
    # pending first: thinning pauses before the restored file is opened (an older one gets a pre-migration copy)
    _mark_pending(live, source=str(path), safety=safety, by=approver.name, damaged=False)
    _after_swap(live, lambda: _put_back_safety_copy(live, Path(safety)))
    _audit_restored(live, actor, contents, safety)
    return RestoreResult(restored_from=str(path), safety_copy=safety, contents=contents)


def recover_from_backup(db_path, *, path, passphrase: str | None = None, approval: ManagerApproval | None = None,
                        actor: Actor | None = None) -> RestoreResult:
    """Start-up recovery when the live file is damaged or missing: never writes to it (it is moved aside intact).
    The manager's PIN is checked against the backup's own staff register (the live one cannot be read), with the
    lock-out counted beside the backups."""
    from station_desk.db.engine import Database
    from station_desk.staff import auth

    live = Path(db_path)
    with _staged(live) as tmp:
        entry = entry_for(Path(path))
        _check_space(live, entry.size if entry else 0)
        contents = _prepare(Path(path), passphrase, tmp)
        approver = actor or SYSTEM
        if contents.managers:
            check_db = Database(tmp)
            try:
                approver = auth.require_manager(check_db, approval, "从备份恢复数据",
                                                lockout=_recovery_lockout(live, check_db))
            finally:
                check_db.close()
        aside = _swap_in(live, tmp, move_aside=True)

    def put_back() -> None:
        _remove(live)
        if aside:
            for suffix in ("", "-wal", "-shm"):
                if Path(aside + suffix).exists():
                    os.replace(aside + suffix, str(live) + suffix)
            fsync_dir(live.parent)

    _mark_pending(live, source=str(path), safety=aside, by=approver.name, damaged=True)
    _after_swap(live, put_back)
    _audit_restored(live, actor or approver, contents, aside)
    return RestoreResult(restored_from=str(path), safety_copy=aside, contents=contents)


RECOVERY_LOCKOUT = "recovery-pins.json"


def _recovery_lockout(live: Path, check_db):
    """Wrong PINs in the recovery path are counted beside the backups (the live file cannot be written and the
    backup being checked is a temporary copy), with the policy's numbers: one lock-out rule for every PIN check."""
    from station_desk.policy.service import policy_or_defaults as policy_of
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
