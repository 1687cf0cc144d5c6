"""积分 and 即时奖励 tabs as the clerk and the manager use them: review and confirm a day by keyboard, the month's
breakdown equal to the JSON, lock with the manager's PIN, the chart, the reward lines approved and paid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from station_desk.actor import SYSTEM, Actor
from station_desk.month import Month
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.exchange.month_loader import load_month, read_file
from station_desk.rewards import service as RW
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal, type_text, wait_ops

EXAMPLE = Path(__file__).parents[2] / "data" / "month_example.json"


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
    day = tab.day
    day.day_edit.set_value(dt.date(2026, 10, 10))
    tab.refresh()
    wait_ops(qtbot)
    names = [r.name for r in day.day_model.rows()]
    assert names[0] in ("萧销一", "丁内勤") and "田技一" in names
    tian = next(i for i, r in enumerate(day.day_model.rows()) if r.name == "田技一")
    day.day_table.selectRow(tian)
    assert day.entry_model.rows()[0].source == "work_order:T01-1"
    assert day.entry_model.data(day.entry_model.index(0, 2)) == "工单 T01-1"  # as a person writes it
    day.entry_table.selectRow(0)
    on_modal(lambda box: box.accept(), name="EntryDetailBox")
    day.open_entry()
    assert ("积分", "120.50") in tab.last_detail and ("来源", "工单 T01-1") in tab.last_detail

    def fill(dialog):
        type_text(qtbot, dialog.points, "5")
        type_text(qtbot, dialog.note, "参加公司培训")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    on_modal(fill, name="ManualItemDialog")
    day.add_item()
    wait_ops(qtbot)
    tab.refresh()
    wait_ops(qtbot)
    row = next(r for r in day.day_model.rows() if r.name == "田技一")
    assert row.other_x100 == 500 and row.total_x100 == 12550
    activate(qtbot, tab)
    day.day_table.setFocus()
    qtbot.keyClick(day.day_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    tab.refresh()
    wait_ops(qtbot)
    assert P.day_points(db, dt.date(2026, 10, 10)).confirmed
    assert "丁内勤" in day.day_status.text() and not day.confirm_button.isEnabled()
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
    page = tab.month_page
    assert page.month() == Month(2026, 10)  # on the 2nd, before the review day: last month is the one to review
    tab.pages.setCurrentIndex(1)
    page.select_month(Month(2026, 10))
    tab.refresh()
    wait_ops(qtbot)
    js = M.month_points(db, "2026-10").to_json()
    shown = [(r.name, page.model.columns[8].getter(r)) for r in page.model.rows()]
    assert shown == [(p["name"], p["total"]) for p in js["people"]]
    page.table.selectRow(next(i for i, r in enumerate(page.model.rows()) if r.emp_no == "R01"))
    assert page.line_model.rows()[0].rule == "points.renewal_rate"
    tab.grab().save(str(artifacts_dir / "points_tab_month.png"))

    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()))
    page.lock()
    wait_ops(qtbot)
    tab.refresh()
    wait_ops(qtbot)
    assert M.month_points(db, "2026-10").locked and not page.lock_button.isEnabled()
    page.print_sheet()
    assert tab.last_file.exists() and tab.last_file.stat().st_size > 5000

    tab.pages.setCurrentIndex(2)
    tab.refresh()
    wait_ops(qtbot)
    chart = tab.chart_page.chart
    series = dict(chart.series)
    assert chart.categories[-1] == "2026-10" and series["田技一"][-1] == 313.5
    assert chart.threshold == 280 and "280" in chart.threshold_label
    tab.grab().save(str(artifacts_dir / "points_tab_chart.png"))
    # highlight one person, then a month on the chart opens that month on the Month page
    page_chart = tab.chart_page
    page_chart.chart_person.setCurrentIndex(page_chart.chart_person.findData("田技一"))
    assert chart.series[chart.highlight][0] == "田技一"
    chart.activated.emit(len(chart.categories) - 2)
    assert tab.pages.currentWidget() is tab.month_page and tab.month_page.month().key == "2026-09"

    rt = RewardsTab(ctx)
    rt.open_files = False
    qtbot.addWidget(rt)
    rt.resize(1280, 600)
    activate(qtbot, rt)
    sheet = rt.sheet
    sheet.select_month(Month(2026, 10))
    rt.refresh()
    wait_ops(qtbot)
    assert len(sheet.model.rows()) == 10 and "825.00" in sheet.status.text()
    # two lines picked by hand, one PIN
    sheet.select_row(0)
    sheet.table.selectionModel().select(sheet.model.index(1, 0), QItemSelectionModel.SelectionFlag.Select
                                        | QItemSelectionModel.SelectionFlag.Rows)
    picked = [ln.key for ln in sheet.selected_rows()]
    pins = []
    on_modal(lambda d: (pins.append(1), d.pin_edit.setText(MANAGER_PIN), d._check()))
    sheet.approve_selected()
    wait_ops(qtbot)
    status = {ln.key: ln.status for ln in RW.month_rewards(db, "2026-10").lines}
    assert len(picked) == 2 and pins == [1] and [k for k, st in status.items() if st == "approved"] == picked
    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()))
    sheet.approve_all()
    wait_ops(qtbot)
    rt.refresh()
    wait_ops(qtbot)
    assert {ln.status for ln in sheet.model.rows()} == {"approved"}
    assert sheet.model.data(sheet.model.index(0, 4)) == "已批准"
    sheet.select_row(0)
    on_modal(lambda d: (d.pin_edit.setText(MANAGER_PIN), d._check()))
    sheet.pay_selected()
    wait_ops(qtbot)
    rt.refresh()
    wait_ops(qtbot)
    assert sheet.model.rows()[0].status == "paid"
    assert RW.month_rewards(db, "2026-10").lines[0].status == "paid"
    # the rest of the month at once: select all (Ctrl+A), one PIN, each line its own cash-book entry
    sheet.table.setFocus()
    sheet.table.selectAll()
    pins = []
    on_modal(lambda d: (pins.append(1), d.pin_edit.setText(MANAGER_PIN), d._check()))
    sheet.pay_selected()
    wait_ops(qtbot)
    rt.refresh()
    wait_ops(qtbot)
    assert pins == [1] and {ln.status for ln in RW.month_rewards(db, "2026-10").lines} == {"paid"}
    rt.grab().save(str(artifacts_dir / "rewards_tab.png"))
    sheet.print_sheet()
    assert rt.last_file.name == "即时奖励明细-2026-10.pdf" and rt.last_file.stat().st_size > 5000
    assert str(rt.last_file) in rt.message_bar.text()


def test_forms_are_in_chinese(zh_app, qtbot, db, manager, make_ctx, fake_now):
    from station_desk.points.dialogs import ManualItemDialog
    from station_desk.rewards.dialogs import WeekDialog

    ctx = make_ctx(manager[0])
    for dialog in (ManualItemDialog(None, ctx, [], dt.date(2026, 10, 10)),
                   WeekDialog(None, ctx, [], dt.date(2026, 10, 10))):
        qtbot.addWidget(dialog)
        assert dialog.save_button.text() == "保存" and dialog.cancel_button.text() == "取消"
    assert WeekDialog(None, ctx, [], dt.date(2026, 10, 14)).week.value() == dt.date(2026, 10, 5)  # last Monday


def test_rewards_tab_shows_provisional_lines_and_asks_no_pin_for_them(zh_app, qtbot, db, manager, make_ctx,
                                                                       fake_now, artifacts_dir):
    """Issue #14 item 7: on 4 December the December lines are 暂估, with the day they become final; approving them
    says why not, before any PIN."""
    from station_desk.rewards.tab import RewardsTab

    _station(db, fake_now)
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    actor, _ = manager
    rt = RewardsTab(make_ctx(actor))
    rt.open_files = False
    qtbot.addWidget(rt)
    rt.resize(1280, 600)
    activate(qtbot, rt)
    sheet = rt.sheet
    sheet.select_month(Month(2026, 12))
    rt.refresh()
    wait_ops(qtbot)
    rows = sheet.model.rows()
    assert rows and {ln.status for ln in rows} == {"provisional"}
    assert sheet.model.data(sheet.model.index(0, 4)).startswith("暂估（2027-01-01")
    assert "暂估" in sheet.status.text()
    pins = []
    on_modal(lambda d: (pins.append(1), d.reject()))
    sheet.approve_all()
    sheet.select_row(0)
    sheet.approve_selected()
    wait_ops(qtbot)
    assert pins == [] and "2027-01-01" in rt.message_bar.text()
    rt.grab().save(str(artifacts_dir / "rewards_tab_provisional.png"))


def test_one_adjustment_form_posts_points_and_rewards_to_a_locked_month(zh_app, qtbot, db, manager, make_ctx,
                                                                          fake_now, monkeypatch):
    """The points form and the rewards form are one form (points.dialogs.AdjustmentDialog): who, how much, why,
    the manager's PIN; each posts through its own service into the open month."""
    from station_desk.month_close import service as close
    from station_desk.points.dialogs import AdjustmentDialog
    from station_desk.rewards.dialogs import RewardAdjustmentDialog

    _station(db, fake_now)
    actor, approval = manager
    close.lock_month(db, actor=actor, approval=approval, month="2026-10")
    asked = []
    monkeypatch.setattr("station_desk.points.dialogs.ask_manager_approval",
                        lambda parent, ctx, action: asked.append(action) or approval)
    people = M.month_points(db, "2026-10").people
    t01 = next(p for p in people if p.emp_no == "T01")
    ctx = make_ctx(actor)
    for cls, amount, reason in ((AdjustmentDialog, "-10", "漏扣一次差错"), (RewardAdjustmentDialog, "50", "漏记周奖励")):
        dialog = cls(None, ctx, people, "2026-10")
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "已结账月份 2026-10 的调整"
        dialog.person.setCurrentIndex(dialog.person.findData(t01.staff_id))
        dialog.amount.setText(amount)
        type_text(qtbot, dialog.reason, reason)
        dialog.submit()
        wait_ops(qtbot)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.message_bar.text()
    assert asked == ["积分结账后调整", "即时奖励结账后调整"]
    nov = M.month_points(db, "2026-11")
    assert next(p for p in nov.people if p.emp_no == "T01").adjustments_x100 == -1000
    (line,) = [ln for ln in RW.month_rewards(db, "2026-11").lines if ln.rule == "rewards.adjustment"]
    assert line.amount_fen == 5000 and line.staff_id == t01.staff_id


