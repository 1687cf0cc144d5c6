"""Demo staff: ~15 people across the SPEC §1 roles, each with PIN 1234."""

from __future__ import annotations

import datetime as dt

from station_desk.actor import Actor, ManagerApproval
from station_desk.demo import DEMO_PIN, DemoContext
from station_desk.demo.names import mobile
from station_desk.staff import service as staff
from station_desk.staff.roles import Role

PEOPLE = [
    ("M001", "王建国", Role.MANAGER, 2016),
    ("D001", "李晓燕", Role.DISPATCH_CLERK, 2019),
    ("D002", "陈丹丹", Role.DISPATCH_CLERK, 2022),
    ("A001", "刘春梅", Role.ACCOUNTS_CLERK, 2018),
    ("R001", "赵志强", Role.RENEWAL_SPECIALIST, 2020),
    ("S001", "孙德明", Role.SERVICE_SUPERVISOR, 2017),
    ("K001", "周海燕", Role.MARKETING_SUPERVISOR, 2018),
    ("X001", "吴俊杰", Role.SALES_REP, 2021),
    ("X002", "郑家豪", Role.SALES_REP, 2023),
    ("X003", "黄小红", Role.SALES_REP, 2024),
    ("J001", "马宇航", Role.TECHNICIAN, 2017),
    ("J002", "胡志刚", Role.TECHNICIAN, 2019),
    ("J003", "郭建华", Role.TECHNICIAN, 2020),
    ("J004", "何晓东", Role.TECHNICIAN, 2022),
    ("P001", "林雨欣", Role.PROMOTER, 2025),
]


def populate(demo: DemoContext) -> None:
    rng = demo.rng
    code, name, _role, year = PEOPLE[0]
    manager = staff.create_first_manager(demo.db, emp_no=code, name=name, pin=DEMO_PIN,
                                         hire_date=dt.date(year, 3, 1), phone=mobile(rng))
    approval = ManagerApproval(manager.staff_id, DEMO_PIN)
    demo.manager, demo.approval = manager, approval
    demo.staff_by_role = {Role.MANAGER: [manager.staff_id]}
    demo.staff_actors = {manager.staff_id: manager}
    for code, name, role, year in PEOPLE[1:]:
        row = staff.add_staff(demo.db, actor=manager, approval=approval, emp_no=code, name=name, role=role,
                              hire_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), phone=mobile(rng),
                              pin=DEMO_PIN)
        demo.staff_by_role.setdefault(role, []).append(row.id)
        demo.staff_actors[row.id] = Actor(row.id, row.name, role)
