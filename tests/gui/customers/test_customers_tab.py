"""用户 tab: find a customer by pinyin initials, phones masked for a clerk but shown when editing; expiring list
with a recorded call; import dialog previews errors and imports nothing until every row is right."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_desk.customers import service as customers
from tests.gui_helpers import activate, on_modal, wait_ops
from tests.fixtures.desk import make_desk


@pytest.fixture
def desk(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    return make_desk(db, manager)


@pytest.fixture
def tab(zh_app, qtbot, db, desk, make_ctx):
    from station_desk.customers.tab import CustomersTab

    w = CustomersTab(make_ctx(desk.clerk))
    qtbot.addWidget(w)
    w.resize(1200, 600)
    activate(qtbot, w)
    w.refresh_if_dirty()
    return w


def test_search_by_pinyin_initials_and_masked_phone(tab, qtbot, db, desk, artifacts_dir):
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)  # the register is read on the worker
    tab.focus_default()
    qtbot.keyClicks(tab.search, "zsf")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=2000)
    row = tab.model.row_at(0)
    assert row.name == "张三丰"
    assert tab.model.index(0, 3).data() == "138****5678"
    seen = {}

    def look(dialog):
        seen["phone"] = dialog.edits["phone"].text()
        dialog.reject()

    on_modal(look, name="CustomerDialog")
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert seen["phone"] == "13812345678"  # the record being edited shows the full number
    tab.grab().save(str(artifacts_dir / "front_desk_customers.png"))


def test_expiring_list_records_a_call(tab, qtbot, db, desk):
    tab.pages.setCurrentIndex(1)
    wait_ops(qtbot)  # the list is read on the database worker
    assert tab.expiring.rowCount() == 1 and tab.expiring.row_at(0).customer.name == "张三丰"

    def answer(dialog):
        # the Return below must reach the dialog, not the table behind it (whose Return opens this dialog)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
        dialog.outcome_box.setCurrentIndex(dialog.outcome_box.findData("will_renew"))
        qtbot.keyClick(dialog.outcome_box, Qt.Key.Key_Return)

    on_modal(answer, name="CallOutcomeDialog")
    tab.expiring_table.setFocus()
    tab.expiring_table.selectRow(0)
    qtbot.keyClick(tab.expiring_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.expiring.row_at(0).last_outcome == "will_renew", timeout=3000)
    assert tab.expiring.index(0, 7).data() == "愿意续费"


def test_import_dialog_preview(zh_app, qtbot, db, desk, make_ctx, tmp_path):
    from station_desk.customers.dialogs import ImportDialog

    path = tmp_path / "c.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["账号", "姓名", "电话"])
    wb.active.append(["KD1", "王一", "13800000001"])
    wb.active.append(["KD2", "", "abc"])
    wb.save(path)
    dialog = ImportDialog(None, make_ctx(desk.clerk), str(path))
    qtbot.addWidget(dialog)
    assert dialog.errors.count() == 1 and "第 3 行" in dialog.errors.item(0).text()
    assert not dialog.ok_button.isEnabled() and dialog.preview.rowCount() == 2
    assert customers.count_customers(db) == 2
