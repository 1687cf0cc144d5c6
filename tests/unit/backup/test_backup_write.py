"""The write path of every backup: verified, named, listed; never an identical copy; interrupted writes leave no
file with a final name and the live database untouched."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil

import pytest

from station_desk import paths
from station_desk.actor import SYSTEM
from station_desk.backup import raw_copy
from station_desk.backup import service as bs
from station_desk.backup import writer
from station_desk.backup.manifest import read_manifest, sha256_of
from station_desk.errors import DomainError

from .conftest import change, table_dump

T0 = dt.datetime(2026, 11, 23, 9, 0)


def live_digest(db) -> str:
    db.engine.dispose()
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def final_files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and p.suffix in (".sqlite", ".sdbk"))


def test_local_backup_is_verified_listed_and_says_unencrypted(db, fake_now):
    fake_now(T0)
    change(db, 3)
    path = bs.auto_backup_if_due(db)
    assert path is not None and path.parent == paths.backups_dir(db.path)
    assert "未加密" in path.name and path.suffix == ".sqlite"
    [entry] = read_manifest(path.parent)
    assert entry.file == path.name and entry.size == path.stat().st_size
    assert entry.sha256 == sha256_of(path) and entry.encrypted is False
    assert entry.row_counts["audit_log"] == 3
    assert entry.check == "quick_check"  # the frequent automatic ones; the others get the full check
    assert table_dump(path) == table_dump(db.path)
    change(db)
    before_close = bs.backup_before(db, "month_close")
    assert read_manifest(path.parent)[-1].file == before_close.name
    assert read_manifest(path.parent)[-1].check == "integrity_check"
    assert not list(path.parent.glob("*.tmp"))


def test_never_an_identical_copy_and_interval_respected(db, fake_now):
    fake_now(T0)
    change(db)
    assert bs.auto_backup_if_due(db) is not None
    fake_now(T0 + dt.timedelta(hours=2))
    assert bs.auto_backup_if_due(db) is None  # nothing changed
    assert bs.auto_backup_if_due(db, force=True, reason="exit") is None  # not even on exit
    change(db)
    fake_now(T0 + dt.timedelta(hours=2, minutes=10))
    assert bs.auto_backup_if_due(db) is not None  # changed and 30 min passed
    change(db)
    fake_now(T0 + dt.timedelta(hours=2, minutes=20))
    assert bs.auto_backup_if_due(db) is None  # changed but only 10 minutes
    assert "退出时" in bs.auto_backup_if_due(db, reason="exit").name  # on exit the interval does not apply
    change(db)
    assert bs.auto_backup_if_due(db, force=True, reason="month_close").name.count("月结前") == 1
    assert len(bs.local_backups(db.path)) == 4


def test_backup_before_returns_a_backup_holding_current_data(db, fake_now):
    fake_now(T0)
    change(db)
    first = bs.backup_before(db, "import")
    fake_now(T0 + dt.timedelta(minutes=1))
    assert bs.backup_before(db, "import") == first  # unchanged: the existing one holds the data
    assert "导入前" in first.name


def test_thinning_runs_after_auto_backup_and_pauses_while_restore_pending(db, fake_now, monkeypatch):
    from station_desk.backup.thinning import ThinningRule

    monkeypatch.setattr(ThinningRule, "from_policy", classmethod(lambda cls, p: cls(2, 5, 2, 1)))
    start = T0 - dt.timedelta(days=24)
    for day in range(24):
        fake_now(start + dt.timedelta(days=day))
        change(db)
        assert bs.auto_backup_if_due(db) is not None
    kept = bs.local_backups(db.path)
    now = start + dt.timedelta(days=23)
    ages = sorted((now - b.created_at).days for b in kept)
    # the last 2 days (3 backups: 0, 1, 2 days old), 5 daily, then 2 weekly and 1 monthly further back
    assert ages == [0, 1, 2, 3, 4, 5, 6, 7, 14, 21]
    on_disk = final_files(paths.backups_dir(db.path))
    assert on_disk == sorted(os.path.basename(b.path) for b in kept)
    # a restore awaiting confirmation pauses thinning
    bs._update_state(db.path, lambda s: s.__setitem__("restore_pending", {"source": "x"}))
    for day in range(24, 30):
        fake_now(start + dt.timedelta(days=day))
        change(db)
        bs.auto_backup_if_due(db)
    assert len(bs.local_backups(db.path)) == len(kept) + 6


def test_month_end_backup_to_usb_encrypted_no_plaintext_on_stick(db, usb, fake_now):
    fake_now(dt.datetime(2026, 11, 30, 17, 0))
    change(db, 2, note="13800001111")
    assert bs.usb_backup_due(db.path) == "2026-11"
    info = bs.backup_to_folder(db, actor=SYSTEM, folder=usb, passphrase="站里月末备份口令要长一点", removable=True)
    assert info.encrypted and "加密" in info.path and "未加密" not in info.path
    folder = usb / "StationDesk备份" / "古五服务中心" / "2026-11"
    assert [p.name for p in folder.iterdir() if p.suffix == ".sdbk"] == [os.path.basename(info.path)]
    for p in usb.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            assert b"SQLite format 3" not in data and "13800001111".encode() not in data
    [entry] = read_manifest(folder)
    assert entry.read_back and entry.encrypted
    assert bs.usb_backup_due(db.path) is None
    last = bs.last_backup_info(db.path)
    assert last.kind == "usb" and last.verified
    fake_now(dt.datetime(2026, 12, 30, 9, 0))
    assert bs.usb_backup_due(db.path) is None  # December's is due from the 31st
    fake_now(dt.datetime(2026, 12, 31, 9, 0))
    assert bs.usb_backup_due(db.path) == "2026-12"


def test_passphrase_set_by_manager_is_enforced(db, manager, usb, fake_now):
    actor, approval = manager
    fake_now(T0)
    bs.set_passphrase(db, actor=actor, approval=approval, passphrase="correct horse", repeat="correct horse")
    assert bs.passphrase_info(db.path)["set_by"] == actor.name
    state = json.loads((paths.backups_dir(db.path) / "state.json").read_text())
    assert "correct horse" not in json.dumps(state)
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=actor, folder=usb, passphrase="correct h0rse")
    assert e.value.code == "backup.passphrase_mismatch"
    assert final_files(usb) == []
    with pytest.raises(DomainError) as e:
        bs.set_passphrase(db, actor=actor, approval=None, passphrase="another one entirely")
    assert e.value.code == "auth.permission_denied"


def test_a_verifier_of_earlier_parameters_is_remade_at_the_next_right_passphrase(db, manager, usb, fake_now,
                                                                                monkeypatch):
    """A passphrase set with earlier scrypt parameters (N=2^14: 16 MiB at every month-end check) opens, and its
    check is re-made at today's (a wrong passphrase changes nothing)."""
    from station_desk.backup import crypto

    actor, approval = manager
    fake_now(T0)
    monkeypatch.setattr(crypto, "SCRYPT_P", 2)  # "earlier" parameters
    bs.set_passphrase(db, actor=actor, approval=approval, passphrase="correct horse", repeat="correct horse")
    monkeypatch.setattr(crypto, "SCRYPT_P", 3)  # today's
    old = read_state_verifier(db)
    assert not crypto.verifier_is_current(old)
    with pytest.raises(DomainError):
        bs.backup_to_folder(db, actor=actor, folder=usb, passphrase="correct h0rse")
    assert read_state_verifier(db) == old
    bs.backup_to_folder(db, actor=actor, folder=usb, passphrase="correct horse")
    new = read_state_verifier(db)
    assert new != old and crypto.verifier_is_current(new) and crypto.verifier_matches("correct horse", new)
    assert bs.passphrase_info(db.path)["set_by"] == actor.name  # who set it stays


