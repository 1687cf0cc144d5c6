"""The one write path of every backup (SPEC §10), local or USB:

SQLite online backup API (one read snapshot of the live file, never a raw copy of a WAL database) into a work file
→ fsync → reopen it and run ``PRAGMA integrity_check`` and compare the row count of every table with the live
database *at the same snapshot* → (encrypt, or copy, to the target's ``name.tmp`` when the target is not the local
backups folder) → fsync → SHA-256 → read back from the target (cache dropped) and compare → rename to the final
name → fsync the folder → add to ``manifest.json`` (written the same way).

Any failure (full disk, folder removed, a pulled stick, cancel) removes the temporary files and raises a
``DomainError``: no file with a final backup name ever exists unless it was verified. The live file is only read.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from station_desk import __version__, clock
from station_desk.backup import crypto
from station_desk.backup.manifest import ManifestEntry, fsync_dir, sha256_of, update_manifest
from station_desk.errors import DomainError

Progress = Callable[[int, int, str], None]
STEP_PAGES = 2048
COPY_CHUNK = 1 << 20
PLAIN_EXT = ".sqlite"
ENCRYPTED_EXT = ".sdbk"

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


def user_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in user_tables(conn)}


def schema_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def last_entry_at(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT max(at) FROM audit_log").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def fingerprint_conn(conn: sqlite3.Connection) -> str:
    """What the data is, cheaply (it runs every few minutes): per table the highest rowid, the newest audit row's
    hash and the schema revision. Every service write adds an audit row whose hash chains all earlier ones, so
    equal fingerprints mean an identical copy would be taken. (No count(*): it reads whole tables.)"""
    parts: list = [schema_revision(conn)]
    for table in user_tables(conn):
        try:
            top = conn.execute(f"SELECT max(rowid) FROM {_q(table)}").fetchone()[0]
        except sqlite3.DatabaseError:  # WITHOUT ROWID table
            top = None
        parts.append([table, top])
    try:
        row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        parts.append(list(row) if row else None)
    except sqlite3.DatabaseError:
        pass
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def fingerprint(db_path: Path) -> str:
    conn = sqlite3.connect(str(db_path), timeout=10)
    try:
        return fingerprint_conn(conn)
    finally:
        conn.close()


def _translate_os_error(exc: OSError, folder: Path, need: int) -> DomainError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        free = shutil.disk_usage(folder).free if folder.exists() else 0
        return DomainError("backup.no_space", need=human_size(need), free=human_size(free))
    if not folder.exists() or exc.errno in (errno.ENOENT, errno.ENODEV):
        return DomainError("backup.target_gone", folder=str(folder))
    return DomainError("backup.write_failed", detail=f"{exc.strerror or exc}")


def _unique_name(folder: Path, at: dt.datetime, reason: str, encrypted: bool) -> str:
    name = backup_file_name(at, reason, encrypted)
    stem, ext = name.rsplit(".", 1)
    n = 2
    while (folder / name).exists() or (folder / (name + ".tmp")).exists():
        name = f"{stem}-{n}.{ext}"
        n += 1
    return name


def _verify_copy(path: Path, live_counts: dict[str, int], check: str) -> None:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        # a big page cache and memory-mapped reads make the full check about 20 % faster on a large file
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("PRAGMA mmap_size=1073741824")
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


class _HashingWriter:
    def __init__(self, fh) -> None:
        self.fh = fh
        self.h = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.h.update(data)
        return self.fh.write(data)


def write_backup(db_path: Path, folder: Path, *, kind: str, reason: str, work_dir: Path,
                 passphrase: str | None = None, read_back: bool = False, station: str = "",
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 check: str = "integrity_check", now: dt.datetime | None = None) -> tuple[Path, ManifestEntry]:
    """Write one verified backup of ``db_path`` into ``folder``; returns the final path and its manifest entry.

    ``work_dir`` is a folder on the local disk for the plaintext snapshot when the target is elsewhere (so an
    unencrypted copy never lands on the stick half-written, and an encrypted backup never leaves plaintext there).
    """
    db_path, folder, work_dir = Path(db_path), Path(folder), Path(work_dir)
    at = now or clock.now()
    encrypted = bool(passphrase)
    if not folder.is_dir():
        raise DomainError("backup.target_not_folder", folder=str(folder))
    live_size = db_path.stat().st_size + (Path(str(db_path) + "-wal").stat().st_size
                                          if Path(str(db_path) + "-wal").exists() else 0)
    need = int(live_size * 1.05) + (1 << 20)
    free = shutil.disk_usage(folder).free
    if free < need:
        raise DomainError("backup.no_space", need=human_size(need), free=human_size(free))
    name = _unique_name(folder, at, reason, encrypted)
    final = folder / name
    tmp = folder / (name + ".tmp")
    direct = folder.resolve() == work_dir.resolve() and not encrypted
    work = tmp if direct else work_dir / f".work-{os.getpid()}-{at:%Y%m%d%H%M%S%f}.sqlite"
    tick = progress or (lambda done, total, stage: None)

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    try:
        try:
            # 1. one read snapshot: counts and the page copy see the same data even while the desk keeps writing
            if not db_path.is_file():
                raise sqlite3.OperationalError("文件不存在")
            source = sqlite3.connect(str(db_path), isolation_level=None, timeout=10)
        except sqlite3.Error as exc:
            raise DomainError("backup.source_unreadable", detail=str(exc)) from None
        try:
            source.execute("BEGIN")
            live_counts = row_counts(source)
            revision = schema_revision(source)
            last_at = last_entry_at(source)
            fp = fingerprint_conn(source)
            target = sqlite3.connect(str(work), isolation_level=None)
            # the work file is new and private: no journal, no syncs while copying (it is fsynced once after)
            target.execute("PRAGMA journal_mode=OFF")
            target.execute("PRAGMA synchronous=OFF")
            try:
                def on_step(status, remaining, total):
                    tick(total - remaining, total, "copy")
                    check_cancel()

                source.backup(target, pages=STEP_PAGES, progress=on_step)
                target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                target.close()
            source.execute("COMMIT")
        finally:
            source.close()
        # 2. fsync and hash (local backup) on a helper thread while the copy is reopened and checked: both only
        #    read the finished file, and SQLite and hashlib release the GIL
        side: dict = {}

        def flush_and_hash() -> None:
            try:
                _fsync_file(work)
                if direct:
                    side["digest"] = sha256_of(work)
            except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
                side["error"] = exc

        helper = threading.Thread(target=flush_and_hash, name="backup-hash")
        helper.start()
        try:
            tick(0, 1, "verify")
            _verify_copy(work, live_counts, check)
        finally:
            helper.join()
        if "error" in side:
            raise side["error"]
        check_cancel()
        # 3. to the target
        work_size = work.stat().st_size
        if direct:
            digest = side["digest"]
        else:
            with open(tmp, "wb") as raw:
                out = _HashingWriter(raw)
                if encrypted:
                    crypto.encrypt_file(work, out, passphrase,
                                        progress=lambda d, t: (tick(d, t, "encrypt"), check_cancel()))
                else:
                    with open(work, "rb") as fh:
                        done = 0
                        while chunk := fh.read(COPY_CHUNK):
                            out.write(chunk)
                            done += len(chunk)
                            tick(done, work_size, "write")
                            check_cancel()
                raw.flush()
                os.fsync(raw.fileno())
            digest = out.h.hexdigest()
            work.unlink()
        if read_back:
            tick(0, 1, "read_back")
            _drop_cache(tmp)
            if sha256_of(tmp) != digest:
                raise DomainError("backup.readback_mismatch", folder=str(folder))
        size = tmp.stat().st_size
        os.replace(tmp, final)
        fsync_dir(folder)
        entry = ManifestEntry(file=name, size=size, sha256=digest, created_at=at.isoformat(), kind=kind,
                              reason=reason, encrypted=encrypted, schema_revision=revision, row_counts=live_counts,
                              last_entry_at=last_at, app_version=__version__, station=station, fingerprint=fp,
                              read_back=read_back, check=check)
        try:
            update_manifest(folder, add=entry)
        except BaseException:
            final.unlink(missing_ok=True)  # not listed means not a backup: do not leave it looking like one
            raise
        tick(1, 1, "done")
        return final, entry
    except Cancelled:
        _cleanup(tmp, work)
        raise DomainError("backup.cancelled") from None
    except DomainError:
        _cleanup(tmp, work)
        raise
    except OSError as exc:
        _cleanup(tmp, work)
        raise _translate_os_error(exc, folder, need) from None
    except sqlite3.Error as exc:
        _cleanup(tmp, work)
        text = str(exc)
        if "full" in text.lower():
            free = shutil.disk_usage(folder).free if folder.exists() else 0
            raise DomainError("backup.no_space", need=human_size(need), free=human_size(free)) from None
        if not folder.exists():
            raise DomainError("backup.target_gone", folder=str(folder)) from None
        raise DomainError("backup.write_failed", detail=text) from None
    except BaseException:
        _cleanup(tmp, work)
        raise


def _cleanup(*paths: Path) -> None:
    for p in paths:
        for q in (p, Path(str(p) + "-journal")):
            try:
                q.unlink(missing_ok=True)
            except OSError:
                pass
