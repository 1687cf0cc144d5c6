"""Attendance (SPEC §5 考勤): punches, derived exceptions across a shift change, decisions and deductions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from station_desk.attendance import importer as attendance_importer
from station_desk.attendance import service as att
from station_desk.errors import DomainError, WrongPin
from station_desk.points.models import PointEntry
from station_desk.policy import service as policy_service
from station_desk.settings.service import set_policy
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.planner import REST
from station_desk.staff import service as staff

DAY = dt.date(2026, 12, 8)


def at(h, m, day=DAY):
    return dt.datetime.combine(day, dt.time(h, m))


@pytest.fixture
def planned(station, fake_now):
    """December saved: 李前台 early, 钱师傅 late, 孙师傅 early, 周销售 resting, on 2026-12-08."""
    fake_now(dt.datetime(2026, 11, 25, 9, 0))
    ids = station.ids
    roster.save_plan(station.db, actor=station.manager, month="2026-12", cells={
        (ids["李前台"], DAY): "E", (ids["钱师傅"], DAY): "L", (ids["孙师傅"], DAY): "E", (ids["周销售"], DAY): REST})
    return station


def kinds(rows, name):
    return sorted(r.kind for r in rows if r.name == name)


def test_derivation_across_the_shift_change(planned, fake_now):
    st, db, ids = planned, planned.db, planned.ids
    # Given the early shift punches in (one late), and the late shift arrives at the change of shift
    fake_now(at(8, 41))
    att.clock_at_desk(db, staff_id=ids["李前台"], kind="in")
    fake_now(at(8, 20))
    att.enter_punch(db, actor=st.manager, staff_id=ids["孙师傅"], at=at(8, 20), kind="in")
    fake_now(at(12, 5))
    att.clock_at_desk(db, staff_id=ids["钱师傅"], kind="in")
    # At 12:05: 李前台 is late 11 min, 钱师傅 is late 5 min for the late shift; nobody is absent yet
    rows = att.day_exceptions(db, day=DAY)
    assert kinds(rows, "李前台") == ["late"] and [r.minutes for r in rows if r.name == "李前台"] == [11]
    assert kinds(rows, "钱师傅") == ["late"] and [r.minutes for r in rows if r.name == "钱师傅"] == [5]
    assert kinds(rows, "周销售") == [] and kinds(rows, "吴续费") == []
    # At the change of shift 孙师傅 leaves early (16:10 < 16:30); 李前台 leaves on time
    fake_now(at(16, 10))
    att.clock_at_desk(db, staff_id=ids["孙师傅"], kind="out")
    fake_now(at(16, 31))
    att.clock_at_desk(db, staff_id=ids["李前台"], kind="out")
    rows = att.day_exceptions(db, day=DAY)
    assert kinds(rows, "孙师傅") == ["early"] and [r.minutes for r in rows if r.name == "孙师傅"] == [20]
    assert kinds(rows, "李前台") == ["late"]
    # the early shift is over, the late one is not: 吴续费 (default early shift, no punch) is absent already,
    # 钱师傅 not yet missing his clock-out
    assert kinds(rows, "吴续费") == ["absent"] and kinds(rows, "钱师傅") == ["late"]
    # After closing: 钱师傅 never clocked out
    fake_now(at(20, 30))
    rows = att.day_exceptions(db, day=DAY)
    assert kinds(rows, "钱师傅") == ["late", "missing_out"]
    assert kinds(rows, "周销售") == []  # resting


def test_policy_shift_times_changing_that_day(planned, fake_now):
    st, db, ids = planned, planned.db, planned.ids
    # the late shift starts at 11:30 from DAY on (a new policy version)
    pol = policy_service.current_policy(db)
    shifts = [s.model_copy(update={"start": dt.time(11, 30)}) if s.code == "L" else s for s in pol.roster.shifts]
    new = pol.model_copy(update={"roster": pol.roster.model_copy(update={"shifts": shifts})})
    set_policy(db, actor=st.manager, approval=st.approval, effective_from=DAY, policy=new)
    before = DAY - dt.timedelta(days=1)
    roster.save_plan(db, actor=st.manager, month="2026-12", cells={(ids["钱师傅"], before): "L"})
    fake_now(at(21, 0))
    att.enter_punch(db, actor=st.manager, staff_id=ids["钱师傅"], at=at(11, 50, before), kind="in")
    att.enter_punch(db, actor=st.manager, staff_id=ids["钱师傅"], at=at(20, 0, before), kind="out")
    att.enter_punch(db, actor=st.manager, staff_id=ids["钱师傅"], at=at(11, 50), kind="in")
    att.enter_punch(db, actor=st.manager, staff_id=ids["钱师傅"], at=at(20, 0), kind="out")
    assert kinds(att.day_exceptions(db, day=before), "钱师傅") == []  # 12:00 start then
    late = [r for r in att.day_exceptions(db, day=DAY) if r.name == "钱师傅"]
    assert [(r.kind, r.minutes, r.shift) for r in late] == [("late", 20, "11:30–20:00")]


def test_confirm_credits_deduction_excuse_does_not(planned, fake_now):
    st, db, ids = planned, planned.db, planned.ids
    fake_now(at(8, 41))
    att.clock_at_desk(db, staff_id=ids["李前台"], kind="in")
    fake_now(at(21, 0))
    row = att.confirm_exception(db, actor=st.manager, staff_id=ids["李前台"], day=DAY, kind="late")
    assert row.status == "confirmed" and row.points_x100 == -500
    absent = att.confirm_exception(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent")
    assert absent.points_x100 == -2000
    with pytest.raises(DomainError, match="请填写原因"):
        att.excuse_exception(db, actor=st.manager, staff_id=ids["孙师傅"], day=DAY, kind="absent", reason=" ")
    att.excuse_exception(db, actor=st.manager, staff_id=ids["孙师傅"], day=DAY, kind="absent", reason="外出培训")
    with pytest.raises(DomainError, match="已经处理过"):
        att.confirm_exception(db, actor=st.manager, staff_id=ids["李前台"], day=DAY, kind="late")
    with pytest.raises(DomainError, match="没有“早退”"):
        att.confirm_exception(db, actor=st.manager, staff_id=ids["李前台"], day=DAY, kind="early")
    with db.read() as s:
        entries = s.exec(select(PointEntry).order_by(PointEntry.id)).all()
        assert [(e.staff_id, e.rule, e.points_x100, e.kind, e.source_kind) for e in entries] == [
            (ids["李前台"], "attendance.late", -500, "deduction", "attendance"),
            (ids["吴续费"], "attendance.absent", -2000, "deduction", "attendance")]
        ded = att.attendance_deductions(s, ids["吴续费"], "2026-12")
        assert [(d.rule, d.points_x100, d.day) for d in ded] == [("attendance.absent", -2000, DAY)]
        assert att.attendance_deductions(s, ids["孙师傅"], "2026-12") == []


def test_desk_pin_and_void_and_no_future_punch(planned, fake_now):
    st, db, ids = planned, planned.db, planned.ids
    staff.set_pin(db, actor=st.manager, approval=st.approval, staff_id=ids["李前台"], new_pin="5555")
    fake_now(at(8, 25))
    with pytest.raises(WrongPin):
        att.clock_at_desk(db, staff_id=ids["李前台"], kind="in", pin="0000")
    p = att.clock_at_desk(db, staff_id=ids["李前台"], kind="in", pin="5555")
    with pytest.raises(DomainError, match="未来"):
        att.enter_punch(db, actor=st.manager, staff_id=ids["李前台"], at=at(18, 0), kind="out")
    with pytest.raises(DomainError, match="原因"):
        att.void_punch(db, actor=st.manager, punch_id=p.id, reason="")
    att.void_punch(db, actor=st.manager, punch_id=p.id, reason="点错了人")
    assert att.punches_on(db, day=DAY) == []
    with pytest.raises(DomainError, match="经理的密码"):
        att.enter_punch(db, actor=st.actor("李前台"), staff_id=ids["李前台"], at=at(8, 0), kind="in")


def test_month_without_plan_expects_nothing(station, fake_now):
    fake_now(dt.datetime(2027, 1, 6, 21, 0))
    assert att.day_exceptions(station.db, day=dt.date(2027, 1, 6)) == []


def test_load_attendance_facts(planned, fake_now):
    st, db, ids = planned, planned.db, planned.ids
    fake_now(dt.datetime(2026, 12, 31, 21, 0))
    events = [
        {"type": "clock", "staff_id": ids["李前台"], "at": "2026-12-09T08:29", "kind": "in"},
        {"type": "exception", "emp_no": "D01", "day": "2026-12-09", "kind": "late", "minutes": 7},
        {"type": "exception", "staff_id": ids["钱师傅"], "day": "2026-12-10", "kind": "absent",
         "status": "excused", "reason": "补休"},
        {"type": "violation", "staff_id": ids["周销售"], "day": "2026-12-11", "description": "上班时间打游戏"},
        {"type": "leave", "staff_id": ids["吴续费"], "kind": "personal", "start": "2026-12-14",
         "end": "2026-12-15", "external_approver": "刘总", "external_approved_on": "2026-12-01"},
    ]
    with db.session() as s:
        counts = attendance_importer.load_attendance_facts_in(s, actor=st.manager, events=events)
    assert counts == {"clock": 1, "exception": 2, "violation": 1, "leave": 1}
    with db.read() as s:
        assert [d.points_x100 for d in att.attendance_deductions(s, ids["李前台"], "2026-12")] == [-500]
        assert [d.rule for d in att.attendance_deductions(s, ids["周销售"], "2026-12")] == ["discipline.violation"]
    m = roster.get_month(db, month="2026-12")
    assert m.plan[ids["吴续费"]][dt.date(2026, 12, 14)] == "事"
    with pytest.raises(DomainError, match="第 1 条"):
        with db.session() as s:
            attendance_importer.load_attendance_facts_in(s, actor=st.manager, events=[{"type": "bogus", "staff_id": 1}])


def test_withdraw_a_confirmation_reverses_points_and_reopens(planned, fake_now):
    st, db, ids = planned, planned.db, planned.ids
    fake_now(at(21, 0))
    att.confirm_exception(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent")
    with pytest.raises(DomainError, match="请填写原因"):
        att.withdraw_decision(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent", reason="")
    att.withdraw_decision(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent",
                          reason="其实在外上门维修")
    row = next(r for r in att.day_exceptions(db, day=DAY) if r.name == "吴续费")
    assert row.status == "open" and row.points_x100 == 0
    with db.read() as s:
        assert sum(e.points_x100 for e in s.exec(select(PointEntry)).all()) == 0
        assert att.attendance_deductions(s, ids["吴续费"], "2026-12") == []
    # decided again: excused this time, nothing credited
    att.excuse_exception(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent", reason="外出维修")
    with pytest.raises(DomainError):
        att.withdraw_decision(db, actor=st.manager, staff_id=ids["钱师傅"], day=DAY, kind="absent", reason="x")
    # and a withdrawn confirmation can be confirmed again (a new points entry)
    att.withdraw_decision(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent", reason="再核实")
    att.confirm_exception(db, actor=st.manager, staff_id=ids["吴续费"], day=DAY, kind="absent")
    with db.read() as s:
        assert sum(e.points_x100 for e in s.exec(select(PointEntry)).all()) == -2000


def test_month_summary(planned, fake_now):
    from station_desk.attendance import discipline, leave
    from station_desk.attendance.summary import month_summary

    st, db, ids = planned, planned.db, planned.ids
    req = leave.request_leave(db, actor=st.manager, staff_id=ids["周销售"], kind="sick", start=dt.date(2026, 12, 2),
                              end=dt.date(2026, 12, 3))
    leave.approve_leave(db, actor=st.manager, leave_id=req.id)
    fake_now(at(8, 41))
    att.clock_at_desk(db, staff_id=ids["李前台"], kind="in")
    fake_now(at(16, 40))
    att.clock_at_desk(db, staff_id=ids["李前台"], kind="out")
    fake_now(at(21, 0))
    att.confirm_exception(db, actor=st.manager, staff_id=ids["李前台"], day=DAY, kind="late")
    discipline.record_violation(db, actor=st.manager, staff_id=ids["李前台"], day=DAY, description="玩游戏")
    rows = {r.name: r for r in month_summary(db, month="2026-12", until=DAY)}
    li = rows["李前台"]
    # 1–8 December, all on the default early shift; one day worked, late once, absent the other seven
    assert (li.rostered, li.worked, li.late, li.absent, li.violations) == (8, 1, 1, 7, 1)
    assert li.deductions_x100 == -500 - 2000
    zhou = rows["周销售"]
    assert (zhou.sick, zhou.rest, zhou.rostered) == (2, 1, 5)
