"""``station-desk points``: the month's points from the command line.

    station-desk points --month 2026-10 [--json]        each person's breakdown with the rule behind each number
    station-desk points load FILE.json                   load a month of activity (format: README, points)
    station-desk points day --day 2026-10-15 [--json]    a day's points
    station-desk points confirm --day 2026-10-15 --as D01
    station-desk points review --month 2026-10           the month review's suspicious items
    station-desk points lock --month 2026-10 --manager M01 --pin 1234
    station-desk points sheet --month 2026-10 --out sheet.pdf
    station-desk points daily-xlsx --day 2026-10-15 --out day.xlsx
    station-desk points adjust --month 2026-10 --staff J001 --points -10 --reason "…" --manager M001 --pin …
"""

from __future__ import annotations

from station_desk.cli_support import (actor_from_args, add_command, approval_from_args, confirm_staff_impact, open_db,
                                      parse_date, parse_month, print_json, print_table)

ACTIONS = ["show", "load", "day", "confirm", "review", "lock", "sheet", "daily-xlsx", "adjust"]


def register(sub) -> None:
    p = add_command(sub, "points", run, approval=True, help="积分：月度明细、导入、每日确认、复核、结账、公示表")
    p.add_argument("action", nargs="?", default="show", choices=ACTIONS)
    p.add_argument("file", nargs="?", help="导入的 JSON 文件（load）")
    p.add_argument("--month", help="月份 YYYY-MM")
    p.add_argument("--day", help="日期 YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--yes", action="store_true", help="文件新增的员工入职日期在过去、会改变未结账月份的积分时，确认导入（load）")
    p.add_argument("--out", help="输出文件：sheet 写 .pdf，daily-xlsx 写 .xlsx")
    p.add_argument("--staff", metavar="EMP_NO", help="调整给谁（adjust）")
    p.add_argument("--points", help="调整积分（可为负，adjust）")
    p.add_argument("--reason", help="调整原因（adjust）")


def month_of(args) -> str:
    """The ``--month`` argument as 'YYYY-MM' (required)."""
    from station_desk import clock
    from station_desk.errors import DomainError

    if not args.month:
        raise DomainError("required", field="--month")
    y, m = parse_month(args.month)
    return clock.month_key(__import__("datetime").date(y, m, 1))


def _required(value, field: str):
    from station_desk.errors import DomainError

    if not value:
        raise DomainError("required", field=field)
    return value


