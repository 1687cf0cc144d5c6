"""Fixtures: a station with technicians and dispatch clerks."""

from tests.fixtures.work_orders import station  # noqa: F401 - fixtures
