"""One key scheme for the whole window (README's key table): Alt+1…9, Alt+0 pick a tab and Ctrl+PgDn / Ctrl+PgUp
step through every tab; Ctrl+Tab / Ctrl+Shift+Tab step through the pages inside a tab; Ctrl+1…7 pick the front
desk's contact kind. Every one of them works from every place the keyboard focus can be (a key claimed twice
does nothing at all in Qt: that was the front desk's Ctrl+1…7)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from tests.fixtures.desk import make_desk
from tests.gui_helpers import activate, wait_ops

CTRL, ALT, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, \
    Qt.KeyboardModifier.ShiftModifier
DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7,
          Qt.Key.Key_8, Qt.Key.Key_9, Qt.Key.Key_0]


@pytest.fixture
def window(main_window, qtbot, db, manager, make_ctx, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    desk = make_desk(db, manager)
    main_window.attach(make_ctx(desk.clerk))
    activate(qtbot, main_window)
    wait_ops(qtbot)
    return main_window


def focus_stops(root: QWidget) -> list[QWidget]:
    """Every visible widget in ``root`` that Tab can reach."""
    return [w for w in root.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def test_contact_kinds_and_tabs_answer_from_every_focus_position(window, qtbot):
    desk = window.tab_widget("contact_log")
    qtbot.waitUntil(desk.isVisible, timeout=2000)
    activate(qtbot, window)
    tabs = window.ui.tabs
    desk_index = tabs.currentIndex()
    stops = focus_stops(desk)
    assert len(stops) > 8
    for n, widget in enumerate(stops):
        widget.setFocus()
        qtbot.wait(5)
        widget = QApplication.focusWidget()  # a proxy may take it (a combo box's line edit)
        assert desk.isAncestorOf(widget), (n, stops[n], QApplication.activeWindow(), QApplication.activePopupWidget())
        kind = n % 7
        qtbot.keyClick(widget, DIGITS[kind], CTRL)
        assert desk.form.kind_box.currentIndex() == kind, f"Ctrl+{kind + 1} from {widget.objectName() or widget}"
    for n, widget in enumerate(stops[:4]):
        tabs.setCurrentIndex(desk_index)
        widget.setFocus()
        qtbot.keyClick(widget, DIGITS[n + 2], ALT)
        assert tabs.currentIndex() == n + 2, f"Alt+{n + 3} from {widget.objectName() or widget}"


def test_every_tab_and_every_page_is_reachable_by_keys(window, qtbot):
    tabs = window.ui.tabs
    activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_0, ALT)
    assert tabs.currentIndex() == 9
    seen = set()
    for _ in range(tabs.count()):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageDown, CTRL)
        wait_ops(qtbot)
        seen.add(tabs.currentIndex())
    assert seen == set(range(tabs.count()))
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageUp, CTRL)
    assert tabs.currentIndex() == 8
    # the accounts' pages, from inside a table (tables must not swallow Ctrl+Tab)
    accounts = window.tab_widget("cash_book")
    wait_ops(qtbot)
    pages: QTabWidget = accounts.pages
    qtbot.waitUntil(pages.isVisible, timeout=2000)
    activate(qtbot, window)
    table = next(w for w in focus_stops(pages.currentWidget()) if w.inherits("QAbstractItemView"))
    table.setFocus()
    for expected in (1, 2, 3, 0):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab, CTRL)
        assert pages.currentIndex() == expected
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert pages.currentIndex() == 3
    assert pages.isAncestorOf(QApplication.focusWidget())
