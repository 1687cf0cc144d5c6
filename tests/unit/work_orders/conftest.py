from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from station_desk.actor import Actor


def make_staff(db, emp_no: str, name: str, role: str) -> Actor:
    """A person inserted directly (no PIN hashing: keeps the module's tests fast)."""
    from station_desk.staff.models import RoleAssignment, Staff

    with db.session() as s:
        p = Staff(emp_no=emp_no, name=name, hire_date=dt.date(2024, 1, 1), created_at=dt.datetime(2024, 1, 1))
        s.add(p)
        s.flush()
        s.add(RoleAssignment(staff_id=p.id, role=role, effective_from=dt.date(2024, 1, 1)))
        return Actor(p.id, name, role)


def set_policy_from(db, day: dt.date, policy) -> None:
    from station_desk.policy.models import PolicyVersion

    with db.session() as s:
        s.add(PolicyVersion(effective_from=day, data=policy.model_dump_json(), created_at=dt.datetime(2026, 1, 1),
                            created_by="test"))


@dataclass
class Station:
    manager: Actor
    clerk: Actor
    tech1: int
    tech2: int


@pytest.fixture
def station(db, fake_now):
    fake_now(dt.datetime(2026, 11, 23, 9, 0))
    m = make_staff(db, "M01", "王经理", "manager")
    c = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    t1 = make_staff(db, "T01", "张师傅", "technician")
    t2 = make_staff(db, "T02", "李师傅", "technician")
    return Station(m, c, t1.staff_id, t2.staff_id)
