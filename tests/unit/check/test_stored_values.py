"""The one rule for stored values (issue #18 §8), applied at the one write road: whatever service writes a row, NUL,
ESC, U+202E, an over-long text, a date outside the station's range or an absurd number is refused with a Chinese
DomainError and nothing of the transaction is stored."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.errors import DomainError
from sqlmodel import select

from station_desk.staff.models import Staff


@pytest.mark.parametrize("field,value,words", [
    ("name", "张\x00三", "控制字符"), ("name", "\x1b[31m红", "控制字符"), ("name", "\u202e反向", "控制字符"),
    ("name", "长" * 21, "超过 20 个字"), ("hire_date", dt.date(1, 1, 1), "不在"), ("hire_date", dt.date(2999, 1, 1), "不在"),
    ("failed_pins", 10**15, "超出范围"),
])
def test_a_row_written_past_every_service_check_is_still_refused(db, manager, field, value, words):
    before = _names(db)
    with pytest.raises(DomainError) as e, db.session() as s:
        person = s.get(Staff, manager[0].staff_id)
        setattr(person, field, value)
        s.add(person)
    assert words in e.value.message and e.value.code == "input.stored_invalid"
    assert _names(db) == before


def _names(db):
    with db.read() as s:
        return [(p.name, p.hire_date, p.failed_pins) for p in s.exec(select(Staff)).all()]