def read_state_verifier(db) -> str:
    return json.loads((paths.backups_dir(db.path) / "state.json").read_text())["passphrase"]["verifier"]


def test_plain_usb_backup_says_so_in_its_name(db, usb, fake_now):
    fake_now(T0)
    info = bs.backup_to_folder(db, actor=SYSTEM, folder=usb)
    assert "未加密" in info.path and info.path.endswith(".sqlite")


def test_target_inside_data_folder_refused(db, fake_now):
    fake_now(T0)
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=db.path.parent)
    assert e.value.code == "backup.target_inside_data"


# -- interrupted backups ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encrypted", [False, True])
@pytest.mark.parametrize("fail_after", [0, 1, 3])
def test_enospc_mid_write_leaves_no_final_file(db, usb, fake_now, monkeypatch, encrypted, fail_after):
    fake_now(T0)
    change(db, 200, note="x" * 500)
    before = live_digest(db)
    calls = {"n": 0}
    real = writer._HashingWriter.write

    def full(self, data):
        calls["n"] += 1
        if calls["n"] > fail_after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(writer._HashingWriter, "write", full)
    monkeypatch.setattr("station_desk.backup.crypto.CHUNK", 4096)
    monkeypatch.setattr(writer, "COPY_CHUNK", 4096)
    monkeypatch.setattr(raw_copy, "COPY_CHUNK", 4096)  # a USB backup is a one-pass copy
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, passphrase="Secret-Harbour-123" if encrypted else None)
    assert e.value.code == "backup.no_space"
    assert final_files(usb) == [] and not [p for p in usb.rglob("*.tmp")]
    assert live_digest(db) == before
    assert not list(paths.backups_dir(db.path).glob(".work-*"))
    assert bs.usb_backup_due(db.path) is not None or True  # nothing logged:
    assert bs.external_backups(db.path) == []


