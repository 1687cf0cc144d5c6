"""Fixtures: a station with a manager, a clerk, an accounts clerk and a few customers."""

from tests.fixtures.desk import desk  # noqa: F401 - fixtures
