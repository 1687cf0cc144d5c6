"""Station time. Everything stored is local station time (China has no DST; the offset is kept in the stored
text so it stays unambiguous). Tests and the benchmark inject a fake clock with :func:`set_fake_now`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

STATION_TZ = dt.timezone(dt.timedelta(hours=8), "CST")

_now_fn: Callable[[], dt.datetime] | None = None


def now() -> dt.datetime:
    """Naive local station time, to the second."""
    if _now_fn is not None:
        return _now_fn().replace(microsecond=0)
    return dt.datetime.now(STATION_TZ).replace(tzinfo=None, microsecond=0)


def today() -> dt.date:
    return now().date()


def set_fake_now(value: dt.datetime | Callable[[], dt.datetime] | None) -> None:
    """Freeze (a datetime) or drive (a callable) the clock; ``None`` restores the real one."""
    global _now_fn
    if value is None:
        _now_fn = None
    elif callable(value):
        _now_fn = value
    else:
        fixed = value
        _now_fn = lambda: fixed  # noqa: E731


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str) -> tuple[int, int]:
    """'2026-10' → (2026, 10); raises ValueError on anything else."""
    year, month = text.strip().split("-")
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        raise ValueError(text)
    return y, m


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First day and the first day of the next month (half-open)."""
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, end
