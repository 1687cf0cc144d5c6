"""``station-desk accounts``: the station's books from the command line (same services as the 账务 tab).

    station-desk accounts book --month 2026-11 [--json]          the month's lines with the running balance
    station-desk accounts sheet --month 2026-11 --out f.pdf|f.xlsx   账务明细
    station-desk accounts verify                                  check the tamper-evident chain
    station-desk accounts close --month 2026-10 --as Q02 --manager M001 --pin ****
    station-desk accounts invoices --week 2026-11-23 [--json]     the week's invoice reconciliation
    station-desk accounts day --day 2026-11-23 [--json]           the day's takings and its close
"""

from __future__ import annotations

from station_desk.cli_support import (actor_from_args, add_command, approval_from_args, open_db, parse_date, print_json,
                                      print_table)

ACTIONS = ["book", "sheet", "verify", "close", "invoices", "day"]


def register(sub) -> None:
    p = add_command(sub, "accounts", run, approval=True, help="账务：现金流水账、账务明细、校验、月结、发票核对、日结")
    p.add_argument("action", nargs="?", default="book", choices=ACTIONS)
    p.add_argument("--month", help="月份 YYYY-MM")
    p.add_argument("--out", help="输出文件 .pdf 或 .xlsx（sheet）")
    p.add_argument("--week", help="所在周的任一天 YYYY-MM-DD（invoices）")
    p.add_argument("--day", help="日期 YYYY-MM-DD（day）")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def run(args) -> int:
    from station_desk import clock
    from station_desk.cash_book import service as cash
    from station_desk.errors import DomainError
    from station_desk.money import fmt_fen
    from station_desk.takings import service as takings

    db = open_db(args, write=args.action == "close")
    month = args.month or clock.month_key(clock.today())
    if args.action == "book":
        book = cash.month_book(db, month)
        if args.json:
            print_json(book)
            return 0
        print(f"{month}  期初 {fmt_fen(book.opening_fen)}  收入 {fmt_fen(book.income_fen)}  "
              f"支出 {fmt_fen(book.expense_fen)}  期末 {fmt_fen(book.closing_fen)}  {'已结账' if book.closed else ''}")
        print_table(["号", "日期", "收/支", "类别", "金额", "余额", "经手人", "收款人", "核准人", "摘要"], [
            [x.id, x.day, x.direction_label, x.category, fmt_fen(x.amount_fen), fmt_fen(x.balance_fen), x.handler,
             x.payee, x.approver, x.reason if x.reverses_id else x.note] for x in book.lines])
        return 0
    if args.action == "sheet":
        from station_desk.reports.accounts_sheet import write_accounts_pdf, write_accounts_xlsx

        from station_desk.cli_support import out_file

        out, kind = out_file(args.out, ("pdf", "xlsx"))
        print((write_accounts_xlsx if kind == "xlsx" else write_accounts_pdf)(db, out, month))
        return 0
    if args.action == "verify":
        problem = cash.verify_cash_chain(db)
        if problem is None:
            print("现金流水账校验通过。")
            return 0
        print(DomainError("cash.chain_broken", id=problem.entry_id, day=problem.day.isoformat()).message)
        return 1
    if args.action == "close":
        row = cash.close_month(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                               month=month)
        print(f"{row.month} 已结账，期末余额 {fmt_fen(row.closing_fen)}。")
        return 0
    if args.action == "invoices":
        start, end = takings.week_of(parse_date(args.week) if args.week else clock.today())
        rec = takings.reconcile_invoices(db, start=start, end=end)
        if args.json:
            print_json(rec)
            return 0
        print(f"{start} 至 {end}：发票 {len(rec.used)} 张；断号 {'、'.join(rec.gaps) or '无'}；"
              f"重号 {'、'.join(u.invoice_no for u in rec.duplicates) or '无'}；未开票收款 {len(rec.without_invoice)} 笔")
        return 0
    day = parse_date(args.day) if args.day else clock.today()
    summary = takings.day_summary(db, day)
    if args.json:
        print_json(summary)
        return 0
    print(f"{day} 收款 {summary.receipts} 笔，合计 {fmt_fen(summary.total_fen)}，应有现金 "
          f"{fmt_fen(summary.expected_cash_fen)}；" + (f"已日结，差额 {fmt_fen(summary.closed.difference_fen)}"
                                                     if summary.closed else "未日结"))
    return 0
