"""``station-desk roster`` / ``attendance``: show, suggest --save (manager), print, holiday, exceptions, leave."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from station_desk.cli import main
from station_desk.staff import service as staff
from station_desk.staff.models import RoleAssignment, Staff
from tests.conftest import MANAGER_PIN
from tests.fixtures.roster import PEOPLE, TODAY


@pytest.fixture
def cli_db(tmp_path, monkeypatch, fake_now):
    """A station file made as the program makes one (created and stamped by open_database)."""
    from station_desk.db.migrate import open_database

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    fake_now(TODAY)
    path = tmp_path / "cli.db"
    db = open_database(path, backup_before_migrate=False)
    staff.create_first_manager(db, emp_no="M001", name="王经理", pin=MANAGER_PIN, hire_date=dt.date(2020, 1, 1))
    with db.session() as s:
        for emp_no, name, role, hired in PEOPLE:
            person = Staff(emp_no=emp_no, name=name, hire_date=hired, created_at=TODAY)
            s.add(person)
            s.flush()
            s.add(RoleAssignment(staff_id=person.id, role=role, effective_from=hired))
    db.close()
    return str(path)


def test_roster_cli(cli_db, tmp_path, capsys, pin_fd):
    path = cli_db
    assert main(["roster", "--db", path, "show", "2026-12"]) == 1  # not planned: said once, exit 1
    out = capsys.readouterr().out
    assert "2026-12 未排班" in out and "问题" not in out and "应休" not in out
    assert main(["roster", "--db", path, "suggest", "2026-12", "--save"]) == 2  # nobody said who acts
    assert "--as" in capsys.readouterr().err
    # acting as the manager needs the manager's PIN: without a terminal or --pin-fd, refused; a wrong one too
    assert main(["roster", "--db", path, "--as", "M001", "suggest", "2026-12", "--save"]) == 2
    assert "需要" in capsys.readouterr().err
    assert main(["roster", "--db", path, "--as", "M001", "--pin-fd", pin_fd("0000"), "suggest", "2026-12",
                 "--save"]) == 2
    assert "密码不正确" in capsys.readouterr().err
    assert main(["roster", "--db", path, "--as", "M001", "--pin-fd", pin_fd(MANAGER_PIN), "suggest", "2026-12",
                 "--save"]) == 0
    assert "符合全部排班规则" in capsys.readouterr().out
    assert main(["roster", "--db", path, "show", "2026-12", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["saved"] and shown["problems"] == []
    pdf = tmp_path / "r.pdf"
    assert main(["roster", "--db", path, "print", "2026-12", "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "排休表 2026年12月" in text
    assert main(["roster", "--db", path, "--as", "M001", "--pin-fd", pin_fd(MANAGER_PIN), "holiday", "2026-12-20",
                 "--kind", "holiday",
                 "--name", "站庆"]) == 0
    assert "站庆" in capsys.readouterr().out
    assert main(["attendance", "--db", path, "leave", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["attendance", "--db", path, "exceptions", "2026-12-01", "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    assert main(["roster", "--db", path, "show", "12/2026"]) == 2


def test_2027_warning_and_holiday_import_cli(cli_db, tmp_path, capsys, pin_fd):
    path = cli_db
    main(["roster", "--db", path, "show", "2027-01"])
    assert "2027 年的法定节假日安排" in capsys.readouterr().err
    main(["attendance", "--db", path, "summary", "2027-01"])
    assert "2027 年的法定节假日安排" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_text("2027-01-01 休 元旦\n2027-02-30 休 春节\n", encoding="utf-8")
    assert main(["roster", "--db", path, "--as", "M001", "--pin-fd", pin_fd(MANAGER_PIN), "holidays-import",
                 str(bad)]) == 2
    assert "第 2 行" in capsys.readouterr().err
    good = tmp_path / "2027.txt"
    good.write_text("2027-01-01..2027-01-03 休 元旦\n2027-02-14 班 春节调休\n", encoding="utf-8")
    assert main(["roster", "--db", path, "--as", "M001", "--pin-fd", pin_fd(MANAGER_PIN), "holidays-import",
                 str(good)]) == 0
    assert "已导入 4 天" in capsys.readouterr().out
    main(["roster", "--db", path, "show", "2027-01"])
    assert "法定节假日安排" not in capsys.readouterr().err
