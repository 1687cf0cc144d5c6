"""Restore: every check refuses a bad backup with its own message and leaves the live data as it was; a good one
replaces the data atomically after a safety copy, can be undone, and pauses thinning until confirmed."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3

import pytest

from station_desk import paths
from station_desk.actor import SYSTEM, ManagerApproval
from station_desk.backup import service as bs
from station_desk.backup.manifest import ManifestEntry, read_manifest, sha256_of, update_manifest
from station_desk.db.engine import Database
from station_desk.errors import DomainError

from .conftest import change, table_dump

T0 = dt.datetime(2026, 11, 30, 18, 0)
PASS = "站里月末备份口令要长一点"


@pytest.fixture
def station(db, manager, usb, fake_now):
    """A station with a plain and an encrypted month-end backup, then more data entered after them."""
    fake_now(T0)
    change(db, 5, note="before backup")
    plain = bs.backup_to_folder(db, actor=manager[0], folder=usb, flat=True)
    fake_now(T0 + dt.timedelta(seconds=1))
    at_backup = table_dump(db.path)  # what the encrypted backup holds
    sealed = bs.backup_to_folder(db, actor=manager[0], folder=usb, passphrase=PASS, flat=True)
    fake_now(T0 + dt.timedelta(minutes=5))
    change(db, 3, note="after backup")
    return {"plain": plain.path, "sealed": sealed.path, "at_backup": at_backup}


def refused(db, manager, path, passphrase=None) -> DomainError:
    before = table_dump(db.path)
    with pytest.raises(DomainError) as e:
        bs.restore_backup(db, actor=manager[0], approval=manager[1], path=path, passphrase=passphrase)
    assert table_dump(db.path) == before, "live data changed by a refused restore"
    assert not list(db.path.parent.glob("*.restore-tmp*"))
    return e.value


def copy_set(src_path, dest_dir):
    """Copy a backup with its folder's manifest (as if copied to another stick)."""
    dest_dir.mkdir(exist_ok=True)
    src = os.path.dirname(src_path)
    shutil.copy(os.path.join(src, "manifest.json"), dest_dir / "manifest.json")
    return shutil.copy(src_path, dest_dir / os.path.basename(src_path))


