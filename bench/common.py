"""Shared helpers for the benchmark (``bench/run.py``) and the module benchmarks (``bench/bench_<module>.py``).

A module benchmark defines::

    def populate(conn: sqlite3.Connection, rng: random.Random, spec: dict) -> None
        # bulk rows with conn.executemany (run.py commits after each module; do not open a second connection)
    def measure(db: station_desk.db.engine.Database, spec: dict) -> dict[str, float]
        # timings in ms (medians: use median_ms), read-only against the finished file

``spec`` holds the sizes and the dates, and what earlier populators left for later ones:

    years, staff, customers, contacts, work_orders, cash_lines   sizes (scaled with ``--years``; ``--quick``: 1/10)
    start, end (dt.date)      the station's history: ``years`` years ending yesterday
    runs                      how many repetitions a measurement should take the median of
    staff_ids, staff_by_role  (bench_core) ids of the 40 staff, by role code; manager_id
    customer_ids              (bench_core) range(first_id, last_id + 1) of the customers
    workdir (Path)            a scratch folder for PDFs and copies (deleted afterwards)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FULL = dict(years=5, staff=40, customers=200_000, contacts=300_000, work_orders=60_000, cash_lines=20_000)


#: what grows with the station's age (``--years``): 5 years is FULL, 10 years twice as much
SCALED = ("customers", "contacts", "work_orders", "cash_lines")


def make_spec(*, quick: bool = False, end: dt.date | None = None, runs: int | None = None,
              years: int = 5) -> dict:
    spec = dict(FULL)
    spec["years"] = years
    for key in SCALED:
        spec[key] = FULL[key] * years // FULL["years"] // (10 if quick else 1)
    from station_desk import clock

    end = end or (clock.today() - dt.timedelta(days=1))  # station time (STATION_DESK_NOW moves it)
    spec["end"] = end
    spec["start"] = dt.date(end.year - spec["years"], end.month, 1)
    spec["runs"] = runs or (3 if quick else 5)
    spec["quick"] = quick
    return spec


# -- stored values (what the SQLAlchemy column types write) ---------------------------------------------------------
def ts(value: dt.datetime) -> str:
    """A timestamp as StationDateTime stores it: ISO seconds with the +08:00 offset."""
    return value.replace(microsecond=0).isoformat() + "+08:00"


def day(value: dt.date) -> str:
    return value.isoformat()


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


# -- bulk inserts ---------------------------------------------------------------------------------------------------
def insert_rows(conn, table: str, columns: Sequence[str], rows: Iterable[Sequence], chunk: int = 50_000) -> int:
    """``INSERT INTO table(columns) VALUES (?, …)`` for every row, in chunks. Returns the row count."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    n = 0
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            conn.executemany(sql, batch)
            n += len(batch)
            batch.clear()
    if batch:
        conn.executemany(sql, batch)
        n += len(batch)
    return n


def table_columns(conn, table: str) -> list[str]:
    """The columns of ``table`` (empty when the table does not exist in this build)."""
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


# -- timing ---------------------------------------------------------------------------------------------------------
def time_ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def median_ms(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn`` in ms over ``runs`` calls, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    return round(statistics.median(time_ms(fn) for _ in range(max(1, runs))), 1)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0–100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(pct / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: VmHWM on Linux (per process image — ru_maxrss would include a
    forking parent's memory), ru_maxrss elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource
    import sys

    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale, 1)


def median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 1) if values else float("nan")
