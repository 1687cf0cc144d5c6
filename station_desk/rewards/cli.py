"""``station-desk rewards``: the month's instant rewards from the command line.

    station-desk rewards --month 2026-10 [--json]        every line with its rule, facts and status
    station-desk rewards approve --month 2026-10 --manager M01 --pin 1234 [--key KEY …]
    station-desk rewards pay --key KEY --manager M01 --pin 1234 [--day 2026-11-03]
    station-desk rewards sheet --month 2026-10 --out rewards.pdf
    station-desk rewards adjust --month 2026-10 --staff J001 --amount 50 --reason "漏记周奖励" --manager M001 --pin …
"""

from __future__ import annotations

from station_desk.cli_support import (actor_from_args, add_command, approval_from_args, open_db, parse_date, print_json,
                                      print_table)


def register(sub) -> None:
    p = add_command(sub, "rewards", run, approval=True, help="即时奖励：月度明细、批准、发放、明细表")
    p.add_argument("action", nargs="?", default="show", choices=["show", "approve", "pay", "sheet", "adjust"])
    p.add_argument("--staff", metavar="EMP_NO", help="调整给谁（adjust）")
    p.add_argument("--amount", help="调整金额（元，可为负，adjust）")
    p.add_argument("--reason", help="调整原因（adjust）")
    p.add_argument("--month", help="月份 YYYY-MM")
    p.add_argument("--key", action="append", help="明细编号（可多次）")
    p.add_argument("--day", help="发放日期 YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--out", help="输出文件 .pdf（sheet）")


def run(args) -> int:
    from station_desk.errors import DomainError
    from station_desk.points.cli import month_of
    from station_desk.rewards import service as RW

    db = open_db(args, write=args.action in ("approve", "pay", "adjust"))
    if args.action == "show":
        mr = RW.month_rewards(db, month_of(args))
        if args.json:
            print_json(mr.to_json())
        else:
            print_table(["日期", "姓名", "奖励", "金额", "状态", "说明"],
                        [[ln.day, ln.name, ln.rule_label, ln.amount, ln.status_text, ln.text] for ln in mr.lines])
            print(f"合计 {RW.fmt_yuan(mr.total_fen)} 元（不含暂估 {RW.fmt_yuan(mr.provisional_fen)} 元、"
                  f"待定 {RW.fmt_yuan(mr.pending_fen)} 元；暂估的奖励在计算期结束后才能批准、发放）")
        return 0
    if args.action == "approve":
        n = RW.approve_rewards(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                               month=month_of(args), keys=args.key)
        print(f"已批准 {n} 条")
        return 0
    if args.action == "pay":
        if not args.key:
            raise DomainError("required", field="--key")
        for key in args.key:
            line = RW.pay_reward(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args), key=key,
                                 day=parse_date(args.day) if args.day else None)
            print(f"已发放：{line.name} {line.rule_label} {line.amount} 元")
        return 0
    if args.action == "adjust":
        from station_desk.cli_support import staff_by_emp_no
        from station_desk.money import parse_yuan

        if not (args.staff and args.amount and args.reason):
            raise DomainError("required", field="--staff --amount --reason")
        key = RW.add_adjustment(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                                staff_id=staff_by_emp_no(db, args.staff).id, for_month=month_of(args),
                                amount_fen=parse_yuan(args.amount), reason=args.reason,
                                day=parse_date(args.day) if args.day else None)
        print(f"已记入调整：{key}")
        return 0
    if args.action == "sheet":
        from station_desk.reports.rewards_sheet import render_rewards_sheet

        from station_desk.cli_support import out_file

        out, _kind = out_file(args.out, ("pdf",), f"即时奖励明细-{month_of(args)}.pdf")
        render_rewards_sheet(db, month_of(args), out)
        print(out)
        return 0
    return 2
