"""Crash harness (SQLite's own method, scaled down): a child process writes through the program's engine
(WAL, synchronous=FULL, BEGIN IMMEDIATE) and acknowledges each committed transaction on a pipe; the parent kills
it with SIGKILL at a random moment, reopens the file and checks that every acknowledged transaction is there in
full, that no transaction is there in part, and that ``PRAGMA integrity_check`` passes. Some trials also take
automatic backups while being killed: afterwards every backup the manifest lists must match its hash.

A kill -9 is not a power cut (the OS still writes its cache): that cannot be simulated from Python; the README
says so. Runs in the default suite (100 trials, about 10–30 s on a busy machine).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from station_desk.backup import writer
from station_desk.db.engine import Database
from station_desk.paths import backups_dir

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

TRIALS = 100
SEED = 20261123


def _child(path: Path, wfd: int, seed: int, with_backups: bool) -> None:
    """Runs in the forked child (everything it needs is imported before the fork): write forever, acknowledging
    each commit."""
    rng = random.Random(seed)
    db = Database(path)
    out = os.fdopen(wfd, "w", buffering=1)
    txn = int.from_bytes(os.urandom(4), "big") % 1_000_000 * 1000  # unique per child, ordered within it
    while True:
        txn += 1
        n = rng.randint(1, 6)
        payload = "数据" * rng.randint(1, 400)
        with db.session() as s:
            for i in range(n):
                s.execute(text("INSERT INTO probe (txn, part, parts, payload) VALUES (:t, :i, :n, :p)"),
                          {"t": txn, "i": i, "n": n, "p": payload})
            if rng.random() < 0.2:
                s.execute(text("UPDATE counter SET value = value + :n"), {"n": n})
                s.execute(text("INSERT INTO counted (txn, n) VALUES (:t, :n)"), {"t": txn, "n": n})
        out.write(f"{txn}\n")  # acknowledged only after commit returned
        if with_backups and rng.random() < 0.2:
            folder = backups_dir(path)
            writer.write_backup(path, folder, kind="auto", reason="periodic", work_dir=folder)


def _setup(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript("""
        PRAGMA journal_mode=WAL;
        CREATE TABLE probe (id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, part INTEGER NOT NULL,
                            parts INTEGER NOT NULL, payload TEXT NOT NULL, UNIQUE (txn, part));
        CREATE TABLE counter (value INTEGER NOT NULL);
        INSERT INTO counter VALUES (0);
        CREATE TABLE counted (txn INTEGER PRIMARY KEY, n INTEGER NOT NULL);
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT, hash TEXT);
        CREATE TABLE staff (id INTEGER PRIMARY KEY);
    """)
    conn.close()


def _check(path: Path, acked: set[int]) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT txn, count(*), max(parts) FROM probe GROUP BY txn").fetchall()
        present = {txn for txn, _c, _p in rows}
        partial = [(txn, c, p) for txn, c, p in rows if c != p]
        assert not partial, f"partial transactions: {partial[:5]}"
        missing = acked - present
        assert not missing, f"acknowledged but lost: {sorted(missing)[:5]}"
        counter = conn.execute("SELECT value FROM counter").fetchone()[0]
        assert counter == conn.execute("SELECT coalesce(sum(n), 0) FROM counted").fetchone()[0]
        return len(present), len(rows)
    finally:
        conn.close()


def _check_backups(path: Path) -> int:
    from station_desk.backup.manifest import read_manifest, sha256_of

    folder = path.parent / "backups"
    if not folder.exists():
        return 0
    entries = read_manifest(folder)
    for e in entries:
        f = folder / e.file
        assert f.is_file() and sha256_of(f) == e.sha256, f"manifest lists a bad backup: {e.file}"
        conn = sqlite3.connect(f"file:{f.as_posix()}?mode=ro", uri=True)
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        conn.close()
    return len(entries)


def test_kill_9_at_random_moments(tmp_path):
    rng = random.Random(SEED)
    started = time.perf_counter()
    template = tmp_path / "template.db"
    _setup(template)
    total_acked = 0
    backups_seen = 0
    kills_per_file = 5
    for trial in range(TRIALS):
        life = trial % kills_per_file
        if life == 0:  # a fresh file every few kills; in between each restart continues on what the crash left
            folder = tmp_path / f"f{trial // kills_per_file:03d}"
            folder.mkdir()
            path = folder / "station.db"
            shutil.copyfile(template, path)
            acked: set[int] = set()
        rfd, wfd = os.pipe()
        with_backups = (trial // kills_per_file) % 3 == 0
        pid = os.fork()
        if pid == 0:  # child
            os.close(rfd)
            try:
                _child(path, wfd, rng.randrange(1 << 30), with_backups)
            finally:
                os._exit(0)
        os.close(wfd)
        buf = b""
        # kill at a random moment: mostly mid-stream, sometimes before the first commit is acknowledged
        t0 = time.perf_counter()
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0, 0.1))
        else:
            buf += os.read(rfd, 65536)  # blocks until the child has committed once
            deadline = time.perf_counter() + rng.uniform(0.0, 0.08)
            os.set_blocking(rfd, False)
            while time.perf_counter() < deadline:
                try:
                    buf += os.read(rfd, 65536)
                except BlockingIOError:
                    time.sleep(0.001)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.set_blocking(rfd, True)
        while chunk := os.read(rfd, 65536):
            buf += chunk
        os.close(rfd)
        assert time.perf_counter() - t0 < 20
        # only whole lines count: a torn last line was never fully acknowledged
        acked |= {int(x) for x in buf.decode().split("\n")[:-1] if x.strip()}
        present, _ = _check(path, acked)
        assert present >= len(acked)
        if life == kills_per_file - 1:
            total_acked += len(acked)
            backups_seen += _check_backups(path)
    elapsed = time.perf_counter() - started
    print(f"\ncrash harness: {TRIALS} kills (5 per file, each restart recovering the last crash), "
          f"{total_acked} acknowledged transactions all present, none partial, integrity ok after every kill; "
          f"{backups_seen} listed backups verified; {elapsed:.1f} s")
    assert total_acked > TRIALS  # the children really wrote
