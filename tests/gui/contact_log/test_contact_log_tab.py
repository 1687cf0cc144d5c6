"""The clerk's main screen, by keyboard only: log a renewal with cash and invoice, an inquiry, a new install that
matches an existing customer; close the day with a difference and a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from station_desk.contact_log import service as contacts
from station_desk.customers import service as customers
from station_desk.takings import service as takings
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal, type_text, wait_ops
from tests.fixtures.desk import make_desk

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def desk(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    return make_desk(db, manager)


@pytest.fixture
def tab(zh_app, qtbot, db, desk, make_ctx):
    from station_desk.contact_log.tab import ContactLogTab

    w = ContactLogTab(make_ctx(desk.clerk))
    qtbot.addWidget(w)
    w.resize(1280, 760)
    activate(qtbot, w)
    w.refresh_if_dirty()
    return w


def key(qtbot, widget, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, mod)


def focused():
    return QApplication.focusWidget()


def test_log_contacts_by_keyboard_only(tab, qtbot, db, desk, artifacts_dir):
    form = tab.form
    assert focused() is form.picker.edit  # the search field has the focus on open
    # renewal: zsf, Enter, Ctrl+3, amount, Tab, (method: cash), Tab, invoice, Enter
    qtbot.keyClicks(focused(), "zsf")
    key(qtbot, focused(), Qt.Key.Key_Return)
    assert form.picker.customer_id == desk.zsf and focused() is form.kind_box
    key(qtbot, focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert form.kind() == "renewal" and focused() is form.amount_edit
    qtbot.keyClicks(focused(), "30")
    key(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is form.method_box
    key(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is form.invoice_edit
    qtbot.keyClicks(focused(), "FP0001")
    key(qtbot, focused(), Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert "已登记" in tab.message_bar.text() and "30.00" in tab.message_bar.text()
    assert customers.get_customer(db, desk.zsf).expiry_date == dt.date(2027, 1, 5)
    assert focused() is form.picker.edit and form.picker.customer_id is None  # ready for the next one
    assert tab.model.rowCount() == 1 and "1" in tab.count_label.text()
    assert "30.00" in tab.cash_label.text()

    # an inquiry by phone from someone who is not a customer: Ctrl+1, type the matter, name, Enter
    key(qtbot, focused(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.asked_edit
    type_text(qtbot, focused(), "问资费")
    form.channel_box.setFocus()
    key(qtbot, focused(), Qt.Key.Key_Down)  # 来电
    form.name_edit.setFocus()
    type_text(qtbot, focused(), "路人甲")
    key(qtbot, focused(), Qt.Key.Key_Return)
    wait_ops(qtbot)
    rows = contacts.list_contacts(db, start=TODAY, end=TODAY)
    assert [(r.kind, r.channel, r.person_name) for r in rows][0] == ("inquiry", "phone", "路人甲")

    # Esc clears a half-typed form
    qtbot.keyClicks(focused(), "ls")
    key(qtbot, focused(), Qt.Key.Key_Return)
    assert form.picker.customer_id == desk.lisi
    key(qtbot, focused(), Qt.Key.Key_Escape)
    assert form.picker.customer_id is None and focused() is form.picker.edit
    tab.grab().save(str(artifacts_dir / "front_desk_contact_log.png"))


def test_cash_without_invoice_is_refused_inline(tab, qtbot, db, desk):
    form = tab.form
    qtbot.keyClicks(focused(), "zsf")
    key(qtbot, focused(), Qt.Key.Key_Return)
    key(qtbot, focused(), Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "50")
    key(qtbot, focused(), Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert "发票" in tab.message_bar.text()
    assert contacts.list_contacts(db, start=TODAY, end=TODAY) == []
    assert form.picker.customer_id == desk.zsf  # nothing lost: the clerk adds the invoice and saves again


def test_new_install_matching_a_customer_asks_first(tab, qtbot, db, desk):
    form = tab.form
    key(qtbot, focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused() is form.name_edit
    type_text(qtbot, focused(), "张三丰")
    key(qtbot, focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "13812345678")

    answers = []

    def answer(box):
        answers.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    on_modal(answer)
    key(qtbot, focused(), Qt.Key.Key_Return)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: bool(answers), timeout=3000)
    wait_ops(qtbot)
    assert "本期到期用户" in answers[0]
    [row] = contacts.list_contacts(db, start=TODAY, end=TODAY)
    assert row.kind == "new_install" and row.signup_id and "GW001" in row.warning


def test_close_day_with_difference_and_reason(tab, qtbot, db, desk, artifacts_dir):
    contacts.record_contact(db, actor=desk.clerk, draft=contacts.ContactDraft(
        kind="payment", customer_id=desk.zsf, amount_fen=5000, method="cash", invoice_no="FP9"))
    tab.refresh()
    wait_ops(qtbot)
    seen = {}

    def count_cash(dialog):
        assert dialog.expected_label.text() == "¥50.00"
        qtbot.keyClicks(dialog.counted_edit, "49")
        assert "短款" in dialog.difference_label.text() or "-1.00" in dialog.difference_label.text()
        on_modal(lambda d: None, name="never")  # keep the poller quiet
        key(qtbot, dialog.counted_edit, Qt.Key.Key_Return)  # no reason yet: refused inline
        seen["refused"] = dialog.message_bar.text()
        dialog.reason_edit.setFocus()
        type_text(qtbot, dialog.reason_edit, "找零多给一元")

        def approve(approval_dialog):
            qtbot.keyClicks(approval_dialog.pin_edit, MANAGER_PIN)
            key(qtbot, approval_dialog.pin_edit, Qt.Key.Key_Return)

        on_modal(approve, name="ManagerApprovalDialog")
        key(qtbot, dialog.reason_edit, Qt.Key.Key_Return)

    on_modal(count_cash, name="TillCloseDialog")
    key(qtbot, tab.form.picker.edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)  # the totals are read again on the database worker
    assert "差额原因" in seen["refused"]
    closed = takings.get_till_close(db, TODAY)
    assert closed is not None and closed.difference_fen == -100 and closed.reason == "找零多给一元"
    assert closed.handed_to == "王经理"
    assert "交" in tab.message_bar.text() and not tab.close_button.isEnabled()


def test_ledger_export_and_reply(tab, qtbot, db, desk, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    row = contacts.record_contact(db, actor=desk.clerk, draft=contacts.ContactDraft(
        kind="inquiry", customer_id=desk.zsf, asked="能否移机", result="pending", reply_by=TODAY))
    tab.refresh()
    wait_ops(qtbot)
    assert "1 笔待回复" in tab.kinds_label.text()
    target = tmp_path / "ledger.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.export_rows()
    wait_ops(qtbot)
    ws = openpyxl.load_workbook(target).active
    values = [c.value for c in ws[3]]
    assert "张三丰" in values and "138****5678" in values and "能否移机" in values
    # F2 on the red row logs the reply
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("可以移机，已告知", True))
    tab.pending_check.setChecked(True)
    assert tab.model.rowCount() == 1
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    wait_ops(qtbot)
    assert tab.model.rowCount() == 0 and "答复已登记" in tab.message_bar.text()
    assert contacts.totals(db, start=TODAY, end=TODAY).pending == 0


def test_ctrl_w_and_ctrl_g_hand_the_contact_over(tab, qtbot, db, desk, monkeypatch):
    """Ctrl+W opens the new-order dialog for the selected contact; once the order exists the contact reads
    已转工单 with its number (not 已办结). Ctrl+G opens the gift dialog for it and confirms the issue."""
    import station_desk.gift_stock.dialogs as gd
    import station_desk.work_orders.dialogs as wod
    from station_desk.work_orders import service as wo

    calls, gifts = [], []

    class FakeOrderDialog:  # the work-order module's dialog, called as the front desk calls it
        def __init__(self, parent, ctx, **kw):
            calls.append(kw)
            self.result_value = None
            self.kw, self.ctx = kw, ctx

        def exec(self):
            self.result_value = wo.create_order(self.ctx.db, actor=self.ctx.actor, kind=self.kw["kind"],
                                                customer_id=self.kw["customer_id"],
                                                description=self.kw["description"],
                                                contact_id=self.kw["contact_id"])
            return 1

    class FakeGiftDialog:
        def __init__(self, parent, ctx, **kw):
            gifts.append(kw)
            self.result_value = None

        def exec(self):
            from types import SimpleNamespace

            self.result_value = SimpleNamespace(id=5, item_name="保温杯", qty=-1, customer_name="张三丰")
            return 1

    monkeypatch.setattr(wod, "NewOrderDialog", FakeOrderDialog)
    monkeypatch.setattr(gd, "IssueGiftDialog", FakeGiftDialog)
    row = contacts.record_contact(db, actor=desk.clerk, draft=contacts.ContactDraft(
        kind="fault", customer_id=desk.zsf, asked="光猫红灯闪"))
    tab.refresh()
    wait_ops(qtbot)
    assert tab.model.row_at(0).result_label == "已办结"
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)  # the ledger is read again on the database worker
    assert calls == [dict(contact_id=row.id, customer_id=desk.zsf, kind="repair", description="光猫红灯闪")]
    order_id = contacts.get_contact(db, row.id).work_order_id
    assert order_id is not None and str(order_id) in tab.message_bar.text()
    assert tab.model.row_at(0).result_label == f"已转工单 #{order_id}"
    assert tab.model.index(0, 8).data().startswith("已转工单")
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert gifts == [dict(customer_id=desk.zsf, contact_id=row.id)]
    assert "保温杯" in tab.message_bar.text() and "张三丰" in tab.message_bar.text()



def test_ctrl_l_before_the_rows_arrive_selects_the_newest_when_they_do(tab, qtbot, db, desk):
    import threading

    from station_desk.qt.ops import Op

    contacts.record_contact(db, actor=desk.clerk, draft=contacts.ContactDraft(
        kind="inquiry", customer_id=desk.zsf, asked="资费"))
    release, started = threading.Event(), threading.Event()
    Op(None, lambda: (started.set(), release.wait(5))).run()
    qtbot.waitUntil(started.is_set, timeout=2000)
    tab.refresh()  # F5: the ledger is read again, behind the busy worker
    key(qtbot, tab.form.picker.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert focused() is tab.table
    release.set()
    wait_ops(qtbot)
    assert focused() is tab.table and tab.table.currentIndex().row() == 0
    assert tab.model.row_at(0).asked == "资费"
