"""A tab's reads on the database worker (``ModuleTab.load`` / ``qt.ops.Loader``, issue #15): the newest request of a
kind wins, a request overtaken before the worker reached it never runs, a refusal or an error is one Chinese
sentence in the tab's message line (never a traceback), and a tab closed meanwhile is left alone."""

from __future__ import annotations

import threading

import pytest

from station_desk.errors import DomainError
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from tests.gui_helpers import wait_ops


@pytest.fixture
def tab(zh_app, qtbot, manager, make_ctx):
    tab = ModuleTab(make_ctx(manager[0]))
    qtbot.addWidget(tab)
    tab.resize(600, 300)
    tab.show()
    return tab


def hold_the_worker(qtbot) -> threading.Event:
    """Occupy the database worker until the returned event is set (so requests queue behind it)."""
    release, started = threading.Event(), threading.Event()

    def busy():
        started.set()
        release.wait(5)

    Op(None, busy).run()
    qtbot.waitUntil(started.is_set, timeout=2000)
    return release


def test_a_request_overtaken_in_the_queue_never_runs(tab, qtbot):
    ran, shown = [], []
    release = hold_the_worker(qtbot)
    for text in ("王", "王小", "王小明"):  # three keystrokes while the worker is busy
        tab.load(lambda text=text: ran.append(text) or f"rows for {text}", shown.append)
    release.set()
    wait_ops(qtbot)
    assert ran == ["王小明"] and shown == ["rows for 王小明"]


def test_an_older_answer_that_comes_back_late_is_not_shown(tab, qtbot):
    shown = []
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(5)
        return "old month"

    tab.load(slow, shown.append)
    qtbot.waitUntil(started.is_set, timeout=2000)  # the old read is running on the worker
    tab.load(lambda: "new month", shown.append)    # the person picked another month meanwhile
    release.set()
    wait_ops(qtbot)
    assert shown == ["new month"]


def test_kinds_of_read_do_not_overtake_each_other(tab, qtbot):
    shown = []
    release = hold_the_worker(qtbot)
    tab.load(lambda: "rows", lambda r: shown.append(("rows", r)))
    tab.load(lambda: "totals", lambda r: shown.append(("totals", r)), key="totals")
    release.set()
    wait_ops(qtbot)
    assert shown == [("rows", "rows"), ("totals", "totals")]


def test_a_refusal_is_shown_in_chinese(tab, qtbot):
    def refused():
        raise DomainError("period.locked", scope="积分", month="2026-11")

    tab.load(refused, lambda _r: pytest.fail("a refused read has nothing to show"))
    wait_ops(qtbot)
    text = tab.message_bar.text()
    assert text == DomainError("period.locked", scope="积分", month="2026-11").message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_an_error_in_a_read_is_one_chinese_sentence_not_a_traceback(tab, qtbot):
    def broken():
        raise RuntimeError("no such column: contact.kind2")

    tab.load(broken, lambda _r: pytest.fail("a failed read has nothing to show"))
    wait_ops(qtbot)
    text = tab.message_bar.text()
    assert text.startswith("程序出错") and "Traceback" not in text and "\n" not in text


def test_an_error_of_an_overtaken_read_is_not_shown(tab, qtbot):
    started, release = threading.Event(), threading.Event()

    def broken():
        started.set()
        release.wait(5)
        raise RuntimeError("old")

    tab.load(broken, lambda _r: None)
    qtbot.waitUntil(started.is_set, timeout=2000)
    tab.load(lambda: "new", lambda _r: None)
    release.set()
    wait_ops(qtbot)
    assert tab.message_bar.text() == ""


def test_a_tab_closed_while_its_read_runs_is_left_alone(zh_app, qtbot, manager, make_ctx):
    from shiboken6 import delete

    tab = ModuleTab(make_ctx(manager[0]))
    shown = []
    release = hold_the_worker(qtbot)
    tab.load(lambda: "rows", shown.append)
    delete(tab)
    release.set()
    wait_ops(qtbot)
    assert shown == []
