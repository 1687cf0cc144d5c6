"""Station time. Everything stored is local station time (China has no DST; the offset is kept in the stored
text so it stays unambiguous). Tests and the benchmark inject a fake clock with :func:`set_fake_now`."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Callable

STATION_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
#: Start the program's clock at another station time (``STATION_DESK_NOW=2027-01-31T19:50 station-desk --demo``):
#: it then runs on from there. For trying month ends and deadlines by hand, the demo and the benchmark.
ENV_NOW = "STATION_DESK_NOW"

_now_fn: Callable[[], dt.datetime] | None = None


def _running_from(start: dt.datetime) -> Callable[[], dt.datetime]:
    t0 = time.monotonic()
    return lambda: start + dt.timedelta(seconds=time.monotonic() - t0)


def parse_station_time(text: str) -> dt.datetime:
    """'2027-01-01T00:05' (station time) or an ISO time with an offset → naive station time; ValueError else."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is not None:
        value = value.astimezone(STATION_TZ).replace(tzinfo=None)
    return value.replace(microsecond=0)


if os.environ.get(ENV_NOW):
    _now_fn = _running_from(parse_station_time(os.environ[ENV_NOW]))


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


@contextlib.contextmanager
def fake_time(value: dt.datetime | Callable[[], dt.datetime]):
    """Run a block at another station time (frozen, or driven by a callable); the clock it had is put back."""
    before = _now_fn
    set_fake_now(value)
    try:
        yield
    finally:
        set_fake_now(before)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str) -> tuple[int, int]:
    """'2026-10' → (2026, 10); raises ValueError on anything else."""
    year, month = text.strip().split("-")
    y, m = int(year), int(month)
    if not 1 <= m <= 12 or not 1900 <= y <= 9998:  # a month whose next month is still a date
        raise ValueError(text)
    return y, m


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First day and the first day of the next month (half-open)."""
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, end
