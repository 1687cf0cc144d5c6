"""The command line: global options reach every command, refusals are Chinese with exit status 2."""

from __future__ import annotations

import datetime as dt

from station_desk import cli
from station_desk.db.engine import Database
from station_desk.staff import auth
from station_desk.staff import service as staff
from tests.conftest import MANAGER_PIN


def test_db_before_the_command_name_is_used(db, manager, tmp_path, capsys, monkeypatch):
    actor, approval = manager
    staff.add_staff(db, actor=actor, approval=approval, emp_no="J01", name="马宇航", role="technician",
                    hire_date=dt.date(2024, 1, 1))
    db.close()
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "elsewhere"))
    assert cli.main(["--db", db.address, "staff", "list"]) == 0
    assert "马宇航" in capsys.readouterr().out
    assert cli.main(["staff", "list", "--db", db.address]) == 0
    assert "马宇航" in capsys.readouterr().out
    assert not (tmp_path / "elsewhere" / "station.db").exists()


def test_unknown_emp_no_and_missing_folder_are_chinese_refusals(db, manager, tmp_path, capsys):
    db.close()
    code = cli.main(["staff", "add", "--db", db.address, "--as", "M999", "--manager", "ZZ9",
                     "--emp-no", "X", "--name", "甲", "--role", "technician", "--hire-date", "2024-01-01"])
    assert code == 2 and "找不到工号 M999" in capsys.readouterr().err
    code = cli.main(["policy", "set", "--db", db.address, "--file", str(tmp_path / "no" / "p.json"),
                     "--effective-from", "2027-01-01"])
    err = capsys.readouterr().err
    assert code == 2 and "无法读写文件" in err


def test_check_reports_a_tampered_audit_row(db, manager, capsys):
    from tests.raw_sql import tamper

    actor, approval = manager
    staff.add_staff(db, actor=actor, approval=approval, emp_no="J01", name="马宇航", role="technician",
                    hire_date=dt.date(2024, 1, 1))
    db.close()
    assert cli.main(["check", "--db", db.address]) == 0
    assert "审计日志链：完整" in capsys.readouterr().out
    tamper(db, "UPDATE audit_log SET actor_name = '某人' WHERE id = (SELECT MAX(id) FROM audit_log)")
    assert cli.main(["check", "--db", db.address]) == 1
    assert "被改动" in capsys.readouterr().out


def test_commands_that_write_authenticate_the_person_they_name(db, manager, capsys, pin_fd):
    """Issue: ``--as M001`` with no PIN succeeded and the audit log recorded the manager. Now every command that
    writes as a person needs that person's PIN (prompt or --pin-fd); nobody named → refused; the system actor
    only reads and backs up."""
    from station_desk.audit.service import list_entries

    db.close()
    add = ["staff", "add", "--db", db.address, "--emp-no", "J01", "--name", "马宇航", "--role", "technician",
           "--hire-date", "2024-01-01"]
    assert cli.main(add) == 2 and "--as" in capsys.readouterr().err
    assert cli.main(add + ["--as", "M001", "--manager", "M001"]) == 2 and "需要" in capsys.readouterr().err
    assert cli.main(add + ["--as", "M001", "--manager", "M001", "--pin-fd", pin_fd("1111")]) == 2
    assert "密码不正确" in capsys.readouterr().err
    assert cli.main(add + ["--as", "M001", "--manager", "M001", "--pin-fd", pin_fd(MANAGER_PIN)]) == 0
    entries = [e for e in list_entries(Database(db.address)) if e.action == "staff.add"]
    assert [e.actor_name for e in entries] == ["王经理"]


