"""Reliability figures of the backup module (issue #18): each test prints what it measured and runs in the normal
suite (marker ``reliability``: ``pytest -m reliability -s`` shows the figures alone)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os

import pytest

from station_desk.actor import SYSTEM
from station_desk.backup import service as bs
from station_desk.backup.manifest import read_manifest
from station_desk.db.engine import Database
from station_desk.errors import DomainError

from .conftest import change

pytestmark = pytest.mark.reliability

T0 = dt.datetime(2026, 11, 30, 18, 0)
PASS = "Yellow-Kite-Harbour-42"
N_CONCURRENT = 8


def _one_backup(db_path, folder, passphrase, barrier, results) -> None:
    db = Database(db_path)
    try:
        barrier.wait(timeout=30)
        info = bs.backup_to_folder(db, actor=SYSTEM, folder=folder, passphrase=passphrase, flat=True)
        results.put(("ok", info.path))
    except DomainError as exc:
        results.put(("refused", f"{exc.code}: {exc.message}"))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        results.put(("crash", repr(exc)))
    finally:
        db.close()
        os._exit(0)  # a forked test process must not run pytest's clean-up


@pytest.mark.parametrize("passphrase", [None, PASS], ids=["plain", "encrypted"])
def test_concurrent_backups_to_one_folder_all_listed_files_verify(db, usb, fake_now, passphrase):
    """N backups started in the same second into the same folder (the issue's two ``backup --to SAME --flat``):
    every one succeeds or says the true reason, and every listed file passes verify-backup."""
    fake_now(T0)
    change(db, 50, note="n" * 200)
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(N_CONCURRENT)
    results = ctx.SimpleQueue()  # put() writes before returning: the child ends with os._exit
    procs = [ctx.Process(target=_one_backup, args=(db.path, usb, passphrase, barrier, results))
             for _ in range(N_CONCURRENT)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    outcomes = [results.get() for _ in procs if not results.empty()]
    assert len(outcomes) == N_CONCURRENT, "a backup process died without an answer"
    listed = read_manifest(usb)
    unverifiable = []
    for entry in listed:
        try:
            bs.verify_backup(usb / entry.file, passphrase=passphrase)
        except DomainError as exc:
            unverifiable.append(f"{entry.file}: {exc.message}")
    ok = [o for o in outcomes if o[0] == "ok"]
    refused = [o[1] for o in outcomes if o[0] != "ok"]
    print(f"\nconcurrent backups: {N_CONCURRENT}, succeeded: {len(ok)}, listed: {len(listed)}, "
          f"unverifiable listed: {len(unverifiable)}, refused: {len(refused)} {refused}")
    assert unverifiable == []
    assert refused == []
    assert len({o[1] for o in ok}) == N_CONCURRENT  # every success has its own file ...
    assert sorted(os.path.basename(o[1]) for o in ok) == sorted(e.file for e in listed)  # ... and it is listed
    leftovers = [p.name for p in usb.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