def test_each_bad_backup_refused_with_its_own_message(db, manager, station, tmp_path):
    messages = {}
    # truncated
    cut = copy_set(station["plain"], tmp_path / "cut")
    with open(cut, "r+b") as fh:
        fh.truncate(os.path.getsize(cut) // 2)
    messages["truncated"] = refused(db, manager, cut)
    # random file, not listed in any manifest
    rnd = tmp_path / "random.sqlite"
    rnd.write_bytes(random.Random(1).randbytes(50_000))
    messages["random"] = refused(db, manager, rnd)
    # random file listed with a matching hash (a forged manifest): still not a database
    forged = tmp_path / "forged"
    forged.mkdir()
    fake = forged / "备份-20261130-180000-U盘-未加密.sqlite"
    fake.write_bytes(random.Random(2).randbytes(50_000))
    update_manifest(forged, add=ManifestEntry(file=fake.name, size=50_000, sha256=sha256_of(fake),
                                              created_at=T0.isoformat(), kind="usb"))
    messages["forged"] = refused(db, manager, fake)
    # one byte changed
    flipped = copy_set(station["plain"], tmp_path / "flip")
    with open(flipped, "r+b") as fh:
        fh.seek(5000)
        b = fh.read(1)
        fh.seek(5000)
        fh.write(bytes([b[0] ^ 0xFF]))
    messages["checksum"] = refused(db, manager, flipped)
    # wrong passphrase, and none
    messages["wrong_pass"] = refused(db, manager, station["sealed"], passphrase="not the one")
    messages["no_pass"] = refused(db, manager, station["sealed"])
    # newer schema
    newer = tmp_path / "newer"
    newer.mkdir()
    future = newer / "备份-20261130-180000-U盘-未加密.sqlite"
    shutil.copy(station["plain"], future)
    conn = sqlite3.connect(future)
    conn.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version VALUES ('f00dfeed9999')")
    conn.commit()
    conn.close()
    update_manifest(newer, add=ManifestEntry(file=future.name, size=future.stat().st_size,
                                             sha256=sha256_of(future), created_at=T0.isoformat(), kind="usb"))
    messages["newer"] = refused(db, manager, future)
    codes = {k: v.code for k, v in messages.items()}
    assert codes == {"truncated": "backup.truncated", "random": "backup.not_in_manifest",
                     "forged": "backup.not_a_database", "checksum": "backup.checksum_mismatch",
                     "wrong_pass": "backup.wrong_passphrase", "no_pass": "backup.passphrase_required",
                     "newer": "backup.newer_schema"}
    texts = [v.message for v in messages.values()]
    assert len(set(texts)) == len(texts)
    print()
    for k, v in messages.items():
        print(f"  refused {k:10s}: {v.message}")
    assert "f00dfeed9999" in messages["newer"].message
    # and none of them left the thinning paused or a safety copy behind
    assert bs.restore_pending(db.path) is None


def test_wrong_pin_refuses_restore(db, manager, station):
    before = table_dump(db.path)
    with pytest.raises(DomainError) as e:
        bs.restore_backup(db, actor=manager[0], approval=ManagerApproval(manager[1].staff_id, "0000"),
                          path=station["plain"])
    assert e.value.code == "auth.wrong_pin"
    after = table_dump(db.path)
    # the wrong PIN is counted on the staff row, and the row log records that row (audit.rows); nothing else moves
    for dump in (before, after):
        dump["audit_log"] = [r for r in dump["audit_log"] if r[4] != "audit.rows"]
    assert {k: v for k, v in after.items() if k != "staff"} == {k: v for k, v in before.items() if k != "staff"}
    assert bs.restore_pending(db.path) is None


def test_restore_replaces_data_keeps_safety_copy_and_can_be_undone(db, manager, station, fake_now):
    after_backup = table_dump(db.path)
    fake_now(T0 + dt.timedelta(minutes=10))
    result = bs.restore_backup(db, actor=manager[0], approval=manager[1], path=station["sealed"], passphrase=PASS)
    assert result.contents.row_counts["audit_log"] == len(station["at_backup"]["audit_log"])
    restored = table_dump(db.path)
    # every table as it was at backup time, plus the restore's own audit row
    for name, rows in station["at_backup"].items():
        if name != "audit_log":
            assert restored[name] == rows, name
    assert restored["audit_log"][: len(station["at_backup"]["audit_log"])] == station["at_backup"]["audit_log"]
    assert [r[4] for r in restored["audit_log"][len(station["at_backup"]["audit_log"]):]] == ["backup.restore"]
    # the safety copy holds the data entered after the backup
    safety = table_dump(result.safety_copy)
    assert safety == after_backup
    assert not os.path.exists(str(db.path) + ".restore-tmp")
    # thinning paused until confirmed
    pending = bs.restore_pending(db.path)
    assert pending["safety_copy"] == result.safety_copy
    reopened = Database(db.path)
    try:
        assert bs.thin_local_backups(reopened, now=T0 + dt.timedelta(days=400)) == []
        fake_now(T0 + dt.timedelta(minutes=20))
        undo = bs.undo_restore(reopened, actor=manager[0], approval=manager[1])
    finally:
        reopened.close()
    assert undo.restored_from == result.safety_copy
    back = table_dump(db.path)
    assert back["customer"] == after_backup["customer"]
    assert back["audit_log"][: len(after_backup["audit_log"])] == after_backup["audit_log"]
    assert bs.restore_pending(db.path) is None


def test_confirm_restored_data_resumes_thinning(db, manager, station, fake_now):
    bs.restore_backup(db, actor=manager[0], approval=manager[1], path=station["plain"])
    live = Database(db.path)
    try:
        with pytest.raises(DomainError):
            bs.confirm_restored_data(live, actor=manager[0], approval=None)
        assert bs.restore_pending(db.path) is not None
        bs.confirm_restored_data(live, actor=manager[0], approval=manager[1])
        assert bs.restore_pending(db.path) is None
        with pytest.raises(DomainError) as e:
            bs.undo_restore(live, actor=manager[0], approval=manager[1])
        assert e.value.code == "backup.no_restore_pending"
    finally:
        live.close()


def test_damaged_live_file_is_moved_aside_untouched_and_recovered(db, manager, station, fake_now, tmp_path):
    # Given an automatic local backup and then a live file that is garbage
    fake_now(T0 + dt.timedelta(hours=1))
    local = bs.auto_backup_if_due(db)
    expected = table_dump(local)
    db.close()
    garbage = random.Random(3).randbytes(8192)
    db.path.write_bytes(b"SQLite format 3\x00" + garbage)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(db.path) + suffix):
            os.remove(str(db.path) + suffix)
    newest = bs.newest_good_backup(db.path)
    assert newest.path == str(local)
    # When a wrong PIN is given nothing happens
    with pytest.raises(DomainError):
        bs.recover_from_backup(db.path, path=newest.path, approval=ManagerApproval(manager[1].staff_id, "9999"))
    assert db.path.read_bytes() == b"SQLite format 3\x00" + garbage
    # Then with the manager's PIN (checked against the backup's staff) the backup takes its place
    result = bs.recover_from_backup(db.path, path=newest.path, approval=manager[1])
    assert open(result.safety_copy, "rb").read() == b"SQLite format 3\x00" + garbage  # moved aside, unchanged
    restored = table_dump(db.path)
    assert restored["customer"] == expected["customer"] and restored["staff"] == expected["staff"]
    assert bs.restore_pending(db.path)["safety_is_damaged_file"] is True


