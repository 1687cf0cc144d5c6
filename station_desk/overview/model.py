"""Plain values the overview hands to its view: a number with the key of the rows behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Metric:
    """One number on the overview. ``key`` names the rows behind it (``drill.rows_for``); ``level`` is
    '' (plain), 'warn' (near a limit) or 'bad' (past it)."""

    key: str
    label: str
    value: str
    level: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    metrics: tuple[Metric, ...]
    tab: str = ""  # the tab that keeps these records


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """What a chart shows: categories on the x axis, one or more series, an optional threshold line."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    threshold: float | None = None
    threshold_label: str = ""
    note: str = ""  # e.g. 暂定 (the month is not over)
    keys: tuple[str, ...] = ()  # drill key per category


@dataclass(frozen=True)
class Today:
    day: dt.date
    at: dt.datetime
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class MonthView:
    month: str
    sections: tuple[Section, ...]
    charts: tuple[Chart, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CheckItem:
    """One month-end duty: done / due / late, its due date, and the tab that does it."""

    key: str
    label: str
    due: dt.date
    status: str  # done | due | late
    detail: str
    tab: str

    @property
    def status_label(self) -> str:
        return {"done": "已完成", "due": "待办", "late": "已逾期"}[self.status]


@dataclass(frozen=True)
class Drill:
    """The rows behind a number."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    tab: str = ""
