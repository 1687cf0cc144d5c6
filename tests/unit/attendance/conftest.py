"""Fixtures: a station with a roster's people."""

from tests.fixtures.roster import station  # noqa: F401 - fixtures
