"""Backups (SPEC §10): automatic local backups with thinning, month-end backups to a USB stick or any folder,
the backup passphrase, and what the status bar and the backup tab show. Restore lives in
:mod:`station_desk.backup.restore` (re-exported here).

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
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from station_desk import clock, paths
from station_desk.actor import Actor, ManagerApproval
from station_desk.backup import crypto
from station_desk.backup.manifest import ManifestEntry, read_manifest, update_manifest, write_atomic
from station_desk.backup.thinning import ThinningRule, backups_to_delete
from station_desk.backup.writer import Progress, fingerprint, human_size, write_backup
from station_desk.errors import DomainError

STATE = "state.json"
USB_ROOT = "StationDesk备份"
SAFETY_KEEP = 5
_auto_lock = threading.Lock()


#: Chinese names of the main tables, for "what a backup contains"
TABLE_LABELS = {
    "customer": "用户", "contact": "首问登记", "audit_log": "审计日志", "staff": "员工", "staff_role": "岗位",
    "work_order": "工单", "work_order_event": "工单记录", "cash_entry": "现金流水", "takings_receipt": "收款",
    "gift_item": "礼品", "gift_stock_move": "礼品出入库", "point_entry": "积分", "points_fact": "积分事实",
    "roster_cell": "排休", "attendance_clock": "考勤打卡", "leave_request": "请假", "period_lock": "结账锁定",
    "policy_version": "站内政策", "customer_renewal": "续费", "customer_signup": "新装",
    "reward_decision": "即时奖励", "asset": "资产", "customer_expiry_call": "到期回访",
}


def table_label(name: str) -> str:
    label = TABLE_LABELS.get(name)
    return f"{label}（{name}）" if label else name


# -- results ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupInfo:
    path: str
    created_at: dt.datetime
    kind: str  # "local" (automatic, backups/ beside the data) or "usb" (month-end, any folder)
    reason: str
    size: int
    encrypted: bool
    verified: bool  # listed in a manifest after the write-path checks (and read back, for USB)
    row_counts: dict

    @property
    def size_text(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True)
class BackupFolderStatus:
    folder: str
    count: int
    total_size: int
    newest: BackupInfo | None
    restore_pending: dict | None

    @property
    def total_size_text(self) -> str:
        return human_size(self.total_size)


def _info(folder: Path, e: ManifestEntry, kind: str) -> BackupInfo:
    return BackupInfo(path=str(folder / e.file), created_at=e.created, kind=kind, reason=e.reason, size=e.size,
                      encrypted=e.encrypted, verified=True, row_counts=dict(e.row_counts))


# -- state file -------------------------------------------------------------------------------------------------------
_state_lock = threading.Lock()


def _state_path(db_path: Path) -> Path:
    return paths.backups_dir(db_path) / STATE


def read_state(db_path: Path) -> dict:
    try:
        data = json.loads(_state_path(db_path).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _update_state(db_path: Path, fn: Callable[[dict], None]) -> dict:
    with _state_lock:
        state = read_state(db_path)
        fn(state)
        write_atomic(_state_path(db_path), json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))
        return state


def restore_pending(db_path: Path) -> dict | None:
    """The restore awaiting the manager's confirmation (thinning is paused while it waits), or None."""
    return read_state(db_path).get("restore_pending") or None


# -- listing ----------------------------------------------------------------------------------------------------------
def local_backups(db_path: Path) -> list[BackupInfo]:
    """Verified local backups (listed in the manifest and present with the listed size), newest first."""
    folder = paths.backups_dir(db_path)
    out = []
    for e in read_manifest(folder):
        f = folder / e.file
        if f.is_file() and f.stat().st_size == e.size:
            out.append(_info(folder, e, "local"))
    return sorted(out, key=lambda b: b.created_at, reverse=True)


