"""概览 (issue #20): the manager's desk shows today's and the month's numbers, every number opens its rows, a
checklist item opens the screen that does it, a posted sheet is marked done, late duties reach the status bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_desk.contact_log import queries as contacts
from tests.gui_helpers import activate, wait_ops


def _attach_on_staff(main_window, qtbot, make_ctx, actor) -> None:
    """The window opened on the staff tab (the overview not yet built), shown, its first reads done."""
    main_window.settings.setValue("main/last_tab", "staff")
    main_window.attach(make_ctx(actor))
    main_window.show()
    activate(qtbot, main_window)
    wait_ops(qtbot)


def _open(main_window, qtbot, make_ctx, actor):
    main_window.attach(make_ctx(actor))
    main_window.show()
    activate(qtbot, main_window)
    tab = main_window.tab_widget("overview")
    wait_ops(qtbot, 20000)
    return tab


def test_overview_numbers_click_through_and_checklist(main_window, qtbot, db, manager, make_ctx, fake_now):
    actor, _ = manager
    fake_now(dt.datetime(2027, 1, 6, 10, 0))
    tab = None
    main_window.attach(make_ctx(actor))
    main_window.show()
    activate(qtbot, main_window)
    tab = main_window.tab_widget("overview")
    wait_ops(qtbot, 20000)
    assert main_window.ui.tabs.tabText(0) == "概览"
    assert tab.today is not None and tab.month is not None
    t = contacts.totals(db, start=dt.date(2027, 1, 6), end=dt.date(2027, 1, 6))
    assert tab.metric_buttons["contacts:all|登记合计"].text() == str(t.count)
    # a number opens its rows
    qtbot.mouseClick(tab.metric_buttons["orders:open|未完成工单"], Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert tab.last_drill.isVisible() and tab.last_drill.model.rowCount() == 0
    tab.last_drill.close()
    # the late duties were said in the status bar once the checklist arrived
    qtbot.waitUntil(lambda: "积分复核并结账" in main_window.statusBar().currentMessage(), timeout=5000)
    late = {i.key for i in tab.items if i.status == "late"}
    assert "points_lock" in late
    # a checklist item opens its screen; a posted sheet is marked done
    row = next(r for r, i in enumerate(tab.items) if i.key == "post_accounts")
    tab.check_view.setCurrentIndex(tab.check_model.index(row, 0))
    tab.mark_posted()
    wait_ops(qtbot, 20000)
    qtbot.waitUntil(lambda: next(i for i in tab.items if i.key == "post_accounts").status == "done", timeout=20000)
    row = next(r for r, i in enumerate(tab.items) if i.key == "points_lock")
    tab._open_item(tab.check_model.index(row, 0))
    assert main_window.ui.tabs.currentWidget().spec.key == "points"


def test_a_chart_bar_opens_the_persons_points(main_window, qtbot, db, manager, make_ctx, fake_now):
    actor, _ = manager
    fake_now(dt.datetime(2027, 1, 28, 10, 0))
    tab = _open(main_window, qtbot, make_ctx, actor)
    chart = tab.points_chart
    assert chart.categories and chart.threshold == 280
    chart.setFocus()
    chart.activated.emit(0)
    wait_ops(qtbot)
    assert tab.last_drill.isVisible() and "积分" in tab.last_drill.windowTitle()


def test_late_duties_are_said_in_the_status_bar_when_the_manager_signs_in(main_window, qtbot, db, manager, make_ctx,
                                                                          fake_now):
    """On the 6th nothing of last month is locked or posted: the manager hears it at sign-in, whatever tab opens."""
    import datetime as dt

    from tests.gui_helpers import wait_ops

    fake_now(dt.datetime(2026, 12, 6, 9, 0))
    main_window.settings.setValue("main/last_tab", "staff")  # the overview is not the tab that opens
    main_window.attach(make_ctx(manager[0]))
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: "月末待办已逾期" in main_window.statusBar().currentMessage(), timeout=5000)
    assert main_window.ui.tabs.currentWidget().spec.key == "staff"
    assert main_window.ui.tabs.widget(0).inner is None  # the overview tab was never built


def test_the_late_duties_sentence_is_read_whole_in_the_status_bar(main_window, qtbot, db, manager, make_ctx,
                                                                 fake_now):
    """On a 1366 px wide screen the sentence is not cut off by who is signed in, the data file and the backup."""
    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from tests.gui_helpers import wait_ops

    fake_now(dt.datetime(2026, 12, 6, 9, 0))
    main_window.resize(1366, 768)
    main_window.settings.setValue("main/last_tab", "staff")
    main_window.attach(make_ctx(manager[0]))
    main_window.show()
    qtbot.waitExposed(main_window)
    wait_ops(qtbot)
    bar = main_window.statusBar()
    qtbot.waitUntil(lambda: "月末待办已逾期" in bar.currentMessage(), timeout=5000)
    QApplication.processEvents()
    right = min(w.geometry().x() for w in (main_window.actor_label, main_window.db_label, main_window.backup_label)
                if w.isVisible())
    need = bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    assert need <= right - 8, (need, right, bar.currentMessage())


def test_a_write_rereads_only_what_it_changed_and_f5_rereads_all(main_window, qtbot, db, manager, make_ctx,
                                                                 fake_now):
    """Issue #15: a contact redraws today's desk, the reminders and the checklist but leaves the month (its SLA and
    points) as drawn; a cash-book line redraws the month's cash; F5 reads everything again."""
    from station_desk.cash_book import service as cash
    from station_desk.contact_log import service as contact_service
    from station_desk.overview import service
    from station_desk.qt.ops import Op

    actor, _ = manager
    fake_now(dt.datetime(2027, 1, 6, 10, 0))
    tab = _open(main_window, qtbot, make_ctx, actor)
    assert tab.watches == service.WATCHED
    assert tab.reads == list(service.PART_TOPICS)
    month_before, items_before = tab.month, tab.items
    assert tab.metric_buttons["contacts:all|登记合计"].text() == "0"

    draft = contact_service.ContactDraft(kind="inquiry", person_name="张三", asked="问资费", done="已答复")
    failures: list = []
    Op(tab, lambda: contact_service.record_contact(db, actor=actor, draft=draft)).failure(failures.append).run()
    wait_ops(qtbot)
    assert not failures
    assert tab.reads == ["desk", "reminders", "checklist"]
    assert tab.metric_buttons["contacts:all|登记合计"].text() == "1"
    assert tab.month is month_before and tab.items is not items_before
    assert {s.title for s in tab.today.sections} == set(service.TODAY_ORDER)  # the parts not re-read stay drawn

    category = cash.categories(db, "income")[0]
    Op(tab, lambda: cash.post_entry(db, actor=actor, approval=None, day=dt.date(2027, 1, 6), direction="income",
                                    category=category, amount_fen=12_300, handler_id=actor.staff_id,
                                    payee="测试")).failure(failures.append).run()
    wait_ops(qtbot)
    assert not failures
    assert tab.reads == ["business", "checklist"]
    assert tab.month is not month_before
    assert tab.month.charts == month_before.charts and tab.month.sections[0] == month_before.sections[0]
    assert tab.metric_buttons["cash:income|现金账收入"].text() == "123.00"

    tab.refresh_button.click()
    wait_ops(qtbot)
    assert tab.reads == list(service.PART_TOPICS)


