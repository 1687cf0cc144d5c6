"""Month-end backups to a USB stick or any folder (SPEC §10), the backup passphrase and the month-end reminder."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from station_desk import clock, paths
from station_desk.actor import Actor, ManagerApproval
from station_desk.backup import crypto
from station_desk.policy.service import policy_or_defaults as _policy
from station_desk.backup.listing import BackupInfo, _info
from station_desk.backup.state import external_backups, read_state, update_state
from station_desk.backup.writer import Progress, write_backup
from station_desk.errors import DomainError
from station_desk.month import Month

USB_ROOT = "StationDesk备份"


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
    for r in external_backups(db_path):
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


def month_folder(base: Path, station: str, month: Month | str) -> Path:
    return Path(base) / USB_ROOT / _safe_folder_name(station) / Month.parse(month).key


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

    update_state(db.address, put)
    with db.session() as s:
        audit.record(s, actor=actor, action="backup.set_passphrase", entity="backup", entity_id="passphrase",
                     after={"set_by": approver.name}, reason="设置备份密码")


def passphrase_info(db_path) -> dict | None:
    """``{"set_at", "set_by"}`` when a backup passphrase is set."""
    p = read_state(db_path).get("passphrase")
    return {"set_at": p.get("set_at"), "set_by": p.get("set_by")} if p else None


def check_passphrase(db_path, passphrase: str) -> None:
    """Refuse a passphrase that differs from the one the manager set (a typo would seal a backup nobody opens)."""
    p = read_state(db_path).get("passphrase")
    if p and not crypto.verifier_matches(passphrase, p["verifier"]):
        raise DomainError("backup.passphrase_mismatch")
    if not p:
        crypto.check_passphrase_strength(passphrase)
    elif not crypto.verifier_is_current(p["verifier"]):
        # made with earlier parameters (N=2^14: 16 MiB at every check): re-made at today's, same passphrase
        verifier = crypto.remake_verifier(passphrase)

        def put(state: dict) -> None:
            if state.get("passphrase", {}).get("verifier") == p["verifier"]:
                state["passphrase"] = {**state["passphrase"], "verifier": verifier}

        update_state(db_path, put)


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
    local = paths.backups_dir(db.address)
    beside_file = db.path is not None and base.resolve() == Path(db.path).resolve().parent
    if base.resolve() == local.resolve() or beside_file:
        raise DomainError("backup.target_inside_data", folder=str(base))
    if passphrase:
        check_passphrase(db.address, passphrase)
    pol = _policy(db)
    month = covered_month(now.date())
    # the folder is named by the month the copy was taken in; the reminder counts it for ``month`` (covered_month)
    target = base if flat else month_folder(base, pol.station.name, Month.of(now.date()))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError("backup.write_failed", detail=str(exc.strerror or exc)) from None
    if db.dialect.is_server:  # pg_dump, verified by a restore into a scratch database (backup.pg)
        from station_desk.backup.pg import write_pg_backup

        path, entry = write_pg_backup(db, target, kind="usb" if removable else "folder",
                                      reason="usb" if removable else "folder", station=pol.station.name,
                                      passphrase=passphrase, now=now)
    else:
        path, entry = write_backup(db.path, target, kind="usb" if removable else "folder",
                                   reason="usb" if removable else "folder", work_dir=local, passphrase=passphrase,
                                   read_back=True, station=pol.station.name, progress=progress,
                                   cancelled=cancelled, now=now, raw=True)
    record = {"at": entry.created_at, "path": str(path), "month": month, "size": entry.size,
              "encrypted": entry.encrypted, "sha256": entry.sha256, "verified": True, "reason": entry.reason,
              "by": actor.name, "chain": entry.chain}

    def log(state: dict) -> None:
        state["external"] = ([record] + list(state.get("external", [])))[:200]

    update_state(db.address, log)
    with db.session() as s:
        audit.record(s, actor=actor, action="backup.external", entity="backup", entity_id=entry.sha256[:16],
                     after={"path": str(path), "encrypted": entry.encrypted, "size": entry.size, "month": month})
    return _info(target, entry, "usb")