def folder_backups(folder: Path) -> list[BackupInfo]:
    """Verified backups in ``folder`` and below it (a stick's ``StationDesk备份`` tree), newest first."""
    folder = Path(folder)
    out = []
    manifests = [folder / "manifest.json"] if (folder / "manifest.json").exists() else []
    if folder.is_dir():
        manifests += [m for m in folder.rglob("manifest.json") if m.parent != folder]
    for m in manifests:
        for e in read_manifest(m.parent):
            f = m.parent / e.file
            if f.is_file() and f.stat().st_size == e.size:
                out.append(_info(m.parent, e, "usb" if e.kind in ("usb", "folder") else "local"))
    return sorted(out, key=lambda b: b.created_at, reverse=True)


def folder_status(db_path: Path) -> BackupFolderStatus:
    folder = paths.backups_dir(db_path)
    backups = local_backups(db_path)
    total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return BackupFolderStatus(folder=str(folder), count=len(backups), total_size=total,
                              newest=backups[0] if backups else None, restore_pending=restore_pending(db_path))


def external_backups(db_path: Path) -> list[dict]:
    """The log of month-end (USB / folder) backups, newest first: ``at``, ``path``, ``month``, ``encrypted``."""
    return sorted(read_state(db_path).get("external", []), key=lambda r: r.get("at", ""), reverse=True)


def last_backup_info(db_path) -> BackupInfo | None:
    """The newest backup of this data file, local or USB (for the status bar)."""
    db_path = Path(db_path)
    candidates = local_backups(db_path)[:1]
    ext = external_backups(db_path)
    if ext:
        r = ext[0]
        candidates.append(BackupInfo(path=r["path"], created_at=dt.datetime.fromisoformat(r["at"]), kind="usb",
                                     reason=r.get("reason", "usb"), size=int(r.get("size", 0)),
                                     encrypted=bool(r.get("encrypted")), verified=bool(r.get("verified", True)),
                                     row_counts={}))
    return max(candidates, key=lambda b: b.created_at) if candidates else None


# -- automatic local backups ------------------------------------------------------------------------------------------
def _policy(db):
    from station_desk.policy.service import current_policy

    try:
        return current_policy(db)
    except Exception:  # noqa: BLE001 - a damaged policy row must not stop a backup
        from station_desk.policy.model import StationPolicy

        return StationPolicy()


#: the frequent automatic backups are checked with ``quick_check`` (every page and b-tree, without the index-to-table
#: cross-check, which is 2/3 of the time on a 5-year station); every other backup with the full ``integrity_check``
QUICK_CHECK_REASONS = {"periodic", "exit"}


def _write_local(db, *, reason: str, now: dt.datetime, kind: str = "auto") -> Path:
    folder = paths.backups_dir(db.path)
    pol = _policy(db)
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
        newest = next(iter(read_manifest_sorted(db.path)), None)
        if newest is not None and not force and reason == "periodic":
            interval = dt.timedelta(minutes=_policy(db).backup.auto_interval_minutes)
            if now - newest.created < interval:
                return None
        if newest is not None and newest.fingerprint and newest.fingerprint == fingerprint(db.path):
            return None
        path = _write_local(db, reason=reason, now=now)
        thin_local_backups(db, now=now)
        sweep_leftovers(db.path)
        return path


def sweep_leftovers(db_path: Path, *, older_than_hours: float = 24) -> list[str]:
    """Remove temporary files a killed backup left in ``backups/`` (never a listed backup, never a fresh one that
    another backup may still be writing)."""
    import time

    folder = paths.backups_dir(db_path)
    cutoff = time.time() - older_than_hours * 3600
    gone = []
    for p in folder.iterdir():
        if p.is_file() and (p.name.startswith(".work-") or p.name.endswith((".tmp", ".tmp-journal"))) \
                and p.stat().st_mtime < cutoff:
            try:
                p.unlink()
                gone.append(p.name)
            except OSError:
                pass
    return gone


