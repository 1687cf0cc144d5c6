"""Demo cash book: each month a float (备用金) from the company, the SPEC §8 expenses with handler, payee and the
manager as approver, a little other income, one reversing entry; past months closed (which also locks their
takings). Posted through ``post_entry_in`` so the hash chain is the real one."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.cash_book.service import close_month, post_entry_in, reverse_entry
from station_desk.demo import DemoContext
from station_desk.demo.names import person_name
from station_desk.staff.roles import Role

EXPENSES = [  # (category, payee, low, high yuan, times a month, what for)
    ("水电费", "供电所", 180, 420, 1, "上月电费"),
    ("物业费", "物业管理处", 300, 300, 1, "门面物业费"),
    ("站内电话费", "电信营业厅", 88, 120, 1, "前台座机话费"),
    ("小额办公费", "文具店", 15, 120, 3, "复印纸、收据本"),
    ("临时宣传员费用", None, 100, 300, 2, "周末小区摆摊宣传"),
    ("电脑补助", None, 50, 50, 1, "自带电脑补助"),
    ("电动车补助", None, 30, 60, 2, "上门服务电动车充电"),
    ("其他经营费用", "五金店", 20, 150, 1, "网线、水晶头"),
]


def populate(demo: DemoContext) -> None:
    rng = demo.rng
    accounts = (demo.staff_by_role.get(Role.ACCOUNTS_CLERK) or demo.staff_by_role[Role.MANAGER])[0]
    clerk = demo.actor_for(accounts)
    staff_names = [a.name for a in demo.staff_actors.values()]
    now_box = [dt.datetime.combine(demo.start, dt.time(9, 0))]
    reversed_one = False
    with clock.fake_time(lambda: now_box[0]):  # each step happens at its own station time
        month = demo.start.replace(day=1)
        while month <= demo.end:
            nxt = (month + dt.timedelta(days=32)).replace(day=1)
            last = min(nxt - dt.timedelta(days=1), demo.end)
            lines = [(month + dt.timedelta(days=1), "income", "备用金", 300000, "公司财务部", "本月备用金")]
            lines = [line for line in lines if line[0] <= last]
            for cat, payee, lo, hi, times, what in EXPENSES:
                for _ in range(times):
                    day = month + dt.timedelta(days=rng.randint(2, 27))
                    if day > last:
                        continue
                    yuan = rng.randint(lo, hi)
                    who = payee or (rng.choice(staff_names) if cat != "临时宣传员费用" else person_name(rng))
                    lines.append((day, "expense", cat, yuan * 100, who, what))
            if rng.random() < 0.7 and month + dt.timedelta(days=15) <= last:
                lines.append((month + dt.timedelta(days=15), "income", "其他收入", rng.randint(20, 80) * 100,
                              "废品回收站", "旧纸箱、旧线材"))
            lines.sort(key=lambda x: x[0])
            ids = []
            with demo.db.session() as s:
                for i, (day, direction, cat, fen, payee, note) in enumerate(lines):
                    now_box[0] = demo.at(day, dt.time(10, 0))
                    ids.append(post_entry_in(
                        s, actor=clerk, day=day, direction=direction, category=cat, amount_fen=fen,
                        handler_id=accounts, payee=payee, approver=demo.manager if direction == "expense" else None,
                        voucher_no=f"{day:%y%m}-{i + 1:02d}", note=note))
            if not reversed_one and len(ids) > 3:
                now_box[0] = demo.at(lines[3][0], dt.time(16, 0))
                reverse_entry(demo.db, actor=clerk, approval=demo.approval, entry_id=ids[3],
                              reason="票据重复报销，冲回", day=lines[3][0])
                reversed_one = True
            if nxt <= demo.end:
                now_box[0] = demo.at(min(nxt + dt.timedelta(days=2), demo.end), dt.time(9, 0))
                close_month(demo.db, actor=clerk, approval=demo.approval, month=f"{month:%Y-%m}")
            month = nxt
