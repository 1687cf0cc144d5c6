"""``station-desk gifts``: the gift inventory from the command line (same services as the 礼品库存 tab).

    station-desk gifts stock [--json]                                    items, on hand, low-stock flags
    station-desk gifts moves [--item ID] [--month 2026-11] [--json]      the stock-move ledger
    station-desk gifts promotions [--json]
    station-desk gifts receive --item ID --qty 20 --note-no SH-1102 [--date 2026-11-02] --as A001
    station-desk gifts issue --item ID --qty 1 --customer-id 12 --promotion ID --ref renewal:5 --as D001
                       [--action renewal] [--manager M001 --pin 1234 --reason …]   (manager override)
    station-desk gifts sheet --month 2026-11 --out 礼品统计表.pdf|.xlsx
    station-desk gifts lock --month 2026-10 --manager M001 --pin 1234
"""

from __future__ import annotations

from station_desk.cli_support import (actor_from_args, add_command, approval_from_args, open_db, parse_date,
                                      parse_month, print_json, print_rows, print_table)

ACTIONS = ["stock", "moves", "promotions", "receive", "issue", "sheet", "lock"]


def register(sub) -> None:
    p = add_command(sub, "gifts", run, approval=True, help="礼品库存：库存、出入库流水、促销活动、入库、发放、礼品统计表、结账")
    p.add_argument("action", nargs="?", default="stock", choices=ACTIONS)
    p.add_argument("--item", type=int, help="礼品编号")
    p.add_argument("--qty", type=int, default=1, help="数量")
    p.add_argument("--date", help="日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--month", help="月份 YYYY-MM")
    p.add_argument("--note-no", default="", help="送货单号（receive）")
    p.add_argument("--customer-id", type=int, help="用户编号（issue）")
    p.add_argument("--promotion", type=int, help="促销活动编号（issue）")
    p.add_argument("--ref", default="", help="用户业务：contact:N / work_order:N / renewal:N / signup:N（issue）")
    p.add_argument("--action-kind", dest="claimed_action", default="",
                   help="用户办理的业务（记录无法说明时）：new_install/renewal/upgrade/package")
    p.add_argument("--reason", default="", help="经理特批原因（issue）")
    p.add_argument("--out", help="输出文件 .pdf 或 .xlsx（sheet）")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def run(args) -> int:
    import datetime as dt

    from station_desk import clock
    from station_desk.errors import DomainError
    from station_desk.gift_stock import service as gifts
    from station_desk.money import fmt_fen

    write = args.action in ("receive", "issue", "lock")
    db = open_db(args, write=write)
    day = parse_date(args.date) if args.date else clock.today()
    if args.action == "stock":
        rows = gifts.list_items(db)
        return print_rows(args, rows, ["编号", "礼品", "单位", "单价", "库存", "金额", "提醒"],
                          lambda r: [r.id, r.name, r.unit, fmt_fen(r.unit_cost_fen), r.on_hand, fmt_fen(r.value_fen),
                                     "低库存" if r.is_low else ""],
                          as_json=[r.__dict__ | {"is_low": r.is_low, "value_fen": r.value_fen} for r in rows])
    if args.action == "moves":
        since = until = None
        if args.month:
            y, m = parse_month(args.month)
            since, end = clock.month_bounds(y, m)
            until = end - dt.timedelta(days=1)
        rows = gifts.list_moves(db, item_id=args.item, since=since, until=until)
        return print_rows(args, rows, ["日期", "类型", "礼品", "数量", "用户", "促销活动", "经办人", "说明", "特批"],
                          lambda r: [r.day, r.kind_label, r.item_name, r.qty, r.customer_name, r.promotion_name,
                                     r.staff_name, r.detail, r.override_reason])
    if args.action == "promotions":
        rows = gifts.list_promotions(db)
        return print_rows(args, rows, ["编号", "促销活动", "条件", "礼品", "开始", "结束", "已发"],
                          lambda r: [r.id, r.name, r.condition, f"{r.item_name}×{r.qty}", r.valid_from, r.valid_to,
                                     r.issued])
    actor = actor_from_args(db, args)
    if args.action == "receive":
        if args.item is None:
            raise DomainError("required", field="礼品编号")
        row = gifts.receive_stock(db, actor=actor, item_id=args.item, qty=args.qty, day=day,
                                  delivery_note=args.note_no)
        print_json(row) if args.json else print(f"已入库：{row.item_name} {row.qty}{row.unit}（{row.detail}）")
        return 0
    if args.action == "issue":
        if args.item is None:
            raise DomainError("required", field="礼品编号")
        row = gifts.issue_gift(db, actor=actor, item_id=args.item, qty=args.qty, customer_id=args.customer_id,
                               promotion_id=args.promotion, entitlement_ref=args.ref, day=day,
                               override=approval_from_args(db, args), override_reason=args.reason,
                               action=args.claimed_action)
        print_json(row) if args.json else print(f"已发放：{row.customer_name} {row.item_name} {-row.qty}{row.unit}")
        return 0
    if args.action == "sheet":
        from station_desk.reports.gift_sheet import write_gift_pdf, write_gift_xlsx

        month = args.month or f"{day:%Y-%m}"
        parse_month(month)
        if not args.out:
            from station_desk.gift_stock.stats import gift_statistics

            st = gift_statistics(db, month)
            print_table(["礼品", "期初", "入库", "发放", "退回", "调出", "报损", "盘点调整", "期末", "期末金额"],
                        [[r.name, r.opening, r.received, r.issued, r.returned, r.transferred, r.written_off,
                          r.adjusted, r.closing, fmt_fen(r.closing_value_fen)] for r in st.items + [st.total]])
            return 0
        from station_desk.cli_support import out_file

        out, kind = out_file(args.out, ("pdf", "xlsx"))
        path = (write_gift_xlsx if kind == "xlsx" else write_gift_pdf)(db, out, month)
        print(f"已生成：{path}")
        return 0
    if args.action == "lock":
        if not args.month:
            raise DomainError("required", field="月份")
        parse_month(args.month)
        gifts.lock_gift_month(db, actor=actor, approval=approval_from_args(db, args), month=args.month)
        print(f"{args.month} 礼品库存已结账。")
        return 0
    return 1
