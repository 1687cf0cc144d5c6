"""The overview tests read the busy demo station (tests/fixtures/demo.py), at the moment it was built."""

from __future__ import annotations

import pytest

from station_desk.db.engine import Database
from tests.fixtures.demo import BUSY_AT

BUILT = BUSY_AT


@pytest.fixture
def demo(busy_demo_path, fake_now):
    fake_now(BUILT)
    db = Database(busy_demo_path)
    yield db
    db.close()
