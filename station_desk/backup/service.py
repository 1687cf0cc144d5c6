"""Backups (SPEC §10): automatic local backups with thinning and the copy taken before every irreversible step.
This module is the backup API the rest of the program calls: listing (:mod:`.listing`), month-end backups and the
passphrase (:mod:`.external`) and restore (:mod:`.restore`) are re-exported here.

Where things are kept:
- automatic backups: ``backups/`` beside the database (``paths.backups_dir``), listed in its ``manifest.json``;
- month-end backups: ``<folder>/StationDesk备份/<station>/<YYYY-MM>/`` with their own ``manifest.json``;
- ``backups/state.json``: the passphrase verifier, the log of USB/folder backups (for the month-end reminder) and
  a restore awaiting confirmation. It lives beside the backups, not in the database, so restoring an older
  database cannot forget that a restore is pending or which month-end backups exist.

Automatic backups never raise into the GUI's face: ``auto_backup_if_due`` returns ``None`` when nothing was due
and raises ``DomainError`` only for a real failure, which the caller shows as a status-bar note.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from station_desk import clock, paths
from station_desk.backup.listing import (TABLE_LABELS, BackupFolderStatus, BackupInfo, folder_backups,  # noqa: F401
                                         folder_status, last_backup_info, local_backups, read_manifest_sorted,
                                         table_label)
from station_desk.backup.manifest import read_manifest, update_manifest
from station_desk.policy.service import policy_or_defaults as _policy
from station_desk.backup.state import external_backups, read_state, restore_pending, update_state  # noqa: F401
from station_desk.backup.thinning import ThinningRule, backups_to_delete
from station_desk.backup.leftovers import sweep_leftovers as _sweep
from station_desk.backup.writer import REASON_LABELS, fingerprint, write_backup
from station_desk.errors import DomainError

SAFETY_KEEP = 5
#: backups taken before a step that replaces or rewrites the data: never thinned by age, the newest 5 of each kept
KEPT_APART = ("restore", "migration")
_auto_lock = threading.Lock()
_update_state = update_state  # the name the tests and older callers use


# -- automatic local backups ------------------------------------------------------------------------------------------
#: the frequent automatic backups are checked with ``quick_check`` (every page and b-tree, without the index-to-table
#: cross-check, which is 2/3 of the time on a 5-year station); every other backup with the full ``integrity_check``
QUICK_CHECK_REASONS = {"periodic", "exit"}


def _write_local(db, *, reason: str, now: dt.datetime, kind: str = "auto") -> Path:
    folder = paths.backups_dir(db.address)
    pol = _policy(db)
    if db.dialect.is_server:  # pg_dump, verified by a restore into a scratch database (backup.pg)
        from station_desk.backup.pg import write_pg_backup

        path, _entry = write_pg_backup(db, folder, kind=kind, reason=reason, station=pol.station.name, now=now)
        return path
    check = "quick_check" if reason in QUICK_CHECK_REASONS else "integrity_check"
    path, _entry = write_backup(db.path, folder, kind=kind, reason=reason, work_dir=folder,
                                station=pol.station.name, now=now, check=check)
    return path


def auto_backup_if_due(db, *, now: dt.datetime | None = None, force: bool = False,
                       reason: str = "periodic") -> Path | None:
    """Take a verified local backup if one is due: ``policy.backup.auto_interval_minutes`` since the newest local
    backup (``force``, or any ``reason`` other than "periodic" — exit, month close, import, migration — skips the
    wait) *and* the data changed since it — an
    identical copy is never taken. Thinning runs afterwards unless a restore awaits confirmation. Returns the new
    file, or None when nothing was due."""
    now = now or clock.now()
    with _auto_lock:
        sweep_leftovers(db.address)
        newest = next(iter(read_manifest_sorted(db.address)), None)
        if newest is not None and not force and reason == "periodic":
            interval = dt.timedelta(minutes=_policy(db).backup.auto_interval_minutes)
            if now - newest.created < interval:
                return None
        if newest is not None and newest.fingerprint and newest.fingerprint == _fingerprint(db):
            return None
        path = _write_local(db, reason=reason, now=now)
        thin_local_backups(db, now=now)
        return path


def _fingerprint(db) -> str:
    if db.dialect.is_server:
        from station_desk.backup.pg import fingerprint as pg_fingerprint

        return pg_fingerprint(db)
    return fingerprint(db.path)


def check_live_file(db) -> dict:
    """The live file's ``integrity_check`` at an idle moment, unless its data is the data last checked clean (then
    nothing is read but the fingerprint). A month-end backup of unchanged data then costs about a verified copy
    (``backup.live_check``). Raises ``backup.verify_failed`` when the file is damaged."""
    from station_desk.backup.live_check import check_live_file as check

    if db.dialect.is_server:  # the server checks its own pages; backup.pg verifies each dump by a restore
        return {}
    return check(Path(db.path))


def sweep_leftovers(db_path: Path) -> list[str]:
    """Remove what killed backups left in ``backups/`` (plaintext ``.work-*`` copies, ``.tmp`` files) as soon as
    their writer is gone; never a listed backup, never a file a running backup is writing. Runs at every automatic
    backup check (so at start-up, with the first one) and before every backup into a folder."""
    return _sweep(paths.backups_dir(db_path))


def backup_before(db, reason: str) -> Path:
    """A verified local backup holding the current data, taken before an irreversible or bulk step. Call it first
    and do not start the step if it raises::

        from station_desk.backup.service import backup_before
        backup_before(db, reason="month_close")   # or "import", "restore", "migration"

    It goes through the one write path (snapshot → integrity_check + row counts → SHA-256 → rename → manifest), so
    the copy is listed in ``backups/manifest.json`` like every other backup and named ``备份-<time>-月结前-…``.
    Returns the new backup, or the newest existing one when the data has not changed since it (it holds the same
    data). Raises ``DomainError`` (``backup.*``: no space, unreadable data file, check failed…) when no verified
    copy could be made. Call it *outside* any open transaction; it takes about as long as copying the file."""
    if reason not in REASON_LABELS:
        raise ValueError(f"unknown backup reason {reason!r}: one of {sorted(REASON_LABELS)}")
    path = auto_backup_if_due(db, force=True, reason=reason)
    if path is not None:
        return path
    newest = read_manifest_sorted(db.address)[0]
    return paths.backups_dir(db.address) / newest.file


def thin_local_backups(db, *, now: dt.datetime | None = None) -> list[str]:
    """Delete the automatic backups the thinning rule lets go (paused while a restore awaits confirmation).
    Safety copies taken before a restore or a migration are kept apart: the newest ``SAFETY_KEEP`` of each stay."""
    if restore_pending(db.address):
        return []
    now = now or clock.now()
    folder = paths.backups_dir(db.address)
    entries = read_manifest(folder)
    rule = ThinningRule.from_policy(_policy(db).backup)
    normal = [(e.file, e.created) for e in entries if e.reason not in KEPT_APART]
    doomed = backups_to_delete(normal, now, rule)
    for reason in KEPT_APART:
        safety = sorted((e for e in entries if e.reason == reason), key=lambda e: e.created_at, reverse=True)
        doomed |= {e.file for e in safety[SAFETY_KEEP:]}
    if not doomed:
        return []
    update_manifest(folder, remove=doomed)  # unlisted first: a crash in between leaves a stray file, not a lie
    for name in doomed:
        (folder / name).unlink(missing_ok=True)
    return sorted(doomed)


def recovery_available(db_path) -> bool:
    """True when there is a local backup to offer at start-up (e.g. the data file is missing or damaged)."""
    return bool(local_backups(Path(db_path)))


def reopen_after_restore(db) -> None:
    """After a restore replaced the file under ``db``: drop old connections, bring an older backup's schema up to
    this program (with the usual pre-migration copy) and check the file. The same ``Database`` object keeps
    working on the restored data."""
    from station_desk.db.migrate import upgrade

    db.close()
    upgrade(db)
    result = db.quick_check()
    if result != "ok":
        raise DomainError("db.damaged", detail=result[:200])


# month-end backups and restore are part of this service's API
from station_desk.backup.external import (  # noqa: E402
    USB_ROOT, backup_to_folder, check_passphrase, covered_month, month_folder, passphrase_info, set_passphrase,
    usb_backup_due, usb_reminder_text)
from station_desk.backup.restore import (  # noqa: E402
    BackupContents, RestoreResult, confirm_restored_data, inspect_backup, newest_good_backup, recover_from_backup,
    restore_backup, undo_restore, verify_backup)

__all__ = [
    "BackupInfo", "BackupFolderStatus", "BackupContents", "RestoreResult", "auto_backup_if_due", "backup_before",
    "backup_to_folder", "confirm_restored_data", "covered_month", "external_backups", "folder_backups",
    "folder_status", "inspect_backup", "recovery_available", "reopen_after_restore", "last_backup_info",
    "local_backups", "newest_good_backup", "USB_ROOT", "check_passphrase", "month_folder", "table_label",
    "passphrase_info", "recover_from_backup", "restore_backup", "restore_pending", "set_passphrase",
    "thin_local_backups", "undo_restore", "usb_backup_due", "usb_reminder_text", "verify_backup",
]
