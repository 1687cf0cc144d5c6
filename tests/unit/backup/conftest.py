"""Helpers for the backup tests: a way to change data (audited, like every service write) and to read every
table of a file for equality checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from station_desk.actor import SYSTEM
from station_desk.audit import service as audit


def change(db, n: int = 1, note: str = "x") -> None:
    with db.session() as s:
        for i in range(n):
            audit.record(s, actor=SYSTEM, action="test.change", entity="test", entity_id=i, after={"note": note})


def table_dump(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(str(path))
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for n in names:
            try:
                out[n] = conn.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall()
            except sqlite3.OperationalError:  # WITHOUT ROWID
                out[n] = sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()


@pytest.fixture
def usb(tmp_path) -> Path:
    path = tmp_path / "usb-stick"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch):
    """fsync cannot be observed from a test (only power loss would show it); skip the disk flushes so the suite
    stays fast. The crash harness in tests/crash runs with real fsync."""
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)


@pytest.fixture(autouse=True)
def _light_scrypt(monkeypatch):
    """A cheaper scrypt cost for speed (the cost is stored in each file's header, so decryption follows it)."""
    from station_desk.backup import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


MANAGER_PIN_FOR_CLI = "2468"  # tests/conftest.py MANAGER_PIN
