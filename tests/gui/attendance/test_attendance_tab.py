"""考勤请假 tab: a clerk clocks in late at the desk and the manager confirms it (a deduction); a 2-day personal
leave asks for the centre manager's approval and then shows on the roster."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer, Qt
from sqlmodel import select

from station_desk.month import Month
from station_desk.points.models import PointEntry
from station_desk.rest_roster import service as roster
from tests.gui_helpers import activate, on_modal, wait_ops
from tests.fixtures.roster import station  # noqa: F401

DAY = dt.date(2026, 12, 8)


@pytest.fixture
def planned(station, fake_now):  # noqa: F811
    fake_now(dt.datetime(2026, 11, 25, 9, 0))
    roster.save_plan(station.db, actor=station.manager, month="2026-12",
                     cells={(station.ids["李前台"], DAY): "E"})
    return station


def _tab(make_ctx, actor, qtbot):
    from station_desk.attendance.tab import AttendanceTab

    tab = AttendanceTab(make_ctx(actor))
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    activate(qtbot, tab)
    return tab


def test_clerk_clocks_in_late_manager_confirms(zh_app, qtbot, planned, make_ctx, fake_now, artifacts_dir):
    st = planned
    fake_now(dt.datetime.combine(DAY, dt.time(8, 41)))
    clerk_tab = _tab(make_ctx, st.actor("李前台"), qtbot)
    # the clerk's own name is preselected; F5 clocks in
    clock_page = clerk_tab.clock_page
    assert clock_page.person.currentText() == "李前台"
    clock_page.person.setFocus()
    qtbot.keyClick(clock_page.person, Qt.Key.Key_F5)
    wait_ops(qtbot)
    assert "李前台" in clerk_tab.message_bar.text() and "08:41" in clerk_tab.message_bar.text()
    assert clock_page.model.rowCount() == 1
    # In the evening the manager sees the lateness on the exceptions page and confirms it
    fake_now(dt.datetime.combine(DAY, dt.time(20, 30)))
    tab = _tab(make_ctx, st.manager, qtbot)
    tab.pages.setCurrentIndex(1)
    page = tab.exceptions_page
    page.day.set_value(DAY)
    wait_ops(qtbot)  # the page reads on the database worker
    mine = [r for r in page.model.rows() if r.name == "李前台"]
    # late in the morning, and (not having clocked out) a missing clock-out
    assert sorted((r.kind_label, r.minutes, r.status_label) for r in mine) == [
        ("下班未打卡", 0, "待处理"), ("迟到", 11, "待处理")]
    late = [r for r in mine if r.kind == "late"]
    page.table.selectRow(page.model.rows().index(late[0]))
    tab.grab().save(str(artifacts_dir / "attendance_exceptions.png"))
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert [r.status_label for r in page.model.rows() if r.name == "李前台" and r.kind == "late"] == ["已确认"]
    assert "-5" in tab.message_bar.text()
    with st.db.read() as s:
        rows = s.exec(select(PointEntry)).all()
        assert [(r.staff_id, r.rule, r.points_x100) for r in rows] == [(st.ids["李前台"], "attendance.late", -500)]


def test_two_day_personal_leave_needs_centre_then_on_roster(zh_app, qtbot, planned, make_ctx, fake_now,
                                                            artifacts_dir):
    st = planned
    fake_now(dt.datetime(2026, 11, 25, 9, 0))
    tab = _tab(make_ctx, st.manager, qtbot)
    tab.pages.setCurrentIndex(2)
    page = tab.leave_page
    qian = st.ids["钱师傅"]

    def fill_request(dlg):
        dlg.person.setCurrentIndex(dlg.person.findData(qian))
        dlg.kind.setCurrentIndex(dlg.kind.findData("personal"))
        dlg.start.set_value(dt.date(2026, 12, 14))
        dlg.end.set_value(dt.date(2026, 12, 15))
        dlg.reason.setText("家中有事")

    on_modal(lambda dlg: dlg.submit(), name="LeaveRequestDialog")
    page.new_leave(fill=fill_request)
    wait_ops(qtbot)  # the list is read again on the database worker
    assert "中心总经理" in tab.message_bar.text()
    assert [(r.name, r.days, r.level_label, r.status_label) for r in page.model.rows()] == [
        ("钱师傅", 2, "中心总经理", "待审批")]
    page.table.selectRow(0)
    seen = {}

    def approve(dlg):
        # first without the centre's approval: refused in the dialog, which stays open
        dlg.submit()

        def second():
            if not dlg.message_bar.text():  # the refusal comes back from the database worker
                QTimer.singleShot(20, second)
                return
            seen["message"] = dlg.message_bar.text()
            dlg.grab().save(str(artifacts_dir / "leave_approve_dialog.png"))
            dlg.external.setText("刘总")
            dlg.external_on.set_value(dt.date(2026, 11, 25))
            dlg.submit()

        QTimer.singleShot(20, second)

    on_modal(approve, name="LeaveApproveDialog")
    page.approve_selected()
    wait_ops(qtbot)  # the list is read again on the database worker
    assert "中心总经理批准" in seen["message"]
    assert page.model.rows()[0].status_label == "已批准"
    m = roster.get_month(st.db, month="2026-12")
    assert [m.plan[qian][dt.date(2026, 12, d)] for d in (14, 15)] == ["事", "事"]


def test_monthly_summary_page(zh_app, qtbot, planned, make_ctx, fake_now):
    st = planned
    fake_now(dt.datetime(2026, 12, 9, 9, 0))
    tab = _tab(make_ctx, st.manager, qtbot)
    tab.summary_page.month.set_month(Month.of(DAY))
    tab.pages.setCurrentIndex(tab.pages.count() - 1)
    wait_ops(qtbot)
    rows = {r.name: r for r in tab.summary_page.model.rows()}
    assert (rows["李前台"].rostered, rows["李前台"].worked, rows["李前台"].absent) == (8, 0, 8)  # up to yesterday
    assert tab.pages.tabText(tab.pages.count() - 1) == "月度汇总"


def test_refused_leave_keeps_what_was_asked_and_is_refused_again_before_any_form(zh_app, qtbot, planned, make_ctx):
    from station_desk.attendance import leave

    st = planned
    tab = _tab(make_ctx, st.manager, qtbot)
    tab.pages.setCurrentIndex(2)
    page = tab.leave_page
    req = leave.request_leave(st.db, actor=st.manager, staff_id=st.ids["李前台"], kind="personal",
                              start=dt.date(2026, 12, 3), end=dt.date(2026, 12, 3), reason="家中有事")
    leave.refuse_leave(st.db, actor=st.manager, leave_id=req.id, reason="人手不够")
    page.refresh()
    wait_ops(qtbot)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    shown = {h: page.model.data(page.model.index(0, c)) for c, h in enumerate(headers)}
    assert (shown["事由"], shown["审批意见"], shown["状态"]) == ("家中有事", "人手不够", "不批准")
    # approving it again is refused at once, in the tab, before a form opens
    page.table.selectRow(0)
    page.approve_selected()
    assert "不批准" in tab.message_bar.text()


def test_half_day_request_by_form_then_the_grid_shows_the_half_off(zh_app, qtbot, planned, make_ctx, fake_now,
                                                                  artifacts_dir):
    from station_desk.rest_roster.tab import RosterTab

    st = planned
    fake_now(dt.datetime(2026, 11, 25, 9, 0))
    tab = _tab(make_ctx, st.manager, qtbot)
    tab.pages.setCurrentIndex(2)
    page = tab.leave_page
    li = st.ids["李前台"]

    def fill_request(dlg):
        dlg.person.setCurrentIndex(dlg.person.findData(li))
        dlg.kind.setCurrentIndex(dlg.kind.findData("personal"))
        dlg.start.set_value(DAY)
        dlg.half.setCurrentIndex(dlg.half.findData("pm"))
        assert dlg.end.value() == DAY and not dlg.end.isEnabled()
        dlg.reason.setText("看病")

    on_modal(lambda dlg: dlg.submit(), name="LeaveRequestDialog")
    page.new_leave(fill=fill_request)
    wait_ops(qtbot)  # the list is read again on the database worker
    rows = page.model.rows()
    assert [(r.name, r.days, r.half, r.level_label) for r in rows] == [("李前台", 0.5, "pm", "站经理")]
    col = [c for c in range(page.model.columnCount())
           if page.model.headerData(c, Qt.Orientation.Horizontal) == "天数"][0]
    assert page.model.data(page.model.index(0, col)) == "0.5（下午）"
    from station_desk.attendance import leave

    leave.approve_leave(st.db, actor=st.manager, leave_id=rows[0].id)
    grid_tab = RosterTab(make_ctx(st.manager))
    qtbot.addWidget(grid_tab)
    grid_tab.year, grid_tab.month_no = 2026, 12
    grid_tab._load()
    wait_ops(qtbot)  # the month is read on the database worker
    m = grid_tab.model
    r = [i for i, p in enumerate(m.month.people) if p.staff_id == li][0]
    c = m.month.days.index(DAY)
    assert m.data(m.index(r, c)) == "E下"
