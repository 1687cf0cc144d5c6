"""Run service calls off the UI thread (Anki's CollectionOp, adapted).

All database work from the GUI goes through one single-worker executor, so writes are serialised and the window
never freezes. Results come back on the UI thread; after a success, what the call changed is broadcast on the bus:
the database notes every table its committed transactions wrote (``station_desk.db.changes``), so nobody has to
say (or guess) which views need redrawing.

    Op(self, lambda: cash_book.reverse(ctx.db, actor=ctx.actor, entry_id=i, reason=r)).success(self._after).run()
"""

from __future__ import annotations

import collections
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="station-db")
_pending = 0
_lock = threading.Lock()
_live: set["Op"] = set()


def pending() -> int:
    """How many ops are queued or running (tests wait for 0)."""
    return _pending


class _Dispatcher(QObject):
    """How the worker threads hand a finished job to the UI thread: ``post(callback, result, exception)`` from any
    thread; ``callback(result, exception)`` runs on the UI thread, one per post, in order.

    One for the program, made on the UI thread and never deleted, and no Python object ever travels inside a Qt
    signal between threads: the job waits in a plain deque and the signal carries nothing. (A test process died in
    "Garbage-collecting" on the UI thread now and then, twice in four clean CI runs of one day, while the worker
    ran the next job. Each job used to own a QObject, deleted by the collector, and its result, exception and
    changed topics crossed threads as Python objects wrapped by PySide in the queued signal's arguments.)"""

    _ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._jobs: collections.deque = collections.deque()  # append / popleft are atomic
        self._ready.connect(self._deliver_one, Qt.ConnectionType.QueuedConnection)

    def post(self, callback: Callable[[object, BaseException | None], None], result: object = None,
             exc: BaseException | None = None) -> None:
        self._jobs.append((callback, result, exc))
        self._ready.emit()

    @Slot()
    def _deliver_one(self) -> None:
        if self._jobs:
            callback, result, exc = self._jobs.popleft()
            callback(result, exc)


_dispatcher: _Dispatcher | None = None


def _call(fn: Callable[[], object]) -> tuple[object, BaseException | None]:
    """``(fn(), None)``, or ``(None, the exception)``: a worker thread's outcome, to be delivered on the UI thread."""
    try:
        return fn(), None
    except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
        return None, exc


def _dispatch() -> _Dispatcher:
    """The dispatcher, made on first use and living on the UI thread (where its deliveries run)."""
    global _dispatcher
    if _dispatcher is None:
        dispatcher = _Dispatcher()
        app = QApplication.instance()
        if app is not None and dispatcher.thread() is not app.thread():
            dispatcher.moveToThread(app.thread())
        _dispatcher = dispatcher
    return _dispatcher


