"""The month-end checklist on the 3rd, the 6th and the 28th of a month (issue #20): what is done, due and late,
with the dates from policy."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.errors import DomainError
from station_desk.overview import checklist as cl
from station_desk.periods import service as periods


def _by_key(db, day):
    return {i.key: i for i in cl.checklist(db, day)}


def test_on_the_3rd_the_lock_and_the_sheets_are_due_and_last_months_usb_backup_is_late(db, manager, fake_now):
    fake_now(dt.datetime(2027, 1, 3, 9, 0))
    items = _by_key(db, dt.date(2027, 1, 3))
    assert items["points_lock"].status == "due" and items["points_lock"].due == dt.date(2027, 1, 5)
    assert "2026年12月" in items["points_lock"].label and items["points_lock"].tab == "points"
    for sheet in ("points", "accounts", "rewards"):
        assert items[f"post_{sheet}"].status == "due" and items[f"post_{sheet}"].due == dt.date(2027, 1, 7)
    assert items["post_roster"].status == "due" and items["post_roster"].due == dt.date(2027, 1, 31)
    assert items["usb_backup"].status == "late" and items["usb_backup"].due == dt.date(2026, 12, 31)
    assert items["invoices"].status == "late" and items["invoices_week"].status == "due"
    assert "holidays" not in items  # asked for from November only


def test_on_the_6th_the_unlocked_points_month_is_late_until_locked(db, manager, fake_now):
    actor, approval = manager
    fake_now(dt.datetime(2027, 1, 6, 9, 0))
    items = _by_key(db, dt.date(2027, 1, 6))
    assert items["points_lock"].status == "late" and items["post_points"].status == "due"
    assert "points_lock" in {i.key for i in cl.late_items(db, dt.date(2027, 1, 6))}
    periods.lock_month(db, actor=actor, approval=approval, scope="points", month="2026-12")
    cl.record_sheet_posted(db, actor=actor, sheet="points", month="2026-12")
    items = _by_key(db, dt.date(2027, 1, 6))
    assert items["points_lock"].status == "done" and items["post_points"].status == "done"
    assert items["post_accounts"].status == "due"


def test_on_the_28th_unposted_sheets_are_late_and_next_months_roster_is_due(db, manager, fake_now):
    actor, _ = manager
    fake_now(dt.datetime(2027, 1, 28, 9, 0))
    cl.record_sheet_posted(db, actor=actor, sheet="accounts", month="2026-12")
    items = _by_key(db, dt.date(2027, 1, 28))
    assert items["post_rewards"].status == "late" and items["post_points"].status == "late"
    assert items["post_accounts"].status == "done"
    assert items["post_roster"].status == "due" and "2027年2月" in items["post_roster"].label
    assert items["post_roster"].detail == "下月排休尚未排定"


def test_from_november_next_years_holidays_are_asked_for(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 10, 9, 0))
    items = _by_key(db, dt.date(2026, 11, 10))
    assert items["holidays"].due == dt.date(2026, 12, 31) and items["holidays"].status in ("done", "due")
    assert "2027" in items["holidays"].label


def test_an_unknown_sheet_is_refused(db, manager):
    with pytest.raises(DomainError):
        cl.record_sheet_posted(db, actor=manager[0], sheet="nonsense", month="2026-12")
