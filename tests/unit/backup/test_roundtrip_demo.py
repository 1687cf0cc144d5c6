"""Round trip: the demo station → backup (plain and encrypted) → restore into a fresh data folder → every table
equal. Then the "done when" story: the data file is deleted and recovered from the encrypted stick."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time

import pytest

from station_desk.actor import SYSTEM, ManagerApproval
from station_desk.backup import service as bs
from station_desk.db.migrate import open_database
from station_desk.demo import DEMO_PIN, build_demo

from .conftest import table_dump

TODAY = dt.date(2026, 11, 30)
PASS = "古五 month-end 2026"


@pytest.fixture(scope="module")
def demo_station(tmp_path_factory):
    from station_desk import clock

    folder = tmp_path_factory.mktemp("demo")
    with clock.fake_time(dt.datetime(2026, 11, 30, 17, 30)):
        path = build_demo(folder / "station.db", n_customers=60, months=1, today=TODAY)
    return path


def _manager_approval(db) -> ManagerApproval:
    from station_desk.staff import service as staff

    row = next(r for r in staff.list_staff(db) if r.role == "manager")
    return ManagerApproval(row.id, DEMO_PIN)


def test_demo_round_trip_plain_and_encrypted(demo_station, tmp_path, fake_now, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    fake_now(dt.datetime(2026, 11, 30, 18, 0))
    live = tmp_path / "live" / "station.db"
    live.parent.mkdir()
    shutil.copyfile(demo_station, live)
    db = open_database(live)
    stick = tmp_path / "stick"
    stick.mkdir()
    t0 = time.perf_counter()
    plain = bs.backup_to_folder(db, actor=SYSTEM, folder=stick)
    t1 = time.perf_counter()
    fake_now(dt.datetime(2026, 11, 30, 18, 1))
    sealed = bs.backup_to_folder(db, actor=SYSTEM, folder=stick, passphrase=PASS, removable=True)
    t2 = time.perf_counter()
    db.close()
    expected = table_dump(live)
    rows = sum(len(v) for v in expected.values())
    for label, info, passphrase in (("plain", plain, None), ("encrypted", sealed, PASS)):
        # a fresh data folder on another PC: nothing there yet
        fresh = tmp_path / f"fresh-{label}" / "station.db"
        fresh.parent.mkdir()
        result = bs.recover_from_backup(fresh, path=info.path, passphrase=passphrase,
                                        approval=_manager_approval_from(info.path, passphrase))
        restored = table_dump(fresh)
        assert set(restored) == set(expected)
        for name in expected:
            if name != "audit_log":
                assert restored[name] == expected[name], (label, name)
        # the audit log: everything up to the backup, then the restore's own entry
        audit_at_backup = result.contents.row_counts["audit_log"]
        assert restored["audit_log"][:audit_at_backup] == expected["audit_log"][:audit_at_backup]
        assert restored["audit_log"][audit_at_backup][4] == "backup.restore"
        reopened = open_database(fresh)
        try:
            assert reopened.integrity_check() == "ok"
            from station_desk.audit.service import verify_chain

            assert verify_chain(reopened) is None
        finally:
            reopened.close()
    print(f"\nround trip: demo station {rows} rows in {len(expected)} tables; backup plain {t1 - t0:.2f} s, "
          f"encrypted {t2 - t1:.2f} s; both restored into fresh folders with every table equal")


def _manager_approval_from(path, passphrase) -> ManagerApproval:
    contents = bs.verify_backup(path, passphrase=passphrase)
    sid = contents.managers[0][0]
    return ManagerApproval(sid, DEMO_PIN)


def test_done_when_story_data_file_deleted_and_recovered_from_stick(demo_station, tmp_path, fake_now,
                                                                     monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    fake_now(dt.datetime(2026, 11, 30, 18, 0))
    live = tmp_path / "data" / "station.db"
    live.parent.mkdir()
    shutil.copyfile(demo_station, live)
    db = open_database(live)
    stick = tmp_path / "stick"
    stick.mkdir()
    sealed = bs.backup_to_folder(db, actor=SYSTEM, folder=stick, passphrase=PASS, removable=True)
    db.close()
    before = table_dump(live)
    # the manager deletes the data file (and the local backups are gone too)
    for p in list(live.parent.iterdir()):
        if p.is_file():
            os.remove(p)
        else:
            shutil.rmtree(p)
    assert not bs.recovery_available(live)
    result = bs.recover_from_backup(live, path=sealed.path, passphrase=PASS,
                                    approval=_manager_approval_from(sealed.path, PASS))
    after = table_dump(live)
    for name, rows in before.items():
        if name == "audit_log":
            assert after[name][: len(rows) - 1] == rows[:-1]  # the backup's own log entry came after the copy
        else:
            assert after[name] == rows, name
    assert result.safety_copy is None  # nothing to move aside: the file was gone
    db = open_database(live)
    try:
        assert db.integrity_check() == "ok"
    finally:
        db.close()
