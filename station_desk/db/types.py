"""Column types. Times are station-local and stored as ISO text with the +08:00 offset, so a stored value is
unambiguous and sorts as text; Python code always sees naive station-local datetimes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

from station_desk.clock import STATION_TZ


#: the offset every stored time carries (station time is UTC+8 all year: China keeps no summer time)
STORED_OFFSET = "+08:00"


class StationDateTime(TypeDecorator):
    impl = String(25)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is not None:
            value = value.astimezone(STATION_TZ).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + STORED_OFFSET

    def process_result_value(self, value: str | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.endswith(STORED_OFFSET):  # as the program stores it: the text before the offset is station time
            return dt.datetime.fromisoformat(value[:-6])
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(STATION_TZ).replace(tzinfo=None)
        return parsed


def to_db_text(value: dt.datetime) -> str:
    """The stored text of a datetime, for raw SQL comparisons (``WHERE at >= :x``)."""
    return StationDateTime().process_bind_param(value, None)  # type: ignore[return-value]
