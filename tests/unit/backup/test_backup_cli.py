"""``station-desk backup / backups / verify-backup / restore`` with the same checks as the window."""

from __future__ import annotations

import datetime as dt

from station_desk.backup import service as bs
from station_desk.cli import main

from .conftest import MANAGER_PIN_FOR_CLI, change, table_dump


def stamp_head(db) -> None:
    from alembic import command

    from station_desk.db.migrate import alembic_config

    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")


def test_backup_verify_restore_from_the_command_line(db, manager, usb, fake_now, tmp_path, capsys, pin_fd):
    fake_now(dt.datetime(2026, 11, 30, 17, 0))
    change(db, 4)
    stamp_head(db)  # the test template is built with create_all; the CLI opens through migrations
    db.close()
    pf = tmp_path / "pass.txt"
    pf.write_text("口令 secret 2026\n", encoding="utf-8")
    # no passphrase set yet: an encrypted backup is refused (a typo would seal a backup nobody can open)
    assert main(["backup", "--db", str(db.path), "--to", str(usb), "--passphrase-file", str(pf),
                 "--removable"]) == 2
    assert "还没有设置备份密码" in capsys.readouterr().err
    assert main(["backup-passphrase", "--db", str(db.path), "--passphrase-file", str(pf), "--manager", "M001",
                 "--pin-fd", pin_fd(MANAGER_PIN_FOR_CLI)]) == 0
    capsys.readouterr()
    assert main(["backup", "--db", str(db.path), "--to", str(usb), "--passphrase-file", str(pf),
                 "--removable"]) == 0
    out = capsys.readouterr().out
    assert "已备份并校验" in out and "已加密" in out
    [sealed] = list(usb.rglob("*.sdbk"))
    assert main(["backups", "--db", str(db.path)]) == 0
    assert "2026-11" in capsys.readouterr().out
    assert main(["verify-backup", str(sealed), "--db", str(db.path), "--passphrase-file", str(pf)]) == 0
    assert "备份检查通过" in capsys.readouterr().out
    assert main(["verify-backup", str(sealed), "--db", str(db.path)]) == 2
    assert "请输入备份密码" in capsys.readouterr().err
    expected = table_dump(db.path)
    # the data file is lost; restore from the stick with the manager's PIN (checked against the backup)
    for suffix in ("", "-wal", "-shm"):
        p = db.path.with_name(db.path.name + suffix)
        p.unlink(missing_ok=True)
    assert main(["restore", str(sealed), "--db", str(db.path), "--passphrase-file", str(pf),
                 "--manager", "M001", "--pin-fd", pin_fd(MANAGER_PIN_FOR_CLI)]) == 0
    restored = table_dump(db.path)
    assert restored["staff"] == expected["staff"]
    assert restored["audit_log"][: len(expected["audit_log"]) - 1] == expected["audit_log"][:-1]
    assert bs.restore_pending(db.path) is not None
    assert main(["confirm-restore", "--db", str(db.path), "--manager", "M001",
                 "--pin-fd", pin_fd(MANAGER_PIN_FOR_CLI)]) == 0
    assert bs.restore_pending(db.path) is None