def test_enospc_from_sqlite_on_local_backup(db, fake_now, monkeypatch):
    fake_now(T0)
    change(db)
    before = live_digest(db)

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, "_fsync_file", boom)
    with pytest.raises(DomainError) as e:
        bs.auto_backup_if_due(db)
    assert e.value.code == "backup.no_space"
    assert final_files(paths.backups_dir(db.path)) == []
    assert not list(paths.backups_dir(db.path).glob("*.tmp"))
    assert live_digest(db) == before


def test_free_space_checked_first(db, usb, fake_now, monkeypatch):
    fake_now(T0)
    monkeypatch.setattr(writer.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10, 10, 1000))
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb)
    assert e.value.code == "backup.no_space" and "只剩" in e.value.message


@pytest.mark.parametrize("stage", ["copy", "write", "encrypt", "read_back"])
def test_target_folder_removed_mid_write(db, usb, fake_now, stage):
    fake_now(T0)
    change(db, 300, note="y" * 400)
    before = live_digest(db)

    def pull_stick(done, total, at):
        if at == stage:
            shutil.rmtree(usb, ignore_errors=True)

    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, passphrase="Secret-Harbour-123" if stage == "encrypt" else None,
                            removable=True, progress=pull_stick)
    assert e.value.code in ("backup.target_gone", "backup.write_failed")
    assert not usb.exists() or final_files(usb) == []
    assert live_digest(db) == before
    assert not list(paths.backups_dir(db.path).glob(".work-*"))


def test_read_back_mismatch_leaves_no_final_file(db, usb, fake_now, monkeypatch):
    """A stick that lies about its capacity: what is read back differs from what was written."""
    fake_now(T0)
    change(db)
    real = writer._drop_cache

    def corrupt(path):
        real(path)
        with open(path, "r+b") as fh:
            fh.seek(100)
            fh.write(b"\0" * 64)

    monkeypatch.setattr(writer, "_drop_cache", corrupt)
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, removable=True)
    assert e.value.code == "backup.readback_mismatch"
    assert final_files(usb) == [] and not list(usb.rglob("*.tmp"))


def test_cancel_leaves_nothing(db, usb, fake_now):
    fake_now(T0)
    change(db, 300, note="z" * 400)
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, cancelled=lambda: True)
    assert e.value.code == "backup.cancelled"
    assert final_files(usb) == [] and not list(usb.rglob("*.tmp"))


