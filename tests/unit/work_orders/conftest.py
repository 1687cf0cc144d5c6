from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from station_desk.actor import Actor
from station_desk.staff import service as staff


@dataclass
class Station:
    manager: Actor
    approval: object
    clerk: Actor
    tech1: int
    tech2: int


@pytest.fixture
def station(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 0))
    actor, approval = manager
    c = staff.add_staff(db, actor=actor, approval=approval, emp_no="D01", name="刘内勤", role="dispatch_clerk",
                        hire_date=dt.date(2024, 1, 1))
    t1 = staff.add_staff(db, actor=actor, approval=approval, emp_no="T01", name="张师傅", role="technician",
                         hire_date=dt.date(2024, 1, 1))
    t2 = staff.add_staff(db, actor=actor, approval=approval, emp_no="T02", name="李师傅", role="technician",
                         hire_date=dt.date(2024, 1, 1))
    return Station(actor, approval, Actor(c.id, c.name, "dispatch_clerk"), t1.id, t2.id)
