"""Work-orders tab: create, dispatch, return, call back and close by keyboard; the board turns amber then red
as the fake clock passes the deadline (no sleeping: the test calls ``tick``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from station_desk.points.models import PointEntry
from station_desk.work_orders import queries
from station_desk.month import Month
from station_desk.work_orders.tab import WorkOrdersTab
from station_desk.work_orders.tab_board import AMBER, RED
from tests.gui_helpers import activate, on_modal, type_text, wait_ops
from tests.fixtures.work_orders import make_staff

D = dt.datetime
MODAL_WAIT_MS = 30000  # a loaded shared machine can take seconds to show a process's first dialog


def _bg(tab, row: int):
    brush = tab.board.model.data(tab.board.model.index(row, 1), Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_order_lifecycle_by_keyboard_and_board_colours(qtbot, db, fake_now, make_ctx, artifacts_dir):
    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    tech = make_staff(db, "T01", "张师傅", "technician")
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    activate(qtbot, tab)
    tab.board.timer.stop()  # the test drives the clock
    tab.board.table.setFocus()

    def fill_new(d):
        type_text(qtbot, d.customer_name, "陈大爷")
        type_text(qtbot, d.address, "3栋2单元501")
        type_text(qtbot, d.description, "电视无信号")
        qtbot.keyClick(d.customer_name, Qt.Key.Key_Return)

    on_modal(fill_new, name="NewOrderDialog", timeout_ms=MODAL_WAIT_MS)
    qtbot.keyClick(tab.board.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(tab.board.model.rows()) == 1)
    order = tab.board.model.rows()[0]
    assert order.customer_name == "陈大爷" and tab.board.row_state(order.id) == "waiting"

    dbg = {}

    def do_dispatch(d):
        dbg["techs"] = d.tech.count()
        qtbot.keyClick(d.tech, Qt.Key.Key_Return)
        dbg["msg"] = d.message_bar.text()
        dbg["visible"] = d.isVisible()

    activate(qtbot, tab)  # offscreen does not hand activation back after a modal dialog
    on_modal(do_dispatch, name="DispatchDialog", timeout_ms=MODAL_WAIT_MS)
    tab.board.table.setFocus()
    qtbot.keyClick(tab.board.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: tab.board.model.rows()[0].technician == "张师傅")
    assert tab.board.row_state(order.id) == "ok" and _bg(tab, 0) is None

    fake_now(D(2026, 11, 23, 9, 25))  # respond due 09:30, amber from 09:22:30
    tab.board.tick()
    assert tab.board.row_state(order.id) == "amber" and _bg(tab, 0) == QColor(AMBER)
    fake_now(D(2026, 11, 23, 9, 31))
    tab.board.tick()
    assert tab.board.row_state(order.id) == "late" and _bg(tab, 0) == QColor(RED)
    assert "超时" in tab.board.model.data(tab.board.model.index(0, 1)) or "late" in \
        tab.board.model.data(tab.board.model.index(0, 1))
    tab.grab().save(str(artifacts_dir / "work_orders_board_late.png"))

    fake_now(D(2026, 11, 23, 10, 30))

    def fill_return(d):
        type_text(qtbot, d.work_done, "更换分支器")
        type_text(qtbot, d.reason, "上一单拖延")
        qtbot.keyClick(d.work_done, Qt.Key.Key_Return)

    activate(qtbot, tab)
    on_modal(fill_return, name="ReturnDialog", timeout_ms=MODAL_WAIT_MS)
    tab.board.table.setFocus()
    qtbot.keyClick(tab.board.table, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not tab.board.model.rows())
    assert queries.get_order(db, order.id).status == "returned"

    tab.pages.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(tab.calls.model.rows()) == 1)
    activate(qtbot, tab)
    tab.calls.table.setFocus()
    tab.calls.table.selectRow(0)
    on_modal(lambda d: qtbot.keyClick(d.suggestion, Qt.Key.Key_Return), name="CallDialog",
             timeout_ms=MODAL_WAIT_MS)
    qtbot.keyClick(tab.calls.table, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: queries.get_order(db, order.id).status == "called")
    activate(qtbot, tab)
    tab.calls.table.setFocus()
    tab.calls.table.selectRow(0)
    qtbot.keyClick(tab.calls.table, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: queries.get_order(db, order.id).status == "closed")
    wait_ops(qtbot)  # the close's Op has delivered (message shown, board redrawn)
    detail = queries.get_order(db, order.id)
    assert detail.sla.respond_late and detail.late_reasons == ["上一单拖延"]
    with db.read() as s:
        from sqlmodel import select

        pts = s.exec(select(PointEntry)).all()
    assert [(p.staff_id, p.points_x100) for p in pts] == [(tech.staff_id, 250)]

    # the SLA report page shows the technician
    tab.pages.setCurrentIndex(2)
    tab.sla.month_box.set_month(Month(2026, 11))
    tab.refresh()
    wait_ops(qtbot)
    rows = tab.sla.model.rows()
    assert rows[0].name == "张师傅" and rows[0].orders == 1 and rows[0].responded_on_time_pct == 0.0
    tab.grab().save(str(artifacts_dir / "work_orders_sla.png"))


def test_refused_action_keeps_dialog_open_with_message(qtbot, db, fake_now, make_ctx):
    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.board.timer.stop()
    seen = {}

    def fill(d):
        qtbot.keyClick(d.customer_name, Qt.Key.Key_Return)  # no description: refused by the service
        qtbot.waitUntil(lambda: bool(d.message_bar.text()))  # the call ran on the database worker
        seen["msg"] = d.message_bar.text()
        seen["open"] = d.isVisible()
        d.reject()

    on_modal(fill, name="NewOrderDialog", timeout_ms=MODAL_WAIT_MS)
    tab.new_order()
    assert "描述" in seen["msg"] and seen["open"]
    assert queries.board(db).orders == []


def test_outage_page_log_link_recover(qtbot, db, fake_now, make_ctx):
    from station_desk.work_orders import service as wo

    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    o1 = wo.create_order(db, actor=clerk, kind="repair", customer_name="甲", description="断网")
    o2 = wo.create_order(db, actor=clerk, kind="repair", customer_name="乙", description="断网")
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.board.timer.stop()
    activate(qtbot, tab)
    tab.pages.setCurrentIndex(3)

    def fill(d):
        type_text(qtbot, d.cause, "光缆被挖断")
        qtbot.keyClick(d.cause, Qt.Key.Key_Return)

    on_modal(fill, name="OutageDialog", timeout_ms=MODAL_WAIT_MS)
    tab.outages.log_outage()
    qtbot.waitUntil(lambda: len(tab.outages.model.rows()) == 1)
    tab.outages.table.selectRow(0)
    qtbot.keyClicks(tab.outages.link_edit, f"{o1},{o2}")
    qtbot.keyClick(tab.outages.link_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.outages.model.rows()[0].linked_orders == 2)
    tab.outages.table.selectRow(0)
    tab.outages.mark_recovered()
    qtbot.waitUntil(lambda: tab.outages.model.rows()[0].recovered_at == D(2026, 11, 23, 9, 0))
    assert tab.outages.fault_model.rows()[0][1] == {tab.outages.model.rows()[0].fault_type: 2}


def test_call_on_an_order_not_returned_is_refused_before_the_form(qtbot, db, fake_now, make_ctx, monkeypatch):
    """F7 (回访) on an undispatched order: the service's refusal shows in the tab; the call form never opens."""
    from station_desk.work_orders import dialogs
    from station_desk.work_orders import service as wo

    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    wo.create_order(db, actor=clerk, kind="repair", customer_name="甲", description="断网")
    opened = []
    monkeypatch.setattr(dialogs.CallDialog, "exec", lambda self: opened.append(self) or 0)
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.board.timer.stop()
    activate(qtbot, tab)
    tab.board.table.setFocus()
    tab.board.table.selectRow(0)
    qtbot.keyClick(tab.board.table, Qt.Key.Key_F7)
    assert opened == []
    assert "不能回访" in tab.message_bar.text()


