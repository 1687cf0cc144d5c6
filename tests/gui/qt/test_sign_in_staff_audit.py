"""The window as a person uses it: sign in, add a staff member by keyboard only, a manager action refused without
the PIN, the audit log showing the change, the window in Chinese (foundation issue)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.staff import service as staff
from tests.conftest import MANAGER_PIN
from tests.gui_helpers import activate, on_modal, type_text, wait_ops


def _clerk(db, manager):
    actor, approval = manager
    row = staff.add_staff(db, actor=actor, approval=approval, emp_no="D01", name="李晓燕", role="dispatch_clerk",
                          hire_date=dt.date(2023, 1, 1), pin="1357")
    return Actor(row.id, row.name, row.role)


def test_sign_in_by_keyboard(zh_app, qtbot, db, manager):
    from station_desk.qt.dialogs.sign_in import SignInDialog

    clerk = _clerk(db, manager)
    dialog = SignInDialog(None, db)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    # Given the list of staff, When the clerk types her initials, Enter, her PIN, Enter
    qtbot.keyClicks(dialog.filter_edit, "lxy")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.pin_edit  # offscreen has no active window: ask the dialog
    qtbot.keyClicks(dialog.pin_edit, "0000")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    # Then a wrong PIN is refused in Chinese and she stays at the dialog
    assert "密码不正确" in dialog.message_bar.text() and dialog.actor is None
    dialog.pin_edit.clear()
    qtbot.keyClicks(dialog.pin_edit, "1357")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.actor == clerk


def test_window_is_in_chinese_and_add_staff_by_keyboard_only(main_window, qtbot, db, manager, make_ctx,
                                                              artifacts_dir):
    actor, _ = manager
    main_window.attach(make_ctx(actor))
    assert main_window.ui.menuFile.title().startswith("文件")
    titles = [main_window.ui.tabs.tabText(i) for i in range(main_window.ui.tabs.count())]
    assert "员工" in titles and "审计日志" in titles
    assert "当前登录：王经理（服务中心经理）" in main_window.actor_label.text()
    tab = main_window.tab_widget("staff")
    activate(qtbot, main_window)
    tab.table.setFocus()

    def fill_staff(dialog):
        qtbot.keyClicks(dialog.ui.empNoEdit, "J001")
        qtbot.keyClick(dialog.ui.empNoEdit, Qt.Key.Key_Tab)
        type_text(qtbot, dialog.focusWidget(), "马宇航")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        role_box = dialog.focusWidget()
        while role_box.currentData() != "technician":
            qtbot.keyClick(role_box, Qt.Key.Key_Down)
        qtbot.keyClick(role_box, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.focusWidget(), "13800138000")
        on_modal(approve, name="ManagerApprovalDialog")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    def approve(dialog):
        qtbot.keyClicks(dialog.pin_edit, MANAGER_PIN)
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)

    on_modal(fill_staff, name="StaffDialog")
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: any(r.name == "马宇航" for r in tab.model.rows()))
    added = next(r for r in staff.list_staff(db) if r.emp_no == "J001")
    assert added.role_label == "服务人员" and added.phone == "13800138000"
    assert "已添加 马宇航" in tab.message_bar.text()
    # the audit log tab shows the change
    audit_tab = main_window.tab_widget("audit")
    audit_tab.refresh()
    wait_ops(qtbot)  # the log is read on the DB worker
    assert any(r.action == "staff.add" and "马宇航" in (r.after or "") for r in audit_tab.model.rows())
    main_window.tab_widget("staff")
    main_window.grab().save(str(artifacts_dir / "main_window.png"))


def test_manager_action_without_pin_is_refused_and_changes_nothing(main_window, qtbot, db, manager, make_ctx):
    clerk = _clerk(db, manager)
    main_window.attach(make_ctx(clerk))
    tab = main_window.tab_widget("staff")
    before = staff.list_staff(db, include_left=True)
    audit_before = len(audit.list_entries(db))
    seen = {}

    def fill_staff(dialog):
        qtbot.keyClicks(dialog.ui.empNoEdit, "X9")
        qtbot.keyClick(dialog.ui.empNoEdit, Qt.Key.Key_Tab)
        type_text(qtbot, dialog.focusWidget(), "张三")
        on_modal(refuse, name="ManagerApprovalDialog")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    def refuse(dialog):
        # the clerk has no manager PIN: Enter with an empty PIN is refused, then Esc
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        seen["message"] = dialog.message_bar.text()
        on_modal(lambda d: d.reject(), name="StaffDialog")
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Escape)

    on_modal(fill_staff, name="StaffDialog")
    tab.add_person()
    assert "需要服务中心经理的密码" in seen["message"]
    assert staff.list_staff(db, include_left=True) == before
    assert len(audit.list_entries(db)) == audit_before


def test_audit_tab_is_locked_for_a_clerk(main_window, qtbot, db, manager, make_ctx):
    clerk = _clerk(db, manager)
    main_window.attach(make_ctx(clerk))
    tab = main_window.tab_widget("audit")
    assert tab.gate.isVisibleTo(main_window) or not tab.body.isVisibleTo(main_window)
    assert tab.model.rowCount() == 0


def test_geometry_and_last_tab_are_remembered(main_window, qtbot, db, manager, make_ctx):
    actor, _ = manager
    main_window.attach(make_ctx(actor))
    main_window.tab_widget("audit")
    main_window.close()
    assert main_window.settings.value("main/last_tab") == "audit"
    assert main_window.settings.value("main/geometry") is not None
    # the next start opens on the remembered tab
    from station_desk.qt.main_window import MainWindow

    again = MainWindow(main_window.settings)
    qtbot.addWidget(again)
    again.attach(make_ctx(actor))
    assert again.ui.tabs.currentWidget().spec.key == "audit"


def test_pin_checks_run_on_the_database_worker(zh_app, qtbot, db, manager, make_ctx, monkeypatch):
    """Checking a PIN writes (the wrong tries are counted): never on the UI thread (architecture issue #13)."""
    import threading

    from station_desk.qt.dialogs.approval import ManagerApprovalDialog
    from station_desk.qt.dialogs.sign_in import SignInDialog
    from station_desk.staff import auth

    threads = []
    real = auth.verify_pin

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    clerk = _clerk(db, manager)
    monkeypatch.setattr(auth, "verify_pin", spy)
    sign_in = SignInDialog(None, db)
    qtbot.addWidget(sign_in)
    sign_in.filter_edit.setText("lxy")
    sign_in.pin_edit.setText("1357")
    sign_in._sign_in()
    assert sign_in.actor == clerk
    approval = ManagerApprovalDialog(None, make_ctx(clerk), "测试")
    qtbot.addWidget(approval)
    approval.pin_edit.setText("0000")
    approval._check()
    assert "密码不正确" in approval.message_bar.text() and approval.approval is None
    assert len(threads) == 2 and all(name.startswith("station-db") for name in threads), threads
