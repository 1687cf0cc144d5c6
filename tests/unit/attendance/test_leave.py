"""Leave (SPEC §5 请假): every approval path and every refusal; approved leave shows on the roster."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.attendance import leave
from station_desk.attendance import service as att
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.rest_roster import service as roster

D = dt.date


def test_one_day_personal_leave_station_manager(station):
    li = station.ids["李前台"]
    req = leave.request_leave(station.db, actor=station.actor("李前台"), staff_id=li, kind="事假",
                              start=D(2026, 12, 3), end=D(2026, 12, 3), reason="家事")
    assert req.status == "pending" and req.level == "station" and req.days == 1
    with pytest.raises(DomainError, match="经理的密码"):
        leave.approve_leave(station.db, actor=station.actor("李前台"), leave_id=req.id)
    row = leave.approve_leave(station.db, actor=station.manager, leave_id=req.id)
    assert row.status == "approved" and row.approved_by == "王经理" and row.external_approver == ""
    m = roster.get_month(station.db, month="2026-12")
    assert m.plan[li][D(2026, 12, 3)] == "事"
    # personal leave offsets the month's rest days: 6 − 1 = 5 expected
    assert any(i.code == "roster.rest_too_few" and i.staff_id == li and i.params["need"] == 5 for i in m.issues)
    with pytest.raises(DomainError, match="状态是“已批准”"):
        leave.approve_leave(station.db, actor=station.manager, leave_id=req.id)


def test_two_day_personal_leave_needs_the_centre_then_shows_on_roster(station, fake_now):
    db, qian = station.db, station.ids["钱师傅"]
    roster.apply_suggestion(db, actor=station.manager, month="2026-12")
    req = leave.request_leave(db, actor=station.manager, staff_id=qian, kind="personal", start=D(2026, 12, 14),
                              end=D(2026, 12, 15))
    assert req.level == "centre" and req.level_label == "中心总经理"
    with pytest.raises(DomainError, match="中心总经理批准"):
        leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    with pytest.raises(DomainError, match="批准日期"):
        leave.approve_leave(db, actor=station.manager, leave_id=req.id, external_approver="刘总",
                            external_approved_on=D(2026, 11, 30))  # in the future
    row = leave.approve_leave(db, actor=station.manager, leave_id=req.id, external_approver="刘总",
                              external_approved_on=D(2026, 11, 20))
    assert (row.status, row.external_approver, row.external_approved_on) == ("approved", "刘总", D(2026, 11, 20))
    m = roster.get_month(db, month="2026-12")
    assert [m.plan[qian][d] for d in (D(2026, 12, 14), D(2026, 12, 15))] == ["事", "事"]
    # a leave cell cannot be changed on the grid
    with pytest.raises(DomainError, match="请假单"):
        roster.save_plan(db, actor=station.manager, month="2026-12", cells={(qian, D(2026, 12, 14)): "E"})
    # on leave ≠ absent
    fake_now(dt.datetime(2026, 12, 14, 21, 0))
    assert [r for r in att.day_exceptions(db, day=D(2026, 12, 14)) if r.staff_id == qian] == []
    # cancelling gives the days back to the default shift
    leave.cancel_leave(db, actor=station.manager, leave_id=req.id, reason="提前回来")
    m = roster.get_month(db, month="2026-12")
    assert m.plan[qian][D(2026, 12, 15)] == "E"
    assert any(e.action == "leave.cancel" for e in audit.list_entries(db, entity="leave_request"))


def test_personal_leave_over_the_maximum_refused(station):
    with pytest.raises(DomainError, match="事假 7 天超过了最多 6 天"):
        leave.request_leave(station.db, actor=station.manager, staff_id=station.ids["周销售"], kind="personal",
                            start=D(2026, 12, 1), end=D(2026, 12, 7))
    assert leave.list_leave(station.db) == []


def test_long_sick_leave_needs_a_certificate(station):
    db, wu = station.db, station.ids["吴续费"]
    short = leave.request_leave(db, actor=station.manager, staff_id=wu, kind="sick", start=D(2026, 12, 1),
                                end=D(2026, 12, 3))
    leave.approve_leave(db, actor=station.manager, leave_id=short.id)
    long = leave.request_leave(db, actor=station.manager, staff_id=wu, kind="病假", start=D(2026, 12, 10),
                               end=D(2026, 12, 14))
    with pytest.raises(DomainError, match="医院证明"):
        leave.approve_leave(db, actor=station.manager, leave_id=long.id)
    row = leave.approve_leave(db, actor=station.manager, leave_id=long.id, certificate="市一医院诊断证明 12-09")
    assert row.status == "approved" and row.certificate.startswith("市一医院") and row.level == "station"
    assert roster.get_month(db, month="2026-12").plan[wu][D(2026, 12, 12)] == "病"


def test_annual_leave_service_and_notice(station):
    db = station.db
    with pytest.raises(DomainError, match="入职未满 1 年"):
        leave.request_leave(db, actor=station.manager, staff_id=station.ids["孙师傅"], kind="annual",
                            start=D(2027, 1, 4), end=D(2027, 1, 8))
    with pytest.raises(DomainError, match="提前 30 天"):
        leave.request_leave(db, actor=station.manager, staff_id=station.ids["钱师傅"], kind="annual",
                            start=D(2026, 12, 10), end=D(2026, 12, 12))
    ok = leave.request_leave(db, actor=station.manager, staff_id=station.ids["钱师傅"], kind="年",
                             start=D(2026, 12, 21), end=D(2026, 12, 25))
    row = leave.approve_leave(db, actor=station.manager, leave_id=ok.id)
    assert row.kind_label == "年假" and row.status == "approved"


def test_overlap_refusal_and_manager_refusal(station):
    db, zhou = station.db, station.ids["周销售"]
    req = leave.request_leave(db, actor=station.manager, staff_id=zhou, kind="personal", start=D(2026, 12, 2),
                              end=D(2026, 12, 2))
    with pytest.raises(DomainError, match="日期不能重叠"):
        leave.request_leave(db, actor=station.manager, staff_id=zhou, kind="sick", start=D(2026, 12, 1),
                            end=D(2026, 12, 2))
    with pytest.raises(DomainError, match="原因"):
        leave.refuse_leave(db, actor=station.manager, leave_id=req.id, reason="")
    row = leave.refuse_leave(db, actor=station.manager, leave_id=req.id, reason="当天人手不够")
    assert row.status == "refused" and row.status_label == "不批准"
    assert roster.get_month(db, month="2026-12").plan[zhou][D(2026, 12, 2)] == "E"
    with pytest.raises(DomainError, match="请假结束日期"):
        leave.request_leave(db, actor=station.manager, staff_id=zhou, kind="personal", start=D(2026, 12, 5),
                            end=D(2026, 12, 4))
    with pytest.raises(DomainError, match="未知假别"):
        leave.request_leave(db, actor=station.manager, staff_id=zhou, kind="婚假", start=D(2026, 12, 5),
                            end=D(2026, 12, 5))


def test_checks_refuse_before_a_form_is_filled_as_the_writes_would(station):
    db, li = station.db, station.ids["李前台"]
    req = leave.request_leave(db, actor=station.manager, staff_id=li, kind="sick", start=D(2026, 12, 3),
                              end=D(2026, 12, 3))
    assert leave.check_decidable(db, leave_id=req.id).id == req.id
    needs = leave.approval_needs(req)
    assert needs.certificate and not needs.centre
    leave.refuse_leave(db, actor=station.manager, leave_id=req.id, reason="人手不够")
    # the same refusal as approving or refusing again, before any PIN or form
    with pytest.raises(DomainError, match="状态是“不批准”") as checked:
        leave.check_decidable(db, leave_id=req.id)
    with pytest.raises(DomainError) as written:
        leave.approve_leave(db, actor=station.manager, leave_id=req.id)
    assert checked.value.message == written.value.message
    with pytest.raises(DomainError) as checked:
        leave.check_cancellable(db, leave_id=req.id)
    with pytest.raises(DomainError) as written:
        leave.cancel_leave(db, actor=station.manager, leave_id=req.id, reason="x")
    assert checked.value.message == written.value.message
    # a refused request keeps what was asked beside the refusal
    row = leave.list_leave(db)[0]
    assert (row.reason, row.decision_note) == ("", "人手不够")
