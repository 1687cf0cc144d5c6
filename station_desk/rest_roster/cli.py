"""``station-desk roster`` and ``station-desk attendance``: the rest roster and attendance from the command line
(same services as the 排休 and 考勤请假 tabs).

    station-desk roster show 2026-12 [--json]                 the month grid and the rules it breaks (未排班 and
                                                              exit 1 for a month not planned yet)
    station-desk roster suggest 2026-12 [--save --as M001]    a suggested plan (saved with --save: manager)
    station-desk roster print 2026-12 -o 排休表.pdf            the wall roster PDF
    station-desk roster holiday 2026-10-20 --kind holiday --name 站庆 --as M001
                                                              the station's own holiday mark (kind normal clears)
    station-desk roster holidays-import 2027.txt --as M001    a year's holidays and 调休 workdays from a file
    station-desk attendance exceptions 2026-12-08 [--json]    the day's derived exceptions
    station-desk attendance leave [--status pending] [--json] leave requests
    station-desk attendance summary 2026-11 [--json]          the month per person (考勤汇总)
"""

from __future__ import annotations

import sys

from station_desk.cli_support import (actor_from_args, add_command, add_common, approval_from_args, open_db, parse_date,
                                      parse_month, print_json, print_rows, print_table)
from station_desk.month import Month


def register(sub) -> None:
    p = add_command(sub, "roster", run_roster, approval=True, help="排休：显示、自动排班、打印排休表")
    p.add_argument("action", choices=["show", "suggest", "print", "holiday", "holidays-import"])
    p.add_argument("month", help="月份，例如 2026-12（holiday：日期，例如 2026-10-20；holidays-import：文件）")
    p.add_argument("--kind", choices=["holiday", "workday", "normal", "clear"],
                   help="holiday 法定假日 / workday 调休上班 / normal 正常 / clear 恢复国家日历")
    p.add_argument("--name", default="", help="节日名称（holiday）")
    p.add_argument("--save", action="store_true", help="保存自动排班结果（需经理）")
    p.add_argument("-o", "--output", help="PDF 文件（print）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    a = sub.add_parser("attendance", help="考勤：当天考勤异常、请假单")
    add_common(a)
    a.add_argument("action", choices=["exceptions", "leave", "summary"])
    a.add_argument("day", nargs="?", help="日期（exceptions，例如 2026-12-08）或月份（summary，例如 2026-11）")
    a.add_argument("--status", choices=["pending", "approved", "refused", "cancelled"])
    a.add_argument("--json", action="store_true", help="输出 JSON")
    a.set_defaults(func=run_attendance)


def _grid(m, plan) -> None:
    headers = ["姓名"] + [str(d.day) for d in m.days] + ["休"]
    rows = []
    for p in m.people:
        row = plan[p.staff_id]
        halves = m.half_off.get(p.staff_id, {})
        cells = ["休" if row[d] == "R" else (row[d] or "—") + {"am": "上", "pm": "下"}.get(halves.get(d, ""), "")
                 for d in m.days]
        rows.append([p.name] + cells + [sum(1 for d in m.days if row[d] == "R")])
    print_table(headers, rows)


def run_roster(args) -> int:
    from station_desk.rest_roster import overrides
    from station_desk.rest_roster import service as roster

    if args.action == "holidays-import":
        try:
            with open(args.month, encoding="utf-8-sig") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"读不了文件 {args.month}：{exc}", file=sys.stderr)
            return 2
        db = open_db(args)
        lines = overrides.import_holidays(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                                          text=text)
        print(f"已导入 {len(lines)} 天（{lines[0].day} 至 {lines[-1].day}）：法定假日 "
              f"{sum(ln.kind == 'holiday' for ln in lines)} 天，调休上班 {sum(ln.kind == 'workday' for ln in lines)} 天")
        return 0
    if args.action == "holiday":
        day = parse_date(args.month)
        db = open_db(args)
        actor, approval = actor_from_args(db, args), approval_from_args(db, args)
        if args.kind in (None, "clear"):
            overrides.clear_holiday_override(db, actor=actor, approval=approval, day=day)
        else:
            overrides.set_holiday_override(db, actor=actor, approval=approval, day=day, kind=args.kind, name=args.name)
        mark = roster.get_month(db, month=Month.of(day)).marks.get(day)
        print(f"{day}: {mark.name if mark else '正常'}")
        return 0
    year, month = parse_month(args.month)
    the_month = Month(year, month)
    if args.action == "show":
        db = open_db(args, write=False)
        m = roster.get_month(db, month=the_month)
        if m.calendar_warning:
            print("注意：" + m.calendar_warning, file=sys.stderr)
        if args.json:
            print_json({"month": m.key, "saved": m.saved, "locked": m.locked,
                        "plan": {str(sid): {d.isoformat(): c for d, c in row.items()} for sid, row in m.plan.items()},
                        "problems": [i.message for i in m.issues]})
            return 0
        if not m.saved:  # nothing planned yet: every rule "fails", which says nothing useful
            print(f"{m.key} 未排班（可用 roster suggest {m.key} --save 生成并保存建议方案）。")
            return 1
        _grid(m, m.plan)
        for issue in m.issues:
            print("问题：" + issue.message)
        return 0 if not m.issues else 1
    if args.action == "suggest":
        db = open_db(args, write=args.save)
        if args.save:
            sug = roster.apply_suggestion(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                                          month=the_month)
        else:
            sug = roster.suggest(db, month=the_month)
        m = roster.get_month(db, month=the_month)
        if args.json:
            print_json({"ok": sug.ok, "saved": bool(args.save), "problems": [i.message for i in sug.problems],
                        "plan": {str(sid): {d.isoformat(): c for d, c in row.items()}
                                 for sid, row in sug.plan.items()}})
        else:
            _grid(m, sug.plan)
            print("符合全部排班规则。" if sug.ok else "无法满足的规则：")
            for issue in sug.problems:
                print("  " + issue.message)
        return 0 if sug.ok else 1
    from station_desk.reports.roster_sheet import write_roster_pdf

    db = open_db(args, write=False)
    from station_desk.cli_support import out_file

    out, _kind = out_file(args.output, ("pdf",), f"排休表-{year}-{month:02d}.pdf")
    write_roster_pdf(db, month=the_month, path_or_buffer=out)
    print(out)
    return 0


