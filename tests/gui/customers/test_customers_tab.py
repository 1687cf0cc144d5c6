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


def test_down_before_the_rows_arrive_selects_the_first_when_they_do(tab, qtbot, desk):
    """Reads run on the database worker: a clerk who types and presses Down at once lands on the first match as
    soon as it is drawn (issue #15: keyboard behaviour kept)."""
    import threading

    from station_desk.qt.ops import Op

    wait_ops(qtbot)
    release, started = threading.Event(), threading.Event()
    Op(None, lambda: (started.set(), release.wait(5))).run()  # the worker is busy: the search waits behind it
    qtbot.waitUntil(started.is_set, timeout=2000)
    tab.focus_default()
    qtbot.keyClicks(tab.search, "zsf")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # find now (not after the typing pause)
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.model.rowCount() == 2  # the matches are not here yet
    release.set()
    wait_ops(qtbot)
    assert tab.table.hasFocus() and tab.table.currentIndex().row() == 0
    assert tab.model.row_at(0).name == "张三丰"


def test_the_expiring_list_reads_a_page_and_the_next_as_it_scrolls(tab, qtbot, db, desk, monkeypatch):
    """A screen reads one page of the 回访 list; the label counts all of them (in SQL); scrolling to the end
    reads the next page (issue #15: 200,000 customers have thousands expiring in a month)."""
    from station_desk.customers import tab as customers_tab

    monkeypatch.setattr(customers_tab, "EXPIRING_PAGE", 10)  # more than the screen holds, as 200 are
    for i in range(30):
        customers.create_customer(db, actor=desk.manager, account_no=f"EX{i:02d}", name=f"到期{i}",
                                  expiry_date=dt.date(2026, 12, 1 + i % 20))
    everyone = customers.list_expiring(db, start=dt.date(2026, 11, 16), end=dt.date(2026, 12, 23))
    reads = []
    real = customers.list_expiring
    monkeypatch.setattr(customers, "list_expiring", lambda *a, **k: reads.append(k["limit"]) or real(*a, **k))
    tab.resize(1200, 250)  # a few rows per screen: the list scrolls
    tab.pages.setCurrentIndex(1)
    wait_ops(qtbot)
    assert tab.expiring.rowCount() == 10 and tab.expiring_label.text().startswith(f"{len(everyone)} ")
    bar = tab.expiring_table.verticalScrollBar()
    for _ in range(len(everyone)):  # the clerk goes down the list
        bar.setValue(bar.maximum())
        wait_ops(qtbot)
    assert [r.customer.id for r in tab.expiring.rows()] == [r.customer.id for r in everyone]
    assert set(reads) == {10}  # a page at a time, never the whole list
