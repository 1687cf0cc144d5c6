"""A calendar month of the station, as one value: ``Month(2026, 11)``, ``Month.parse("2026-11")``.

Services speak months in this type (the period locks, the points and rewards months, the sheets); its text form
``"2026-11"`` is what is stored and shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from station_desk.errors import DomainError


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1900 <= self.year <= 9998):
            raise DomainError("bad_month", month=f"{self.year}-{self.month}")

    # -- making one ---------------------------------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: "str | Month") -> "Month":
        """'2026-11' (or '2026-1', '202611') → Month; a Chinese refusal for anything else."""
        if isinstance(text, Month):
            return text
        raw = str(text or "").strip()
        try:
            if "-" in raw:
                year, month = raw.split("-")
            elif len(raw) == 6 and raw.isdigit():
                year, month = raw[:4], raw[4:]
            else:
                raise ValueError(raw)
            return cls(int(year), int(month))
        except (ValueError, TypeError):
            raise DomainError("bad_month", month=raw[:20]) from None

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    # -- what it is -----------------------------------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.key

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The first day of the next month (half-open bounds)."""
        return self.next().first

    @property
    def last(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.date, dt.date]:
        return self.first, self.end

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range(self.last.day)]

    def contains(self, day: dt.date) -> bool:
        return self.first <= day < self.end

    # -- moving -----------------------------------------------------------------------------------------------------------
    def plus(self, n: int) -> "Month":
        idx = self.year * 12 + (self.month - 1) + n
        return Month(idx // 12, idx % 12 + 1)

    def next(self) -> "Month":
        return self.plus(1)

    def prev(self) -> "Month":
        return self.plus(-1)

    def label(self) -> str:
        return f"{self.year}年{self.month}月"
