"""The reusable customer picker: type pinyin initials, move with Down, pick with Enter."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QVBoxLayout

from tests.gui_helpers import activate, type_text
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


def test_enter_on_several_close_matches_shows_them(zh_app, qtbot, db, desk, make_ctx):
    """Typed fast and Enter at once (the list not yet open): one match is picked, several are shown."""
    from station_desk.customers import service as customers
    from station_desk.customers.widgets import CustomerPicker

    for no, name in (("GW101", "张三"), ("GW102", "张三峰")):
        customers.create_customer(db, actor=desk.manager, account_no=no, name=name, area="简易片区",
                                  building="阳光新村", address="209号" if no == "GW101" else "12号",
                                  phone="13700000" + no[-3:], package="3.0", cycle="monthly",
                                  expiry_date=dt.date(2026, 12, 5))
    host = QWidget()
    QVBoxLayout(host).addWidget(picker := CustomerPicker(make_ctx(desk.clerk)))
    qtbot.addWidget(host)
    activate(qtbot, host)
    picker.edit.setFocus()
    picker.set_text("")
    qtbot.keyClicks(picker.edit, "zs")  # 张三丰, 张三, 张三峰
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.customer_id is None and picker.completer.popup().isVisible()
    assert len(picker.results()) == 3
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)
    assert picker.customer_id == picker.results()[1].id
    picker.edit.selectAll()
    qtbot.keyClicks(picker.edit, "gw102")  # the exact account: taken at once
    picker.completer.popup().hide()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.customer is not None and picker.customer.name == "张三峰"
    picker.edit.selectAll()
    type_text(qtbot, picker.edit, "阳光新村209")  # an address as written: the one customer
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.customer is not None and picker.customer.name == "张三"


def test_the_chosen_customer_reads_whole_beside_a_long_summary(zh_app, qtbot, db, desk, make_ctx):
    """The gift dialog showed only "（GW2019000923）": the name had scrolled out of a field squeezed by the
    summary beside it."""
    from station_desk.customers.widgets import CustomerPicker

    picker = CustomerPicker(make_ctx(desk.clerk), show_summary=True)
    qtbot.addWidget(picker)
    picker.resize(520, 30)
    picker.show()
    picker.customer_id = desk.zsf
    qtbot.wait(30)
    edit = picker.edit
    need = edit.fontMetrics().horizontalAdvance(edit.text())
    assert edit.text().startswith("张三丰") and edit.cursorPosition() == 0
    assert edit.width() >= need + 20, (edit.width(), need)
