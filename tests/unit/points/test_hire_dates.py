"""Issue #14 item 9: hire dates and closed results. Nobody is absent before their hire date or before their first
clock-in; a locked month's points are frozen; a change that would alter an open month says so, with the
difference, before it is saved."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk import clock
from station_desk.attendance import service as A
from station_desk.month_close import service as close
from station_desk.points import impact
from station_desk.points import month as M
from station_desk.rest_roster import service as roster
from station_desk.staff import service as staff
from tests.fixtures.points import points

NOV = "2026-11"


def _kinds(db, day, staff_id):
    return sorted(r.kind for r in A.day_exceptions(db, day=day) if r.staff_id == staff_id)


def _tech_points(db, ids, months=("2026-10", "2026-11")):
    with db.session() as s:
        for key in months:
            y, m = clock.parse_month(key)
            points(s, ids["T01"], dt.date(y, m, 2), 40000)
            points(s, ids["T02"], dt.date(y, m, 2), 30000)


def test_a_person_added_with_a_past_hire_date_is_not_absent_before_the_program_knew_them(station, fake_now):
    db, ids = station.db, station.ids
    roster.save_plan(db, actor=station.actor, month="2026-11", cells={})  # everybody on the early shift
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    row = staff.add_staff(db, actor=station.actor, approval=station.approval, emp_no="T09", name="新技工",
                          role="technician", hire_date=dt.date(2026, 9, 1))
    assert _kinds(db, dt.date(2026, 11, 10), row.id) == []  # not 30 days of 旷工
    assert _kinds(db, dt.date(2026, 8, 31), row.id) == []


def test_the_first_day_starts_at_the_first_clock_in(station, fake_now):
    db, ids = station.db, station.ids
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    row = staff.add_staff(db, actor=station.actor, approval=station.approval, emp_no="T09", name="新技工",
                          role="technician", hire_date=dt.date(2026, 12, 7))
    roster.save_plan(db, actor=station.actor, month="2026-12", cells={})
    fake_now(dt.datetime(2026, 12, 10, 20, 0))
    for day in (7, 8):  # in at 11:00 on the first day (onboarding) and on the second
        A.enter_punch(db, actor=station.actor, staff_id=row.id, at=dt.datetime(2026, 12, day, 11, 0), kind="in")
        A.enter_punch(db, actor=station.actor, staff_id=row.id, at=dt.datetime(2026, 12, day, 16, 30), kind="out")
    assert _kinds(db, dt.date(2026, 12, 4), row.id) == []  # before the hire date
    assert _kinds(db, dt.date(2026, 12, 7), row.id) == []  # the first day: nothing before the first clock-in
    assert _kinds(db, dt.date(2026, 12, 8), row.id) == ["late"]
    assert _kinds(db, dt.date(2026, 12, 9), row.id) == ["absent"]


def test_a_locked_month_is_frozen_against_a_person_added_later(station, fake_now):
    db, ids = station.db, station.ids
    _tech_points(db, ids, ("2026-10",))
    close.lock_month(db, actor=station.actor, approval=station.approval, month="2026-10")
    before = M.month_points(db, "2026-10").to_json()
    staff.add_staff(db, actor=station.actor, approval=station.approval, emp_no="T09", name="新技工",
                    role="technician", hire_date=dt.date(2026, 9, 1))
    assert M.month_points(db, "2026-10").to_json() == before


def test_adding_a_person_with_a_past_hire_date_previews_the_open_months_it_changes(station, fake_now):
    db, ids = station.db, station.ids
    _tech_points(db, ids)
    close.lock_month(db, actor=station.actor, approval=station.approval, month="2026-10")
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    sup_before = M.month_points(db, NOV).person(ids["S01"]).total_x100
    found = impact.preview_add_staff(db, emp_no="T09", name="新技工", role="technician",
                                     hire_date=dt.date(2026, 9, 1))
    assert found.changes and found.frozen == ("2026-10",)
    nov = next(m for m in found.months if m.month == NOV)
    sup = next(c for c in nov.changes if c.staff_id == ids["S01"])
    # technicians (400 + 300) / 2 × 1.5 = 525 → (400 + 300 + 0) / 3 × 1.5 = 350; both − 20 (no training held)
    assert (sup.before_x100, sup.after_x100) == (sup_before, 33000) and sup_before == 50500
    new = next(c for c in nov.changes if c.name == "新技工")
    assert new.before_x100 is None and new.after_x100 == 0
    text = "\n".join(found.lines())
    assert "2026-11" in text and "孙服务" in text and "505.00 → 330.00" in text and "2026-10 已结账" in text
    assert not any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))  # nothing saved
    # a person hired today changes no month
    assert not impact.preview_add_staff(db, emp_no="T09", name="新技工", role="technician",
                                        hire_date=dt.date(2026, 12, 4)).changes


def test_changing_a_hire_date_previews_the_difference(station, fake_now):
    db, ids = station.db, station.ids
    _tech_points(db, ids, ("2026-11",))
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    # T02's hire date corrected to December: November's technicians would be T01 alone
    found = impact.preview_hire_date(db, staff_id=ids["T02"], hire_date=dt.date(2026, 12, 1))
    nov = next(m for m in found.months if m.month == NOV)
    changes = {c.staff_id: (c.before_x100, c.after_x100) for c in nov.changes}
    assert changes[ids["T02"]] == (30000, None) and changes[ids["S01"]] == (50500, 58000)
    assert impact.preview_hire_date(db, staff_id=ids["T02"], hire_date=dt.date(2025, 1, 1)).months == ()


def test_command_line_shows_the_difference_and_asks_before_saving(station, fake_now, capsys, pin_fd):
    from station_desk.cli import main

    db, ids = station.db, station.ids
    _tech_points(db, ids)
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    add = ["staff", "add", "--db", db.address, "--emp-no", "T09", "--name", "新技工", "--role", "technician",
           "--hire-date", "2026-09-01", "--manager", "M001"]
    assert main(add + ["--pin-fd", pin_fd("2468")]) == 2
    captured = capsys.readouterr()
    assert "孙服务" in captured.out + captured.err and "--yes" in captured.err
    assert not any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))
    assert main(add + ["--yes", "--pin-fd", pin_fd("2468")]) == 0
    assert "孙服务" in capsys.readouterr().out
    assert any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))


def test_the_register_spreadsheet_shows_the_difference_and_asks_before_importing(station, fake_now, capsys, pin_fd,
                                                                                 tmp_path):
    import openpyxl

    from station_desk.cli import main

    db, ids = station.db, station.ids
    _tech_points(db, ids)
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "岗位", "入职日期"])
    ws.append(["T09", "新技工", "服务人员", "2026-09-01"])
    ws.append(["X09", "新销售", "销售代表", "2026-12-20"])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    found = impact.preview_add_people(db, [dict(emp_no="T09", name="新技工", role="technician",
                                                hire_date=dt.date(2026, 9, 1))])
    assert any(c.staff_id == ids["S01"] for m in found.months for c in m.changes)
    cmd = ["customers", "import-staff", str(path), "--db", db.address, "--manager", "M001"]
    assert main(cmd + ["--pin-fd", pin_fd("2468")]) != 0
    captured = capsys.readouterr()
    assert "孙服务" in captured.out and "--yes" in captured.err
    assert not any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))
    assert main(cmd + ["--yes", "--pin-fd", pin_fd("2468")]) == 0
    assert {"T09", "X09"} <= {p.emp_no for p in staff.list_staff(db, include_left=True)}


def test_the_month_summary_counts_no_rostered_day_before_the_start(station, fake_now):
    from station_desk.attendance.summary import month_summary

    db, ids = station.db, station.ids
    roster.save_plan(db, actor=station.actor, month="2026-11", cells={})
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    row = staff.add_staff(db, actor=station.actor, approval=station.approval, emp_no="T09", name="新技工",
                          role="technician", hire_date=dt.date(2026, 9, 1))
    (mine,) = [r for r in month_summary(db, month="2026-11") if r.staff_id == row.id]
    assert (mine.rostered, mine.absent) == (0, 0)


def test_a_month_file_adding_a_past_hire_shows_the_difference_and_asks_before_loading(station, fake_now, capsys,
                                                                                      pin_fd, tmp_path):
    """The headless month file obeys the same rule as the dialog and ``staff add`` (nothing loaded without --yes)."""
    import json

    from station_desk.cli import main

    db, ids = station.db, station.ids
    _tech_points(db, ids)
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    path = tmp_path / "month.json"
    path.write_text(json.dumps({"month": "2026-11", "staff": [
        {"emp_no": "T09", "name": "新技工", "role": "technician", "hire_date": "2026-09-01"}]}), encoding="utf-8")
    cmd = ["points", "load", str(path), "--db", db.address, "--as", "M001"]
    assert main(cmd + ["--pin-fd", pin_fd("2468")]) == 2
    captured = capsys.readouterr()
    assert "孙服务" in captured.out and "--yes" in captured.err
    assert not any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))
    assert main(cmd + ["--yes", "--pin-fd", pin_fd("2468")]) == 0
    assert any(p.emp_no == "T09" for p in staff.list_staff(db, include_left=True))
