"""Issue #14 item 9 in the window: adding a person with a past hire date shows, before the PIN, how the points of
the months not locked yet would change; No goes back to the form, Yes asks the PIN and saves."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from station_desk.staff import service as staff
from tests.conftest import MANAGER_PIN
from tests.fixtures.points import points, station  # noqa: F401 - fixture
from tests.gui_helpers import on_modal, wait_ops


def test_new_staff_dialog_shows_the_difference_before_saving(zh_app, qtbot, station, make_ctx, fake_now,  # noqa: F811
                                                              artifacts_dir):
    from station_desk.staff.tab import StaffDialog

    db, ids = station.db, station.ids
    with db.session() as s:
        points(s, ids["T01"], dt.date(2026, 11, 2), 40000)
        points(s, ids["T02"], dt.date(2026, 11, 2), 30000)
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    dialog = StaffDialog(None, make_ctx(station.actor))
    qtbot.addWidget(dialog)
    dialog.ui.empNoEdit.setText("T09")
    dialog.ui.nameEdit.setText("新技工")
    dialog.ui.roleBox.setCurrentIndex(dialog.ui.roleBox.findData("technician"))
    dialog.ui.hireDateEdit.setDate(QDate(2026, 9, 1))
    seen = []

    def answer(button):
        def handle(box):
            seen.append(box.text())
            box.grab().save(str(artifacts_dir / "staff_impact_box.png"))
            box.done(button)
        return handle

    on_modal(answer(QMessageBox.StandardButton.No), name="staffImpactBox")
    dialog.submit()
    assert seen and "孙服务" in seen[0] and "2026-11" in seen[0]
    assert not any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))
    on_modal(answer(QMessageBox.StandardButton.Yes), name="staffImpactBox")
    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()), name="ManagerApprovalDialog")
    dialog.submit()
    wait_ops(qtbot)
    assert len(seen) == 2 and any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))


def test_points_month_page_shows_a_running_month_forecast_marked(zh_app, qtbot, station, make_ctx,  # noqa: F811
                                                                 fake_now, artifacts_dir):
    """Issue #14 item 8: while November runs, a technician under the line two months running is a forecast (预测),
    not a transfer warning."""
    from station_desk.month import Month
    from station_desk.points.tab import PointsTab
    from tests.gui_helpers import activate

    db, ids = station.db, station.ids
    with db.session() as s:
        points(s, ids["T01"], dt.date(2026, 10, 5), 10000)
        points(s, ids["T01"], dt.date(2026, 11, 2), 5000)
    fake_now(dt.datetime(2026, 11, 10, 9, 0))
    tab = PointsTab(make_ctx(station.actor))
    tab.open_files = False
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    activate(qtbot, tab)
    tab.pages.setCurrentIndex(1)
    page = tab.month_page
    page.select_month(Month(2026, 11))
    tab.refresh()
    wait_ops(qtbot)
    notes = page.notes.toPlainText()
    assert "田技一" in notes and all(ln.startswith("预测") for ln in notes.splitlines() if "转岗预警" in ln)
    tab.grab().save(str(artifacts_dir / "points_month_forecast.png"))
