"""Opening-hours deadline arithmetic (pure): boundaries, overnight, closed days, multi-segment days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station_desk.policy.sections import OpeningHours, Segment
from station_desk.work_orders.policy import WorkOrderPolicy
from station_desk.work_orders.sla import (Limits, OpeningCalendar, add_opening_minutes, countdown_state,
                                          evaluate_cycle, fmt_minutes, limits_for, opening_minutes_between)

D = dt.datetime
MON = dt.date(2026, 11, 23)  # a Monday


def seg(a, b):
    return Segment(start=dt.time(*a), end=dt.time(*b))


def test_spec_example_overnight_is_25_minutes():
    hours = OpeningHours()
    assert opening_minutes_between(hours, D(2026, 11, 23, 19, 50), D(2026, 11, 24, 8, 45)) == 25


def test_deadline_carries_over_night():
    hours = OpeningHours()
    assert add_opening_minutes(hours, D(2026, 11, 23, 19, 50), 30) == D(2026, 11, 24, 8, 50)
    # 4 h from 18:00: 2 h today, 2 h tomorrow from 08:30
    assert add_opening_minutes(hours, D(2026, 11, 23, 18, 0), 240) == D(2026, 11, 24, 10, 30)


def test_dispatch_before_opening_starts_at_opening():
    hours = OpeningHours()
    assert add_opening_minutes(hours, D(2026, 11, 23, 7, 0), 30) == D(2026, 11, 23, 9, 0)
    assert opening_minutes_between(hours, D(2026, 11, 23, 7, 0), D(2026, 11, 23, 8, 40)) == 10
    assert add_opening_minutes(hours, D(2026, 11, 23, 21, 0), 0) == D(2026, 11, 24, 8, 30)


def test_exactly_at_close_and_at_boundary():
    hours = OpeningHours()
    assert add_opening_minutes(hours, D(2026, 11, 23, 19, 30), 30) == D(2026, 11, 23, 20, 0)
    assert opening_minutes_between(hours, D(2026, 11, 23, 20, 0), D(2026, 11, 24, 8, 30)) == 0


def test_closed_day_and_special_day():
    hours = OpeningHours(closed_days=[dt.date(2026, 11, 24)],
                         special_days={dt.date(2026, 11, 25): [seg((10, 0), (12, 0))]})
    # Monday 19:50 + 30 min: 10 min Monday, Tuesday closed, Wednesday opens at 10:00
    assert add_opening_minutes(hours, D(2026, 11, 23, 19, 50), 30) == D(2026, 11, 25, 10, 20)
    # Wednesday only has 2 h: 4 h from Wednesday 10:00 ends Thursday 10:30
    assert add_opening_minutes(hours, D(2026, 11, 25, 10, 0), 240) == D(2026, 11, 26, 10, 30)
    assert opening_minutes_between(hours, D(2026, 11, 23, 19, 0), D(2026, 11, 25, 11, 0)) == 60 + 60


def test_multi_segment_day_lunch_break():
    week = [[seg((8, 30), (12, 0)), seg((13, 30), (20, 0))] for _ in range(7)]
    hours = OpeningHours(week=week)
    assert add_opening_minutes(hours, D(2026, 11, 23, 11, 50), 30) == D(2026, 11, 23, 13, 50)
    assert opening_minutes_between(hours, D(2026, 11, 23, 11, 0), D(2026, 11, 23, 14, 0)) == 90
    assert OpeningCalendar(hours).is_open(D(2026, 11, 23, 12, 30)) is False


def test_weekday_specific_hours_sunday_closed():
    week = [[seg((8, 30), (20, 0))] for _ in range(6)] + [[]]
    hours = OpeningHours(week=week)
    sat = D(2026, 11, 28, 19, 45)
    assert add_opening_minutes(hours, sat, 30) == D(2026, 11, 30, 8, 45)


def test_negative_and_no_opening_hours():
    hours = OpeningHours()
    assert opening_minutes_between(hours, D(2026, 11, 23, 10, 0), D(2026, 11, 23, 9, 0)) == -60
    never = OpeningHours(week=[[] for _ in range(7)])
    with pytest.raises(ValueError):
        add_opening_minutes(never, D(2026, 11, 23, 10, 0), 30)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 60 * 24 * 6), st.integers(1, 2000))
def test_add_then_measure_roundtrip(offset, minutes):
    week = [[seg((8, 30), (12, 0)), seg((13, 30), (20, 0))] for _ in range(6)] + [[]]
    cal = OpeningCalendar(OpeningHours(week=week, closed_days=[dt.date(2026, 11, 25)]))
    start = D(2026, 11, 23) + dt.timedelta(minutes=offset)
    due = cal.add_minutes(start, minutes)
    assert cal.minutes_between(start, due) == minutes
    assert cal.is_open(due - dt.timedelta(seconds=1))


def test_limits_area_override_and_two_hour_switch():
    pol = WorkOrderPolicy()
    assert limits_for(pol, "简易片区").resolve_minutes == 240
    two = WorkOrderPolicy(use_two_hour_rule=True, area_resolve_minutes={"远郊片区": 360})
    assert limits_for(two, "简易片区").resolve_minutes == 120
    assert limits_for(two, "远郊片区").resolve_minutes == 360
    assert limits_for(WorkOrderPolicy(area_respond_minutes={"远郊片区": 60}), "远郊片区").respond_minutes == 60


def test_cycle_breach_is_final_and_amber():
    cal = OpeningCalendar(OpeningHours())
    lim = Limits(30, 240, 0.25)
    d = D(2026, 11, 23, 19, 50)
    c = evaluate_cycle(cal, lim, d, D(2026, 11, 24, 8, 45), None, now=D(2026, 11, 24, 9, 0))
    assert c.response_minutes == 25 and not c.respond_late and not c.resolve_late
    assert c.respond_due == D(2026, 11, 24, 8, 50)
    assert c.respond_amber_at == D(2026, 11, 24, 8, 42, 30)
    late = evaluate_cycle(cal, lim, d, D(2026, 11, 24, 8, 51), D(2026, 11, 24, 9, 30), now=None)
    assert late.respond_late and not late.resolve_late
    # returned without a separate response: answered at return time
    r = evaluate_cycle(cal, lim, D(2026, 11, 23, 9, 0), None, D(2026, 11, 23, 9, 20))
    assert r.response_minutes == 20 and not r.respond_late
    assert countdown_state(D(2026, 11, 24, 8, 40), c.respond_amber_at, c.respond_due) == "ok"
    assert countdown_state(D(2026, 11, 24, 8, 45), c.respond_amber_at, c.respond_due) == "amber"
    assert countdown_state(D(2026, 11, 24, 8, 51), c.respond_amber_at, c.respond_due) == "late"
    assert fmt_minutes(125) == "2:05" and fmt_minutes(-5) == "-0:05"
