"""No test and no rule reads the wall clock: station time comes from ``station_desk.clock`` (frozen for a whole
test run by tests/conftest.py), so the suite passes on any day and at any hour."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from station_desk import clock

ROOT = Path(__file__).resolve().parents[2]
WALL_CLOCK = re.compile(r"\b(date\.today\(|datetime\.now\(|datetime\.utcnow\(|time\.time\(|time\.localtime\(|"
                        r"QDate\.currentDate\(|QDateTime\.currentDateTime\(|QTime\.currentTime\()")
# Where reading the machine's clock is the point, not station time:
ALLOWED = {
    "station_desk/clock.py": "the one place that reads it",
    "station_desk/backup/leftovers.py": "ages of leftover files, compared with their modification times",
    "tests/conftest.py": "the run's station time when none is given",
    "tests/random_station_date.py": "draws a date from the next five years",
    "tests/unit/test_clock_discipline.py": "the examples of what is caught",
}


def offenders(folder: str) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED or "/forms/" in rel:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WALL_CLOCK.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{rel}:{n}: {line.strip()}")
    return found


def test_no_test_reads_the_wall_clock():
    assert offenders("tests") == []


def test_no_rule_reads_the_wall_clock():
    assert offenders("station_desk") == []


def test_every_test_runs_under_the_runs_station_time(station_clock):
    assert clock.now() == station_clock
    assert clock._now_fn is not None  # the real clock is never consulted during a test


def test_the_pattern_catches_what_it_should():
    bad = ["d = dt.date.today()", "t = datetime.now(tz)", "QDate.currentDate()", "x = time.time()"]
    assert all(WALL_CLOCK.search(b) for b in bad)
    assert not WALL_CLOCK.search("d = clock.today()") and not WALL_CLOCK.search("time.monotonic()")
    assert isinstance(clock.today(), dt.date)
