"""The reusable customer picker: type pinyin initials, move with Down, pick with Enter."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QVBoxLayout

from tests.gui_helpers import activate
from tests.fixtures.desk import make_desk


@pytest.fixture
def desk(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    return make_desk(db, manager)


def test_pick_customer_by_pinyin_initials(zh_app, qtbot, db, desk, make_ctx):
    from station_desk.customers.widgets import CustomerPicker

    host = QWidget()
    layout = QVBoxLayout(host)
    picker = CustomerPicker(make_ctx(desk.clerk), show_summary=True)
    layout.addWidget(picker)
    qtbot.addWidget(host)
    activate(qtbot, host)
    picker.setFocus()
    chosen = []
    picker.customerChosen.connect(chosen.append)
    qtbot.keyClicks(picker.edit, "zsf")
    qtbot.waitUntil(lambda: len(picker.results()) == 1, timeout=2000)
    assert picker.results()[0].name == "张三丰"
    assert picker.completer.popup().isVisible()
    assert "138****5678" in picker.completer.popup().model().index(0, 0).data()  # masked for a clerk
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)
    assert chosen == [desk.zsf] and picker.customer_id == desk.zsf
    assert "张三丰" in picker.edit.text() and "138****5678" in picker.summary.text()
    # typing again forgets the choice; Enter with the list closed takes the best match
    picker.edit.selectAll()
    qtbot.keyClicks(picker.edit, "gw002")
    assert picker.customer_id is None
    picker.completer.popup().hide()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.customer_id == desk.lisi and chosen[-1] == desk.lisi


def test_manager_sees_full_phone(zh_app, qtbot, db, desk, make_ctx):
    from station_desk.customers.widgets import CustomerPicker

    picker = CustomerPicker(make_ctx(desk.manager), show_summary=True)
    qtbot.addWidget(picker)
    picker.customer_id = desk.zsf
    assert "13812345678" in picker.summary.text()


def test_enter_that_picks_does_not_accept_the_dialog(zh_app, qtbot, db, desk, make_ctx):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from station_desk.customers.widgets import CustomerPicker

    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    picker = CustomerPicker(make_ctx(desk.clerk))
    layout.addWidget(picker)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    layout.addWidget(buttons)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "ls")
    picker.completer.popup().hide()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)  # picks 李四, the dialog stays open
    assert picker.customer_id == desk.lisi and dialog.isVisible() and dialog.result() == 0
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)  # the next Enter is the dialog's
    assert dialog.result() == QDialog.DialogCode.Accepted
