"""The Month value type: parsing, bounds, moving across year ends, refusals in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.errors import DomainError
from station_desk.month import Month


def test_parse_and_text():
    assert Month.parse("2026-11") == Month(2026, 11) == Month.parse(" 2026-11 ") == Month.parse("202611")
    assert str(Month(2027, 1)) == "2027-01" and Month(2027, 1).label() == "2027年1月"


@pytest.mark.parametrize("bad", ["", "2026", "2026-13", "2026-00", "9999-12", "abcd-ef", "2026-1-1", None])
def test_bad_months_are_refused_in_chinese(bad):
    with pytest.raises(DomainError, match="月份"):
        Month.parse(bad)


def test_bounds_and_moves_across_year_ends_and_leap_years():
    feb = Month(2028, 2)
    assert feb.bounds() == (dt.date(2028, 2, 1), dt.date(2028, 3, 1)) and feb.last == dt.date(2028, 2, 29)
    assert len(feb.days()) == 29 and feb.contains(dt.date(2028, 2, 29)) and not feb.contains(dt.date(2028, 3, 1))
    assert Month(2026, 12).next() == Month(2027, 1) and Month(2027, 1).prev() == Month(2026, 12)
    assert Month(2026, 11).plus(-23) == Month(2024, 12) and Month.of(dt.date(2027, 12, 31)) == Month(2027, 12)
    assert sorted([Month(2027, 1), Month(2026, 12)]) == [Month(2026, 12), Month(2027, 1)]
