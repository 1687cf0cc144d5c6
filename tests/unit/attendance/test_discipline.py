"""Work-discipline violations (SPEC §5): 1st = one absenteeism deduction, 2nd = two, 3rd = flag for the centre."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from station_desk.attendance import discipline
from station_desk.attendance import service as att
from station_desk.errors import DomainError
from station_desk.points.models import PointEntry

D = dt.date


def test_violations_escalate_within_a_month(station):
    db, zhou = station.db, station.ids["周销售"]
    v1 = discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 11, 3),
                                     description="上班时间下棋")
    v2 = discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 11, 9),
                                     description="上班时间打游戏")
    v3 = discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 11, 15),
                                     description="上班时间打游戏")
    assert [(v.ordinal, v.deduction_units, v.points_x100, v.flagged) for v in (v1, v2, v3)] == [
        (1, 1, -2000, False), (2, 2, -4000, False), (3, 0, 0, True)]
    # a new month starts again at one
    v4 = discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 12, 1),
                                     description="上班时间打游戏")
    assert (v4.ordinal, v4.points_x100) == (1, -2000)
    with db.read() as s:
        rows = s.exec(select(PointEntry).where(PointEntry.staff_id == zhou)).all()
        assert sorted(r.points_x100 for r in rows) == [-4000, -2000, -2000]
        assert {r.rule for r in rows} == {"discipline.violation"}
        assert [d.points_x100 for d in att.attendance_deductions(s, zhou, "2026-11")] == [-2000, -4000]


def test_cancel_reverses_points_and_needs_manager(station):
    db, zhou = station.db, station.ids["周销售"]
    with pytest.raises(DomainError, match="违纪情况"):
        discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 11, 3), description="")
    with pytest.raises(DomainError, match="经理的密码"):
        discipline.record_violation(db, actor=station.actor("李前台"), staff_id=zhou, day=D(2026, 11, 3),
                                    description="打游戏")
    v = discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 11, 3),
                                    description="打游戏")
    discipline.cancel_violation(db, actor=station.manager, violation_id=v.id, reason="看错了人")
    with pytest.raises(DomainError, match="已经撤销"):
        discipline.cancel_violation(db, actor=station.manager, violation_id=v.id, reason="再来")
    with db.read() as s:
        assert sum(r.points_x100 for r in s.exec(select(PointEntry)).all()) == 0
        assert att.attendance_deductions(s, zhou, "2026-11") == []
    # the next one is the first again
    again = discipline.record_violation(db, actor=station.manager, staff_id=zhou, day=D(2026, 11, 20),
                                        description="打游戏")
    assert again.ordinal == 1
    assert [x.cancelled for x in discipline.list_violations(db, month="2026-11")] == [True, False]