def read_manifest_sorted(db_path: Path) -> list[ManifestEntry]:
    folder = paths.backups_dir(db_path)
    entries = [e for e in read_manifest(folder) if (folder / e.file).is_file()]
    return sorted(entries, key=lambda e: e.created_at, reverse=True)


def backup_before(db, reason: str) -> Path:
    """A verified local backup holding the current data, taken before month close, restore, import or migration.
    Returns the new backup, or the newest existing one when the data has not changed since it."""
    path = auto_backup_if_due(db, force=True, reason=reason)
    if path is not None:
        return path
    newest = read_manifest_sorted(db.path)[0]
    return paths.backups_dir(db.path) / newest.file


def thin_local_backups(db, *, now: dt.datetime | None = None) -> list[str]:
    """Delete the automatic backups the thinning rule lets go (paused while a restore awaits confirmation).
    Safety copies taken before a restore are kept apart: the newest ``SAFETY_KEEP`` stay."""
    if restore_pending(db.path):
        return []
    now = now or clock.now()
    folder = paths.backups_dir(db.path)
    entries = read_manifest(folder)
    rule = ThinningRule.from_policy(_policy(db).backup)
    normal = [(e.file, e.created) for e in entries if e.reason != "restore"]
    safety = sorted((e for e in entries if e.reason == "restore"), key=lambda e: e.created_at, reverse=True)
    doomed = backups_to_delete(normal, now, rule) | {e.file for e in safety[SAFETY_KEEP:]}
    if not doomed:
        return []
    update_manifest(folder, remove=doomed)  # unlisted first: a crash in between leaves a stray file, not a lie
    for name in doomed:
        (folder / name).unlink(missing_ok=True)
    return sorted(doomed)


# -- month-end backup to a USB stick or any folder --------------------------------------------------------------------
def covered_month(day: dt.date) -> str:
    """The month a month-end backup taken on ``day`` closes: the current month on its last day, else the previous
    month."""
    if (day + dt.timedelta(days=1)).month != day.month:
        return clock.month_key(day)
    return clock.month_key(day.replace(day=1) - dt.timedelta(days=1))


def usb_backup_due(db_path, today: dt.date | None = None) -> str | None:
    """The month (``YYYY-MM``) whose month-end USB backup is still missing, from the last day of that month on;
    None when it exists (the reminder in the status bar and the backup tab)."""
    today = today or clock.today()
    month = covered_month(today)
    for r in external_backups(Path(db_path)):
        if r.get("month", "") >= month:
            return None
    return month


def usb_reminder_text(db_path, today: dt.date | None = None) -> str | None:
    """The month-end reminder as one Chinese sentence for the status bar, or None."""
    from station_desk.messages import render

    month = usb_backup_due(db_path, today)
    return render("backup.usb_reminder", {"month": month}) if month else None


