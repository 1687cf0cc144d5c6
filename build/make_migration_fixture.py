"""Save a small station at the current head revision as ``tests/migrations/fixtures/schema_<rev>.sqlite``.

Run once per released schema revision (after ``build/new_migration.py``); the migration tests upgrade every saved
file to head and check its data. A fixture, once committed, is never regenerated.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from station_desk import clock
    from station_desk.db.migrate import head_revision
    from station_desk.demo import build_demo

    head = head_revision()
    out = ROOT / "tests" / "migrations" / "fixtures" / f"schema_{head}.sqlite"
    if out.exists():
        print(f"{out.name} exists; fixtures are never regenerated")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["STATION_DESK_HOME"] = tmp
        clock.set_fake_now(dt.datetime(2026, 11, 20, 10, 0))
        path = build_demo(Path(tmp) / "fixture.db", n_customers=60, months=2)
        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("VACUUM")
        con.close()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(Path(path).read_bytes())
    print(f"saved {out.relative_to(ROOT)} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
