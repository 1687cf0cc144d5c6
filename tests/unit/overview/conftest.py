"""A demo station built once for the overview tests, at a fixed moment (the 20th of a month, 18:00)."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk import clock
from station_desk.db.engine import Database
from station_desk.demo import build_demo

BUILT = dt.datetime(2027, 1, 20, 18, 0)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    with clock.fake_time(BUILT):
        return build_demo(tmp_path_factory.mktemp("overview") / "station.db", n_customers=300, months=2)


@pytest.fixture
def demo(demo_path, fake_now):
    fake_now(BUILT)
    db = Database(demo_path)
    yield db
    db.close()
