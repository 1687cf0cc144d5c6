"""A small station for the points tests: one person per role, facts created directly in the tables."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from station_desk import clock
from station_desk.actor import Actor
from station_desk.customers.models import Customer, Renewal, SignUp
from station_desk.points_ledger.service import credit_in
from station_desk.staff.models import RoleAssignment, Staff

PEOPLE = [("R01", "任续费", "renewal_specialist"), ("A01", "安税控", "accounts_clerk"),
          ("S01", "孙服务", "service_supervisor"), ("K01", "孔市场", "marketing_supervisor"),
          ("T01", "田技一", "technician"), ("T02", "唐技二", "technician"), ("X01", "萧销一", "sales_rep"),
          ("X02", "谢销二", "sales_rep"), ("D01", "丁内勤", "dispatch_clerk")]


@pytest.fixture
def station(db, manager, fake_now):
    fake_now(dt.datetime(2026, 11, 3, 18, 0))
    actor, approval = manager
    ids = {"M001": actor.staff_id}
    with db.session() as s:  # directly in the tables: add_staff checks the manager's PIN each time (slow hash)
        for emp, name, role in PEOPLE:
            p = Staff(emp_no=emp, name=name, hire_date=dt.date(2025, 1, 1), created_at=clock.now())
            s.add(p)
            s.flush()
            s.add(RoleAssignment(staff_id=p.id, role=role, effective_from=p.hire_date))
            ids[emp] = p.id
    clerk = Actor(ids["D01"], "丁内勤", "dispatch_clerk")
    return SimpleNamespace(db=db, actor=actor, approval=approval, ids=ids, clerk=clerk)


_n = [0]


def customer(s, *, cycle="monthly", package="3.0", expiry=None, area="简易片区") -> int:
    _n[0] += 1
    c = Customer(account_no=f"C{_n[0]:06d}", name=f"用户{_n[0]}", area=area, package=package, cycle=cycle,
                 expiry_date=expiry, created_at=clock.now())
    s.add(c)
    s.flush()
    return c.id


def renewal(s, cid, *, day, expiry_before, cycle="monthly", before="3.0", after=None, amount_fen=10000,
            handled_by=None, recommended_by=None) -> int:
    r = Renewal(customer_id=cid, day=day, cycle=cycle, package_before=before, package_after=after or before,
                amount_fen=amount_fen, expiry_before=expiry_before, expiry_after=expiry_before + dt.timedelta(days=30),
                handled_by_id=handled_by, recommended_by_id=recommended_by, created_at=clock.now())
    s.add(r)
    s.flush()
    return r.id


def signup(s, *, by, day, area="简易片区", income_fen=70000, installed_on=None, team="", status=None) -> int:
    st = status or ("installed" if installed_on else "pending")
    r = SignUp(day=day, signed_by_id=by, area=area, income_fen=income_fen, status=st, installed_on=installed_on,
               team=team, created_at=clock.now())
    s.add(r)
    s.flush()
    return r.id


def points(s, sid, day, x100, kind="order", rule="work_order.closed", source="work_order", source_id=None):
    _n[0] += 1
    return credit_in(s, actor=Actor(None, "系统"), staff_id=sid, day=day, points_x100=x100, kind=kind, rule=rule,
                     source_kind=source, source_id=source_id or _n[0])
