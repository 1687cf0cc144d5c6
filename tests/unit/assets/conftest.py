"""Fixtures: a station with gift items, promotions and customers."""

from tests.fixtures.gifts import station  # noqa: F401 - fixtures
