"""``on_modal`` handlers end with their test: one left waiting for a dialog that never came rejected the next
test's dialog (a rewards test's "no PIN is asked" handler took the ShortPinDialog of the sign-in test after it)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from tests.gui_helpers import end_modal_handlers, on_modal


def test_a_handler_left_waiting_takes_no_later_dialog(zh_app, qtbot):
    taken = []
    on_modal(lambda d: (taken.append("old"), d.reject()))  # the dialog it waited for never came
    qtbot.wait(50)
    end_modal_handlers()  # what the autouse fixture does after each test

    dialog = QDialog()
    dialog.setObjectName("NextTestsDialog")
    # the next test's own handler starts looking a little after its dialog shows: the old one would be first
    QTimer.singleShot(100, lambda: on_modal(lambda d: (taken.append("new"), d.accept()), name="NextTestsDialog"))
    QTimer.singleShot(2000, dialog.reject)  # a guard: the test never hangs
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert taken == ["new"]
