"""The issue-gift dialog (front desk Ctrl+G): issue by keyboard; a refused issue shows its Chinese reason; the
manager override path records the reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from station_desk.gift_stock import service as gifts
from tests.gui_helpers import activate, on_modal, wait_ops
from tests.fixtures.gifts import station  # noqa: F401

D = dt.date


@pytest.fixture
def stocked(station):  # noqa: F811
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=10, day=D(2026, 11, 1), delivery_note="SH-1")
    gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="包年续费送保温杯", action="renewal",
                        cycle="yearly", item_id=st.mug, qty=1, valid_from=D(2026, 11, 1), valid_to=D(2026, 12, 31))
    return st


def _dialog(make_ctx, st, **kw):
    from station_desk.gift_stock.dialogs import IssueGiftDialog

    return IssueGiftDialog(None, make_ctx(st.clerk), **kw)


def test_issue_gift_by_keyboard(zh_app, qtbot, stocked, make_ctx):
    st = stocked
    dlg = _dialog(make_ctx, st)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    assert dlg.picker.hasFocus() or dlg.focusWidget() is dlg.picker.edit
    qtbot.keyClicks(dlg.picker.edit, "A001")
    qtbot.waitUntil(lambda: len(dlg.picker.results()) == 1, timeout=2000)
    qtbot.keyClick(dlg.picker.edit, Qt.Key.Key_Return)
    assert dlg.customer_id == st.cust_a
    assert dlg.ent_box.currentData() == f"renewal:{st.renewal_a}"  # the customer's renewal this month
    assert "包年续费送保温杯" in dlg.promo_box.currentText() and dlg.promo_box.currentText().startswith("✓")
    assert dlg.item_box.currentData() == st.mug
    qtbot.keyClick(dlg.qty, Qt.Key.Key_Return)  # Enter issues
    wait_ops(qtbot)
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.move_id is not None
    moves = gifts.list_moves(st.db, kind="issue")
    assert [(m.customer_name, m.qty, m.created_by) for m in moves] == [("张三", -1, "李晓燕")]


def test_refused_issue_shows_reason_then_manager_override(zh_app, qtbot, stocked, make_ctx, artifacts_dir):
    st = stocked
    ref = f"renewal:{st.renewal_a}"
    promo = gifts.list_promotions(st.db)[0].id
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=promo,
                     entitlement_ref=ref, day=D(2026, 11, 20))
    dlg = _dialog(make_ctx, st, customer_id=st.cust_a)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    assert not dlg.override_button.isEnabled()
    qtbot.keyClick(dlg.promo_box, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert dlg.isVisible() and dlg.move_id is None
    assert "已经领过" in dlg.message_bar.text() and "不能重复发放" in dlg.message_bar.text()
    assert dlg.override_button.isEnabled()
    dlg.grab().save(str(artifacts_dir / "gift_issue_refused.png"))

    def give_reason(box):
        box.findChild(type(dlg.note)).setText("杯子有裂纹，换一个")
        box.accept()

    def give_pin(box):
        box.pin_edit.setText("2468")
        qtbot.keyClick(box.pin_edit, Qt.Key.Key_Return)

    on_modal(give_reason)
    on_modal(give_pin, name="ManagerApprovalDialog", timeout_ms=8000)
    qtbot.keyClick(dlg, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: dlg.move_id is not None, timeout=5000)
    issued = gifts.list_moves(st.db, kind="issue")[0]
    assert issued.override_reason == "杯子有裂纹，换一个" and issued.approved_by == "王经理"


def test_from_a_contact_the_customer_and_business_are_filled(zh_app, qtbot, stocked, make_ctx):
    from station_desk.contact_log.models import Contact

    st = stocked
    with st.db.session() as s:
        c = Contact(at=dt.datetime(2026, 11, 20, 9), day=D(2026, 11, 20), channel="walk_in", kind="renewal",
                    customer_id=st.cust_a, renewal_id=st.renewal_a, created_at=dt.datetime(2026, 11, 20, 9))
        s.add(c)
        s.flush()
        contact_id = c.id
    dlg = _dialog(make_ctx, st, contact_id=contact_id)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    assert dlg.customer_id == st.cust_a
    assert dlg.ent_box.currentData() == f"contact:{contact_id}" and dlg.ent_box.count() == 3
    assert not dlg.action_box.isEnabled() and "包年" in dlg.facts_label.text()
    assert dlg.promo_box.currentText().startswith("✓") and dlg.promo_box.hasFocus()
    qtbot.keyClick(dlg.promo_box, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert dlg.move_id is not None
    assert gifts.list_moves(st.db, kind="issue")[0].entitlement_ref == f"renewal:{st.renewal_a}"


def test_receive_form_by_keyboard(zh_app, qtbot, stocked, make_ctx):
    from station_desk.gift_stock.tab_forms import MoveDialog
    from tests.gui_helpers import type_text

    st = stocked
    dlg = MoveDialog(None, make_ctx(st.clerk), "receive", st.mug)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    qtbot.keyClick(dlg.item, Qt.Key.Key_Tab)
    dlg.qty.selectAll()
    qtbot.keyClicks(dlg.qty, "24")
    qtbot.keyClick(dlg.qty, Qt.Key.Key_Tab)
    qtbot.keyClick(dlg.day, Qt.Key.Key_Tab)
    type_text(qtbot, dlg.detail, "SH-1120")
    qtbot.keyClick(dlg.detail, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert dlg.result_row is not None
    assert gifts.on_hand(st.db, st.mug) == 34
    # a transfer larger than the stock is refused, shown in the form, nothing written
    out = MoveDialog(None, make_ctx(st.clerk), "transfer", st.mug)
    qtbot.addWidget(out)
    activate(qtbot, out)
    out.qty.setValue(99)
    out.detail.setText("二站")
    qtbot.keyClick(out.detail, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert out.isVisible() and "库存不足" in out.message_bar.text()
    assert gifts.on_hand(st.db, st.mug) == 34


def test_choosing_another_customer_drops_the_previous_business(zh_app, qtbot, stocked, make_ctx):
    """Given the dialog opened from customer A's contact with "what they did" chosen, when the clerk picks
    customer B instead, then A's contact and the chosen action are gone: only B's own business is offered."""
    from station_desk.contact_log.models import Contact

    st = stocked
    with st.db.session() as s:
        c = Contact(at=dt.datetime(2026, 11, 20, 9), day=D(2026, 11, 20), channel="walk_in", kind="inquiry",
                    customer_id=st.cust_a, created_at=dt.datetime(2026, 11, 20, 9))
        s.add(c)
        s.flush()
        contact_id = c.id
    dlg = _dialog(make_ctx, st, contact_id=contact_id)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    assert dlg.customer_id == st.cust_a and dlg.ent_box.currentData() == f"contact:{contact_id}"
    dlg.action_box.setCurrentIndex(dlg.action_box.findData("renewal"))
    dlg.picker.edit.setFocus()
    dlg.picker.edit.selectAll()
    qtbot.keyClicks(dlg.picker.edit, "B001")
    qtbot.waitUntil(lambda: len(dlg.picker.results()) == 1, timeout=2000)
    qtbot.keyClick(dlg.picker.edit, Qt.Key.Key_Return)
    assert dlg.customer_id == st.cust_b
    refs = [dlg.ent_box.itemData(i) for i in range(dlg.ent_box.count())]
    assert f"contact:{contact_id}" not in refs and refs[0] == f"signup:{st.signup_b}"
    assert dlg.action_box.currentData() == ""
