"""The 礼品库存 tab: stock with low-stock warning, moves, promotions, a stocktake typed by keyboard and posted,
the statistics page balances."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from station_desk.errors import DomainError
from station_desk.gift_stock import service as gifts
from tests.gui_helpers import activate, on_modal, wait_ops
from tests.fixtures.gifts import station  # noqa: F401

D = dt.date


@pytest.fixture
def tab(zh_app, qtbot, station, make_ctx):  # noqa: F811
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=3, day=D(2026, 11, 1), delivery_note="SH-1")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=8, day=D(2026, 11, 1), delivery_note="SH-1")
    gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="包年续费送保温杯", action="renewal",
                        cycle="yearly", item_id=st.mug, valid_from=D(2026, 11, 1), valid_to=D(2026, 12, 31))
    from station_desk.gift_stock.tab import GiftStockTab

    w = GiftStockTab(make_ctx(st.clerk))
    w.resize(1100, 600)
    qtbot.addWidget(w)
    activate(qtbot, w)
    wait_ops(qtbot)  # the tab reads on the DB worker
    return st, w


def test_tab_shows_stock_low_warning_and_statistics(tab, qtbot, artifacts_dir):
    st, w = tab
    assert [r.name for r in w.items_model.rows()] == ["保温杯", "电饭煲"]
    assert w.low_label.isVisible() and "保温杯 3个" in w.low_label.text()
    assert w.items_model.data(w.items_model.index(0, 6)) in ("低库存", "LOW STOCK")
    assert w.promos_model.rows() == [] and w.moves_model.rows() == []  # the other pages load when shown
    w.pages.setCurrentIndex(2)
    wait_ops(qtbot)
    assert [r.name for r in w.promos_model.rows()] == ["包年续费送保温杯"]
    w.pages.setCurrentIndex(1)
    wait_ops(qtbot)
    assert len(w.moves_model.rows()) == 2
    w.pages.setCurrentIndex(4)
    w.month_box.setCurrentText("2026-11")
    w.refresh_stats()
    wait_ops(qtbot)
    total = w.stats_model.rows()[-1]
    assert total.received == 11 and total.closing == 11 and total.balances
    w.grab().save(str(artifacts_dir / "gift_tab.png"))
    w.month_box.setCurrentText("2026-10")
    w.lock_month(approval=st.approval)
    wait_ops(qtbot)
    with pytest.raises(DomainError, match="已结账锁定"):
        gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 10, 5), delivery_note="x")


def test_stocktake_by_keyboard_and_post(tab, qtbot, artifacts_dir):
    st, w = tab
    page = w.stocktake
    w.pages.setCurrentWidget(page)
    page.day.set_value(D(2026, 11, 20))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert page.view is not None and page.table.rowCount() == 2
    assert page.table.currentColumn() == 4 and page.table.currentRow() == 0
    # type the counted quantity of row 0 (保温杯, book 3) and commit with Enter
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    qtbot.keyClick(page.table.focusWidget(), Qt.Key.Key_Return)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: page.table.item(0, 5) is not None and page.table.item(0, 5).text() == "-1")
    page.set_count(1, 8)
    wait_ops(qtbot)
    assert page.table.item(0, 6).text() == "-25.50" and "25.50" in page.totals.text()
    w.grab().save(str(artifacts_dir / "gift_stocktake.png"))
    page.post(approval=st.approval, reason="清点发现少一个")
    wait_ops(qtbot)
    assert gifts.on_hand(st.db, st.mug) == 2 and gifts.on_hand(st.db, st.cooker) == 8
    adj = gifts.list_moves(st.db, kind="adjust")
    assert [(m.item_name, m.qty) for m in adj] == [("保温杯", -1)]
    qtbot.waitUntil(lambda: page.view is None)


def test_return_selected_issue_and_filter_moves(tab, qtbot):
    st, w = tab
    promo = gifts.list_promotions(st.db)[0].id
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=promo,
                     entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    w.refresh()
    wait_ops(qtbot)
    w.move_kind.setCurrentIndex(w.move_kind.findData("issue"))
    wait_ops(qtbot)
    assert [r.kind for r in w.moves_model.rows()] == ["issue"]
    w.pages.setCurrentIndex(1)
    w.moves_view.setFocus()
    w.moves_view.setCurrentIndex(w.moves_model.index(0, 0))

    def back(dlg):
        dlg.note.setText("颜色不喜欢")
        qtbot.keyClick(dlg.note, Qt.Key.Key_Return)

    on_modal(back, name="GiftReturnDialog")
    qtbot.keyClick(w.moves_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    returned = gifts.list_moves(st.db, kind="return")
    assert [(r.customer_name, r.qty, r.return_of_id is not None) for r in returned] == [("张三", 1, True)]
    w.move_kind.setCurrentIndex(0)
    w.move_month.setCurrentIndex(w.move_month.findData("2026-10"))
    wait_ops(qtbot)
    assert w.moves_model.rows() == []
