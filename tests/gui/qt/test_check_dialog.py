"""工具 → 检查数据文件 in the window (issue #18 §2): the check's report, the chain's fingerprint now, and a fingerprint
typed from a posted sheet checked against the live chain — by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from station_desk.audit.row_check import head_fingerprint
from tests.gui_helpers import activate, wait_ops


@pytest.mark.sqlite_only  # the dialog checks the station file (a server station says where to run check)
def test_check_dialog_reports_and_checks_a_typed_fingerprint(zh_app, qtbot, db, manager, make_ctx, artifacts_dir):
    from station_desk.qt.dialogs.check import CheckDialog

    actor, _ = manager
    head = head_fingerprint(db)
    dialog = CheckDialog(None, make_ctx(actor))
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=10_000)
    assert dialog.windowTitle() == "检查数据文件"
    assert dialog.head_label.text() == head
    text = dialog.result.toPlainText()
    assert "没有发现问题" in text and "数据行与审计链" in text and "审计日志链：完整" in text
    # a fingerprint copied wrongly off the wall is reported
    qtbot.keyClicks(dialog.fingerprint_edit, "0000-0000-0000-0000")
    qtbot.keyClick(dialog.fingerprint_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and "0000-0000" in dialog.result.toPlainText(),
                    timeout=10_000)
    assert "不在审计链中" in dialog.result.toPlainText() and dialog.result.toPlainText().startswith("发现问题")
    dialog.grab().save(str(artifacts_dir / "check_dialog.png"))
    # the real one, typed in capitals with spaces, is found
    dialog.fingerprint_edit.clear()
    qtbot.keyClicks(dialog.fingerprint_edit, head.upper().replace("-", " "))
    qtbot.keyClick(dialog.fingerprint_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled() and "锚点：1 个" in dialog.result.toPlainText(),
                    timeout=10_000)
    assert "没有发现问题" in dialog.result.toPlainText()
