"""Roster service (SPEC §5 排休): month view, save with audit, suggest, requests, holidays, locks."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.audit import service as audit
from station_desk.errors import DomainError, PeriodLocked
from station_desk.periods.service import lock_month
from station_desk.rest_roster import overrides, requests
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.planner import REST


def test_new_month_shows_default_shift_and_rest_problems(station):
    m = roster.get_month(station.db, month="2026-12")
    assert len(m.days) == 31 and len(m.people) == 8 and not m.saved
    assert all(code == "E" for row in m.plan.values() for code in row.values())
    # everyone lacks rest days and the evening is uncovered
    codes = {i.code for i in m.issues}
    assert {"roster.rest_too_few", "roster.coverage_gap", "roster.front_desk_gap"} <= codes
    front = {p.name for p in m.people if p.front_desk}
    assert front == {"王经理", "李前台", "赵税控"}


def test_statutory_holidays_and_station_override(station):
    m = roster.get_month(station.db, month="2026-10")
    assert m.marks[dt.date(2026, 10, 1)].name == "国庆节" and m.marks[dt.date(2026, 10, 1)].short == "休"
    assert m.marks[dt.date(2026, 10, 10)].short == "班"  # make-up workday (Saturday)
    overrides.set_holiday_override(station.db, actor=station.manager, day=dt.date(2026, 10, 20), kind="holiday",
                                name="站庆")
    overrides.set_holiday_override(station.db, actor=station.manager, day=dt.date(2026, 10, 1), kind="normal")
    m = roster.get_month(station.db, month="2026-10")
    assert m.marks[dt.date(2026, 10, 20)].name == "站庆" and dt.date(2026, 10, 1) not in m.marks
    clerk = station.actor("李前台")
    with pytest.raises(DomainError, match="经理的密码"):
        overrides.set_holiday_override(station.db, actor=clerk, day=dt.date(2026, 10, 2), kind="holiday")


def test_suggest_keeps_requests_then_save_is_audited(station):
    db = station.db
    li = station.ids["李前台"]
    requests.add_rest_request(db, actor=station.actor("李前台"), staff_id=li, day=dt.date(2026, 12, 24))
    sug = roster.apply_suggestion(db, actor=station.manager, month="2026-12")
    assert sug.ok, [i.message for i in sug.problems]
    m = roster.get_month(db, month="2026-12")
    assert m.saved and m.issues == [] and m.plan[li][dt.date(2026, 12, 24)] == REST
    # the manager moves one rest day of a technician onto a day and breaks nothing else... then breaks coverage
    qian = station.ids["钱师傅"]
    rest_day = next(d for d in m.days if m.plan[qian][d] == REST)
    work_day = next(d for d in m.days if m.plan[qian][d] != REST and abs((d - rest_day).days) > 2)
    issues = roster.save_plan(db, actor=station.manager, month="2026-12",
                              cells={(qian, rest_day): "E", (qian, work_day): REST})
    assert not any(i.code.startswith("roster.rest_too") for i in issues)
    entries = audit.list_entries(db, entity="roster_month")
    assert entries[0].action == "roster.save" and f"{qian}@{work_day.isoformat()}" in entries[0].after
    # everybody resting on one day → a coverage error names the day
    day = dt.date(2026, 12, 10)
    issues = roster.save_plan(db, actor=station.manager, month="2026-12",
                              cells={(sid, day): REST for sid in station.ids.values()})
    assert any(i.code == "roster.coverage_gap" and i.day == day and "12月10日" in i.message for i in issues)


def test_save_refuses_bad_codes_non_managers_and_locked_months(station):
    db = station.db
    qian = station.ids["钱师傅"]
    with pytest.raises(DomainError, match="不是有效的班次代码"):
        roster.save_plan(db, actor=station.manager, month="2026-12", cells={(qian, dt.date(2026, 12, 1)): "Q"})
    with pytest.raises(DomainError, match="经理的密码"):
        roster.save_plan(db, actor=station.actor("钱师傅"), month="2026-12",
                         cells={(qian, dt.date(2026, 12, 1)): REST})
    # a clerk at the desk with the manager's PIN may save
    roster.save_plan(db, actor=station.actor("李前台"), approval=station.approval, month="2026-12",
                     cells={(qian, dt.date(2026, 12, 1)): REST})
    lock_month(db, actor=station.manager, approval=station.approval, scope="roster", month="2026-12")
    with pytest.raises(PeriodLocked):
        roster.save_plan(db, actor=station.manager, month="2026-12", cells={(qian, dt.date(2026, 12, 2)): REST})
    assert roster.get_month(db, month="2026-12").locked


def test_new_hire_has_pro_rata_quota_and_no_cells_before_hire(station):
    from station_desk.staff import service as staff

    row = staff.add_staff(station.db, actor=station.manager, approval=station.approval, emp_no="T09", name="新人",
                          role="technician", hire_date=dt.date(2026, 12, 17))
    m = roster.get_month(station.db, month="2026-12")
    assert m.plan[row.id][dt.date(2026, 12, 16)] == "" and m.plan[row.id][dt.date(2026, 12, 17)] == "E"
    with pytest.raises(DomainError, match="不在职"):
        roster.save_plan(station.db, actor=station.manager, month="2026-12",
                         cells={(row.id, dt.date(2026, 12, 3)): REST})
    sug = roster.suggest(station.db, month="2026-12")
    assert sum(1 for c in sug.plan[row.id].values() if c == REST) == 3


def test_first_save_of_a_month_with_leave_already_in_it(station):
    from station_desk.attendance import leave

    db, wu = station.db, station.ids["吴续费"]
    req = leave.request_leave(db, actor=station.manager, staff_id=wu, kind="personal", start=dt.date(2027, 1, 5),
                              end=dt.date(2027, 1, 5))
    leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    assert not roster.get_month(db, month="2027-01").saved  # leave alone is not a plan
    sug = roster.apply_suggestion(db, actor=station.manager, month="2027-01")
    assert sug.ok, [i.message for i in sug.problems]
    m = roster.get_month(db, month="2027-01")
    assert m.saved and m.plan[wu][dt.date(2027, 1, 5)] == "事" and m.issues == []
    assert sum(1 for c in m.plan[wu].values() if c == REST) == 5  # personal leave offsets a rest day


def test_check_cell_refuses_as_saving_would(station):
    from station_desk.attendance import leave
    from station_desk.errors import DomainError

    db, li = station.db, station.ids["李前台"]
    req = leave.request_leave(db, actor=station.manager, staff_id=li, kind="personal", start=dt.date(2026, 12, 3),
                              end=dt.date(2026, 12, 3))
    leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    m = roster.get_month(db, month="2026-12")
    m.check_cell(li, dt.date(2026, 12, 4), "E")
    for day, code in ((dt.date(2026, 12, 3), None), (dt.date(2026, 12, 4), "Q")):
        with pytest.raises(DomainError) as checked:
            m.check_cell(li, day, code)
        with pytest.raises(DomainError) as saved:
            roster.save_plan(db, actor=station.manager, month="2026-12", cells={(li, day): code or "E"})
        assert checked.value.message == saved.value.message
