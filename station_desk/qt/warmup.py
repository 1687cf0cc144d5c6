"""Warming up the tabs nobody has opened yet.

Start-up imports only the tab the window opens on. The first switch to any other tab used to import its modules
then — its SQLModel tables, services, queries and forms: 100–400 ms of a clerk's first click on each tab (issue
#15) for work that does not depend on anything the person does. So once the window is usable and its first tab
has had a moment to read, a background thread imports the other tabs one by one (and lets SQLAlchemy configure
the new tables' mappers, then freezes what lives as long as the process out of the garbage collector's sight:
``memory.freeze_long_lived``), pausing between tabs so the UI thread gets the interpreter whenever it needs it. A tab
opened meanwhile simply finds some of its imports done. Nothing is built and nothing written; a tab may name a
read whose results a shared cache keeps (``TabSpec.warm``: the overview's evaluated work orders). The cost of a
tab's first open is then its reads and its drawing.

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


def warm_up(specs, db=None) -> float:
    """Import each tab of ``specs`` (``TabSpec``) and run its ``warm(db)`` (caches its first reads share, e.g. the
    work orders' evaluated orders for the overview); return the seconds it took. Runs on a background thread;
    the ``warm`` reads (never a write) run on the database worker, one at a time like any other read."""
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

    def start() -> None:
        def work() -> None:
            try:
                seconds = warm_up(specs, db)
                log.info("tabs warmed up in %.2f s", seconds)
            finally:
                DONE.set()

        threading.Thread(target=work, name="warm-up", daemon=True).start()

    QTimer.singleShot(START_AFTER_MS, window, start)
