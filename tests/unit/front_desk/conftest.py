"""Front-desk fixtures: a station with a manager, a clerk, an accounts clerk and a few customers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from station_desk.actor import Actor, ManagerApproval
from station_desk.customers import service as customers

CLERK_PIN = "1357"


@dataclass
class Desk:
    manager: Actor
    approval: ManagerApproval
    clerk: Actor
    accounts: Actor
    tech_id: int
    zsf: int  # 张三丰
    lisi: int  # 李四


def add_people(db, people):
    """Staff rows straight into the tables (the staff service's approvals are tested elsewhere; this keeps the
    fixture fast)."""
    from station_desk import clock
    from station_desk.staff.auth import hash_pin
    from station_desk.staff.models import RoleAssignment, Staff

    out = []
    with db.session() as s:
        for emp_no, name, role, pin in people:
            p = Staff(emp_no=emp_no, name=name, phone="", hire_date=dt.date(2024, 1, 1),
                      pin_hash=hash_pin(pin) if pin else None, created_at=clock.now())
            s.add(p)
            s.flush()
            s.add(RoleAssignment(staff_id=p.id, role=role, effective_from=p.hire_date))
            out.append(p)
    return out


@pytest.fixture
def desk(db, manager, fake_now) -> Desk:
    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    return make_desk(db, manager)


def make_desk(db, manager) -> Desk:
    """The front-desk station (also used by the GUI tests, which import it)."""
    actor, approval = manager
    clerk, acc, tech = add_people(db, [("Q01", "刘前台", "dispatch_clerk", CLERK_PIN),
                                       ("Q02", "陈内勤", "accounts_clerk", None), ("T01", "赵师傅", "technician", None)])
    a = customers.create_customer(db, actor=actor, account_no="GW001", name="张三丰", area="简易片区",
                                  building="幸福小区3栋", unit="2单元", address="301室", phone="13812345678",
                                  package="3.0", cycle="monthly", expiry_date=dt.date(2026, 12, 5))
    b = customers.create_customer(db, actor=actor, account_no="GW002", name="李四", area="肖家地片区",
                                  building="老街", address="18号", phone="13900001111", package="6.0",
                                  cycle="yearly", expiry_date=dt.date(2027, 5, 1))
    return Desk(actor, approval, Actor(clerk.id, clerk.name, "dispatch_clerk"),
                Actor(acc.id, acc.name, "accounts_clerk"), tech.id, a.id, b.id)
