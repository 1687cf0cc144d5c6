"""Issue 14 item 11: a year without an official holiday arrangement (2027 is not in chinese-calendar) is said
plainly in the roster and attendance; the manager enters or imports the year's holidays; entered days win."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.attendance import summary
from station_desk.errors import DomainError
from station_desk.rest_roster import holidays, overrides
from station_desk.rest_roster import service as roster

ARRANGEMENT_2027 = """\
# 2027 年放假调休安排（示例）
2027-01-01..2027-01-03 休 元旦
2027-02-06..2027-02-12 休 春节
2027-02-14 班 春节调休
2027-02-20, 班, 春节调休
"""


def test_2027_is_unknown_to_the_library_and_the_roster_says_so(station):
    assert not holidays.library_knows(2027) and holidays.library_knows(2026)
    jan = roster.get_month(station.db, month="2027-01")
    assert dt.date(2027, 1, 1) not in jan.marks  # no silent holiday, but…
    assert "2027" in jan.calendar_warning and "法定节假日" in jan.calendar_warning
    assert roster.get_month(station.db, month="2026-12").calendar_warning == ""


def test_attendance_says_so_too(station):
    warning = overrides.calendar_warning(station.db, days=roster.month_days("2027-03"))
    assert "2027" in warning
    assert summary.month_warning(station.db, month="2027-03") == warning
    assert summary.month_warning(station.db, month="2026-11") == ""


def test_import_of_the_year_fills_the_marks_and_ends_the_warning(station):
    lines = overrides.import_holidays(station.db, actor=station.manager, text=ARRANGEMENT_2027)
    assert len(lines) == 3 + 7 + 2
    jan = roster.get_month(station.db, month="2027-01")
    assert jan.calendar_warning == ""
    assert jan.marks[dt.date(2027, 1, 1)].name == "元旦" and jan.marks[dt.date(2027, 1, 1)].short == "休"
    feb = roster.get_month(station.db, month="2027-02")
    assert feb.marks[dt.date(2027, 2, 14)].short == "班" and feb.marks[dt.date(2027, 2, 20)].name == "春节调休"


def test_entered_days_win_over_the_library(station):
    overrides.import_holidays(station.db, actor=station.manager, text="2026-10-01 班 站里值班\n2026-10-20 休 站庆\n")
    oct_ = roster.get_month(station.db, month="2026-10")
    assert oct_.marks[dt.date(2026, 10, 1)].short == "班" and oct_.marks[dt.date(2026, 10, 20)].name == "站庆"


@pytest.mark.parametrize("text, line", [
    ("2027-01-01 休 元旦\n2027-13-01 休 错\n", 2),
    ("2027-01-01 放 元旦\n", 1),
    ("2027-01-01 休\n2027-01-01 班\n", 2),
    ("2027-01-03..2027-01-01 休 元旦\n", 1),
])
def test_a_bad_line_refuses_the_whole_file(station, text, line):
    with pytest.raises(DomainError, match=f"第 {line} 行"):
        overrides.import_holidays(station.db, actor=station.manager, text=text)
    assert roster.get_month(station.db, month="2027-01").marks == {}


def test_only_the_manager_imports(station):
    with pytest.raises(DomainError, match="经理的密码"):
        overrides.import_holidays(station.db, actor=station.actor("李前台"), text="2027-01-01 休 元旦\n")
