"""Demo asset register: the station's instruments, tools, office equipment and vehicles, with holders, and a
monthly check round (one ladder went missing and was found again; the receipt printer is damaged)."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.assets import service as assets
from station_desk.demo import DemoContext
from station_desk.staff.roles import Role

ASSETS = [  # tag, name, category, model, holder role (or ''), location, value fen, acquired
    ("ZC-001", "光功率计", "仪表", "JW3208A", Role.TECHNICIAN, "工具柜", 68000, dt.date(2021, 4, 2)),
    ("ZC-002", "光纤熔接机", "仪表", "FSM-18S", Role.SERVICE_SUPERVISOR, "工具柜", 1580000, dt.date(2020, 9, 15)),
    ("ZC-003", "人字梯", "工具", "2.5米铝合金", "", "库房", 32000, dt.date(2019, 6, 1)),
    ("ZC-004", "票据打印机", "办公", "EPSON LQ-630K", Role.DISPATCH_CLERK, "前台", 168000, dt.date(2020, 3, 10)),
    ("ZC-005", "前台电脑", "办公", "联想 启天M437", Role.DISPATCH_CLERK, "前台", 420000, dt.date(2022, 5, 20)),
    ("ZC-006", "保险柜", "办公", "虎牌 BGX-5/D1-60", Role.ACCOUNTS_CLERK, "财务室", 150000, dt.date(2018, 1, 8)),
    ("ZC-007", "电动车", "车辆", "雅迪 DE3", Role.TECHNICIAN, "车棚", 299000, dt.date(2023, 3, 3)),
    ("ZC-008", "电动车", "车辆", "雅迪 DE3", Role.TECHNICIAN, "车棚", 299000, dt.date(2023, 3, 3)),
    ("ZC-009", "网络测试仪", "仪表", "FLUKE MS2-100", Role.TECHNICIAN, "工具柜", 450000, dt.date(2021, 11, 1)),
    ("ZC-010", "工具包", "工具", "剥线钳/压线钳套装", Role.TECHNICIAN, "随身", 18000, dt.date(2022, 2, 14)),
    ("ZC-011", "工具包", "工具", "剥线钳/压线钳套装", Role.TECHNICIAN, "随身", 18000, dt.date(2022, 2, 14)),
    ("ZC-012", "验钞机", "办公", "康艺 HT-2800", Role.DISPATCH_CLERK, "前台", 56000, dt.date(2021, 7, 7)),
]


def populate(demo: DemoContext) -> None:
    rng, db = demo.rng, demo.db
    keeper_id = (demo.staff_by_role.get(Role.ACCOUNTS_CLERK) or [demo.manager.staff_id])[0]
    keeper = demo.actor_for(keeper_id)
    rows = []
    for tag, name, cat, model, role, loc, value, acquired in ASSETS:
        holder = rng.choice(demo.staff_by_role[role]) if role and demo.staff_by_role.get(role) else None
        rows.append(assets.add_asset(db, actor=keeper, tag=tag, name=name, category=cat, model=model,
                                     holder_id=holder, location=loc, value_fen=value, acquired_on=acquired))
    by_tag = {r.tag: r.id for r in rows}
    today = clock.today()
    d = demo.start.replace(day=1)
    checks = []
    while d <= today:
        day = min(today, (d + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
        checks.append(day)
        d = (d + dt.timedelta(days=32)).replace(day=1)
    for i, day in enumerate(checks):
        results = {r.id: "found" for r in rows}
        if i == len(checks) - 2:
            results[by_tag["ZC-003"]] = "missing"
        if i == len(checks) - 1:
            results[by_tag["ZC-004"]] = "damaged"
        assets.record_check(db, actor=keeper, day=day, results=results,
                            notes={by_tag["ZC-004"]: "打印头断针"} if i == len(checks) - 1 else None,
                            note="月末资产核对")
