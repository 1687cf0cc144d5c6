"""``station-desk check`` is read-only (issue #18 §5): it never creates, never migrates, and says what it found."""

from __future__ import annotations

import hashlib
import sqlite3

from station_desk import cli


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_on_another_programs_sqlite_file_changes_nothing(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT)")
    conn.commit()
    conn.close()
    before = _digest(other)
    rc = cli.main(["check", "--db", str(other)])
    out = capsys.readouterr()
    assert rc != 0
    assert _digest(other) == before and sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]
    assert "不是本程序的数据文件" in out.out + out.err and "正常" not in out.out


def test_check_on_a_mistyped_path_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "station.db"
    rc = cli.main(["check", "--db", str(missing)])
    out = capsys.readouterr()
    assert rc == 2 and "找不到" in out.err
    assert not (tmp_path / "no-such-folder").exists()


def test_check_of_a_station_file_is_read_only_and_reports_ok(db, manager, capsys):
    db.close()
    before = _digest(db.path)
    names = sorted(p.name for p in db.path.parent.iterdir())
    assert cli.main(["check", "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert "完整性检查（integrity_check）：正常" in out and "数据版本" in out
    assert _digest(db.path) == before and sorted(p.name for p in db.path.parent.iterdir()) == names


def test_check_of_an_older_station_file_reports_without_migrating(db, capsys):
    db.close()
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    conn.commit()
    conn.close()
    before = _digest(db.path)
    rc = cli.main(["check", "--db", str(db.path)])
    out = capsys.readouterr()
    assert rc != 0 and "f00dfeed9999" in out.out + out.err
    assert _digest(db.path) == before


def test_check_reads_anchors_from_a_stick_and_refuses_a_folder_without_a_manifest(db, manager, tmp_path, capsys):
    """``check --stick`` reads the month-end backups' manifests there and finds their chain heads in the chain."""
    from station_desk.backup.external import backup_to_folder

    stick = tmp_path / "stick"
    stick.mkdir()
    backup_to_folder(db, actor=manager[0], folder=stick)
    db.close()
    assert cli.main(["check", "--db", str(db.path), "--stick", str(stick)]) == 0
    out = capsys.readouterr().out
    assert "数据行与审计链" in out and "都还在审计链中" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["check", "--db", str(db.path), "--stick", str(empty)]) == 2
    assert "没有找到备份清单" in capsys.readouterr().err
