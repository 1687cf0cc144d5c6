"""Warming up the tabs nobody has opened yet.

Start-up imports only the tab the window opens on. The first switch to any other tab used to import its modules
then — its SQLModel tables, services, queries and forms: 100–400 ms of a clerk's first click on each tab (issue
#15) for work that does not depend on anything the person does. So once the window is usable and its first tab
has had a moment to read, a background thread imports the other tabs one by one (and lets SQLAlchemy configure
the new tables' mappers, then freezes what lives as long as the process out of the garbage collector's sight:
``memory.freeze_long_lived``), pausing between tabs so the UI thread gets the interpreter whenever it needs it. A tab
opened meanwhile simply finds some of its imports done. Nothing is written. A tab may name a read whose results a
shared cache keeps (``TabSpec.warm``: the rewards month's evaluated work orders), or ask to be built ahead
(``TabSpec.build_ahead``: the overview, whose hundred numbers took a third of its first open to lay out and paint):
the window builds it hidden, its data read and drawn, laid out and painted once off-screen; its first open still
reads every part again. The cost of a tab's first open is then its reads and drawing what changed.

``DONE`` is set when every tab is warm (the benchmark waits on it, and reports how long it took).
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)

#: after attach: the first tab's reads, the status bar and the late duties go first
START_AFTER_MS = 400
#: between two tabs: a breath for the UI thread (an import holds the interpreter)
PAUSE_S = 0.01

DONE = threading.Event()
_started = threading.Lock()
#: the test suite turns it off: a window made by one test would otherwise read and import in the background
#: during the tests after it (the warm-up itself is tested on its own)
ENABLED = True


#: how long the warm-up waits for a tab built ahead (its reads and drawing) before it goes on without it
BUILD_TIMEOUT_S = 15.0


def warm_up(specs, db=None, build=None) -> float:
    """Import each tab of ``specs`` (``TabSpec``) and run its ``warm(db)`` (caches its first reads share, e.g. the
    work orders' evaluated orders for the rewards month); then ``build(key)`` each tab that asks to be built ahead;
    return the seconds it took. Runs on a background thread; the ``warm`` reads (never a write) run on the database
    worker, one at a time like any other read; ``build`` waits for the UI thread to have built the tab."""
    t0 = time.perf_counter()
    for spec in specs:
        try:
            spec.load()
            if spec.warm is not None and db is not None:
                # on the database worker: the tab will read there, through the same connection (its page cache
                # and prepared statements are the connection's own)
                from station_desk.qt.ops import run_now

                run_now(lambda spec=spec: spec.warm(db))
        except Exception:  # noqa: BLE001 - the tab's own open will say what is wrong, on the UI thread
            log.exception("warming up the %s tab failed", spec.key)
        time.sleep(PAUSE_S)
    for spec in specs:
        if spec.build_ahead and build is not None:
            try:
                build(spec.key)
            except Exception:  # noqa: BLE001 - the tab is then built when it is first opened
                log.exception("building the %s tab ahead failed", spec.key)
    try:
        from station_desk.db.registry import configure_mappers

        configure_mappers()
    except Exception:  # noqa: BLE001 - the first query configures them then
        log.exception("configuring the mappers failed")
    from station_desk.memory import freeze_long_lived

    freeze_long_lived()
    return time.perf_counter() - t0


def schedule(window, specs, db=None) -> None:
    """Warm ``specs`` up on a daemon thread ``START_AFTER_MS`` after now (once per process: a second window or a
    switch of user finds the imports done)."""
    from PySide6.QtCore import QTimer

    if not ENABLED or not _started.acquire(blocking=False):
        return

    def build(key: str) -> None:
        """Ask the UI thread to build ``key``'s tab ahead; wait until it is drawn (or the window is gone)."""
        from shiboken6 import isValid

        from station_desk.qt.ops import call_on_ui

        built = threading.Event()
        call_on_ui(lambda: window.build_ahead(key, built.set) if isValid(window) else built.set())
        if not built.wait(BUILD_TIMEOUT_S):
            log.warning("the %s tab was not built ahead within %.0f s", key, BUILD_TIMEOUT_S)

    def start() -> None:
        def work() -> None:
            try:
                seconds = warm_up(specs, db, build)
                log.info("tabs warmed up in %.2f s", seconds)
            finally:
                DONE.set()

        threading.Thread(target=work, name="warm-up", daemon=True).start()

    QTimer.singleShot(START_AFTER_MS, window, start)
