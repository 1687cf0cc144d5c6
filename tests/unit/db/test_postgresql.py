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


def _add_people(db, manager, n=3, first=0):
    actor, approval = manager
    for i in range(first, n):
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
def test_the_row_log_has_real_triggers_and_records_the_programs_raw_sql(db, manager):
    """PostgreSQL has no temporary triggers: each covered table has a ``rowlog_<table>`` trigger; a write of the
    program, even raw SQL on its session, reaches the chain as the rows it wrote."""
    from station_desk.audit.row_engines import POSTGRES_ROWS

    _add_people(db, manager, 1)
    with db.session() as s:
        s.connection().exec_driver_sql("UPDATE staff SET name = '技术员零' WHERE emp_no = 'J00'")
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            covered = POSTGRES_ROWS.covered_tables(cur)
            triggered = POSTGRES_ROWS._triggered(cur)
    assert set(covered) | {"audit_log"} <= triggered
    with db.read() as s:
        last = s.connection().exec_driver_sql(
            "SELECT after FROM audit_log WHERE action = 'audit.rows' ORDER BY id DESC LIMIT 1").scalar()
    assert "技术员零" in last
    assert check_file(db.address).ok


@on_pg
@pytest.mark.parametrize("how", ["another client", "triggers disabled", "triggers dropped"])
def test_a_write_outside_the_program_is_found_by_check(db, manager, how):
    """Someone with the owner's password (psql, pgAdmin): the triggers fire in their session too, but note nothing
    outside the program's write transactions; disabling or dropping them changes nothing for check."""
    _add_people(db, manager, 2)
    if how == "triggers disabled":
        tamper(db, "ALTER TABLE staff DISABLE TRIGGER USER")
    elif how == "triggers dropped":
        tamper(db, "DROP FUNCTION rowlog_note() CASCADE")
    tamper(db, "UPDATE staff SET name = '冒名' WHERE emp_no = 'J01'")
    report = check_file(db.address)
    assert not report.ok
    assert any("员工（staff）" in line and "name: '技术员1' → '冒名'" in line for line in report.lines), report.lines
    if how != "another client":  # the program's next write puts them back (and records its own rows)
        _add_people(db, manager, 3, first=2)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM pg_trigger WHERE tgname = 'rowlog_staff' "
                                        "AND tgenabled = 'O'").scalar() == 1
        tamper(db, "UPDATE staff SET name = '技术员1' WHERE emp_no = 'J01'")  # the forged name put back
        report = check_file(db.address)
        assert report.ok, report.lines  # every row the program wrote since then is in the chain


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


@on_pg
def test_restore_goes_into_a_new_database_after_a_safety_copy(db, manager, pg_server, pin_fd, capsys):
    from station_desk import cli

    _add_people(db, manager, 2)
    path = backup.backup_before(db, "manual")
    _add_people(db, manager, 3, first=2)  # J02 only in the live database
    target = pg_server.new_database()
    code = cli.main(["restore", str(path), "--db", db.address, "--into", target, "--as", "M001",
                     "--manager", "M001", "--pin-fd", pin_fd("2468", "2468")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "已恢复到新数据库" in out.out and "安全备份" in out.out
    restored = Database(target)
    try:
        assert sorted(r.emp_no for r in staff.list_staff(restored)) == ["J00", "J01", "M001"]
        assert audit.verify_chain(restored) is None
    finally:
        restored.close()
    assert "J02" in [r.emp_no for r in staff.list_staff(db)]  # the live database as it was
    reasons = [e.reason for e in read_manifest(path.parent)]
    assert "restore" in reasons  # the safety copy, listed
    # without --into: refused, nothing restored over the live database
    assert cli.main(["restore", str(path), "--db", db.address, "--as", "M001", "--manager", "M001",
                     "--pin-fd", pin_fd("2468", "2468")]) == 2
    assert "新建一个空数据库" in capsys.readouterr().err


@on_pg
def test_the_migrations_run_on_postgresql(pg_server):
    """Alembic's history from the first revision to head on an empty PostgreSQL database, step by step, ends with
    every table of this program; ``open_database`` then finds nothing to do."""
    from alembic import command
    from sqlalchemy import inspect

    from station_desk.db.migrate import alembic_config, current_revision, head_revision, required_tables

    db = Database(pg_server.new_database())
    try:
        for step in ("0001", "head"):
            with db.engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, step)
            assert current_revision(db) == (head_revision() if step == "head" else step)
        assert required_tables() <= set(inspect(db.engine).get_table_names())
    finally:
        db.close()