def test_close_asks_the_service_whether_a_reason_is_needed(qtbot, db, fake_now, make_ctx, monkeypatch):
    """F8 on an order that cannot be closed is refused before any form; on a returned order (no call yet) the
    reason form opens, and its reason closes the order."""
    from station_desk.work_orders import dialogs
    from station_desk.work_orders import service as wo

    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    tech = make_staff(db, "T01", "张师傅", "technician")
    oid = wo.create_order(db, actor=clerk, kind="repair", customer_name="甲", description="断网")
    forms = []
    real_exec = dialogs.ReasonDialog.exec
    monkeypatch.setattr(dialogs.ReasonDialog, "exec", lambda self: forms.append(self) or real_exec(self))
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.board.timer.stop()
    activate(qtbot, tab)
    tab.board.table.setFocus()
    tab.board.table.selectRow(0)
    qtbot.keyClick(tab.board.table, Qt.Key.Key_F8)
    assert forms == [] and "不能关单" in tab.message_bar.text()

    wo.dispatch_order(db, actor=clerk, order_id=oid, technician_id=tech.staff_id)
    fake_now(D(2026, 11, 23, 9, 20))
    wo.return_order(db, actor=clerk, order_id=oid, work_done="换接头")
    tab.pages.setCurrentIndex(1)
    wait_ops(qtbot)  # the call list is read on the database worker
    tab.calls.table.setFocus()
    tab.calls.table.selectRow(0)

    def give_reason(d):
        type_text(qtbot, d.reason, "用户电话打不通")
        qtbot.keyClick(d.reason, Qt.Key.Key_Return)

    on_modal(give_reason, name="ReasonDialog", timeout_ms=MODAL_WAIT_MS)
    qtbot.keyClick(tab.calls.table, Qt.Key.Key_F8)
    assert len(forms) == 1
    assert queries.get_order(db, oid).status == "closed"
    assert "已关单" in tab.message_bar.text() or "closed" in tab.message_bar.text()