def test_missing_live_file_recovered_from_encrypted_usb_backup(db, manager, station, fake_now):
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(str(db.path) + suffix):
            os.remove(str(db.path) + suffix)
    contents = bs.inspect_backup(db.path, station["sealed"], passphrase=PASS)
    assert contents.managers == [(manager[0].staff_id, manager[0].name, "M001")]
    assert contents.encrypted and contents.row_counts["audit_log"] == 1 + 1 + 5 + 1
    # manager and its row record (audit.rows), 5 changes (audit rows only), 1 backup
    bs.recover_from_backup(db.path, path=station["sealed"], passphrase=PASS, approval=manager[1])
    restored = table_dump(db.path)
    assert restored["staff"] == station["at_backup"]["staff"]


def test_verify_backup_reports_contents(station):
    c = bs.verify_backup(station["plain"])
    assert c.row_counts["staff"] == 1 and c.last_entry_at.startswith("2026-11-30")
    assert not c.encrypted and c.size == os.path.getsize(station["plain"])


def test_restore_refused_while_another_connection_holds_the_file(db, manager, station, monkeypatch):
    """If the live file cannot be taken over (another program still has it open), nothing is replaced."""
    import station_desk.backup.restore as restore_mod

    def busy(path):
        if path == db.path:
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    real = restore_mod._settle
    monkeypatch.setattr(restore_mod, "_settle", busy)
    before = table_dump(db.path)
    with pytest.raises(DomainError) as e:
        bs.restore_backup(db, actor=manager[0], approval=manager[1], path=station["plain"])
    assert e.value.code == "backup.restore_failed" and "原数据文件保持不变" in e.value.message
    after = table_dump(db.path)
    assert {k: v for k, v in after.items() if k != "staff"} == {k: v for k, v in before.items() if k != "staff"}
    assert not list(db.path.parent.glob("*.restore-tmp*")) and bs.restore_pending(db.path) is None
