"""积分 and 即时奖励 tabs as the clerk and the manager use them: review and confirm a day by keyboard, the month's
breakdown equal to the JSON, lock with the manager's PIN, the chart, the reward lines approved and paid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from station_desk.actor import SYSTEM, Actor
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.exchange.month_loader import load_month, read_file
from station_desk.rewards import service as RW
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal, type_text, wait_ops

EXAMPLE = Path(__file__).parents[1] / "data" / "month_example.json"


def _station(db, fake_now):
    fake_now(dt.datetime(2026, 11, 2, 17, 30))
    load_month(db, actor=SYSTEM, data=read_file(EXAMPLE))
    clerk = next(p for p in M.month_points(db, "2026-10").people if p.emp_no == "D01")
    return Actor(clerk.staff_id, clerk.name, "dispatch_clerk")


def test_clerk_reviews_and_confirms_a_day_by_keyboard(zh_app, qtbot, db, manager, make_ctx, fake_now, artifacts_dir):
    from station_desk.points.tab import PointsTab

    clerk = _station(db, fake_now)
    tab = PointsTab(make_ctx(clerk))
    tab.open_files = False
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    activate(qtbot, tab)
    tab.day_edit.set_value(dt.date(2026, 10, 10))
    tab.refresh()
    names = [r.name for r in tab.day_model.rows()]
    assert names[0] in ("萧销一", "丁内勤") and "田技一" in names
    tian = next(i for i, r in enumerate(tab.day_model.rows()) if r.name == "田技一")
    tab.day_table.selectRow(tian)
    assert tab.entry_model.rows()[0].source == "work_order:T01-1"
    tab.entry_table.selectRow(0)
    on_modal(lambda box: box.accept(), name="EntryDetailBox")
    tab.open_entry()
    assert ("积分", "120.50") in tab.last_detail and ("来源", "work_order:T01-1") in tab.last_detail

    def fill(dialog):
        type_text(qtbot, dialog.points, "5")
        type_text(qtbot, dialog.note, "参加公司培训")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    on_modal(fill, name="ManualItemDialog")
    tab.add_item()
    wait_ops(qtbot)
    tab.refresh()
    row = next(r for r in tab.day_model.rows() if r.name == "田技一")
    assert row.other_x100 == 500 and row.total_x100 == 12550
    activate(qtbot, tab)
    tab.day_table.setFocus()
    qtbot.keyClick(tab.day_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    tab.refresh()
    assert P.day_points(db, dt.date(2026, 10, 10)).confirmed
    assert "丁内勤" in tab.day_status.text() and not tab.confirm_button.isEnabled()
    tab.grab().save(str(artifacts_dir / "points_tab_day.png"))


def test_month_page_lock_chart_and_rewards(zh_app, qtbot, db, manager, make_ctx, fake_now, artifacts_dir):
    from station_desk.points.tab import PointsTab
    from station_desk.rewards.tab import RewardsTab

    _station(db, fake_now)
    actor, _approval = manager
    ctx = make_ctx(actor)
    tab = PointsTab(ctx)
    tab.open_files = False
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    activate(qtbot, tab)
    tab.pages.setCurrentIndex(1)
    tab.month_box.setCurrentIndex(tab.month_box.findData("2026-10"))
    tab.refresh()
    js = M.month_points(db, "2026-10").to_json()
    shown = [(r.name, tab.month_model.columns[8].getter(r)) for r in tab.month_model.rows()]
    assert shown == [(p["name"], p["total"]) for p in js["people"]]
    tab.month_table.selectRow(next(i for i, r in enumerate(tab.month_model.rows()) if r.emp_no == "R01"))
    assert tab.line_model.rows()[0].rule == "points.renewal_rate"
    tab.grab().save(str(artifacts_dir / "points_tab_month.png"))

    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()))
    tab.lock()
    wait_ops(qtbot)
    tab.refresh()
    assert M.month_points(db, "2026-10").locked and not tab.lock_button.isEnabled()
    tab.print_sheet()
    assert tab.last_file.exists() and tab.last_file.stat().st_size > 5000

    tab.pages.setCurrentIndex(2)
    tab.refresh()
    wait_ops(qtbot)
    assert tab.chart.months[-1] == "2026-10" and tab.chart.series["田技一"][-1] == 31350
    tab.grab().save(str(artifacts_dir / "points_tab_chart.png"))

    rt = RewardsTab(ctx)
    rt.open_files = False
    qtbot.addWidget(rt)
    rt.resize(1280, 600)
    activate(qtbot, rt)
    rt.month_box.setCurrentIndex(rt.month_box.findData("2026-10"))
    rt.refresh()
    wait_ops(qtbot)
    assert len(rt.model.rows()) == 10 and "825.00" in rt.total_label.text()
    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()))
    rt.approve_all()
    wait_ops(qtbot)
    rt.refresh()
    wait_ops(qtbot)
    assert {ln.status for ln in rt.model.rows()} == {"approved"}
    rt.table.selectRow(0)
    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()))
    rt.pay_selected()
    wait_ops(qtbot)
    rt.refresh()
    wait_ops(qtbot)
    assert rt.model.rows()[0].status == "paid"
    assert RW.month_rewards(db, "2026-10").lines[0].status == "paid"
    rt.grab().save(str(artifacts_dir / "rewards_tab.png"))
    rt.print_sheet()
    assert rt.last_file.name == "即时奖励明细-2026-10.pdf" and rt.last_file.stat().st_size > 5000
    assert str(rt.last_file) in rt.message_bar.text()


def test_forms_are_in_chinese(zh_app, qtbot, db, manager, make_ctx, fake_now):
    from PySide6.QtWidgets import QDialogButtonBox

    from station_desk.points.dialogs import ManualItemDialog
    from station_desk.rewards.dialogs import WeekDialog

    for dialog in (ManualItemDialog(None, [], dt.date(2026, 10, 10)), WeekDialog(None, [], dt.date(2026, 10, 10))):
        qtbot.addWidget(dialog)
        box = dialog.findChild(QDialogButtonBox)
        assert box.button(QDialogButtonBox.StandardButton.Save).text() == "保存"
    assert WeekDialog(None, [], dt.date(2026, 10, 14)).week.value() == dt.date(2026, 10, 5)  # last week's Monday
