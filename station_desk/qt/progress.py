"""Long work shows progress: one window for every job that may take more than about a second (building the demo
station, an import, a month's computation, a backup, a restore, an upgrade of the data file).

The window appears only if the job is still running after :data:`SHOW_AFTER_MS` (a quick job shows nothing), names
the job and its current step ("第 3 步，共 11 步：工单"), and has 取消 only where stopping half-way is safe (the job
says so by accepting a ``cancelled`` check). Two ways in:

- :meth:`station_desk.qt.ops.Op.busy` for a service call on the database worker (it cannot be cancelled: one
  transaction, all or nothing);
- :func:`run_with_progress` for a job on its own thread that the caller waits for (start-up: the demo build, the
  upgrade), with Cancel when the job takes a ``cancelled`` check.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

#: a job quicker than this shows no window at all
SHOW_AFTER_MS = 800


def step_text(done: int, total: int, stage: str) -> str:
    """"第 3 步，共 11 步：工单" (or just the stage when the steps are not counted)."""
    if total <= 0:
        return stage
    return QCoreApplication.translate("Progress", "Step %1 of %2: %3").replace("%1", str(min(done + 1, total))) \
        .replace("%2", str(total)).replace("%3", stage)


class ProgressWindow(QObject):
    """A window-modal progress dialog shown after :data:`SHOW_AFTER_MS`, fed from any thread by :meth:`report`."""

    _reported = Signal(int, int, str)

    def __init__(self, parent: QWidget | None, title: str, *, cancellable: bool = False) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("progressWindow")
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.setRange(0, 0)  # busy until the first step is reported
        if cancellable:
            self.dialog.setCancelButtonText(QCoreApplication.translate("Progress", "Cancel"))
            self.dialog.canceled.connect(self._cancel)
            self.dialog.rejected.connect(self._cancel)  # Esc
        else:
            self.dialog.setCancelButton(None)
        self.dialog.reset()
        self.dialog.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._reported.connect(self._update, Qt.ConnectionType.QueuedConnection)
        self._finished = False

    def start(self) -> "ProgressWindow":
        self._timer.start(SHOW_AFTER_MS)
        return self

    def report(self, done: int, total: int, stage: str = "") -> None:
        """Thread-safe: step ``done`` of ``total`` (``stage`` names it, in Chinese)."""
        self._reported.emit(int(done), int(total), str(stage))

    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def finish(self) -> None:
        self._finished = True
        self._timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _cancel(self) -> None:
        self.cancel_event.set()
        self.dialog.setLabelText(QCoreApplication.translate("Progress", "Stopping after the current step…"))
        self.dialog.show()

    def _show(self) -> None:
        if not self._finished:
            self.dialog.show()

    def _update(self, done: int, total: int, stage: str) -> None:
        if self._finished:
            return
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))
        if stage and not self.cancel_event.is_set():
            self.dialog.setLabelText(step_text(done, total, stage))


class Cancelled(Exception):
    """The person pressed 取消; the job stopped at a safe point and left nothing behind."""


def run_with_progress(parent: QWidget | None, title: str, fn: Callable, *, cancellable: bool = False):
    """Run ``fn(report, cancelled)`` on its own thread and wait (the window stays painted) with a progress window;
    returns its result or raises its exception (:class:`Cancelled` when stopped)."""
    window = ProgressWindow(parent, title, cancellable=cancellable).start()
    loop = QEventLoop()
    outcome: dict = {}

    class _Done(QObject):
        done = Signal()

    signal = _Done()
    signal.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def work():
        try:
            outcome["result"] = fn(window.report, window.cancelled)
        except BaseException as exc:  # noqa: BLE001 - raised again on the UI thread
            outcome["error"] = exc
        signal.done.emit()

    thread = threading.Thread(target=work, name="station-progress", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
    window.finish()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
