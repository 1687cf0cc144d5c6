"""Driving modal dialogs from pytest-qt: schedule what to do with the next modal dialog *before* the action that
opens it (``exec()`` blocks until the dialog closes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

_pending: list = []


def on_modal(handler: Callable[[QDialog], None], *, name: str | None = None, timeout_ms: int = 5000) -> None:
    """Call ``handler(dialog)`` as soon as a modal dialog (optionally with this objectName) is showing. A handler
    that no dialog came for ends with its test (``end_modal_handlers``): left waiting, it took the next test's
    dialog (a rewards test's "no PIN is asked" handler rejected the next test's ShortPinDialog)."""
    state = {"waited": 0, "ended": False}
    _waiting.append(state)

    def poll():
        if state["ended"]:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible() and (name is None or dialog.objectName() == name) \
                and dialog not in _seen:
            _seen.add(dialog)
            if dialog.windowHandle() is not None and QApplication.activeWindow() is not dialog:
                dialog.windowHandle().requestActivate()
                QTimer.singleShot(20, lambda: handler(dialog))
                return
            handler(dialog)
            return
        state["waited"] += 20
        if state["waited"] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


_seen: set = set()
_waiting: list[dict] = []


def end_modal_handlers() -> None:
    """End every ``on_modal`` handler still waiting (after each test)."""
    for state in _waiting:
        state["ended"] = True
    _waiting.clear()


def wait_ops(qtbot, timeout: int = 20000) -> None:
    """Wait until every queued service call (Op) has finished and delivered its result (the limit only ends a hung
    test: a loaded CI machine may take seconds where a desk PC takes milliseconds). On the PostgreSQL run a
    step that takes a backup first (month locks, imports) runs pg_dump and a verifying restore: up to 4× longer."""
    import os

    from station_desk.qt import ops

    if os.environ.get("STATION_DESK_TEST_ENGINE") == "postgresql":
        timeout *= 4
    qtbot.waitUntil(lambda: ops.pending() == 0, timeout=timeout)


def activate(qtbot, window) -> None:
    """Show ``window`` and make it the active window (offscreen needs an explicit request once exposed), so
    keyboard focus and shortcuts behave as on a desk PC. Then wait for the reads that showing it started (a tab
    reads on the database worker: its rows arrive after its frame)."""
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    wait_ops(qtbot)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk does: ASCII through key presses, Chinese as an input method commits it (QTest's key
    clicks cannot type non-ASCII characters)."""
    from PySide6.QtGui import QInputMethodEvent

    run = ""
    for ch in text + "\0":
        if ch != "\0" and ord(ch) < 128:
            if run:
                event = QInputMethodEvent("", [])
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
                run = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            run += ch
    if run:
        event = QInputMethodEvent("", [])
        event.setCommitString(run)
        QApplication.sendEvent(widget, event)
