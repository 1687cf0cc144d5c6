"""Desks see each other's work (issue #17): on a PostgreSQL station every committed write also says which topics
it touched with ``NOTIFY station_desk_changes``, and each program listens on that channel in a thread of its own,
turning other desks' notices into the same change events its own writes raise (``Op`` publishes them on the change
bus; tabs redraw). A contact saved at the front desk appears in the manager's tabs without a refresh.

The notice is sent inside the writing transaction (``pg_notify`` just before the commit), so PostgreSQL delivers
it exactly when, and only if, the write commits. Its payload names the sender, so a program ignores its own
notices (it already published them). SQLite has no such channel: a one-PC station has one window.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable

from station_desk.db.changes import ChangeTracker, topics_of
from station_desk.db.url import driver_url

CHANNEL = "station_desk_changes"
log = logging.getLogger(__name__)


def new_sender() -> str:
    """Names one open database in one program on one PC."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def notify_before_commit(conn, tracker: ChangeTracker, sender: str) -> None:
    """The engine's ``commit`` hook (runs before the commit itself): one ``pg_notify`` with the topics of the
    transaction's writes, if any. Through the driver's own cursor: not a statement the tracker should see."""
    topics = topics_of(tracker.pending())
    if not topics:
        return
    payload = json.dumps({"s": sender, "t": sorted(topics)}, ensure_ascii=False)
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
    finally:
        cur.close()


def parse(payload: str, own: str) -> set[str]:
    """The topics of another desk's notice ({} for our own or a malformed one)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return set()
    if not isinstance(data, dict) or data.get("s") == own:
        return set()
    return {t for t in data.get("t", []) if isinstance(t, str)}


class ChangeListener:
    """A daemon thread: ``LISTEN`` on its own autocommit connection, ``on_change(topics)`` for every other desk's
    notice (called on the listener thread: hand it to the GUI thread with a queued signal). Reconnects after a
    lost connection (server restart, network), waiting a little longer each time; ``stop()`` ends it."""

    def __init__(self, db, on_change: Callable[[set[str]], None]) -> None:
        self.url = db.url
        self.own = db.sender
        self.on_change = on_change
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)

    def start(self, wait: float = 5.0) -> "ChangeListener":
        self._thread.start()
        self._ready.wait(wait)
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        dsn = driver_url(self.url).replace("postgresql+psycopg://", "postgresql://", 1)
        delay = 1.0
        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True, application_name="station_desk listener") as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    delay = 1.0
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=50):
                            topics = parse(note.payload, self.own)
                            if topics:
                                self.on_change(topics)
            except Exception as exc:  # the server went away: try again shortly
                log.warning("change listener: %s", exc)
                self._stop.wait(delay)
                delay = min(delay * 2, 30.0)