def test_rewards_months_are_kept_until_a_watched_change(zh_app, qtbot, db, manager, make_ctx, fake_now,
                                                        monkeypatch):
    """Issue #15: going back to a month already shown shows it without computing it again; a change the tab
    watches (here a week entered by hand) or F5 computes it anew, and a cash-book line alone does not."""
    from station_desk.cash_book import service as cash
    from station_desk.qt.ops import Op
    from station_desk.rewards import service as RW
    from station_desk.rewards.tab import RewardsTab

    _station(db, fake_now)
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    computed: list[str] = []
    real = RW.month_rewards
    monkeypatch.setattr(RW, "month_rewards", lambda db_, month: (computed.append(Month.parse(month).key),
                                                                 real(db_, month))[1])
    actor, _ = manager
    rt = RewardsTab(make_ctx(actor))
    qtbot.addWidget(rt)
    activate(qtbot, rt)
    wait_ops(qtbot)
    sheet = rt.sheet
    for month in (Month(2026, 11), Month(2026, 12), Month(2026, 11)):
        sheet.select_month(month)
        wait_ops(qtbot)
    assert computed == ["2026-12", "2026-11"]
    nov = list(sheet.model.rows())
    assert nov and {ln.day.month for ln in nov} == {11}

    category = cash.categories(db, "income")[0]
    Op(rt, lambda: cash.post_entry(db, actor=actor, approval=None, day=dt.date(2026, 12, 4), direction="income",
                                   category=category, amount_fen=100, handler_id=actor.staff_id, payee="测试")).run()
    wait_ops(qtbot)
    assert computed == ["2026-12", "2026-11"]

    failures: list = []
    Op(rt, lambda: RW.record_week(db, actor=actor, kind="repair", staff_id=nov[0].staff_id,
                                  week_start=dt.date(2026, 11, 2), ok=True)).failure(failures.append).run()
    wait_ops(qtbot)
    assert not failures
    assert computed == ["2026-12", "2026-11", "2026-11"]
    sheet.select_month(Month(2026, 12))
    wait_ops(qtbot)
    assert computed[-1] == "2026-12"  # December was forgotten with the change
    rt.refresh()  # F5
    wait_ops(qtbot)
    assert computed[-1] == "2026-12" and len(computed) == 5
