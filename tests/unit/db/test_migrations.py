"""Schema migrations: a new file, the real migration chain, saved files of every released revision, refusal of a
newer file, and restore of the copy when an upgrade fails."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from station_desk.db import migrate
from station_desk.db.engine import Database
from station_desk.db.registry import include_object, load_all_models
from station_desk.errors import DomainError

FIXTURES = Path(__file__).resolve().parents[2] / "migrations" / "fixtures"


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_new_file_gets_every_table_and_is_stamped_at_head(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    db = migrate.open_database(tmp_path / "new.db")
    try:
        assert migrate.current_revision(db) == migrate.head_revision()
    finally:
        db.close()
    expected = set(load_all_models().tables)
    assert expected <= _tables(tmp_path / "new.db")


def test_migration_chain_builds_the_same_schema_as_the_models(tmp_path):
    """Running every revision from an empty file gives exactly the tables and columns of the models."""
    path = tmp_path / "chain.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False, "include_object": include_object}), load_all_models())
    engine.dispose()
    # index/constraint naming differences would show here too; only real differences matter
    assert diffs == [], f"models and migrations differ — write a revision: {diffs[:5]}"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.sqlite")), ids=lambda p: p.stem)
def test_saved_file_of_each_released_revision_upgrades_with_data_intact(fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    path = tmp_path / "old.db"
    shutil.copyfile(fixture, path)
    con = sqlite3.connect(path)
    before = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in _tables(path)
              if t != "alembic_version"}
    staff_before = con.execute("SELECT emp_no, name FROM staff ORDER BY id").fetchall()
    con.close()
    db = migrate.open_database(path)
    try:
        assert migrate.current_revision(db) == migrate.head_revision()
        assert db.integrity_check() == "ok"
    finally:
        db.close()
    con = sqlite3.connect(path)
    after = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in before}
    assert after == before
    assert con.execute("SELECT emp_no, name FROM staff ORDER BY id").fetchall() == staff_before
    con.close()


def test_there_is_a_saved_file_for_the_head_revision():
    head = migrate.head_revision()
    assert head is not None, "no migration revisions"
    assert (FIXTURES / f"schema_{head}.sqlite").exists(), "save a fixture: python build/make_migration_fixture.py"


def test_file_from_a_newer_program_is_refused_and_untouched(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    path = tmp_path / "newer.db"
    migrate.open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DomainError) as err:
        migrate.open_database(path)
    assert "更新版本" in err.value.message and "f00dfeedbeef" in err.value.message
    assert path.read_bytes() == before


def test_failed_upgrade_puts_the_copy_back(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    path = tmp_path / "fail.db"
    migrate.open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = :v", {"v": migrate.head_revision()})
    con.execute("INSERT INTO policy_version (effective_from, data, created_at, created_by, note) "
                "VALUES ('2026-01-01', '{}', '2026-01-01T00:00:00+08:00', 'x', 'marker')")
    con.commit()
    con.close()
    db = Database(path)
    monkeypatch.setattr(migrate, "current_revision", lambda _db: None)  # pretend it is an old file

    def boom(cfg, rev):
        # half an upgrade: something is already written when it fails
        cfg.attributes["connection"].exec_driver_sql("DELETE FROM policy_version")
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "upgrade", boom)
    with pytest.raises(DomainError) as err:
        migrate.upgrade(db)
    assert "已恢复升级前的副本" in err.value.message
    con = sqlite3.connect(path)
    assert con.execute("SELECT note FROM policy_version").fetchone()[0] == "marker"
    con.close()
    from station_desk.backup.manifest import read_manifest

    [listed] = [e for e in read_manifest(tmp_path / "backups") if e.reason == "migration"]  # verified and listed
    assert "升级前" in listed.file and (tmp_path / "backups" / listed.file).is_file()


def test_failed_upgrade_without_a_copy_says_so_and_changes_nothing(tmp_path, monkeypatch):
    """A database server's upgrade (and a caller that asks for no copy) has no pre-upgrade copy: the message says
    so (it named a copy "None"), and the upgrade's transaction is undone as a whole."""
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    path = tmp_path / "fail.db"
    migrate.open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO policy_version (effective_from, data, created_at, created_by, note) "
                "VALUES ('2026-01-01', '{}', '2026-01-01T00:00:00+08:00', 'x', 'marker')")
    con.commit()
    con.close()
    db = Database(path)
    monkeypatch.setattr(migrate, "current_revision", lambda _db: None)

    def boom(cfg, rev):
        cfg.attributes["connection"].exec_driver_sql("DELETE FROM policy_version")
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "upgrade", boom)
    with pytest.raises(DomainError) as err:
        migrate.upgrade(db, backup=False)
    assert "None" not in err.value.message and "没有做升级前的副本" in err.value.message
    assert "disk full" in err.value.message
    db.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT note FROM policy_version").fetchall() == [("marker",)]
    con.close()


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DomainError) as err:
        migrate.open_database(path)
    assert "不是本程序的数据文件" in err.value.message


def test_fast_revision_reading_agrees_with_alembic():
    """Start-up reads the revision files as text instead of importing Alembic; it must agree with Alembic."""
    script = migrate.script_directory()
    assert migrate.head_revision() == script.get_current_head()
    assert migrate._known_revisions() == {r.revision for r in script.walk_revisions()}


def test_opening_an_up_to_date_file_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "s.db"
    code = ("import sys, os; os.environ['STATION_DESK_HOME'] = sys.argv[2]; "
            "from station_desk.db.migrate import open_database; open_database(sys.argv[1]).close(); "
            "open_database(sys.argv[1]).close() if False else None")
    subprocess.run([sys.executable, "-c", code, str(path), str(tmp_path)], check=True)  # creates it
    code2 = ("import sys, os; os.environ['STATION_DESK_HOME'] = sys.argv[2]; "
             "from station_desk.db.migrate import open_database; open_database(sys.argv[1]).close(); "
             "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code2, str(path), str(tmp_path)], check=True, capture_output=True,
                         text=True).stdout.strip()
    assert out == "False"


def test_large_file_check_can_be_deferred_but_damage_is_still_found(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    path = tmp_path / "big.db"
    migrate.open_database(path).close()
    monkeypatch.setattr(migrate, "DEFER_QUICK_CHECK_BYTES", 0)
    db = migrate.open_database(path, defer_large_check=True)
    assert db.deferred_check is True
    migrate.check_database(db, full=True)  # what the program runs in the background
    db.close()
    # corrupt a page in the middle of the file: the deferred full check reports it
    data = bytearray(path.read_bytes())
    page = 4096
    for i in range(page * 3, min(len(data), page * 6)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(DomainError):
        db = migrate.open_database(path, defer_large_check=True)
        try:
            migrate.check_database(db, full=True)
        finally:
            db.close()