class Op:
    def __init__(self, parent: QWidget | None, fn: Callable[[], object], *, changes: Iterable[str] = (),
                 ctx=None) -> None:
        """``changes``: topics to publish besides those the writes touched (for state outside the database)."""
        self.parent = parent
        self.fn = fn
        self.changes = set(changes)
        self.ctx = ctx if ctx is not None else getattr(parent, "ctx", None)
        self._on_success: Callable[[object], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._dispatcher = _dispatch()
        self._busy_title = ""
        self._progress = None

    def busy(self, title: str) -> "Op":
        """A job that may take more than a second: a progress window named ``title`` shows if it is still running
        after a moment (:mod:`station_desk.qt.progress`); ``fn`` may call :meth:`report` with its steps."""
        self._busy_title = title
        return self

    def report(self, done: int, total: int, stage: str = "") -> None:
        """Thread-safe progress from inside ``fn`` (step ``done`` of ``total``)."""
        if self._progress is not None:
            self._progress.report(done, total, stage)

    def success(self, cb: Callable[[object], None]) -> "Op":
        self._on_success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> "Op":
        self._on_failure = cb
        return self

    def run(self) -> "Op":
        global _pending
        with _lock:
            _pending += 1
        _live.add(self)
        if self.parent is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        if self._busy_title:
            from station_desk.qt.progress import ProgressWindow

            self._progress = ProgressWindow(self.parent, self._busy_title).start()

        db = getattr(self.ctx, "db", None)

        def work():
            result, exc = _call(self.fn)
            changed = db.take_changes() if db is not None else set()  # committed, even before a failure
            self._dispatcher.post(lambda r, e: self._finish(r, e, changed), result, exc)

        _executor.submit(work)
        return self

    def _finish(self, result, exc, changed) -> None:
        global _pending
        try:
            if self._progress is not None:
                self._progress.finish()
                self._progress = None
            if self.parent is not None:
                QApplication.restoreOverrideCursor()
            changed = set(changed) | (self.changes if exc is None else set())
            if changed and self.ctx is not None:
                self.ctx.bus.changed.emit(changed, self.parent)
            if exc is not None:
                if self._on_failure is not None:
                    self._on_failure(exc)
                else:
                    from station_desk.qt.feedback import show_error

                    show_error(self.parent, exc)
                return
            if self._on_success is not None:
                self._on_success(result)
        finally:
            with _lock:
                _pending -= 1
            _live.discard(self)


def call_on_ui(fn: Callable[[], object]) -> None:
    """From any thread: run ``fn()`` on the UI thread (e.g. another desk's change notice, heard by the listener's
    thread, published on the change bus)."""
    _dispatch().post(lambda _r, _e: fn())


def run_now(fn: Callable[[], object]) -> object:
    """Run on the DB worker and wait (for sub-20 ms reads that a dialog needs before it can show)."""
    return _executor.submit(fn).result()


def run_in_thread(parent, fn: Callable[[], object], done: Callable[[object, BaseException | None], None], *,
                  name: str) -> None:
    """Run ``fn`` on a plain background thread (not the database worker: for jobs with their own SQLite
    connections, such as a backup or a full check, that must not hold up the clerk's reads and writes);
    ``done(result, exception)`` is called on the UI thread — unless ``parent`` has been deleted by then."""
    from shiboken6 import isValid

    dispatcher = _dispatch()
    if parent is not None:
        callback = done

        def done(result, exc) -> None:
            if isValid(parent):
                callback(result, exc)

    def work():
        dispatcher.post(done, *_call(fn))

    threading.Thread(target=work, name=name, daemon=True).start()


_STALE = object()


class Loader:
    """A view's reads on the database worker, the newest request winning (issue #15: the UI thread never waits on
    SQL). One ``Loader`` per view (a tab, or a page inside one); each ``key`` is one thing the view shows.

        self.loads = Loader(self)
        self.loads.load(lambda: service.list_rows(db, month=m), self._show_rows)

    ``fn`` runs on the worker, ``apply(result)`` on the UI thread — only for the newest request of its key, and
    only while the view still exists. A request overtaken before the worker reached it does not run at all. A
    refusal or an error is shown in Chinese in the view's message bar (``failed(exc)`` replaces that), never as a
    traceback. ``busy()`` tells whether a read is still on its way (keyboard focus waits for the rows)."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self._seq: dict[str, int] = {}
        self._waiting: set[str] = set()

    def load(self, fn: Callable[[], object], apply: Callable[[object], None], *, key: str = "rows",
             failed: Callable[[BaseException], None] | None = None, busy: str = "") -> None:
        """``busy``: a read that may take more than a second says so in a progress window (:meth:`Op.busy`)."""
        seq = self._seq[key] = self._seq.get(key, 0) + 1
        self._waiting.add(key)
        seqs = self._seq

        def read():
            if seqs.get(key) != seq:  # a newer request of this key is queued behind: skip this one's SQL
                return _STALE
            return fn()

        def newest() -> bool:
            from shiboken6 import isValid

            return seqs.get(key) == seq and isValid(self.owner)

        def done(result) -> None:
            if result is _STALE or not newest():
                return
            self._waiting.discard(key)
            apply(result)

        def fail(exc: BaseException) -> None:
            if not newest():
                return
            self._waiting.discard(key)
            if failed is not None:
                failed(exc)
            else:
                from station_desk.qt.feedback import show_error

                show_error(self.owner, exc)

        op = Op(self.owner, read, ctx=getattr(self.owner, "ctx", None)).success(done).failure(fail)
        if busy:
            op.busy(busy)
        op.run()

    def busy(self, key: str | None = None) -> bool:
        return bool(self._waiting) if key is None else key in self._waiting
