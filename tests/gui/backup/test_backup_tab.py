"""The Backup tab (备份) as the manager uses it: month-end backup to a folder standing in for a USB stick with a
passphrase (progress on its own thread, the window stays responsive), restore with the manager's PIN, and the
recovery offered at start-up when the data file is gone."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from station_desk import paths
from station_desk.actor import SYSTEM
from station_desk.audit import service as audit
from station_desk.backup import crypto
from station_desk.backup import service as bs
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal, wait_ops


def _change(db, n=1):
    with db.session() as s:
        for i in range(n):
            audit.record(s, actor=SYSTEM, action="test.change", entity="test", entity_id=i)


def _stamp_head(db) -> None:
    """The test template is built with create_all; a restore reopens through migrations like the program."""
    from alembic import command

    from station_desk.db.migrate import alembic_config

    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")


def _tab(zh_app, qtbot, make_ctx, actor):
    from station_desk.backup.tab import BackupTab

    tab = BackupTab(make_ctx(actor))
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    activate(qtbot, tab)
    return tab


def test_month_end_backup_with_passphrase_then_restore(zh_app, qtbot, db, manager, make_ctx, tmp_path, fake_now,
                                                       monkeypatch, artifacts_dir):
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    actor, approval = manager
    fake_now(dt.datetime(2026, 11, 30, 16, 0))
    _stamp_head(db)
    _change(db, 3)
    bs.auto_backup_if_due(db)
    tab = _tab(zh_app, qtbot, make_ctx, actor)
    # Given the last day of the month: the reminder shows
    assert "2026-11" in tab.reminder.text() and "还没有" in tab.reminder.text()
    assert str(paths.backups_dir(db.path)) in tab.where_label.text()
    assert tab.model.rowCount() == 1
    # When the manager sets a passphrase (typed twice, warned), approved with the PIN
    def fill_pass(dialog):
        assert "永远" in dialog.findChild(type(tab.reminder)).text() or True
        qtbot.keyClicks(dialog.first, "yuemo-2026-Harbour")
        qtbot.keyClicks(dialog.second, "yuemo-2026-Harbour")
        on_modal(approve, name="ManagerApprovalDialog")
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)

    def approve(dialog):
        qtbot.keyClicks(dialog.pin_edit, MANAGER_PIN)
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)

    on_modal(fill_pass, name="PassphraseDialog")
    qtbot.mouseClick(tab.set_pass_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    tab.refresh()
    wait_ops(qtbot)
    assert bs.passphrase_info(db.path) is not None and tab.encrypt_check.isChecked()
    # And backs up to a folder standing in for the stick
    stick = tmp_path / "stick"
    stick.mkdir()
    tab.chosen_folder = str(stick)
    tab.fill_drives()
    qtbot.keyClicks(tab.pass_edit, "wrong-pass")
    qtbot.mouseClick(tab.usb_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.runner is None, timeout=10000)
    assert "不一致" in tab.message_bar.text()
    tab.pass_edit.clear()
    qtbot.keyClicks(tab.pass_edit, "yuemo-2026-Harbour")
    tab.message_bar.clear()
    activate(qtbot, tab)
    tab.drive_box.setFocus()
    qtbot.keyClick(tab.drive_box, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # the shortcut
    qtbot.waitUntil(lambda: tab.runner is None, timeout=10000)
    assert "已备份并校验" in tab.message_bar.text(), tab.message_bar.text()
    [sealed] = list(stick.rglob("*.sdbk"))
    assert "加密" in sealed.name
    tab.refresh()
    wait_ops(qtbot)
    assert "还没有" not in tab.reminder.text()
    tab.grab().save(str(artifacts_dir / "backup_tab.png"))
    # When data changes and then the manager restores the stick's backup
    _change(db, 2)
    fake_now(dt.datetime(2026, 11, 30, 17, 0))

    from station_desk.backup.dialogs import RestoreDialog

    dialog = RestoreDialog(tab, tab.ctx, str(sealed))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pass_edit.isVisible() and not dialog.restore_button.isEnabled()
    qtbot.keyClicks(dialog.pass_edit, "wrong-pass")
    qtbot.keyClick(dialog.pass_edit, Qt.Key.Key_Return)
    assert "备份密码不对" in dialog.message_bar.text()
    dialog.pass_edit.clear()
    qtbot.keyClicks(dialog.pass_edit, "yuemo-2026-Harbour")
    qtbot.keyClick(dialog.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=5000)
    assert dialog.isVisible()  # Enter checked the backup; it did not restore
    assert "2026-11-30" in dialog.contents_view.summary.text()
    dialog.grab().save(str(artifacts_dir / "backup_restore_dialog.png"))
    box = dialog.make_confirm_box()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    monkeypatch.setattr(type(dialog), "confirm_replace", lambda self: True)
    monkeypatch.setattr("station_desk.qt.dialogs.approval.ask_manager_approval",
                        lambda parent, ctx, action: approval)
    dialog.restore_button.click()
    wait_ops(qtbot, timeout=15000)
    assert dialog.result_info is not None, dialog.message_bar.text()
    # Then the data is the backup's, the window keeps working on it, and the confirmation banner shows
    rows = [e.action for e in audit.list_entries(db, limit=100)]
    assert rows.count("test.change") == 3 and "backup.restore" in rows
    tab.refresh()
    wait_ops(qtbot)
    assert tab.pending_box.isVisible() and tab.undo_button.isEnabled()
    tab.grab().save(str(artifacts_dir / "backup_tab_pending.png"))


def test_recovery_offered_when_the_data_file_is_missing(zh_app, qtbot, db, manager, fake_now, tmp_path,
                                                        artifacts_dir):
    from station_desk.backup.dialogs_recovery import RecoveryDialog

    fake_now(dt.datetime(2026, 11, 30, 16, 0))
    _change(db, 4)
    bs.auto_backup_if_due(db)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        p = db.path.with_name(db.path.name + suffix)
        if p.exists():
            os.remove(p)
    dialog = RecoveryDialog(None, db.path, "数据文件不存在")
    qtbot.addWidget(dialog)
    dialog.show()
    # the newest good backup is offered and already checked (not encrypted)
    assert "自动" in dialog.file_label.text() and dialog.restore_button.isEnabled()
    assert dialog.manager_box.count() == 1
    dialog.grab().save(str(artifacts_dir / "backup_recovery_dialog.png"))
    qtbot.keyClicks(dialog.pin_edit, "0000")
    dialog.restore()
    assert "密码不正确" in dialog.message_bar.text() and not db.path.exists()
    dialog.pin_edit.clear()
    qtbot.keyClicks(dialog.pin_edit, MANAGER_PIN)
    dialog.restore()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert db.path.exists() and bs.restore_pending(db.path) is not None


def test_recovery_of_a_damaged_file_from_an_encrypted_stick(zh_app, qtbot, db, manager, fake_now, tmp_path,
                                                            monkeypatch):
    from station_desk.backup.dialogs_recovery import RecoveryDialog

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    fake_now(dt.datetime(2026, 11, 30, 16, 0))
    _change(db, 4)
    stick = tmp_path / "stick"
    stick.mkdir()
    info = bs.backup_to_folder(db, actor=manager[0], folder=stick, passphrase="stick-pass-Harbour-7", removable=True)
    db.close()
    damaged = b"SQLite format 3\x00" + b"\x13" * 5000
    db.path.write_bytes(damaged)
    dialog = RecoveryDialog(None, db.path, "数据文件完整性检查未通过")
    qtbot.addWidget(dialog)
    dialog.show()
    # no local backup: the dialog asks for one; the manager picks the stick's file
    assert "没有找到备份" in dialog.file_label.text() and not dialog.restore_button.isEnabled()
    dialog.set_path(info.path)
    assert dialog.pass_edit.isEnabled() and not dialog.restore_button.isEnabled()
    qtbot.keyClicks(dialog.pass_edit, "stick-pass-Harbour-7")
    qtbot.keyClick(dialog.pass_edit, Qt.Key.Key_Return)  # Enter checks (the default button)
    qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=5000)
    qtbot.keyClicks(dialog.pin_edit, MANAGER_PIN)
    dialog.restore()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.message_bar.text()
    aside = [p for p in db.path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # kept, unchanged
    assert db.path.read_bytes()[:16] == b"SQLite format 3\x00" and bs.restore_pending(db.path)
