"""Fixtures for roster / attendance / leave tests: a station of eight (manager, two desk clerks, five others)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from station_desk.actor import Actor, ManagerApproval
from station_desk.staff.models import RoleAssignment, Staff

TODAY = dt.datetime(2026, 11, 20, 9, 0)

PEOPLE = [
    ("D01", "李前台", "dispatch_clerk", dt.date(2021, 3, 1)),
    ("A01", "赵税控", "accounts_clerk", dt.date(2022, 5, 1)),
    ("T01", "钱师傅", "technician", dt.date(2020, 6, 1)),
    ("T02", "孙师傅", "technician", dt.date(2026, 5, 1)),  # under one year of service
    ("S01", "周销售", "sales_rep", dt.date(2023, 1, 1)),
    ("R01", "吴续费", "renewal_specialist", dt.date(2023, 2, 1)),
    ("P01", "郑宣传", "promoter", dt.date(2024, 4, 1)),
]


@dataclass
class Station:
    db: object
    manager: Actor
    approval: ManagerApproval
    ids: dict[str, int] = field(default_factory=dict)  # name → staff id

    def actor(self, name: str) -> Actor:
        return Actor(self.ids[name], name)


@pytest.fixture
def station(db, manager, fake_now) -> Station:
    fake_now(TODAY)
    actor, approval = manager
    st = Station(db, actor, approval, {"王经理": actor.staff_id})
    # direct inserts: add_staff would check the manager's PIN (scrypt) seven times per test
    with db.session() as s:
        for emp_no, name, role, hired in PEOPLE:
            person = Staff(emp_no=emp_no, name=name, hire_date=hired, created_at=TODAY)
            s.add(person)
            s.flush()
            s.add(RoleAssignment(staff_id=person.id, role=role, effective_from=hired))
            st.ids[name] = person.id
    return st