def test_enter_on_a_board_row_shows_the_order(qtbot, db, fake_now, make_ctx, monkeypatch):
    """Enter (the view's own activation, not a window-wide shortcut) shows the selected order's history."""
    from station_desk.work_orders import service as wo
    from station_desk.work_orders import tab as tab_module

    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    wo.create_order(db, actor=clerk, kind="repair", customer_name="甲", description="光猫红灯")
    shown = []
    monkeypatch.setattr(tab_module, "show_info", lambda parent, text: shown.append(text))
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.board.timer.stop()
    activate(qtbot, tab)
    tab.board.table.setFocus()
    tab.board.table.selectRow(0)
    qtbot.keyClick(tab.board.table, Qt.Key.Key_Return)
    assert len(shown) == 1 and "光猫红灯" in shown[0]


def test_pause_by_keyboard_shows_paused_on_the_board(qtbot, db, fake_now, make_ctx, artifacts_dir):
    from station_desk.work_orders import service as wo
    from station_desk.work_orders.tab_board import PAUSED

    fake_now(D(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    tech = make_staff(db, "T01", "张师傅", "technician")
    oid = wo.create_order(db, actor=clerk, kind="repair", customer_name="陈大爷", description="电视无信号")
    wo.dispatch_order(db, actor=clerk, order_id=oid, technician_id=tech.staff_id)
    fake_now(D(2026, 11, 23, 9, 20))
    wo.record_response(db, actor=clerk, order_id=oid)
    tab = WorkOrdersTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.resize(1400, 600)
    activate(qtbot, tab)
    tab.board.timer.stop()
    tab.refresh()
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: len(tab.board.model.rows()) == 1)
    tab.board.table.setFocus()
    tab.board.table.selectRow(0)

    def fill(d):
        d.kind.setCurrentIndex(d.kind.findData("asked_later"))
        type_text(qtbot, d.why, "用户下午三点才在家")
        d.until.set_value(D(2026, 11, 23, 15, 0))
        qtbot.keyClick(d.why, Qt.Key.Key_Return)

    on_modal(fill, name="PauseDialog", timeout_ms=MODAL_WAIT_MS)
    qtbot.keyClick(tab.board.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    fake_now(D(2026, 11, 23, 14, 0))  # an hour past the unpaused deadline
    tab.refresh()
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: tab.board.row_state(oid) == "paused")
    assert _bg(tab, 0) == QColor(PAUSED)
    text = tab.board.model.data(tab.board.model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    row_text = " ".join(str(tab.board.model.data(tab.board.model.index(0, c), Qt.ItemDataRole.DisplayRole))
                        for c in range(tab.board.model.columnCount()))
    assert "11-23 15:00" in row_text, (text, row_text)
    tab.grab().save(str(artifacts_dir / "work_orders_paused.png"))
    assert [e.kind for e in queries.get_order(db, oid).events][-1] == "paused"


def test_sla_sheet_exported_as_xlsx_and_pdf(qtbot, db, fake_now, make_ctx, tmp_path, monkeypatch):
    """The SLA page's two exports write the chosen month's sheet where the user chose."""
    from station_desk.work_orders import tab_sla

    fake_now(D(2026, 11, 23, 9, 0))
    tab = WorkOrdersTab(make_ctx(make_staff(db, "D01", "刘内勤", "dispatch_clerk")))
    tab.sla.open_files = False
    qtbot.addWidget(tab)
    for suffix, export in (("xlsx", tab.sla.export_xlsx), ("pdf", tab.sla.export_pdf)):
        target = tmp_path / f"工单时效.{suffix}"
        monkeypatch.setattr(tab_sla.QFileDialog, "getSaveFileName", lambda *a, target=target: (str(target), ""))
        export()
        assert target.stat().st_size > 0 and tab.sla.last_file == target
    assert (tmp_path / "工单时效.xlsx").read_bytes()[:2] == b"PK" and target.read_bytes()[:4] == b"%PDF"
