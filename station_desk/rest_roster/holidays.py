"""PRC statutory holidays and make-up workdays (法定节假日 / 调休上班) for the roster, with the station's override.

The statutory calendar comes from the maintained ``chinese-calendar`` package (it knows the years the State Council
has published). A year it does not know has no official marks: the roster and attendance say so
(``rest_roster.overrides.calendar_warning_in``) until the manager enters or imports the year's days
(:class:`~station_desk.rest_roster.models.HolidayOverride`, ``overrides.import_holidays``); entered days win over
the library's. Pure: no database, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

HOLIDAY = "holiday"  # 法定假日
WORKDAY = "workday"  # 调休上班 (a weekend day worked)
NORMAL = "normal"  # neither (an override can clear the statutory mark)

KIND_LABELS = {HOLIDAY: "法定假日", WORKDAY: "调休上班", NORMAL: "正常"}

_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@dataclass(frozen=True)
class DayMark:
    kind: str  # holiday | workday
    name: str  # 国庆节, 调休, or the station's own text
    overridden: bool = False

    @property
    def short(self) -> str:
        return "休" if self.kind == HOLIDAY else "班"


def library_knows(year: int) -> bool:
    """Whether the calendar package holds the State Council's arrangement (放假调休安排) for ``year``."""
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - the package ships with the program
        return False
    try:
        chinese_calendar.get_holiday_detail(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def statutory(day: dt.date) -> DayMark | None:
    """The official mark of ``day`` (None for an ordinary day or a year the package does not know)."""
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - the package ships with the program
        return None
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    if on_holiday and name:
        return DayMark(HOLIDAY, _NAMES_ZH.get(name, name))
    if not on_holiday and day.weekday() >= 5:
        return DayMark(WORKDAY, "调休")
    return None


def marks_for(days: Iterable[dt.date], overrides: Mapping[dt.date, tuple[str, str]] | None = None
              ) -> dict[dt.date, DayMark]:
    """Holiday / make-up workday marks for ``days``; ``overrides`` maps a date to (kind, name) from the station."""
    overrides = overrides or {}
    out: dict[dt.date, DayMark] = {}
    for d in days:
        if d in overrides:
            kind, name = overrides[d]
            if kind in (HOLIDAY, WORKDAY):
                out[d] = DayMark(kind, name or ("节假日" if kind == HOLIDAY else "调休"), overridden=True)
            continue
        mark = statutory(d)
        if mark is not None:
            out[d] = mark
    return out
