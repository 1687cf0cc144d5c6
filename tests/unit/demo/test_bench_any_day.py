"""The benchmark's synthetic station is believable whatever "today" is: built at a year's first minutes, its last
minutes and on 29 February, nothing in it is dated after the moment it was built (issue: the suite passes on any
day; the benchmark builds its station for the station's today)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from station_desk import clock
from tests.unit.demo.test_demo_any_day import INSTANTS, rows_after

BENCH = Path(__file__).resolve().parents[3] / "bench"


@pytest.mark.parametrize("now", INSTANTS, ids=lambda t: t.strftime("%Y-%m-%dT%H%M"))
def test_bench_station_has_nothing_after_the_moment_it_was_built(now, tmp_path, fake_now, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    from common import make_spec  # bench/common.py
    from run import build_station, discover  # bench/run.py

    fake_now(now)
    spec = make_spec(quick=True)
    assert spec["end"] == now.date() - dt.timedelta(days=1)  # the data ends the day before the station's today
    spec.update(years=1, customers=800, contacts=600, work_orders=300, cash_lines=120,
                start=dt.date(now.year - 1, now.month, 1), workdir=tmp_path)
    modules, _missing, errors = discover()
    assert errors == {}
    report: dict = {}
    build_station(tmp_path / "bench.db", spec, modules, report)
    assert report["build"]["populate_errors"] == {}, report["build"]
    rows = report["build"]["rows"]
    assert rows.get("contact") and rows.get("work_order") and rows.get("cash_entry"), rows
    future = rows_after(tmp_path / "bench.db", now)
    assert future == [], f"bench station built at {now}: rows dated after it: {future}"
    assert clock.now() == now
    for name in [m for m in list(sys.modules) if m in ("common", "run") or m.startswith("bench_")]:
        sys.modules.pop(name, None)  # the bench's own modules are not the program's
