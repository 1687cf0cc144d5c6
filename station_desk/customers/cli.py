"""``station-desk customers``: find, import and list expiring customers from the command line.

    station-desk customers find zsf [--json]
    station-desk customers import customers.xlsx --as Q01          (all rows or none; errors listed by row)
    station-desk customers expiring [--days 30] [--out f.pdf|f.xlsx]
    station-desk customers import-staff staff.xlsx --as M001 --manager M001   (the staff register; PINs asked)
        (a past hire date that changes months of points not locked yet: the difference is printed; --yes imports)
    station-desk customers find 张 --json --manager M001      (full phone numbers: the manager's PIN)
"""

from __future__ import annotations

from station_desk.cli_support import (actor_from_args, add_command, approval_from_args, full_phones, open_db,
                                      print_rows, print_table)
from station_desk.privacy import mask_phone, masked_rows


def register(sub) -> None:
    p = add_command(sub, "customers", run, approval=True, help="用户：查找、从 Excel 导入、到期回访表")
    p.add_argument("action", choices=["find", "import", "expiring", "import-staff"])
    p.add_argument("text", nargs="?", default="", help="查找的文字（find）或 .xlsx 文件（import）")
    p.add_argument("--days", type=int, default=30, help="到期天数（expiring）")
    p.add_argument("--out", help="输出 .pdf 或 .xlsx（expiring）")
    p.add_argument("--json", action="store_true")
    p.add_argument("--yes", action="store_true",
                   help="导入的员工入职日期在过去、会改变未结账月份的积分时，确认导入（import-staff）")


def run(args) -> int:
    import datetime as dt

    from station_desk import clock
    from station_desk.customers import service as customers

    db = open_db(args, write=args.action in ("import", "import-staff"))
    if args.action == "find":
        rows = customers.search_customers(db, args.text)
        full = full_phones(db, args)
        return print_rows(args, rows, ["账号", "姓名", "地址", "电话", "套餐", "到期日"],
                          lambda r: [r.account_no, r.name, r.address, r.phone if full else mask_phone(r.phone),
                                     r.package, r.expiry_date],
                          as_json=masked_rows(rows, full=full) if args.json else None)
    if args.action in ("import", "import-staff"):
        from station_desk import xlsx
        from station_desk.customers import importer as customer_rows
        from station_desk.staff import importer as staff_rows

        sheet = xlsx.read_sheet(args.text)
        staff = args.action == "import-staff"
        fields = staff_rows.STAFF_FIELDS if staff else customer_rows.CUSTOMER_FIELDS
        mapping = xlsx.guess_mapping(sheet.headers, fields)
        check = (staff_rows.check_staff if staff else customer_rows.check_customers)(db, sheet, mapping)
        for e in check.errors:
            print(f"第 {e.row} 行：{e.message}" if e.row else e.message)
        if check.errors:
            print(f"有 {len(check.errors)} 行资料有误，什么也没有导入。")
            return 1
        from station_desk.backup.service import backup_before

        if staff:
            from station_desk.cli_support import confirm_staff_impact
            from station_desk.points import impact

            confirm_staff_impact(args, impact.preview_add_people(db, check.ready))
            backup_before(db, "import")  # a bulk step: a verified copy first
            n = staff_rows.import_staff(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                                        sheet=sheet, mapping=mapping)
            print(f"已导入 {n} 名员工。")
        else:
            n = customer_rows.import_customers(db, actor=actor_from_args(db, args), sheet=sheet, mapping=mapping)
            print(f"已导入 {n} 个用户。")
        return 0
    start = clock.today() - dt.timedelta(days=7)
    end = clock.today() + dt.timedelta(days=args.days)
    if args.out:
        from station_desk.reports.expiring_sheet import write_expiring_pdf, write_expiring_xlsx

        from station_desk.cli_support import out_file

        out, kind = out_file(args.out, ("pdf", "xlsx"))
        print((write_expiring_xlsx if kind == "xlsx" else write_expiring_pdf)(db, out, start=start, end=end))
        return 0
    rows = customers.list_expiring(db, start=start, end=end)
    print_table(["账号", "姓名", "电话", "到期日", "剩余天数", "回访结果"], [
        [r.customer.account_no, r.customer.name, mask_phone(r.customer.phone), r.customer.expiry_date,
         r.days_left, r.outcome_label] for r in rows])
    return 0
