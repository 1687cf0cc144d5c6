"""A month-end backup's copy in one pass (SPEC §10): the bytes of one read snapshot of the live file, hashed as
they go into the target's reserved ``.tmp`` — instead of ``writer``'s snapshot, check and second copy. The copy is
verified by read-back (``writer._read_back``); the data by the live file's own ``integrity_check``
(``live_check``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from typing import TYPE_CHECKING

from station_desk.audit.row_check import head_fingerprint_conn
from station_desk.backup import crypto, live_check
from station_desk.backup.sqlite_info import fingerprint_conn
from station_desk.errors import DomainError

if TYPE_CHECKING:
    from station_desk.backup.writer import _Job

COPY_CHUNK = 1 << 20


class HashingWriter:
    """A file that hashes (SHA-256) what is written to it: a backup's digest as it lands on the target."""

    def __init__(self, fh) -> None:
        self.fh = fh
        self.h = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.h.update(data)
        return self.fh.write(data)


def raw_copy(job: _Job) -> bool:
    """1–3 of a month-end backup in one pass: the bytes of one read snapshot of the live file, hashed as they are
    written (or encrypted) into the reserved ``.tmp``, then fsynced. Returns False (nothing written) when the
    snapshot is not the main file's bytes — the WAL holds frames a checkpoint could not copy back (a long reader
    or a write in progress) — and the caller takes the page-by-page path instead.

    Why the bytes are the snapshot: once this connection holds its read snapshot and a checkpoint has copied every
    WAL frame into the main file, SQLite copies no frame newer than the snapshot while it is held, so the main
    file's first ``page_count`` pages are exactly the snapshot until ``COMMIT``. Why the snapshot is sound: the live
    file's ``integrity_check`` for this very data (live_check: remembered by fingerprint, or run now). The copy's
    header says rollback journal (bytes 18–19), so it opens as one self-contained file."""
    if not job.db_path.is_file():
        raise DomainError("backup.source_unreadable", detail="文件不存在")
    try:
        source = sqlite3.connect(str(job.db_path), isolation_level=None, timeout=10)
    except sqlite3.Error as exc:
        raise DomainError("backup.source_unreadable", detail=str(exc)) from None
    try:
        source.execute("BEGIN")
        job.fp = fingerprint_conn(source)  # reads: the snapshot is held from here
        job.chain = head_fingerprint_conn(source)  # the chain's head in this snapshot: the backup's anchor
        mode = source.execute("PRAGMA journal_mode").fetchone()[0].lower()
        if mode == "wal":
            other = sqlite3.connect(str(job.db_path), timeout=10)
            try:
                _busy, log, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                other.close()
            # busy (another checkpoint ran at that moment: SQLite answers 1, -1, -1) or frames left in the WAL: the
            # main file is not the snapshot — take the page-by-page path
            if _busy or log < 0 or log != copied:
                source.execute("COMMIT")
                return False
        rec = live_check.check_in_snapshot(source, job.db_path, job.fp)
        job.live_counts = dict(rec["row_counts"])
        job.revision = rec.get("schema_revision")
        job.last_at = rec.get("last_entry_at")
        job.check = "integrity_check"  # of the live file at this fingerprint; the copy by read-back
        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        size = page_size * source.execute("PRAGMA page_count").fetchone()[0]

        def pieces():
            done = 0
            with open(job.db_path, "rb") as fh:
                while done < size:
                    chunk = fh.read(min(COPY_CHUNK, size - done))
                    if not chunk:
                        raise DomainError("backup.source_unreadable", detail="数据文件比快照短")
                    if done == 0 and chunk[:16] == b"SQLite format 3\x00":
                        chunk = chunk[:18] + b"\x01\x01" + chunk[20:]  # rollback journal: no -wal beside it
                    done += len(chunk)
                    job.tick(done, size, "encrypt" if job.encrypted else "write")
                    job.check_cancel()
                    yield chunk

        job.tick(0, size, "copy")
        job.check_cancel()
        with open(job.tmp.path, "r+b") as raw:
            out = HashingWriter(raw)
            if job.encrypted:
                crypto.encrypt_chunks(pieces(), size, out, job.passphrase)
            else:
                for chunk in pieces():
                    out.write(chunk)
            raw.truncate()
            raw.flush()
            os.fsync(raw.fileno())
        job.digest = out.h.hexdigest()
        source.execute("COMMIT")
        return True
    finally:
        source.close()
