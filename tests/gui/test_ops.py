"""Background work reaches the UI thread: the database worker (Op) and plain threads (run_in_thread)."""

from __future__ import annotations

import threading

from station_desk.qt.ops import run_in_thread


def test_run_in_thread_delivers_result_and_error_on_the_ui_thread(qapp, qtbot):
    ui = threading.current_thread()
    seen = []
    run_in_thread(None, lambda: (threading.current_thread() is not ui, 42), lambda r, e: seen.append(
        (r, e, threading.current_thread() is ui)), name="t1")
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert seen[0] == ((True, 42), None, True)
    run_in_thread(None, lambda: 1 / 0, lambda r, e: seen.append((r, type(e).__name__)), name="t2")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1] == (None, "ZeroDivisionError")
