"""账务 tab: the accounts clerk records an expense with the manager as approver; the book shows the running
balance; every page opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from station_desk.cash_book import service as cash
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal, type_text, wait_ops
from tests.fixtures.desk import make_desk


@pytest.fixture
def desk(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    return make_desk(db, manager)


def test_expense_with_approver_by_keyboard(zh_app, qtbot, db, desk, make_ctx, artifacts_dir):
    from station_desk.cash_book.tab import CashBookTab

    cash.post_entry(db, actor=desk.accounts, approval=None, day=dt.date(2026, 11, 1), direction="income",
                    category="备用金", amount_fen=100000, handler_id=desk.accounts.staff_id, payee="公司")
    tab = CashBookTab(make_ctx(desk.accounts))
    qtbot.addWidget(tab)
    tab.resize(1280, 700)
    activate(qtbot, tab)
    tab.refresh_if_dirty()
    assert tab.book.model.rowCount() == 1

    def fill(dialog):
        dialog.direction_box.setCurrentIndex(dialog.direction_box.findData("expense"))
        dialog.category_box.setCurrentIndex(dialog.category_box.findText("水电费"))
        qtbot.keyClicks(dialog.amount_edit, "123.45")
        dialog.payee_edit.setFocus()
        type_text(qtbot, dialog.payee_edit, "供电所")
        qtbot.keyClicks(dialog.voucher_edit, "PZ-7")

        def approve(d):
            qtbot.keyClicks(d.pin_edit, MANAGER_PIN)
            qtbot.keyClick(d.pin_edit, Qt.Key.Key_Return)

        on_modal(approve, name="ManagerApprovalDialog")
        qtbot.keyClick(dialog.voucher_edit, Qt.Key.Key_Return)
        seen.append(dialog.message_bar.text())

    seen = []
    on_modal(fill, name="CashEntryDialog")
    tab.book.table.setFocus()
    qtbot.keyClick(tab.book.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [""]
    qtbot.waitUntil(lambda: tab.book.model.rowCount() == 2, timeout=3000)
    line = tab.book.model.row_at(1)
    assert (line.category, line.amount_fen, line.approver, line.payee, line.balance_fen) == (
        "水电费", 12345, "王经理", "供电所", 87655)
    assert "876.55" in tab.book.balance_label.text()
    tab.grab().save(str(artifacts_dir / "front_desk_cash_book.png"))
    for i in range(1, 4):  # every page builds and refreshes
        tab.pages.setCurrentIndex(i)
    tab.pages.setCurrentIndex(1)
    tab.grab().save(str(artifacts_dir / "front_desk_till.png"))


def test_accounts_sheet_saved_as_pdf_and_xlsx(zh_app, qtbot, db, desk, make_ctx, tmp_path, monkeypatch):
    """Both buttons of the month-close page write the month's sheet where the clerk chose, then say where."""
    from station_desk.cash_book import tab_close
    from station_desk.cash_book.tab import CashBookTab

    opened = []
    monkeypatch.setattr(tab_close, "open_document", lambda parent, path: opened.append(Path(path)))
    tab = CashBookTab(make_ctx(desk.accounts))
    qtbot.addWidget(tab)
    page = tab.close_page
    for suffix, save in (("pdf", page.save_pdf), ("xlsx", page.save_xlsx)):
        target = tmp_path / f"账务明细.{suffix}"
        monkeypatch.setattr(tab_close.QFileDialog, "getSaveFileName",
                            lambda *a, target=target: (str(target), ""))
        save()
        wait_ops(qtbot)
        assert target.stat().st_size > 0 and opened[-1] == target
        assert str(target) in tab.message_bar.text()
    assert target.read_bytes()[:2] == b"PK" and (tmp_path / "账务明细.pdf").read_bytes()[:4] == b"%PDF"
