"""One program per database file: an OS advisory lock on ``<db>.lock`` (released by the OS if the process dies,
so a crash never leaves a stale-lock prompt).

The lock is taken beside the file's *resolved real path* (symlinks, ``..`` and a symlinked folder followed), so
two spellings of the same file share one lock. (A second hard link to the same file is not detected.)

A PostgreSQL station (``--db postgresql://…``) is shared by the desks of a LAN on purpose: there the rule is one
window per PC, whichever server database it opens - a lock file in this PC's data folder
(``server-desk.lock``)."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from station_desk.db.url import is_server_url, public_url
from station_desk.errors import DomainError


class InstanceLock:
    def __init__(self, db_path) -> None:
        if is_server_url(db_path):
            from station_desk import paths

            self.db_path = str(db_path)
            self.real_path = paths.data_dir() / "server-desk.lock"
            self._lock = FileLock(str(self.real_path))
            self._shown = public_url(self.db_path)
            return
        self.db_path = Path(db_path)
        self.real_path = Path(os.path.realpath(self.db_path))
        self._lock = FileLock(str(self.real_path) + ".lock")
        self._shown = str(self.db_path)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0.2)
        except Timeout:
            raise DomainError("db.locked_by_other", path=self._shown) from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def __enter__(self) -> "InstanceLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
