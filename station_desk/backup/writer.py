"""The one write path of every backup (SPEC §10), local or USB, one function per stage:

``_plan``: target and room checked, the name reserved by creating ``name.tmp`` exclusively (O_EXCL) and a private
work file (both held with an OS lock while written) → ``_snapshot``: SQLite online backup API (one read snapshot
of the live file, never a raw copy of a WAL database) into the work file → ``_verify``: fsync, reopen and run
``PRAGMA integrity_check`` and compare the row count of every table with the live database *at the same
snapshot* → ``_to_target``: encrypt, or copy, into the reserved ``.tmp`` on the target, fsync, SHA-256 →
``_read_back``: read back from the target (cache dropped) and compare → ``_publish``: under the folder's lock,
rename to the final name (never over an existing one), fsync the folder, add to ``manifest.json``.

Any failure (full disk, folder removed, a pulled stick, cancel) removes this backup's own temporary files and
raises a ``DomainError`` with the true reason: no file with a final backup name ever exists unless it was verified
by the process that wrote it, and two backups started at the same moment never share a file. The live file is
only read.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import Timeout

from station_desk import __version__, clock
from station_desk.audit.row_check import head_fingerprint_conn
from station_desk.backup import crypto
from station_desk.backup.leftovers import ENCRYPTED_EXT, PLAIN_EXT, Held, new_work_file, reserve_name, sweep_leftovers  # noqa: F401
from station_desk.backup.manifest import ManifestEntry, publish, sha256_of
from station_desk.backup.raw_copy import COPY_CHUNK, HashingWriter as _HashingWriter, raw_copy
from station_desk.memory import give_back
from station_desk.backup.sqlite_info import (fingerprint, fingerprint_conn, last_entry_at, row_counts,  # noqa: F401
                                             schema_revision, user_tables)
from station_desk.errors import DomainError

Progress = Callable[[int, int, str], None]
STEP_PAGES = 2048

REASON_LABELS = {
    "periodic": "自动",
    "exit": "退出时",
    "month_close": "月结前",
    "restore": "恢复前",
    "import": "导入前",
    "migration": "升级前",
    "manual": "手动",
    "usb": "U盘",
    "folder": "文件夹",
}


class Cancelled(Exception):
    pass


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def backup_file_name(at: dt.datetime, reason: str, encrypted: bool) -> str:
    """``备份-20261123-171500-自动-未加密.sqlite``: the time sorts, and an unencrypted copy says so."""
    label = REASON_LABELS.get(reason, reason)
    tail = f"加密{ENCRYPTED_EXT}" if encrypted else f"未加密{PLAIN_EXT}"
    return f"备份-{at:%Y%m%d-%H%M%S}-{label}-{tail}"


def _fsync_file(path: Path) -> None:
    # opened for writing: Windows cannot flush a read-only handle (FlushFileBuffers needs GENERIC_WRITE)
    fd = os.open(str(path), os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _drop_cache(path: Path) -> None:
    """Ask the OS to forget its cached pages of ``path`` so the read-back comes from the drive (Linux)."""
    if not hasattr(os, "posix_fadvise"):
        return
    fd = os.open(str(path), os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def _translate_os_error(exc: OSError, folder: Path, need: int) -> DomainError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        free = shutil.disk_usage(folder).free if folder.exists() else 0
        return DomainError("backup.no_space", need=human_size(need), free=human_size(free))
    if not folder.exists() or exc.errno == errno.ENODEV:
        return DomainError("backup.target_gone", folder=str(folder))
    if exc.errno == errno.ENOENT:  # the folder is there, a file of this backup is not: someone else removed it
        return DomainError("backup.file_taken", folder=str(folder), file=Path(exc.filename or "").name)
    return DomainError("backup.write_failed", detail=f"{exc.strerror or exc}")


def _verify_copy(path: Path, live_counts: dict[str, int], check: str) -> None:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        # SQLite's default page cache (2 MB): a bigger cache or a memory map made the check ~20 % faster but put
        # hundreds of MB into the program while it ran (issue #15: ≤ 200 MB at every moment)
        result = "; ".join(str(r[0]) for r in conn.execute(f"PRAGMA {check}").fetchall())
        if result != "ok":
            raise DomainError("backup.verify_failed", detail=result[:200])
        copy_counts = row_counts(conn)
    except sqlite3.DatabaseError as exc:
        raise DomainError("backup.verify_failed", detail=str(exc)) from None
    finally:
        conn.close()
    if copy_counts != live_counts:
        diff = [t for t in set(copy_counts) | set(live_counts) if copy_counts.get(t) != live_counts.get(t)]
        raise DomainError("backup.verify_failed", detail=f"行数不一致：{', '.join(sorted(diff)[:5])}")


@dataclass
class _Job:
    """One backup being written: what was asked, and what each stage found."""

    db_path: Path
    folder: Path
    work_dir: Path
    kind: str
    reason: str
    at: dt.datetime
    passphrase: str | None
    read_back: bool
    station: str
    check: str
    tick: Progress
    cancelled: Callable[[], bool] | None
    need: int = 0
    name: str = ""
    tmp: Held | None = None
    work: Held | None = None
    live_counts: dict = field(default_factory=dict)
    revision: str | None = None
    last_at: str | None = None
    fp: str = ""
    chain: str = ""  # the audit chain's head at the snapshot, as an anchor (station_desk.audit.rows)
    digest: str = ""
    direct: bool = False  # a plain local backup is written straight into its ``.tmp`` (no second copy)
    raw: bool = False  # a month-end backup: a byte copy of one read snapshot, verified by read-back (raw_copy.py)

    @property
    def encrypted(self) -> bool:
        return bool(self.passphrase)

    @property
    def work_path(self) -> Path:
        return self.tmp.path if self.direct else self.work.path

    def check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()


def _plan(job: _Job) -> None:
    """Check the target and the room on it, then reserve the name (``.tmp``) and the work file exclusively."""
    if not job.folder.is_dir():
        raise DomainError("backup.target_not_folder", folder=str(job.folder))
    wal = Path(str(job.db_path) + "-wal")
    live_size = job.db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    job.need = int(live_size * 1.05) + (1 << 20)
    free = shutil.disk_usage(job.folder).free
    if free < job.need:
        raise DomainError("backup.no_space", need=human_size(job.need), free=human_size(free))
    sweep_leftovers(job.folder)
    job.name, job.tmp = reserve_name(job.folder, backup_file_name(job.at, job.reason, job.encrypted))
    job.direct = job.folder.resolve() == job.work_dir.resolve() and not job.encrypted
    if not job.direct and not job.raw:
        job.work = new_work_file(job.work_dir)


def _snapshot(job: _Job) -> None:
    """1. One read snapshot: counts and the page copy see the same data even while the desk keeps writing."""
    try:
        if not job.db_path.is_file():
            raise sqlite3.OperationalError("文件不存在")
        source = sqlite3.connect(str(job.db_path), isolation_level=None, timeout=10)
    except sqlite3.Error as exc:
        raise DomainError("backup.source_unreadable", detail=str(exc)) from None
    try:
        source.execute("BEGIN")
        job.live_counts = row_counts(source)
        job.revision = schema_revision(source)
        job.last_at = last_entry_at(source)
        job.fp = fingerprint_conn(source)
        job.chain = head_fingerprint_conn(source)
        target = sqlite3.connect(str(job.work_path), isolation_level=None)
        # the work file is new and private: no journal, no syncs while copying (it is fsynced once after)
        target.execute("PRAGMA journal_mode=OFF")
        target.execute("PRAGMA synchronous=OFF")
        try:
            def on_step(status, remaining, total):
                job.tick(total - remaining, total, "copy")
                job.check_cancel()

            source.backup(target, pages=STEP_PAGES, progress=on_step)
            target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            target.close()
        source.execute("COMMIT")
    finally:
        source.close()


def _verify(job: _Job) -> None:
    """2. fsync and hash (plain local backup) on a helper thread while the copy is reopened and checked: both only
    read the finished file, and SQLite and hashlib release the GIL."""
    side: dict = {}

    def flush_and_hash() -> None:
        try:
            _fsync_file(job.work_path)
            if job.direct:
                side["digest"] = sha256_of(job.work_path)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
            side["error"] = exc

    helper = threading.Thread(target=flush_and_hash, name="backup-hash")
    helper.start()
    try:
        job.tick(0, 1, "verify")
        _verify_copy(job.work_path, job.live_counts, job.check)
    finally:
        helper.join()
    if "error" in side:
        raise side["error"]
    job.digest = side.get("digest", "")
    job.check_cancel()


def _to_target(job: _Job) -> None:
    """3. Encrypt, or copy, the checked work file into the reserved ``.tmp`` on the target; fsync it."""
    if job.direct:
        return
    work = job.work.path
    work_size = work.stat().st_size
    with open(job.tmp.path, "r+b") as raw:
        out = _HashingWriter(raw)
        if job.encrypted:
            crypto.encrypt_file(work, out, job.passphrase,
                                progress=lambda d, t: (job.tick(d, t, "encrypt"), job.check_cancel()))
        else:
            with open(work, "rb") as fh:
                done = 0
                while chunk := fh.read(COPY_CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    job.tick(done, work_size, "write")
                    job.check_cancel()
        raw.truncate()
        raw.flush()
        os.fsync(raw.fileno())
    job.digest = out.h.hexdigest()
    job.work.drop(remove=True)


def _read_back(job: _Job) -> None:
    """4. Read the copy back from the target with the cache dropped (fake-capacity sticks) and compare."""
    if not job.read_back:
        return
    job.tick(0, 1, "read_back")
    _drop_cache(job.tmp.path)
    if sha256_of(job.tmp.path) != job.digest:
        raise DomainError("backup.readback_mismatch", folder=str(job.folder))


def _publish(job: _Job) -> tuple[Path, ManifestEntry]:
    """5. Rename to the final name and list it, under the folder's lock: only this process's verified copy gets the
    name, and the manifest entry describes exactly the file this process wrote."""
    size = job.tmp.path.stat().st_size

    def entry_for_name(name: str) -> ManifestEntry:
        return ManifestEntry(file=name, size=size, sha256=job.digest, created_at=job.at.isoformat(), kind=job.kind,
                             reason=job.reason, encrypted=job.encrypted, schema_revision=job.revision,
                             row_counts=job.live_counts, last_entry_at=job.last_at, app_version=__version__,
                             station=job.station, fingerprint=job.fp, read_back=job.read_back, check=job.check,
                             chain=job.chain)

    final, entry = publish(job.folder, job.tmp.path, job.name, entry_for_name)
    job.tmp.drop(remove=False)
    job.tmp = None
    job.tick(1, 1, "done")
    return final, entry


def write_backup(db_path: Path, folder: Path, *, kind: str, reason: str, work_dir: Path,
                 passphrase: str | None = None, read_back: bool = False, station: str = "",
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 check: str = "integrity_check", now: dt.datetime | None = None,
                 raw: bool = False) -> tuple[Path, ManifestEntry]:
    """Write one verified backup of ``db_path`` into ``folder``; returns the final path and its manifest entry.

    ``work_dir`` is a folder on the local disk for the plaintext snapshot when the target is elsewhere (so an
    unencrypted copy never lands on the stick half-written, and an encrypted backup never leaves plaintext there).

    ``raw`` (month-end backups, with ``read_back``): the live file's bytes of one snapshot go straight into the
    target's reserved ``.tmp`` (never under the final name until read back and compared), checked as
    :func:`station_desk.backup.raw_copy.raw_copy` says — about the cost of a verified copy instead of a copy, a
    full check of the copy and a second copy.
    """
    job = _Job(db_path=Path(db_path), folder=Path(folder), work_dir=Path(work_dir), kind=kind, reason=reason,
               at=now or clock.now(), passphrase=passphrase or None, read_back=read_back, station=station,
               check=check, tick=progress or (lambda done, total, stage: None), cancelled=cancelled,
               raw=raw and read_back)
    try:
        _plan(job)
        if not (job.raw and raw_copy(job)):
            if job.raw:  # the WAL could not be copied back: the page-by-page path, with its own check
                job.raw = False
                job.direct = False
                job.work = new_work_file(job.work_dir)
            _snapshot(job)
            _verify(job)
            _to_target(job)
        _read_back(job)
        return _publish(job)
    except BaseException as exc:
        _abandon(job)
        err = _as_domain_error(exc, job)
        if err is exc:
            raise
        raise err from None
    finally:
        give_back()  # SQLite's pages, the copy's buffers and the key: back to the system (station_desk.memory)


def _abandon(job: _Job) -> None:
    for held in (job.tmp, job.work):
        if held is not None:
            held.drop(remove=True)


def _as_domain_error(exc: BaseException, job: _Job) -> BaseException:
    """The true reason of a failed write, in Chinese (anything unexpected is passed on unchanged)."""
    folder = job.folder
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, Cancelled):
        return DomainError("backup.cancelled")
    if isinstance(exc, Timeout):
        return DomainError("backup.destination_busy", folder=str(folder))
    if isinstance(exc, OSError):
        return _translate_os_error(exc, folder, job.need)
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        if "full" in text.lower():
            free = shutil.disk_usage(folder).free if folder.exists() else 0
            return DomainError("backup.no_space", need=human_size(job.need), free=human_size(free))
        if not folder.exists():
            return DomainError("backup.target_gone", folder=str(folder))
        return DomainError("backup.write_failed", detail=text)
    return exc