# The services are imported inside the handlers: ``station-desk`` builds its parser from every module's
# ``register`` at start-up, which must not load the database layer (tests/unit/test_boundaries.py).
def _load(args) -> int:
    from station_desk.exchange.month_loader import load_month, read_file

    from station_desk.staff import service as staff_service

    data = read_file(_required(args.file, "FILE.json"))
    db = open_db(args)
    # a month file may build a station from nothing (its people come with it): then nobody can sign in yet
    empty = not staff_service.list_staff(db, include_left=True)
    actor = actor_from_args(db, args, system_ok=empty)
    if not empty:  # people the file adds with a past hire date join months already worked: show it first
        confirm_staff_impact(args, _impact_of_new_people(db, data))
    counts = load_month(db, actor=actor, data=data)
    print("已导入 " + data["month"] + "：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _impact_of_new_people(db, data: dict):
    """What the people a month file adds (not in the register yet) would change in the open months of points."""
    import datetime as dt

    from station_desk.exchange.month_loader import check_file
    from station_desk.points import impact
    from station_desk.staff import service as staff_service

    known = {p.emp_no for p in staff_service.list_staff(db, include_left=True)}
    check_file(data, known)  # the file is checked before anything is computed from it
    people = []
    for st in data.get("staff", []) or []:
        if str(st.get("emp_no")) in known:
            continue
        hire = st.get("hire_date") or f"{data['month']}-01"
        people.append(dict(emp_no=str(st["emp_no"]), name=st.get("name", ""), role=st["role"],
                           hire_date=dt.date.fromisoformat(str(hire))))
    return impact.preview_add_people(db, people)


def _show(db, args) -> int:
    from station_desk.points import month as M
    from station_desk.points.formulas import fmt_points

    mp = M.month_points(db, month_of(args))
    if args.json:
        print_json(mp.to_json())
        return 0
    print_table(["名次", "姓名", "岗位", "接单积分", "辅助积分", "扣分", "调整", "合计"],
                [[p.rank, p.name, p.role_label, fmt_points(p.order_x100), fmt_points(p.auxiliary_x100),
                  fmt_points(p.deductions_x100), fmt_points(p.adjustments_x100), fmt_points(p.total_x100)]
                 for p in mp.people])
    print(f"全站平均：{fmt_points(mp.average_x100)}" + ("（已结账）" if mp.locked else ""))
    for w in mp.warnings + mp.forecasts + mp.notes:
        print(w)
    return 0


def _day(db, args) -> int:
    from station_desk.points import service as P
    from station_desk.points.formulas import fmt_points

    day = parse_date(_required(args.day, "--day"))
    dp = P.confirm_day(db, actor=actor_from_args(db, args), day=day) if args.action == "confirm" \
        else P.day_points(db, day)
    if args.json:
        print_json(dp)
        return 0
    print_table(["姓名", "岗位", "接单", "其他", "扣分", "合计"],
                [[p.name, p.role_label, fmt_points(p.order_x100), fmt_points(p.other_x100),
                  fmt_points(p.deductions_x100), fmt_points(p.total_x100)] for p in dp.people])
    print(f"{day} " + (f"已由 {dp.confirmed_by} 确认" if dp.confirmed else "未确认"))
    return 0


def _review(db, args) -> int:
    from station_desk.month_close import service as close

    items = close.review_month(db, month_of(args))
    if args.json:
        print_json(items)
        return 0
    for it in items:
        print(it.text)
    print(f"共 {len(items)} 项需要核对")
    return 0


def _lock(db, args) -> int:
    from station_desk.month_close import service as close
    from station_desk.points.formulas import fmt_points

    mp = close.lock_month(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                          month=month_of(args))
    print(f"{mp.month} 积分与即时奖励已结账：{len(mp.people)} 人，全站平均 {fmt_points(mp.average_x100)}")
    return 0


def _adjust(db, args) -> int:
    from station_desk.cli_support import staff_by_emp_no
    from station_desk.errors import DomainError
    from station_desk.money import parse_yuan
    from station_desk.points import service as P

    if not (args.staff and args.points and args.reason):
        raise DomainError("required", field="--staff --points --reason")
    P.add_adjustment(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                     staff_id=staff_by_emp_no(db, args.staff).id, for_month=month_of(args),
                     points_x100=parse_yuan(args.points), reason=args.reason,
                     day=parse_date(args.day) if args.day else None)
    print("已记入调整")
    return 0


def _sheet(db, args) -> int:
    from station_desk.reports.points_sheet import render_points_sheet

    from station_desk.cli_support import out_file

    out, _kind = out_file(args.out, ("pdf",), f"积分公示表-{month_of(args)}.pdf")
    render_points_sheet(db, month_of(args), out)
    print(out)
    return 0


def _daily_xlsx(db, args) -> int:
    from station_desk.reports.points_sheet import export_daily_xlsx

    _required(args.day, "--day")
    from station_desk.cli_support import out_file

    out, _kind = out_file(args.out, ("xlsx",), f"每日积分-{args.day}.xlsx")
    export_daily_xlsx(db, parse_date(args.day), out)
    print(out)
    return 0


HANDLERS = {"show": _show, "day": _day, "confirm": _day, "review": _review, "lock": _lock, "adjust": _adjust,
            "sheet": _sheet, "daily-xlsx": _daily_xlsx}


def run(args) -> int:
    if args.action == "load":
        return _load(args)
    handler = HANDLERS.get(args.action)
    if handler is None:
        return 2
    return handler(open_db(args, write=args.action in ("confirm", "lock", "adjust")), args)