def test_built_ahead_hidden_then_read_again_at_its_first_open(main_window, qtbot, db, manager, make_ctx, fake_now):
    """Issue #15: the warm-up builds the overview ahead (``MainWindow.build_ahead``): hidden, without taking the
    keyboard from the tab the person works in, its numbers drawn; its first open reads every part again, so a
    contact written meanwhile (no change notice: another program) is counted, and the boxes are the ones built."""
    from station_desk.contact_log import service as contact_service
    from station_desk.overview import service

    actor, _ = manager
    fake_now(dt.datetime(2027, 1, 6, 10, 0))
    _attach_on_staff(main_window, qtbot, make_ctx, actor)
    staff_tab = main_window.ui.tabs.currentWidget()
    assert staff_tab.spec.key == "staff"
    staff_tab.inner.focus_default()
    qtbot.waitUntil(lambda: staff_tab.isAncestorOf(QApplication.focusWidget()), timeout=5000)
    focused = QApplication.focusWidget()

    built = []
    main_window.build_ahead("overview", lambda: built.append(True))
    qtbot.waitUntil(lambda: built == [True], timeout=20000)
    host = next(main_window.ui.tabs.widget(i) for i in range(main_window.ui.tabs.count())
                if main_window.ui.tabs.widget(i).spec.key == "overview")
    tab = host.inner
    assert tab is not None and not tab.isVisible() and tab.reads == list(service.PART_TOPICS)
    assert tab.metric_buttons["contacts:all|登记合计"].text() == "0"
    QApplication.processEvents()
    assert QApplication.focusWidget() is focused  # the clerk's keyboard stayed where it was
    assert main_window.ui.tabs.currentWidget() is staff_tab
    box = tab.metric_buttons["orders:open|未完成工单"]

    contact_service.record_contact(db, actor=actor, draft=contact_service.ContactDraft(
        kind="inquiry", person_name="张三", asked="问资费", done="已答复"))
    assert main_window.tab_widget("overview") is tab
    wait_ops(qtbot)
    assert tab.reads == list(service.PART_TOPICS)
    assert tab.metric_buttons["contacts:all|登记合计"].text() == "1"
    assert tab.metric_buttons["orders:open|未完成工单"] is box  # unchanged numbers: the box built ahead
    built.clear()
    main_window.build_ahead("overview", lambda: built.append(True))
    assert built == [True]  # a tab already built: nothing to do


