"""``station-desk assets``: the asset register from the command line (same services as the 资产 tab).

    station-desk assets [list] [--all] [--json]       the register (--all includes scrapped assets)
    station-desk assets checks [--json]               the check rounds (核对) with found / missing / damaged
"""

from __future__ import annotations

from station_desk.cli_support import add_common, open_db, print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("assets", help="资产台账：资产清单、核对记录")
    add_common(p)
    p.add_argument("action", nargs="?", default="list", choices=["list", "checks"])
    p.add_argument("--all", action="store_true", help="包括已报废的资产")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from station_desk.assets import service as assets
    from station_desk.money import fmt_fen

    db = open_db(args, write=False)
    if args.action == "checks":
        rows = assets.list_checks(db)
        if args.json:
            print_json(rows)
        else:
            print_table(["日期", "核对人", "在位", "缺失", "损坏", "备注"],
                        [[r.day, r.checked_by, r.found, r.missing, r.damaged, r.note] for r in rows])
        return 0
    rows = assets.list_assets(db, include_scrapped=args.all)
    if args.json:
        print_json(rows)
    else:
        print_table(["编号", "名称", "类别", "保管人", "存放地点", "状态", "原值", "最近核对"],
                    [[r.tag, r.name, r.category, r.holder, r.location, r.status_label, fmt_fen(r.value_fen),
                      f"{r.last_check or ''} {r.last_result}".strip()] for r in rows])
    return 0
