"""What a PostgreSQL station has of its own (issue #17): backups by pg_dump verified by a restore, restore into a
new database, ``check`` on the server, the trigram search index, one window per PC, no password in the address.
The tests that need a server run on the PostgreSQL run (``STATION_DESK_TEST_ENGINE=postgresql``)."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.audit import service as audit
from station_desk.backup import service as backup
from station_desk.backup.manifest import read_manifest
from station_desk.check import check_file
from station_desk.db.engine import Database
from station_desk.db.lock import InstanceLock
from station_desk.errors import DomainError
from station_desk.staff import service as staff
from tests.raw_sql import tamper

on_pg = pytest.mark.usefixtures("pg_server")


def _add_people(db, manager, n=3):
    actor, approval = manager
    for i in range(n):
        staff.add_staff(db, actor=actor, approval=approval, emp_no=f"J{i:02d}", name=f"技术员{i}", role="technician",
                        hire_date=dt.date(2024, 1, 1))


def test_a_password_in_the_address_is_refused():
    with pytest.raises(DomainError, match="不能写密码"):
        Database("postgresql://station:secret@127.0.0.1/station")


def test_one_window_per_pc_whichever_server_database(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    first = InstanceLock("postgresql://desk@server/station")
    first.acquire()
    try:
        with pytest.raises(DomainError, match="已在运行"):
            InstanceLock("postgresql://desk@server/other").acquire()
    finally:
        first.release()


@on_pg
def test_backup_is_a_verified_pg_dump_listed_in_the_manifest_and_restores_into_a_new_database(db, manager,
                                                                                            pg_server):
    _add_people(db, manager)
    path = backup.backup_before(db, "manual")
    assert path.name.endswith(".pgdump") and path.parent.parent.name == "server-backups"
    entry = next(e for e in read_manifest(path.parent) if e.file == path.name)
    assert entry.check == "pg_restore" and entry.row_counts["staff"] == 4 and entry.row_counts["audit_log"] >= 4
    assert backup.backup_before(db, "manual") == path  # nothing changed: the same copy holds the data

    from station_desk.backup.pg import restore_into

    target = pg_server.new_database()
    counts = restore_into(path, target)
    assert counts == entry.row_counts
    restored = Database(target)
    try:
        assert audit.verify_chain(restored) is None
        assert sorted(r.emp_no for r in staff.list_staff(restored)) == ["J00", "J01", "J02", "M001"]
    finally:
        restored.close()
    with pytest.raises(DomainError, match="不是空的"):  # never over a station
        restore_into(path, target)


@on_pg
def test_an_encrypted_backup_needs_its_passphrase(db, manager, pg_server, tmp_path):
    from station_desk.backup.pg import restore_into, write_pg_backup

    _add_people(db, manager, 1)
    path, entry = write_pg_backup(db, tmp_path / "usb", kind="usb", reason="manual", passphrase="长城 宽带 2026 秋")
    assert entry.encrypted and b"staff" not in path.read_bytes()
    with pytest.raises(DomainError):
        restore_into(path, pg_server.new_database())
    assert restore_into(path, pg_server.new_database(), passphrase="长城 宽带 2026 秋")["staff"] == 2


@on_pg
def test_check_on_the_server_reads_everything_and_finds_a_tampered_row(db, manager):
    _add_people(db, manager, 1)
    report = check_file(db.address)
    assert report.ok, report.lines
    assert any("审计日志链：完整" in line for line in report.lines)
    tamper(db, "UPDATE audit_log SET actor_name = '某人' WHERE id = (SELECT max(id) FROM audit_log)")
    report = check_file(db.address)
    assert not report.ok and any("被改动" in line for line in report.lines)


@on_pg
def test_pg_search_index_created_when_missing(db, manager):
    from station_desk.customers import search
    from station_desk.customers import service as customers

    actor, _approval = manager
    customers.create_customer(db, actor=actor, account_no="A001", name="张三丰", phone="13800000001",
                              building="幸福小区")
    tamper(db, "DROP INDEX ix_customer_trgm")
    search._ensured.discard(db.address)
    assert [r.name for r in customers.search_customers(db, "幸福小")] == ["张三丰"]
    with db.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT indexname FROM pg_indexes")}
    assert "ix_customer_trgm" in names


@on_pg
def test_another_desks_write_reaches_this_program_as_change_topics(db, manager):
    import queue

    from station_desk.contact_log.service import ContactDraft, record_contact

    heard: queue.Queue = queue.Queue()
    listener = db.listen_for_other_desks(heard.put)
    other_desk = Database(db.address)
    try:
        record_contact(db, actor=manager[0], draft=ContactDraft(kind="inquiry", person_name="本台", asked="资费",
                                                                done="已答"))  # this desk's own: not heard again
        record_contact(other_desk, actor=manager[0], draft=ContactDraft(kind="inquiry", person_name="前台",
                                                                        asked="资费", done="已答"))
        topics = heard.get(timeout=10)
        assert {"contacts", "audit"} <= topics
        with pytest.raises(queue.Empty):
            heard.get(timeout=1.5)
    finally:
        listener.stop()
        other_desk.close()


def test_no_listener_on_sqlite(tmp_path):
    db = Database(tmp_path / "one-pc.db")
    try:
        assert db.listen_for_other_desks(lambda topics: None) is None
    finally:
        db.close()
