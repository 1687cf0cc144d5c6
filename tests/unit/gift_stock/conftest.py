"""Fixtures for the gift inventory tests: a manager, a clerk, customers with a renewal and a sign-up, two items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from station_desk.actor import Actor, ManagerApproval
from station_desk.customers.models import Customer, Renewal, SignUp
from station_desk.gift_stock import service as gifts
from station_desk.staff import service as staff

TODAY = dt.date(2026, 11, 20)


@dataclass
class Station:
    db: object
    manager: Actor
    approval: ManagerApproval
    clerk: Actor
    cust_a: int
    cust_b: int
    renewal_a: int  # customer A renewed yearly, 3.0 → 6.0 (also an upgrade)
    signup_b: int  # customer B new install, 6.0 monthly
    mug: int
    cooker: int


def add_customer(db, account: str, name: str, package="3.0", cycle="monthly") -> int:
    with db.session() as s:
        c = Customer(account_no=account, name=name, package=package, cycle=cycle, created_at=dt.datetime(2026, 1, 1))
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def station(db, manager, fake_now) -> Station:
    fake_now(dt.datetime(2026, 11, 20, 10, 0))
    actor, approval = manager
    row = staff.add_staff(db, actor=actor, approval=approval, emp_no="D001", name="李晓燕", role="dispatch_clerk",
                          hire_date=dt.date(2024, 1, 1))
    clerk = Actor(row.id, row.name, "dispatch_clerk")
    a = add_customer(db, "A001", "张三", "6.0", "yearly")
    b = add_customer(db, "B001", "李四", "6.0", "monthly")
    with db.session() as s:
        r = Renewal(customer_id=a, day=dt.date(2026, 11, 2), cycle="yearly", package_before="3.0",
                    package_after="6.0", amount_fen=60000, created_at=dt.datetime(2026, 11, 2, 9))
        su = SignUp(customer_id=b, day=dt.date(2026, 11, 3), package="6.0", cycle="monthly",
                    created_at=dt.datetime(2026, 11, 3, 9))
        s.add(r)
        s.add(su)
        s.flush()
        rid, sid = r.id, su.id
    mug = gifts.add_item(db, actor=clerk, name="保温杯", unit="个", unit_cost_fen=2550, low_stock=3).id
    cooker = gifts.add_item(db, actor=clerk, name="电饭煲", unit="台", unit_cost_fen=12000).id
    return Station(db, actor, approval, clerk, a, b, rid, sid, mug, cooker)
