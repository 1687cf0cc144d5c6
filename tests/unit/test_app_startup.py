"""Start-up with a missing data file: the program offers the newest good backup instead of silently starting an
empty station (issue 8's "delete the data file, start the program, be offered the restore")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from station_desk import app
from station_desk.actor import ManagerApproval
from station_desk.backup import dialogs_recovery
from station_desk.backup import service as backup
from station_desk.staff import service as staff
from tests.conftest import MANAGER_PIN

pytestmark = pytest.mark.sqlite_only  # a missing or damaged station *file* (a server database has no file here)


def _station_with_a_backup(db, manager) -> Path:
    actor, approval = manager
    staff.add_staff(db, actor=actor, approval=approval, emp_no="J01", name="马宇航", role="technician",
                    hire_date=dt.date(2024, 1, 1))
    backup.auto_backup_if_due(db, force=True, reason="manual")
    path = db.path
    db.close()
    return path


def test_missing_file_is_offered_the_newest_backup(db, manager, monkeypatch):
    actor, _ = manager
    path = _station_with_a_backup(db, manager)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    offered = {}

    def fake_offer(parent, db_path, message):
        # the manager picks the newest good backup in the dialog and types the PIN
        offered["message"] = message
        newest = backup.newest_good_backup(db_path)
        backup.recover_from_backup(db_path, path=newest.path, approval=ManagerApproval(actor.staff_id, MANAGER_PIN))
        return True

    monkeypatch.setattr(dialogs_recovery, "offer_recovery", fake_offer)
    reopened, lock = app.open_station(path)
    try:
        assert "找不到数据文件" in offered["message"]
        assert "马宇航" in [r.name for r in staff.list_staff(reopened)]
    finally:
        reopened.close()
        lock.release()


def test_new_station_without_backups_starts_empty_without_asking(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    monkeypatch.setattr(dialogs_recovery, "offer_recovery", lambda *a: (_ for _ in ()).throw(AssertionError("asked")))
    db, lock = app.open_station(tmp_path / "fresh.db")
    try:
        assert not staff.has_any_staff(db)
    finally:
        db.close()
        lock.release()
