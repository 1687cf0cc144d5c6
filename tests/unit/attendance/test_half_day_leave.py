"""Issue 14 item 12a: leave in half days (上午 / 下午): routing and caps in days, the roster and attendance show
which half is off."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.attendance import leave, summary
from station_desk.attendance import service as att
from station_desk.errors import DomainError
from station_desk.rest_roster import service as roster

D = dt.date
DAY = D(2026, 12, 8)  # a Tuesday


def at(h, m, day=DAY):
    return dt.datetime.combine(day, dt.time(h, m))


def test_half_a_day_of_personal_leave_goes_to_the_station_manager(station):
    li = station.ids["李前台"]
    req = leave.request_leave(station.db, actor=station.actor("李前台"), staff_id=li, kind="事假", start=DAY,
                              end=DAY, half="上午", reason="孩子开家长会")
    assert req.days == 0.5 and req.half == "am" and req.level == "station" and req.days_text == "0.5（上午）"
    with pytest.raises(DomainError, match="同一天"):
        leave.request_leave(station.db, actor=station.manager, staff_id=li, kind="personal", start=DAY,
                            end=DAY + dt.timedelta(days=1), half="pm")
    with pytest.raises(DomainError, match="上午或下午"):
        leave.request_leave(station.db, actor=station.manager, staff_id=li, kind="personal", start=DAY, end=DAY,
                            half="晚上")
    # the afternoon of the same day is another half: allowed; the same morning again overlaps
    pm = leave.request_leave(station.db, actor=station.manager, staff_id=li, kind="sick", start=DAY, end=DAY,
                             half="pm")
    assert pm.days == 0.5
    with pytest.raises(DomainError, match="已有"):
        leave.request_leave(station.db, actor=station.manager, staff_id=li, kind="personal", start=DAY, end=DAY,
                            half="am")


def test_caps_count_days_with_halves(station):
    zhou = station.ids["周销售"]
    # the caps count days: six is the maximum of 事假, over one day goes to the centre (half a day does not)
    long = leave.request_leave(station.db, actor=station.manager, staff_id=zhou, kind="personal",
                               start=D(2026, 12, 1), end=D(2026, 12, 6))
    assert long.days == 6 and long.level == "centre"
    with pytest.raises(DomainError, match="超过"):
        leave.request_leave(station.db, actor=station.manager, staff_id=zhou, kind="personal",
                            start=D(2026, 12, 10), end=D(2026, 12, 16))


def test_the_roster_and_attendance_show_which_half_is_off(station, fake_now):
    db, li = station.db, station.ids["李前台"]
    fake_now(dt.datetime(2026, 11, 25, 9, 0))
    roster.save_plan(db, actor=station.manager, month="2026-12", cells={(li, DAY): "E"})  # 08:30–16:30
    req = leave.request_leave(db, actor=station.manager, staff_id=li, kind="personal", start=DAY, end=DAY,
                              half="am")
    leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    m = roster.get_month(db, month="2026-12")
    assert m.plan[li][DAY] == "E" and m.half_off[li][DAY] == "am"  # on duty, the morning off
    # he comes at 12:25 for the afternoon (12:30–16:30): not late; without the half day he would be 3 h late
    fake_now(at(12, 25))
    att.clock_at_desk(db, staff_id=li, kind="in")
    fake_now(at(16, 31))
    att.clock_at_desk(db, staff_id=li, kind="out")
    assert [r for r in att.day_exceptions(db, day=DAY) if r.staff_id == li] == []
    (st,) = [x for x in att.day_status(db, day=DAY) if x.staff_id == li]
    assert st.half_off == "am" and st.shift == "12:30–16:30"
    fake_now(dt.datetime(2026, 12, 9, 9, 0))
    (row,) = [r for r in summary.month_summary(db, month="2026-12") if r.staff_id == li]
    assert row.personal == 0.5 and row.worked == 1


def test_afternoon_off_leaving_at_noon_is_not_early(station, fake_now):
    db, li = station.db, station.ids["李前台"]
    fake_now(dt.datetime(2026, 11, 25, 9, 0))
    roster.save_plan(db, actor=station.manager, month="2026-12", cells={(li, DAY): "E"})
    req = leave.request_leave(db, actor=station.manager, staff_id=li, kind="sick", start=DAY, end=DAY, half="pm")
    leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    fake_now(at(8, 29))
    att.clock_at_desk(db, staff_id=li, kind="in")
    fake_now(at(12, 31))
    att.clock_at_desk(db, staff_id=li, kind="out")
    fake_now(at(20, 0))
    assert [r.kind for r in att.day_exceptions(db, day=DAY) if r.staff_id == li] == []
    # cancelling the half day gives the whole shift back: now he left early
    leave.cancel_leave(db, actor=station.manager, leave_id=req.id, reason="记错了")
    assert [r.kind for r in att.day_exceptions(db, day=DAY) if r.staff_id == li] == ["early"]


def test_the_wall_roster_and_the_command_line_mark_the_half(station, fake_now, tmp_path):
    import subprocess

    from station_desk.reports.roster_sheet import write_roster_pdf

    db, li = station.db, station.ids["李前台"]
    roster.apply_suggestion(db, actor=station.manager, month="2026-12")
    day = next(d for d in roster.get_month(db, month="2026-12").days
               if roster.get_month(db, month="2026-12").plan[li][d] == "E")
    req = leave.request_leave(db, actor=station.manager, staff_id=li, kind="personal", start=day, end=day, half="pm")
    leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    pdf = tmp_path / "r.pdf"
    write_roster_pdf(db, month="2026-12", path_or_buffer=str(pdf))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "E下" in text and "半天假" in text