def run_attendance(args) -> int:
    from station_desk import clock
    from station_desk.attendance import leave
    from station_desk.attendance import service as att

    db = open_db(args, write=False)
    if args.action == "exceptions":
        day = parse_date(args.day) if args.day else clock.today()
        rows = att.day_exceptions(db, day=day)
        return print_rows(args, rows, ["姓名", "异常", "分钟", "班次", "上班/下班", "状态", "扣分"],
                          lambda r: [r.name, r.kind_label, r.minutes or "", r.shift, r.punches, r.status_label,
                                     f"{r.points_x100 / 100:g}" if r.points_x100 else ""])
    if args.action == "summary":
        from station_desk.attendance.summary import month_summary, month_warning

        year, month = parse_month(args.day) if args.day else (clock.today().year, clock.today().month)
        rows = month_summary(db, month=Month(year, month))
        warning = month_warning(db, month=Month(year, month))
        if warning:
            print("注意：" + warning, file=sys.stderr)
        return print_rows(args, rows, ["姓名", "岗位", "排班", "出勤", "公休", "事假", "病假", "年假", "迟到早退缺卡", "旷工", "违纪", "扣分"],
                          lambda r: [r.name, r.role_label, r.rostered, r.worked, r.rest, r.personal, r.sick, r.annual,
                                     r.late, r.absent, r.violations, f"{r.deductions_x100 / 100:g}"])
    rows = leave.list_leave(db, status=args.status)
    return print_rows(args, rows, ["姓名", "假别", "开始", "结束", "天数", "状态", "审批", "批准人"],
                      lambda r: [r.name, r.kind_label, r.start, r.end, r.days_text, r.status_label, r.level_label,
                                 " / ".join(x for x in (r.approved_by, r.external_approver) if x)])
