"""A manager whose PIN is shorter than the policy's minimum (6 digits) is asked at sign-in to choose a longer one
(issue #18 §4): in Chinese, by keyboard; "later" (Esc) still signs in and the question comes back next time."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station_desk.staff import auth
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal


def _sign_in_as_manager(qtbot, db, pin: str):
    from station_desk.qt.dialogs.sign_in import SignInDialog

    dialog = SignInDialog(None, db)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.filter_edit, "wjl")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    return dialog


def test_short_manager_pin_is_changed_at_sign_in_by_keyboard(zh_app, qtbot, db, manager, artifacts_dir):
    assert len(MANAGER_PIN) < 6 and auth.pin_change_due(db, manager[0].staff_id, MANAGER_PIN)
    seen = {}

    def later(dialog):
        from PySide6.QtWidgets import QLabel

        seen["title"] = dialog.windowTitle()
        dialog.grab().save(str(artifacts_dir / "short_pin_dialog.png"))
        seen["intro"] = " ".join(lb.text() for lb in dialog.findChildren(QLabel))
        qtbot.keyClick(dialog.new, Qt.Key.Key_Escape)

    on_modal(later, name="ShortPinDialog", timeout_ms=30_000)
    first = _sign_in_as_manager(qtbot, db, MANAGER_PIN)
    assert first.actor == manager[0]  # "later" still signs in
    assert seen["title"] == "请设置更长的密码" and "至少需要 6 位" in seen["intro"]

    def change(dialog):
        qtbot.keyClicks(dialog.new, "13579")
        qtbot.keyClick(dialog.new, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.new2, "13579")
        qtbot.keyClick(dialog.new2, Qt.Key.Key_Return)
        seen["refused"] = dialog.message_bar.text()  # five digits are still too short
        for edit in (dialog.new, dialog.new2):
            edit.clear()
        qtbot.keyClicks(dialog.new, "864209")
        qtbot.keyClick(dialog.new, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.new2, "864209")
        qtbot.keyClick(dialog.new2, Qt.Key.Key_Return)
        seen["changed"] = dialog.changed

    on_modal(change, name="ShortPinDialog", timeout_ms=30_000)
    second = _sign_in_as_manager(qtbot, db, MANAGER_PIN)
    assert second.actor == manager[0] and seen["changed"] and "6" in seen["refused"]
    assert auth.sign_in(db, manager[0].staff_id, "864209") == manager[0]
    assert not auth.pin_change_due(db, manager[0].staff_id, "864209")
