"""The command line: global options reach every command, refusals are Chinese with exit status 2."""

from __future__ import annotations

import datetime as dt

from station_desk import cli
from station_desk.staff import service as staff


def test_db_before_the_command_name_is_used(db, manager, tmp_path, capsys, monkeypatch):
    actor, approval = manager
    staff.add_staff(db, actor=actor, approval=approval, emp_no="J01", name="马宇航", role="technician",
                    hire_date=dt.date(2024, 1, 1))
    db.close()
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "elsewhere"))
    assert cli.main(["--db", str(db.path), "staff", "list"]) == 0
    assert "马宇航" in capsys.readouterr().out
    assert cli.main(["staff", "list", "--db", str(db.path)]) == 0
    assert "马宇航" in capsys.readouterr().out
    assert not (tmp_path / "elsewhere" / "station.db").exists()


def test_unknown_emp_no_and_missing_folder_are_chinese_refusals(db, manager, tmp_path, capsys):
    db.close()
    code = cli.main(["staff", "add", "--db", str(db.path), "--as", "M001", "--manager", "ZZ9", "--pin", "1",
                     "--emp-no", "X", "--name", "甲", "--role", "technician", "--hire-date", "2024-01-01"])
    assert code == 2 and "找不到工号 ZZ9" in capsys.readouterr().err
    code = cli.main(["policy", "set", "--db", str(db.path), "--file", str(tmp_path / "no" / "p.json"),
                     "--effective-from", "2027-01-01"])
    err = capsys.readouterr().err
    assert code == 2 and "无法读写文件" in err


def test_check_reports_a_tampered_audit_row(db, manager, capsys):
    import sqlite3

    actor, approval = manager
    staff.add_staff(db, actor=actor, approval=approval, emp_no="J01", name="马宇航", role="technician",
                    hire_date=dt.date(2024, 1, 1))
    db.close()
    assert cli.main(["check", "--db", str(db.path)]) == 0
    assert "审计日志链：完整" in capsys.readouterr().out
    con = sqlite3.connect(db.path)
    con.execute("UPDATE audit_log SET actor_name = '某人' WHERE id = (SELECT MAX(id) FROM audit_log)")
    con.commit()
    con.close()
    assert cli.main(["check", "--db", str(db.path)]) == 1
    assert "被改动" in capsys.readouterr().out
