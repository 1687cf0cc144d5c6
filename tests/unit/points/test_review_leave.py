"""Issue #14 item 10: the points review (复核) does not call approved leave, rest days or holidays gaps."""

from __future__ import annotations

import datetime as dt

from station_desk.attendance import leave as L
from station_desk.month_close import service as close
from station_desk.rest_roster import service as roster
from tests.fixtures.points import points

OCT = "2026-10"


def _gaps(db, staff_id):
    items = [i for i in close.review_month(db, OCT) if i.kind == "no_points" and i.staff_id == staff_id]
    return items[0].text if items else ""


def _points_every_day_but(db, sid, missing):
    with db.session() as s:
        d = dt.date(2026, 10, 1)
        while d.month == 10:
            if d not in missing:
                points(s, sid, d, 1000)
            d += dt.timedelta(days=1)


def test_approved_leave_holidays_and_rest_days_are_not_gaps(station):
    db, ids = station.db, station.ids
    t1 = ids["T01"]
    leave_day, rest_day, gap = dt.date(2026, 10, 14), dt.date(2026, 10, 20), dt.date(2026, 10, 22)
    # no points on the National Day holidays (10-01…10-07), a day of 事假, a rostered rest day and one real gap
    holidays = {dt.date(2026, 10, d) for d in range(1, 8)}
    _points_every_day_but(db, t1, holidays | {leave_day, rest_day, gap})
    text = _gaps(db, t1)
    assert "10-14" in text and "10-20" in text and "10-22" in text and "10-05" not in text
    row = L.request_leave(db, actor=station.actor, staff_id=t1, kind="personal", start=leave_day, end=leave_day,
                          reason="家里有事")
    L.approve_leave(db, actor=station.actor, approval=station.approval, leave_id=row.id)
    text = _gaps(db, t1)
    assert "10-14" not in text and "10-22" in text  # the approved 事假 is not a gap
    roster.save_plan(db, actor=station.actor, month="2026-10", cells={(t1, rest_day): "R"})
    text = _gaps(db, t1)
    assert "10-20" not in text and "10-14" not in text and "1 个工作日无积分" in text and "10-22" in text
