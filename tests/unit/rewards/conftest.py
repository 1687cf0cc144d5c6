"""Fixtures: a station with the people a points month needs."""

from tests.fixtures.points import station  # noqa: F401 - fixtures
