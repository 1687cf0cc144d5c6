"""The month-end backup's one-pass copy (issue #15): the live file's bytes of one read snapshot, read back from the
stick and compared; sound because the live file was checked clean at that very data (remembered by fingerprint) —
and never a backup listed as good when it is not."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from station_desk.actor import SYSTEM
from station_desk.backup import live_check, raw_copy, writer
from station_desk.backup import service as bs
from station_desk.backup.state import read_state
from station_desk.errors import DomainError

from .conftest import change, table_dump

T0 = dt.datetime(2026, 11, 30, 18, 0)


def listed(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and p.suffix in (".sqlite", ".sdbk"))


def test_month_end_copy_holds_the_snapshot_while_the_desk_writes(db, usb, fake_now, monkeypatch):
    fake_now(T0)
    change(db, 300, note="z" * 300)
    monkeypatch.setattr(raw_copy, "COPY_CHUNK", 4096)
    writes = {"n": 0}

    def meanwhile(done, total, stage):
        if stage == "write" and writes["n"] < 15:
            writes["n"] += 1
            change(db)

    info = bs.backup_to_folder(db, actor=SYSTEM, folder=usb, removable=True, flat=True, progress=meanwhile)
    assert writes["n"] == 15
    assert info.row_counts["audit_log"] == 300
    copy = table_dump(info.path)
    assert sorted(r[0] for r in copy["audit_log"]) == list(range(1, 301))
    conn = sqlite3.connect(str(info.path))
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert bs.verify_backup(info.path).row_counts["audit_log"] == 300  # the restore checks accept it


def test_encrypted_month_end_copy_opens_with_the_snapshot(db, usb, fake_now, tmp_path):
    from station_desk.backup import crypto

    fake_now(T0)
    change(db, 40)
    info = bs.backup_to_folder(db, actor=SYSTEM, folder=usb, passphrase="Secret-Harbour-123", removable=True,
                               flat=True)
    plain = tmp_path / "opened.sqlite"
    crypto.decrypt_file(info.path, plain, "Secret-Harbour-123")
    assert len(table_dump(plain)["audit_log"]) == 40


def test_the_live_check_is_remembered_until_the_data_changes(db, usb, fake_now, monkeypatch):
    fake_now(T0)
    change(db, 5)
    first = bs.check_live_file(db)
    assert first["result"] == "ok" and first["row_counts"]["audit_log"] == 5
    ran = []
    real = live_check.row_counts
    monkeypatch.setattr(live_check, "row_counts", lambda conn: ran.append(1) or real(conn))
    bs.check_live_file(db)
    bs.backup_to_folder(db, actor=SYSTEM, folder=usb, removable=True, flat=True)
    assert ran == []  # nothing re-read: the data is the data checked clean
    change(db)  # the backup's own audit row changed the data too; and so does any write
    bs.backup_to_folder(db, actor=SYSTEM, folder=usb, removable=True, flat=True)
    assert ran == [1]
    assert read_state(db.path)["live_check"]["row_counts"]["audit_log"] == 7


def test_a_damaged_live_file_is_never_copied_as_good(db, usb, fake_now, monkeypatch):
    fake_now(T0)
    change(db, 5)
    bs.check_live_file(db)
    change(db)

    class Damaged(sqlite3.Connection):
        def execute(self, sql, *args):
            if "integrity_check" in sql:
                return super().execute("SELECT '*** in database main *** Page 7: btree damaged'")
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(writer.sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=Damaged, **k))
    with pytest.raises(DomainError) as e:
        bs.backup_to_folder(db, actor=SYSTEM, folder=usb, removable=True, flat=True)
    assert e.value.code == "backup.verify_failed"
    assert listed(usb) == []


def test_a_reader_pinning_an_old_snapshot_sends_the_backup_the_long_way(db, usb, fake_now):
    """While another connection reads an old snapshot, the WAL cannot be copied back into the main file; the
    backup then copies page by page and checks the copy itself — still a complete, listed backup."""
    fake_now(T0)
    change(db, 10)
    reader = sqlite3.connect(str(db.path), isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM audit_log").fetchone()
        change(db, 3)
        info = bs.backup_to_folder(db, actor=SYSTEM, folder=usb, removable=True, flat=True)
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert info.row_counts["audit_log"] == 13
    assert len(table_dump(info.path)["audit_log"]) == 13
