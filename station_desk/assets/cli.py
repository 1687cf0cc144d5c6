"""``station-desk assets``: the asset register from the command line (same services as the 资产 tab).

    station-desk assets [list] [--all] [--json]       the register (--all includes scrapped assets)
    station-desk assets checks [--json]               the check rounds (核对) with found / missing / damaged
"""

from __future__ import annotations

from station_desk.cli_support import add_command, open_db, print_rows


def register(sub) -> None:
    p = add_command(sub, "assets", run, help="资产台账：资产清单、核对记录")
    p.add_argument("action", nargs="?", default="list", choices=["list", "checks"])
    p.add_argument("--all", action="store_true", help="包括已报废的资产")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def run(args) -> int:
    from station_desk.assets import service as assets
    from station_desk.money import fmt_fen

    db = open_db(args, write=False)
    if args.action == "checks":
        rows = assets.list_checks(db)
        return print_rows(args, rows, ["日期", "核对人", "在位", "缺失", "损坏", "备注"],
                          lambda r: [r.day, r.checked_by, r.found, r.missing, r.damaged, r.note])
    rows = assets.list_assets(db, include_scrapped=args.all)
    return print_rows(args, rows, ["编号", "名称", "类别", "保管人", "存放地点", "状态", "原值", "最近核对"],
                      lambda r: [r.tag, r.name, r.category, r.holder, r.location, r.status_label, fmt_fen(r.value_fen),
                                 f"{r.last_check or ''} {r.last_result}".strip()])
