"""Files of a backup being written: exclusive names, work files and what a killed backup leaves behind.

Every file a backup writes is created exclusively (``O_EXCL`` / ``mkstemp``), and while it is being written the
writer holds an OS lock on ``<file>.lock``. The OS drops that lock when the process dies, so the next backup to the
same folder (and the start-up sweep) removes a leftover as soon as its writer is gone, not 24 hours later.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from filelock import FileLock, Timeout

from station_desk.errors import DomainError

PLAIN_EXT = ".sqlite"
ENCRYPTED_EXT = ".sdbk"
TMP_SUFFIXES = (PLAIN_EXT + ".tmp", ENCRYPTED_EXT + ".tmp")


LEFTOVER_LOCK = ".lock"


def _holds_current(lock: FileLock) -> bool:
    """True when the lock just taken is on the file now at the lock's path. (POSIX: a lock file removed and made
    anew while we waited would leave us holding a lock on a file nobody else sees. Windows cannot remove a file
    that is open, so there it is always current.)"""
    fd = getattr(getattr(lock, "_context", None), "lock_file_fd", None)
    if fd is None or os.name == "nt":
        return True
    try:
        return os.fstat(fd).st_ino == os.stat(lock.lock_file).st_ino
    except OSError:
        return False


def _release_and_remove(lock: FileLock) -> None:
    """Remove the lock file while still holding it (so whoever takes it next sees it is stale), then release."""
    try:
        Path(lock.lock_file).unlink(missing_ok=True)
    except OSError:  # Windows: not while open; removed after the release
        pass
    lock.release()
    try:
        Path(lock.lock_file).unlink(missing_ok=True)
    except OSError:
        pass


class Held:
    """A file this process is writing, with an OS lock on ``<file>.lock`` held for as long as it writes: a sweep
    that can take the lock knows the writer is gone (killed), whatever the file's age. The lock is taken *before*
    the file is created exclusively, so a sweep never sees a new file without its writer's lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock: FileLock | None = None
        for _ in range(5):
            lock = FileLock(str(path) + LEFTOVER_LOCK, timeout=0)
            lock.acquire()  # Timeout: someone holds this name
            if _holds_current(lock):
                self.lock = lock
                break
            lock.release()  # the lock file was removed just as we took it: take it again
        if self.lock is None:
            raise DomainError("backup.destination_busy", folder=str(path.parent))
        try:
            fd = os.open(str(path), os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0))
        except BaseException:
            self.drop(remove=False)
            raise
        os.close(fd)

    def drop(self, *, remove: bool) -> None:
        if self.lock is None:
            return
        if remove:
            for q in (self.path, Path(str(self.path) + "-journal")):
                try:
                    q.unlink(missing_ok=True)
                except OSError:
                    pass
        lock, self.lock = self.lock, None
        _release_and_remove(lock)


def reserve_name(folder: Path, name: str) -> tuple[str, Held]:
    """Choose the backup's name and create its ``.tmp`` exclusively (O_EXCL): two backups started in the same
    second, in one process or two, never share a file."""
    stem, ext = name.rsplit(".", 1)
    for n in range(1, 1000):
        candidate = name if n == 1 else f"{stem}-{n}.{ext}"
        if (folder / candidate).exists():
            continue
        try:
            return candidate, Held(folder / (candidate + ".tmp"))
        except (FileExistsError, Timeout):
            continue
    raise DomainError("backup.destination_busy", folder=str(folder))


def new_work_file(work_dir: Path) -> Held:
    """A private plaintext work file on the local disk, created exclusively; removed on any failure, and swept at
    the next backup to that folder if the process was killed."""
    for _ in range(100):
        try:
            return Held(Path(work_dir) / f".work-{os.getpid()}-{secrets.token_hex(6)}{PLAIN_EXT}")
        except (FileExistsError, Timeout):
            continue
    raise DomainError("backup.destination_busy", folder=str(work_dir))


def _is_leftover(name: str) -> bool:
    return name.startswith(".work-") or name.endswith(TMP_SUFFIXES)


def sweep_leftovers(folder: Path, *, older_than_hours: float | None = None) -> list[str]:
    """Remove what killed backups left in ``folder``: ``.work-*`` plaintext copies and backup ``.tmp`` files whose
    writer is gone (its lock can be taken), and their lock files. Never a listed backup, never a file a live
    backup is writing. ``older_than_hours``: also require that age (by the files' own times)."""
    folder = Path(folder)
    cutoff = None if older_than_hours is None else time.time() - older_than_hours * 3600
    gone: list[str] = []
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return gone
    for name in names:
        base = name[: -len(LEFTOVER_LOCK)] if name.endswith(LEFTOVER_LOCK) else name
        if not _is_leftover(base.removesuffix("-journal")):
            continue
        path = folder / name
        try:
            if cutoff is not None and path.stat().st_mtime >= cutoff:
                continue
        except OSError:
            continue
        owner = folder / base.removesuffix("-journal")
        lock = FileLock(str(owner) + LEFTOVER_LOCK, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            continue  # a live backup is writing it
        if not _holds_current(lock):
            lock.release()
            continue
        try:
            if path != Path(lock.lock_file):
                path.unlink(missing_ok=True)
                gone.append(name)
        except OSError:
            pass
        finally:
            if owner.exists():
                lock.release()
            else:
                _release_and_remove(lock)
    return gone
