"""Issue 14 item 17: the resolve clock pauses while the order waits on the customer or a major outage — events in the
log (who, when, why), deadlines recomputed from it, a reason always, the manager past the policy's length, and no
hiding of a deadline already missed."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.errors import DomainError
from station_desk.work_orders import queries
from station_desk.work_orders import service as wo

D = dt.datetime


@pytest.fixture
def manager(db, station):
    """The station's manager with a PIN, and an approval with it."""
    from tests.conftest import MANAGER_PIN
    from station_desk.actor import ManagerApproval
    from station_desk.staff.auth import hash_pin
    from station_desk.staff.models import Staff

    with db.session() as s:
        s.get(Staff, station.manager.staff_id).pin_hash = hash_pin(MANAGER_PIN)
    return station.manager, ManagerApproval(station.manager.staff_id, MANAGER_PIN)


def _dispatched(db, st, fake_now, at=D(2026, 11, 23, 9, 0)):
    fake_now(at)
    oid = wo.create_order(db, actor=st.clerk, kind="repair", service_class="C", customer_name="陈大爷",
                          area="简易片区", address="3栋2单元501", description="电视无信号")
    wo.dispatch_order(db, actor=st.clerk, order_id=oid, technician_id=st.tech1)
    return oid


def _board_row(db, oid, now):
    b = queries.board(db, now=now)
    return next(o for o in b.orders if o.id == oid), queries.countdowns(b, now)[oid]


def test_customer_not_home_pauses_until_the_booked_visit(db, station, fake_now):
    st = station
    oid = _dispatched(db, st, fake_now)
    fake_now(D(2026, 11, 23, 9, 20))
    wo.follow_order(db, actor=st.clerk, order_id=oid, mode="not_home", note="门上留条")
    fake_now(D(2026, 11, 23, 10, 0))  # 60 opening minutes used of 240
    wo.pause_order(db, actor=st.clerk, order_id=oid, kind="not_home", why="用户上班，约明早十点",
                   until=D(2026, 11, 24, 10, 0))
    # 15:00: without the pause the order would be 2 h late; it is paused, not late, due tomorrow 13:00
    row, (state, _which, _left) = _board_row(db, oid, D(2026, 11, 23, 15, 0))
    assert row.paused and state == "paused" and row.resolve_due == D(2026, 11, 24, 13, 0)
    d = queries.get_order(db, oid)
    ev = [e for e in d.events if e.kind == "paused"][0]
    assert ev.actor == st.clerk.name and ev.reason == "用户上班，约明早十点" and ev.label == "暂停计时"
    # the visit time has come: the clock runs again by itself
    row, (state, _w, left) = _board_row(db, oid, D(2026, 11, 24, 11, 0))
    assert not row.paused and state == "ok" and left == 120
    fake_now(D(2026, 11, 24, 12, 0))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="换接头")
    d = queries.get_order(db, oid)
    assert not d.sla.late and d.sla.resolution_minutes == 60 + 120  # the paused time is not his
    assert d.sla.pauses == 1 and d.sla.paused_minutes > 0


def test_a_pause_needs_a_reason_and_a_booked_time(db, station, fake_now):
    oid = _dispatched(db, station, fake_now)
    with pytest.raises(DomainError, match="原因"):
        wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="  ",
                       until=D(2026, 11, 23, 15, 0))
    with pytest.raises(DomainError, match="预约"):
        wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="用户下午才在家")
    wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="用户下午才在家",
                   until=D(2026, 11, 23, 15, 0))
    with pytest.raises(DomainError, match="已在暂停"):
        wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="再改",
                       until=D(2026, 11, 23, 16, 0))


def test_a_long_pause_needs_the_managers_pin(db, station, fake_now, manager):
    oid = _dispatched(db, station, fake_now)
    far = D(2026, 11, 26, 10, 0)  # three days: over the policy's 24 hours
    assert wo.pause_needs_approval(db, order_id=oid, kind="asked_later", why="用户出差", until=far)
    with pytest.raises(DomainError, match="批准工单暂停计时"):
        wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="用户出差", until=far)
    assert not queries.get_order(db, oid).sla.paused
    _actor, approval = manager
    wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="用户出差", until=far,
                   approval=approval)
    d = queries.get_order(db, oid)
    assert d.sla.paused and [e.data["approved_by"] for e in d.events if e.kind == "paused"] == ["王经理"]