def test_staff_set_pin_own_and_someone_elses(db, manager, capsys, pin_fd):
    """A person created without a PIN (e.g. by a month file) gets one from the command line; their own later
    change needs the old PIN; the manager sets anyone's with the manager's PIN. Typed twice, never echoed."""
    actor, approval = manager
    staff.add_staff(db, actor=actor, approval=approval, emp_no="J01", name="马宇航", role="technician",
                    hire_date=dt.date(2024, 1, 1))
    db.close()
    base = ["staff", "set-pin", "--db", db.address, "--emp-no", "J01"]
    assert cli.main(base + ["--pin-fd", pin_fd("4321", "4322")]) == 2 and "不一致" in capsys.readouterr().err
    assert cli.main(base + ["--pin-fd", pin_fd("4321", "4321")]) == 0  # no PIN yet: J01 sets it
    assert cli.main(base + ["--pin-fd", pin_fd("0000", "5555", "5555")]) == 2  # the old PIN is wrong
    assert "密码不正确" in capsys.readouterr().err
    assert cli.main(base + ["--pin-fd", pin_fd("4321", "5555", "5555")]) == 0
    assert cli.main(base + ["--manager", "M001", "--pin-fd", pin_fd(MANAGER_PIN, "6666", "6666")]) == 0
    check = Database(db.address)
    j01 = next(r for r in staff.list_staff(check) if r.emp_no == "J01")
    assert auth.sign_in(check, j01.id, "6666").name == "马宇航"


def test_phone_numbers_are_masked_in_every_output_unless_the_manager_approves(db, manager, capsys, pin_fd):
    """Issue: full customer phone numbers came out of ``customers find --json`` and ``audit --json`` for anyone."""
    import json

    from station_desk.customers import service as customers

    customers.create_customer(db, actor=manager[0], account_no="A1", name="张三", phone="13812345678")
    db.close()
    for argv in (["customers", "find", "张三", "--json"], ["audit", "--json"], ["customers", "find", "张三"]):
        assert cli.main(argv + ["--db", db.address]) == 0
        out = capsys.readouterr().out
        assert "13812345678" not in out and "138****5678" in out, argv
    assert cli.main(["customers", "find", "张三", "--json", "--db", db.address, "--manager", "M001",
                     "--pin-fd", pin_fd(MANAGER_PIN)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["phone"] == "13812345678"
    assert cli.main(["audit", "--json", "--db", db.address, "--manager", "M001", "--pin-fd", pin_fd("0000")]) == 2
    assert "13812345678" not in capsys.readouterr().out


OUT_COMMANDS = [  # (arguments before the file, the option, what it may write)
    (["gifts", "sheet", "--month", "2026-11"], "--out", ("pdf", "xlsx")),
    (["accounts", "sheet", "--month", "2026-11"], "--out", ("pdf", "xlsx")),
    (["customers", "expiring"], "--out", ("pdf", "xlsx")),
    (["orders", "sla", "--month", "2026-11"], "--out", ("pdf", "xlsx")),
    (["rewards", "sheet", "--month", "2026-11"], "--out", ("pdf",)),
    (["points", "sheet", "--month", "2026-11"], "--out", ("pdf",)),
    (["points", "daily-xlsx", "--day", "2026-11-20"], "--out", ("xlsx",)),
    (["roster", "print", "2026-12"], "-o", ("pdf",)),
]


def test_every_out_file_is_what_its_extension_says_or_refused(db, manager, tmp_path, capsys, pin_fd):
    """`--out x.xlsx` writes a workbook or is refused; it never writes a PDF under another name."""
    db.close()
    magic = {"pdf": b"%PDF", "xlsx": b"PK"}
    for args, option, kinds in OUT_COMMANDS:
        for ext in ("pdf", "xlsx", "docx"):
            out = tmp_path / f"{args[0]}-{args[1]}.{ext}"
            who = ["--as", "M001", "--pin-fd", pin_fd(MANAGER_PIN)] if args[0] == "gifts" else []
            code = cli.main([*args, "--db", db.address, option, str(out), *who])
            captured = capsys.readouterr()
            if ext in kinds:
                if code == 0:  # an empty station may have nothing to print (a refusal in Chinese is fine)
                    assert out.read_bytes().startswith(magic[ext]), (args, ext)
                else:
                    assert code == 2 and "扩展名" not in captured.err, (args, ext, captured.err)
            else:
                assert code == 2 and "扩展名不对" in captured.err, (args, ext, code, captured.err)
                assert not out.exists(), (args, ext)