def _safe_folder_name(text: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .")
    return cleaned or "station"


def month_folder(base: Path, station: str, month: str) -> Path:
    return Path(base) / USB_ROOT / _safe_folder_name(station) / month


def set_passphrase(db, *, actor: Actor, approval: ManagerApproval | None, passphrase: str,
                   repeat: str | None = None) -> None:
    """The manager sets (or changes) the backup passphrase. Only a scrypt verifier is stored, beside the backups;
    a lost passphrase means the backups sealed with it cannot be opened by anyone."""
    from station_desk.audit import service as audit
    from station_desk.staff import auth

    if repeat is not None and repeat != passphrase:
        raise DomainError("backup.passphrase_repeat_mismatch")
    crypto.check_passphrase_strength(passphrase)
    approver = auth.require_manager(db, approval, "设置备份密码")
    verifier = crypto.make_verifier(passphrase)
    at = clock.now()

    def put(state: dict) -> None:
        state["passphrase"] = {"verifier": verifier, "set_at": at.isoformat(), "set_by": approver.name}

    _update_state(db.path, put)
    with db.session() as s:
        audit.record(s, actor=actor, action="backup.set_passphrase", entity="backup", entity_id="passphrase",
                     after={"set_by": approver.name}, reason="设置备份密码")


def passphrase_info(db_path) -> dict | None:
    """``{"set_at", "set_by"}`` when a backup passphrase is set."""
    p = read_state(Path(db_path)).get("passphrase")
    return {"set_at": p.get("set_at"), "set_by": p.get("set_by")} if p else None


def check_passphrase(db_path, passphrase: str) -> None:
    """Refuse a passphrase that differs from the one the manager set (a typo would seal a backup nobody opens)."""
    p = read_state(Path(db_path)).get("passphrase")
    if p and not crypto.verifier_matches(passphrase, p["verifier"]):
        raise DomainError("backup.passphrase_mismatch")
    if not p:
        crypto.check_passphrase_strength(passphrase)


def backup_to_folder(db, *, actor: Actor, folder: Path, passphrase: str | None = None, removable: bool = False,
                     progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                     now: dt.datetime | None = None, flat: bool = False) -> BackupInfo:
    """Month-end backup into ``folder/StationDesk备份/<station>/<YYYY-MM>/`` (``flat``: into ``folder`` itself).
    Encrypted when ``passphrase`` is given (checked against the manager's passphrase if one is set). The copy is
    read back from the target and compared with the written hash (always for ``removable``; a folder is read
    back too, cheaply). Logged for the month-end reminder and in the audit log (the data left the PC)."""
    from station_desk.audit import service as audit

    now = now or clock.now()
    base = Path(folder).absolute()
    if not base.is_dir():
        raise DomainError("backup.target_not_folder", folder=str(base))
    local = paths.backups_dir(db.path)
    if base.resolve() == local.resolve() or base.resolve() == Path(db.path).resolve().parent:
        raise DomainError("backup.target_inside_data", folder=str(base))
    if passphrase:
        check_passphrase(db.path, passphrase)
    pol = _policy(db)
    month = covered_month(now.date())
    # the folder is named by the month the copy was taken in; the reminder counts it for ``month`` (covered_month)
    target = base if flat else month_folder(base, pol.station.name, clock.month_key(now.date()))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError("backup.write_failed", detail=str(exc.strerror or exc)) from None
    path, entry = write_backup(db.path, target, kind="usb" if removable else "folder",
                               reason="usb" if removable else "folder", work_dir=local, passphrase=passphrase,
                               read_back=True, station=pol.station.name, progress=progress, cancelled=cancelled,
                               now=now)
    record = {"at": entry.created_at, "path": str(path), "month": month, "size": entry.size,
              "encrypted": entry.encrypted, "sha256": entry.sha256, "verified": True, "reason": entry.reason,
              "by": actor.name}

    def log(state: dict) -> None:
        state["external"] = ([record] + list(state.get("external", [])))[:200]

    _update_state(db.path, log)
    with db.session() as s:
        audit.record(s, actor=actor, action="backup.external", entity="backup", entity_id=entry.sha256[:16],
                     after={"path": str(path), "encrypted": entry.encrypted, "size": entry.size, "month": month})
    return _info(target, entry, "usb")


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


# restore functions are part of this service's API
from station_desk.backup.restore import (  # noqa: E402
    BackupContents, RestoreResult, confirm_restored_data, inspect_backup, newest_good_backup, recover_from_backup,
    restore_backup, undo_restore, verify_backup)

__all__ = [
    "BackupInfo", "BackupFolderStatus", "BackupContents", "RestoreResult", "auto_backup_if_due", "backup_before",
    "backup_to_folder", "confirm_restored_data", "covered_month", "external_backups", "folder_backups",
    "folder_status", "inspect_backup", "recovery_available", "reopen_after_restore", "last_backup_info", "local_backups", "newest_good_backup",
    "passphrase_info", "recover_from_backup", "restore_backup", "restore_pending", "set_passphrase",
    "thin_local_backups", "undo_restore", "usb_backup_due", "usb_reminder_text", "verify_backup",
]
