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
    db.engine.dispose()  # no SQLite connection may cross a fork (SQLite's own rule: the child's locks would be phantoms)
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


# -- restoring files that are not this station's -------------------------------------------------------------------
def _listed_copy(folder, name, build) -> "os.PathLike":
    """A SQLite file made by ``build(conn)``, listed in ``folder``'s manifest with its true size and hash (as a
    forged or foreign backup would be)."""
    import sqlite3

    from station_desk.backup.manifest import ManifestEntry, sha256_of, update_manifest

    folder.mkdir(exist_ok=True)
    path = folder / name
    conn = sqlite3.connect(path)
    build(conn)
    conn.commit()
    conn.close()
    update_manifest(folder, add=ManifestEntry(file=name, size=path.stat().st_size, sha256=sha256_of(path),
                                              created_at=T0.isoformat(), kind="usb"))
    return path


def _other_program(conn) -> None:
    conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT)")
    conn.execute("INSERT INTO staff (name) VALUES ('别的程序')")


def _copy_of(source):
    def build(conn) -> None:
        import sqlite3

        src = sqlite3.connect(source)
        src.backup(conn)
        src.close()
    return build


def test_bad_restore_files_are_refused_and_a_failure_after_the_swap_puts_the_data_back(db, manager, usb, tmp_path,
                                                                                        fake_now, monkeypatch):
    import sqlite3

    from station_desk.backup import restore as restore_mod
    from station_desk.db.migrate import open_database

    from .conftest import table_dump

    fake_now(T0)
    change(db, 5)
    good = bs.backup_to_folder(db, actor=manager[0], folder=usb, flat=True).path
    change(db, 2)
    before = table_dump(db.path)
    bad = {"other program (staff + audit_log, no schema stamp)": _listed_copy(tmp_path / "a", "a.sqlite",
                                                                               _other_program)}

    def no_stamp(conn):
        _copy_of(good)(conn)
        conn.execute("DROP TABLE alembic_version")
    bad["station tables, no schema stamp"] = _listed_copy(tmp_path / "b", "b.sqlite", no_stamp)

    def missing_tables(conn):
        _copy_of(good)(conn)
        conn.execute("DROP TABLE roster_holiday_override")
    bad["known stamp, a table missing"] = _listed_copy(tmp_path / "c", "c.sqlite", missing_tables)

    def other_station(conn):
        from station_desk.policy.station_policy import StationPolicy

        _copy_of(good)(conn)
        base = StationPolicy()
        pol = base.model_copy(update={"station": base.station.model_copy(update={"name": "别的服务中心"})})
        conn.execute("INSERT INTO policy_version (effective_from, data, created_at, created_by, note) "
                     "VALUES ('2020-01-01', ?, '2020-01-01T09:00:00+08:00', 'test', '')", (pol.model_dump_json(),))
    bad["another station's backup"] = _listed_copy(tmp_path / "d", "d.sqlite", other_station)

    refusals = {}
    for label, path in bad.items():
        with pytest.raises(DomainError) as e:
            bs.restore_backup(db, actor=manager[0], approval=manager[1], path=path)
        refusals[label] = e.value
        assert table_dump(db.path) == {**before, "staff": table_dump(db.path)["staff"]}, label
    # a failure after the swap (here: the restored file cannot be brought up to this program) puts the data back
    monkeypatch.setattr(restore_mod, "_open_restored", lambda live: (_ for _ in ()).throw(
        DomainError("db.migration_failed", backup="-", detail="simulated")))
    with pytest.raises(DomainError) as e:
        bs.restore_backup(db, actor=manager[0], approval=manager[1], path=good)
    refusals["failure after the swap"] = e.value
    after = table_dump(db.path)
    unchanged = after["audit_log"][: len(before["audit_log"])] == before["audit_log"] and \
        after["customer"] == before["customer"]
    print(f"\nbad restore files: {len(refusals)}, refused: {len(refusals)}, live data unchanged: {unchanged}, "
          f"restore pending: {bs.restore_pending(db.path) is not None}")
    for label, err in refusals.items():
        print(f"  {label}: {err.code}: {err.message}")
    assert unchanged and bs.restore_pending(db.path) is None
    assert refusals["failure after the swap"].code == "backup.restore_rolled_back"
    assert {refusals[k].code for k in list(bad)[:3]} <= {"backup.not_station_data", "backup.unknown_schema"}
    assert refusals["another station's backup"].code == "backup.other_station"
    # and the station file still opens and checks as a station file
    monkeypatch.undo()
    reopened = open_database(db.path)
    try:
        assert reopened.integrity_check() == "ok"
    finally:
        reopened.close()
    conn = sqlite3.connect(db.path)
    assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    conn.close()


def test_concurrent_cli_backups_to_one_folder(db, manager, usb, tmp_path, fake_now):
    """The issue's reproduction end to end: ``station-desk backup --to SAME --flat`` started together in separate
    processes (their own clocks): every one succeeds and every listed file verifies. (Plain: the encrypted path is
    the forked test above; the real scrypt cost would only make this slower.)"""
    import subprocess
    import sys

    from .test_backup_cli import stamp_head

    fake_now(T0)
    change(db, 20)
    stamp_head(db)
    db.close()
    cmd = [sys.executable, "-m", "station_desk.cli", "backup", "--db", str(db.path), "--to", str(usb), "--flat"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    listed = read_manifest(usb)
    unverifiable = []
    for entry in listed:
        try:
            bs.verify_backup(usb / entry.file)
        except DomainError as exc:
            unverifiable.append(exc.message)
    failed = [err.strip().splitlines()[-1] for rc, err in results if rc != 0]
    print(f"\nconcurrent CLI backups: {len(procs)}, succeeded: {len(procs) - len(failed)}, listed: {len(listed)}, "
          f"unverifiable listed: {len(unverifiable)}, failed: {failed}")
    assert failed == [] and unverifiable == [] and len(listed) == len(procs)
