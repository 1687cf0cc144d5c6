"""The month-end USB reminder: from the last day of a month until a USB backup covering that month exists."""

from __future__ import annotations

import datetime as dt

from station_desk.backup import service as bs


def test_covered_month():
    assert bs.covered_month(dt.date(2026, 11, 30)) == "2026-11"  # the last day closes its own month
    assert bs.covered_month(dt.date(2026, 11, 29)) == "2026-10"
    assert bs.covered_month(dt.date(2026, 12, 1)) == "2026-11"
    assert bs.covered_month(dt.date(2026, 12, 31)) == "2026-12"
    assert bs.covered_month(dt.date(2027, 1, 15)) == "2026-12"
    assert bs.covered_month(dt.date(2028, 2, 29)) == "2028-02"  # leap day is the last day
    assert bs.covered_month(dt.date(2028, 2, 28)) == "2028-01"


def test_reminder_until_a_backup_of_that_month_exists(db):
    path = db.path
    assert bs.usb_backup_due(path, dt.date(2026, 11, 30)) == "2026-11"
    assert bs.usb_reminder_text(path, dt.date(2026, 11, 30)) == "2026-11 的月末 U 盘备份还没有做。"
    bs._update_state(path, lambda s: s.__setitem__("external", [{"at": "2026-11-30T17:00:00", "path": "x",
                                                                  "month": "2026-11"}]))
    assert bs.usb_backup_due(path, dt.date(2026, 11, 30)) is None
    assert bs.usb_backup_due(path, dt.date(2026, 12, 20)) is None  # still November's turn: done
    assert bs.usb_backup_due(path, dt.date(2026, 12, 31)) == "2026-12"
    assert bs.usb_backup_due(path, dt.date(2027, 1, 3)) == "2026-12"  # a late backup is still asked for