def test_a_shown_overview_reads_what_the_clock_changes_every_minute(main_window, qtbot, db, manager, make_ctx,
                                                                    fake_now):
    """A screen left on the overview: an order's response deadline passes with no write at all; the minute's read
    of the parts the clock changes (today's orders, people, the month's SLA) shows it late, with the new time.
    Hidden, the tab neither reads nor keeps its minute timer running; shown again after a minute or more, it reads
    them at once."""
    from station_desk.overview import service
    from station_desk.overview import tab as overview_tab
    from station_desk.work_orders import service as wo
    from tests.fixtures.work_orders import make_staff

    actor, _ = manager
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    tech = make_staff(db, "T01", "张师傅", "technician")
    fake_now(dt.datetime(2027, 1, 6, 9, 0))
    oid = wo.create_order(db, actor=clerk, kind="repair", service_class="C", customer_name="陈大爷", area="简易片区",
                          address="3栋2单元501", description="电视无信号")
    wo.dispatch_order(db, actor=clerk, order_id=oid, technician_id=tech.staff_id)
    fake_now(dt.datetime(2027, 1, 6, 9, 5))
    tab = _open(main_window, qtbot, make_ctx, actor)
    assert tab._minute.isActive() and tab._minute.interval() == overview_tab.CLOCK_INTERVAL_MS

    def late() -> str:
        return tab.metric_buttons["orders:late:respond|响应已超时"].text()

    assert late() == "0"
    fake_now(dt.datetime(2027, 1, 6, 15, 0))
    tab.clock_moved()
    wait_ops(qtbot)
    assert tab.reads == list(service.CLOCK_PARTS)
    assert late() == "1" and "15:00" in tab.when.text()

    main_window.tab_widget("staff")
    wait_ops(qtbot)
    assert not tab._minute.isActive()
    fake_now(dt.datetime(2027, 1, 6, 16, 0))
    tab.clock_moved()
    wait_ops(qtbot)
    assert "15:00" in tab.when.text()  # hidden: nothing read
    assert main_window.tab_widget("overview") is tab  # back after an hour: the clock's parts are read at once
    wait_ops(qtbot)
    assert tab.reads == list(service.CLOCK_PARTS) and "16:00" in tab.when.text() and tab._minute.isActive()


def test_a_failed_read_ahead_still_ends_the_build_and_says_nothing(main_window, qtbot, db, manager, make_ctx,
                                                                  fake_now, monkeypatch):
    """Built ahead, nobody is looking: a read that fails ends the build (the warm-up does not wait 15 s for it),
    shows no error over the clerk's work, and the first open reads again."""
    from station_desk.overview import service

    actor, _ = manager
    fake_now(dt.datetime(2027, 1, 6, 10, 0))
    _attach_on_staff(main_window, qtbot, make_ctx, actor)

    def broken(*_a, **_k):
        raise RuntimeError("disk unreadable")

    monkeypatch.setattr(service, "month_view", broken)
    built = []
    main_window.build_ahead("overview", lambda: built.append(True))
    qtbot.waitUntil(lambda: built == [True], timeout=20000)
    assert QApplication.activeModalWidget() is None
    monkeypatch.undo()
    tab = main_window.tab_widget("overview")
    wait_ops(qtbot)
    assert tab.reads == list(service.PART_TOPICS) and tab.month is not None