def test_outage_pause_until_recovery(db, station, fake_now, manager):
    st = station
    oid = _dispatched(db, st, fake_now)
    outage = wo.record_outage(db, actor=st.clerk, area="简易片区", cause="光缆被挖断", started_at=D(2026, 11, 23, 8, 0))
    with pytest.raises(DomainError, match="关联"):
        wo.pause_order(db, actor=st.clerk, order_id=oid, kind="outage", why="大网故障")
    wo.link_orders_to_outage(db, actor=st.clerk, outage_id=outage, order_ids=[oid])
    fake_now(D(2026, 11, 23, 9, 20))
    wo.record_response(db, actor=st.clerk, order_id=oid)  # he went, found the area dark
    fake_now(D(2026, 11, 23, 10, 0))
    # no expected recovery: the length is unknown, so the manager approves
    with pytest.raises(DomainError):
        wo.pause_order(db, actor=st.clerk, order_id=oid, kind="outage", why="等光缆修复")
    wo.pause_order(db, actor=st.clerk, order_id=oid, kind="outage", why="等光缆修复", approval=manager[1])
    row, (state, _w, _l) = _board_row(db, oid, D(2026, 11, 23, 18, 0))
    assert row.paused and state == "paused"
    fake_now(D(2026, 11, 24, 9, 0))
    wo.update_outage(db, actor=st.clerk, outage_id=outage, recovered_at=D(2026, 11, 24, 9, 0))
    row, (state, _w, _l) = _board_row(db, oid, D(2026, 11, 24, 9, 30))
    assert not row.paused and row.resolve_due == D(2026, 11, 24, 12, 0)  # 60 used, 180 from 09:00
    assert [e.kind for e in queries.get_order(db, oid).events][-2:] == ["paused", "resumed"]


def test_a_pause_after_the_deadline_does_not_hide_lateness(db, station, fake_now):
    oid = _dispatched(db, station, fake_now)
    fake_now(D(2026, 11, 23, 14, 0))  # due 13:00
    wo.pause_order(db, actor=station.clerk, order_id=oid, kind="asked_later", why="用户改约",
                   until=D(2026, 11, 23, 18, 0))
    row, (state, _w, _l) = _board_row(db, oid, D(2026, 11, 23, 15, 0))
    assert state == "late" and row.resolve_due == D(2026, 11, 23, 13, 0)


def test_resume_early_and_the_sla_report_counts_pauses(db, station, fake_now):
    st = station
    oid = _dispatched(db, st, fake_now)
    fake_now(D(2026, 11, 23, 9, 10))
    wo.record_response(db, actor=st.clerk, order_id=oid)
    fake_now(D(2026, 11, 23, 10, 0))
    wo.pause_order(db, actor=st.clerk, order_id=oid, kind="asked_later", why="用户下午在家",
                   until=D(2026, 11, 23, 16, 0))
    fake_now(D(2026, 11, 23, 12, 0))
    wo.resume_order(db, actor=st.clerk, order_id=oid, note="用户提前回家")
    with pytest.raises(DomainError, match="没有在暂停"):
        wo.resume_order(db, actor=st.clerk, order_id=oid)
    fake_now(D(2026, 11, 23, 14, 30))
    wo.return_order(db, actor=st.clerk, order_id=oid, work_done="修好")
    d = queries.get_order(db, oid)
    assert not d.sla.late and d.sla.resolution_minutes == 60 + 150 and d.sla.paused_minutes == 120
    rows = queries.sla_report(db, month="2026-11")
    (r,) = [r for r in rows if r.staff_id == st.tech1]
    assert r.paused_orders == 1 and r.paused_minutes == 120 and r.late_orders == 0


def test_pause_from_the_command_line_and_the_sla_sheet(tmp_path, monkeypatch, fake_now, capsys, pin_fd):
    import subprocess

    from station_desk.cli import main
    from station_desk.db.migrate import open_database
    from station_desk.reports.sla_sheet import write_sla_pdf
    from station_desk.staff import service as staff
    from tests.conftest import MANAGER_PIN
    from tests.fixtures.work_orders import make_staff

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    fake_now(D(2026, 11, 23, 9, 0))
    path = tmp_path / "cli.db"
    db = open_database(path, backup_before_migrate=False)
    boss = staff.create_first_manager(db, emp_no="M001", name="王经理", pin=MANAGER_PIN, hire_date=dt.date(2020, 1, 1))
    tech = make_staff(db, "T01", "张师傅", "technician")
    oid = wo.create_order(db, actor=boss, kind="repair", customer_name="陈大爷", description="断网")
    wo.dispatch_order(db, actor=boss, order_id=oid, technician_id=tech.staff_id)
    wo.record_response(db, actor=boss, order_id=oid)
    db.close()
    fake_now(D(2026, 11, 23, 10, 0))
    args = ["orders", "--db", str(path), "--as", "M001"]
    assert main(args + ["--pin-fd", pin_fd(MANAGER_PIN), "pause", str(oid), "--because", "asked_later",
                        "--until", "2026-11-26 10:00", "--reason", "用户出差"]) == 2  # three days: the manager's
    assert "批准工单暂停计时" in capsys.readouterr().err
    assert main(args + ["--pin-fd", pin_fd(MANAGER_PIN, MANAGER_PIN), "--manager", "M001", "pause", str(oid),
                        "--because", "asked_later", "--until", "2026-11-26 10:00", "--reason", "用户出差"]) == 0
    assert main(["orders", "--db", str(path), "board"]) == 0
    assert "暂停计时" in capsys.readouterr().out
    fake_now(D(2026, 11, 26, 11, 0))
    assert main(args + ["--pin-fd", pin_fd(MANAGER_PIN), "resume", str(oid)]) == 2  # the booked time has passed
    fake_now(D(2026, 11, 26, 12, 0))
    from station_desk.db.engine import Database

    db = Database(path)
    wo.return_order(db, actor=boss, order_id=oid, work_done="修好")
    pdf = tmp_path / "sla.pdf"
    write_sla_pdf(db, pdf, month="2026-11")
    db.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "暂停计时" in text and "1 / " in text