def test_backup_snapshot_is_consistent_while_the_desk_writes(db, fake_now, monkeypatch):
    """Row counts are taken in the same read snapshot as the page copy, so concurrent writes do not fail the
    verification and do not leak half into the copy."""
    fake_now(T0)
    change(db, 500, note="w" * 300)
    monkeypatch.setattr(writer, "STEP_PAGES", 5)
    writes = {"n": 0}

    def meanwhile(done, total, stage):
        if stage == "copy" and writes["n"] < 20:
            writes["n"] += 1
            change(db)

    path, entry = writer.write_backup(db.path, paths.backups_dir(db.path), kind="auto", reason="periodic",
                                      work_dir=paths.backups_dir(db.path), progress=meanwhile)
    assert writes["n"] == 20
    assert entry.row_counts["audit_log"] == 500
    assert sorted(r[0] for r in table_dump(path)["audit_log"]) == list(range(1, 501))
    assert len(table_dump(db.path)["audit_log"]) == 520


def test_leftovers_of_a_killed_backup_are_swept_at_the_next_backup(db, usb, fake_now):
    """A killed backup leaves a plaintext work copy in backups/ and a .tmp on the stick. They go at the next backup
    to that place (not 24 hours later), but a file whose writer is still running stays."""
    from filelock import FileLock

    fake_now(T0)
    folder = paths.backups_dir(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    killed_work = folder / ".work-123-abcdef.sqlite"
    killed_tmp = usb / "备份-20261101-090000-U盘-加密.sdbk.tmp"
    killed_local_tmp = folder / "备份-20261101-090000-自动-未加密.sqlite.tmp"
    running_tmp = usb / "备份-20261123-085959-U盘-加密.sdbk.tmp"
    for p in (killed_work, killed_tmp, killed_local_tmp, running_tmp):
        p.write_bytes(b"SQLite format 3\x00 plaintext")
    (usb / (killed_tmp.name + ".lock")).write_bytes(b"")  # its writer's lock file, left by the kill
    other = usb / "notes.tmp"  # not ours: never touched
    other.write_bytes(b"x")
    running = FileLock(str(running_tmp) + ".lock", timeout=0)
    running.acquire()  # another backup is writing this one right now
    try:
        change(db)
        assert bs.auto_backup_if_due(db) is not None  # the next local backup sweeps backups/
        assert not killed_work.exists() and not killed_local_tmp.exists()
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, flat=True)  # the next backup to the stick sweeps it
        assert not killed_tmp.exists() and not (usb / (killed_tmp.name + ".lock")).exists()
        assert running_tmp.exists() and other.exists()
    finally:
        running.release()
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".work-") or p.name.endswith(".tmp.lock")]


def test_a_destination_held_by_another_backup_gives_the_true_reason(db, usb, fake_now, monkeypatch):
    """Another process holding the folder (its manifest lock) is reported as such, not as a pulled stick or a
    fake-capacity stick; nothing is left behind."""
    from filelock import FileLock

    from station_desk.backup import manifest

    fake_now(T0)
    change(db)
    monkeypatch.setattr(manifest, "_lock", lambda folder: FileLock(str(folder / "manifest.json.lock"), timeout=0.2))
    other = FileLock(str(usb / "manifest.json.lock"), timeout=0)
    other.acquire()
    try:
        with pytest.raises(DomainError) as e:
            bs.backup_to_folder(db, actor=SYSTEM, folder=usb, flat=True)
    finally:
        other.release()
    assert e.value.code == "backup.destination_busy" and "另一个备份" in e.value.message
    assert final_files(usb) == [] and not list(usb.glob("*.tmp"))


def test_a_tmp_removed_by_another_program_is_reported_as_that(db, usb, fake_now):
    fake_now(T0)
    change(db, 50)

    def remove_tmp(done, total, stage):
        if stage == "write":
            for p in usb.glob("*.tmp"):
                p.unlink()

    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, flat=True, progress=remove_tmp)
    assert e.value.code == "backup.file_taken" and "U 盘被拔出" not in e.value.message
    assert final_files(usb) == []
