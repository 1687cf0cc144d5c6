"""``station-desk``: the program and its headless commands.

    station-desk [run] [--db PATH | --demo] [--smoke]     the window
    station-desk check | migrate | move-to postgresql://… | staff … | audit … | policy …
    station-desk <module command> …                       registered by station_desk/<module>/cli.py

Domain errors print their Chinese message and exit 2; nothing is written.
"""

from __future__ import annotations

import argparse
import sys

from station_desk import __version__
from station_desk.cli_support import (actor_from_args, add_command, add_common, approval_from_args, open_db, parse_date,
                                      print_rows)
from station_desk.cli_args import harden, speak_chinese
from station_desk.console import command_line_streams
from station_desk.errors import DomainError

def module_clis() -> list:
    """Each module's ``register(subparsers)``, in the order of the help text. Imported only when a command (not
    the window) is asked for: they import their services."""
    from station_desk.assets import cli as assets
    from station_desk.backup import cli as backup
    from station_desk.cash_book import cli as cash_book
    from station_desk.customers import cli as customers
    from station_desk.gift_stock import cli as gift_stock
    from station_desk.points import cli as points
    from station_desk.rest_roster import cli as rest_roster
    from station_desk.rewards import cli as rewards
    from station_desk.work_orders import cli as work_orders

    return [m.register for m in (customers, cash_book, work_orders, gift_stock, assets, rest_roster, points,
                                 rewards, backup)]


def _cmd_run(args) -> int:
    from station_desk.app import run_app

    return run_app(args)


def _cmd_check(args) -> int:
    """Read-only: never creates, never migrates (station_desk.check)."""
    from station_desk.cli_support import db_path
    from station_desk.check import check_file

    report = check_file(db_path(args), fingerprints=args.fingerprint or (), folders=args.stick or ())
    print(f"数据文件：{report.path}")
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


def _cmd_set_db(args) -> int:
    """This PC's database address, set once (the installer or the manager): ``paths.desk_settings_path()``."""
    from station_desk import paths
    from station_desk.db.url import check_no_password, is_server_url, public_url

    from station_desk.db import credentials

    if args.clear:
        if paths.desk_db():
            credentials.forget(paths.desk_db())
        paths.write_desk_db(None)
        print(f"已清除本机的数据库地址设置；以后打开本机数据文件：{paths.default_db_path()}")
        return 0
    if not args.url:
        url = paths.desk_db()
        print(f"本机打开：{url}" if url else f"本机没有设置数据库地址，打开本机数据文件：{paths.default_db_path()}")
        if url:
            print("密码：存在本机的系统凭据库（Windows 凭据管理器）" if credentials.in_keyring(url) else
                  "密码：由 PostgreSQL 的密码文件或服务文件提供（本机没有存入系统凭据库）")
        print(f"设置文件：{paths.desk_settings_path()}")
        return 0
    if not is_server_url(args.url):
        raise DomainError("db.desk_setting_not_server")
    check_no_password(args.url)
    if args.password:
        password = _read_password()
        where = credentials.store(args.url, password)
        paths.write_desk_db(args.url)
        print(f"已设置：本机以后不带 --db 打开 {public_url(args.url)}（设置文件：{paths.desk_settings_path()}）")
        print(f"密码已存入本机的系统凭据库（{where}），不写在数据目录里。")
        return 0
    paths.write_desk_db(args.url)
    print(f"已设置：本机以后不带 --db 打开 {public_url(args.url)}（设置文件：{paths.desk_settings_path()}）")
    print("密码不写在这里：用 set-db 地址 --password 存入系统凭据库（Windows 凭据管理器），或写在 PostgreSQL 的"
          "密码文件里（Windows：%APPDATA%\\postgresql\\pgpass.conf）。")
    return 0


def _read_password() -> str:
    """The database password, typed at a prompt that does not show it (or one line on a pipe)."""
    import getpass

    if sys.stdin is not None and not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("数据库密码（不显示）：")
    if not password:
        raise DomainError("db.password_empty")
    return password


def _cmd_move_to(args) -> int:
    """Copy this SQLite station into an empty PostgreSQL database and prove it (station_desk.move)."""
    from station_desk.cli_support import db_path
    from station_desk.move import move_to_server

    report = move_to_server(db_path(args, desk_setting=False), args.target)  # the SQLite file, even after set-db
    print(f"数据文件：{report.source}")
    print(f"数据库：{report.target}")
    for line in report.lines:
        print(line)
    print("数据文件没有改动。以后各台电脑用 --db " + report.target + " 打开。")
    return 0


def _cmd_migrate(args) -> int:
    from station_desk.db.migrate import current_revision, head_revision

    db = open_db(args)
    print(f"schema: {current_revision(db)} (head {head_revision()})")
    return 0


def _cmd_staff(args) -> int:
    from station_desk.staff import service as staff

    db = open_db(args, write=args.action != "list")
    if args.action == "list":
        rows = staff.list_staff(db, include_left=args.all)
        return print_rows(args, rows, ["工号", "姓名", "岗位", "电话", "入职", "状态"],
                          lambda r: [r.emp_no, r.name, r.role_label, r.phone, r.hire_date, "在职" if r.active else "离职"])
    if args.action == "add":
        _show_staff_impact(db, args)
        row = staff.add_staff(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                              emp_no=args.emp_no, name=args.name, role=args.role,
                              hire_date=parse_date(args.hire_date), phone=args.phone or "")
        print(f"已添加：{row.emp_no} {row.name}（{row.role_label}）")
        return 0
    if args.action == "set-pin":
        return _set_pin(db, args)
    return 2


def _show_staff_impact(db, args) -> None:
    """Before a person with a past hire date is added: the open months of points it would change, then a question
    (a script answers with --yes; without a terminal and without --yes nothing is saved)."""
    from station_desk.cli_support import confirm_staff_impact
    from station_desk.points import impact
    from station_desk.staff import service as staff

    if not (args.emp_no and args.name and args.role and args.hire_date):
        return  # the service names what is missing
    staff.check_staff(db, emp_no=args.emp_no, name=args.name, phone=args.phone or "", role=args.role)
    confirm_staff_impact(args, impact.preview_add_staff(db, emp_no=args.emp_no, name=args.name, role=args.role,
                                                        hire_date=parse_date(args.hire_date)))


def _set_pin(db, args) -> int:
    """Your own PIN (``--as`` you, or nobody named: the old PIN is asked if you have one), or someone else's with
    the manager's approval (``--manager``). The new PIN is typed twice without echo (or two lines of --pin-fd)."""
    from station_desk.cli_support import read_new_pin, staff_by_emp_no
    from station_desk.staff import service as staff

    if not args.emp_no:
        raise DomainError("required", field="--emp-no 工号")
    target = staff_by_emp_no(db, args.emp_no)
    if not args.as_emp_no and not getattr(args, "manager", None):
        args.as_emp_no = target.emp_no  # changing one's own PIN
    approval = approval_from_args(db, args)
    actor = actor_from_args(db, args)
    old = args.__dict__.get("_pins", {}).get(target.emp_no) if approval is None else None
    staff.set_pin(db, actor=actor, staff_id=target.id, new_pin=read_new_pin(args), old_pin=old, approval=approval)
    print(f"已设置 {target.name}（{target.emp_no}）的密码。")
    return 0


def _cmd_audit(args) -> int:
    from station_desk.audit.labels import action_label, entity_label
    from station_desk.audit.service import list_entries
    from station_desk.cli_support import full_phones
    from station_desk.privacy import masked_rows

    db = open_db(args, write=False)
    rows = list_entries(db, since=parse_date(args.since) if args.since else None,
                        until=parse_date(args.until) if args.until else None, entity=args.entity, text=args.text,
                        limit=args.limit)
    return print_rows(args, rows, ["时间", "操作人", "动作", "对象", "编号"],
                      lambda r: [r.at, r.actor_name, action_label(r.action), entity_label(r.entity), r.entity_id],
                      as_json=masked_rows(rows, full=full_phones(db, args)) if args.json else None)


def _cmd_policy(args) -> int:
    from pathlib import Path

    from station_desk.policy import service as policy
    from station_desk.settings.service import set_policy

    db = open_db(args, write=args.action == "set")
    if args.action == "show":
        day = parse_date(args.on) if args.on else None
        print(policy.to_json(policy.current_policy(db, day)))
        return 0
    if not args.file:
        raise DomainError("required", field="--file 政策 JSON 文件")
    effective_from = parse_date(args.effective_from)
    doc = policy.parse_policy(Path(args.file).read_text(encoding="utf-8"))
    set_policy(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
               effective_from=effective_from, policy=doc, note=args.note or "")
    print(f"新政策自 {args.effective_from} 起生效。")
    return 0


def build_parser(*, modules: bool = True, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False``: only the window's options and ``run`` (what the window's start
    parses, before its first paint), ``modules=False``: without the modules' commands."""
    speak_chinese()
    parser = argparse.ArgumentParser(prog="station-desk", description="服务中心前台管理 station_desk")
    parser.add_argument("--version", action="version", version=f"station_desk {__version__}", help="显示版本号并退出")
    add_common(parser)
    parser.add_argument("--smoke", action="store_true", help="建好主窗口后立即退出（无显示器时检查安装）")
    parser.add_argument("--lang", help="界面语言（zh_CN 或 en）")
    parser.set_defaults(func=_cmd_run)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = add_command(sub, "run", _cmd_run, help="打开程序窗口（默认）")
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--lang")
    if not commands:
        harden(parser)
        return parser

    p = add_command(sub, "check", _cmd_check, help="检查数据文件（完整性、外键、审计链、每一行与审计链、锚点）")
    p.add_argument("--fingerprint", action="append", metavar="指纹",
                   help="张贴的表页脚上的“账本指纹”（可重复），检查它是否还在审计链中")
    p.add_argument("--stick", action="append", metavar="文件夹",
                   help="再到这个文件夹（U 盘）里找备份清单上的锚点（可重复）")

    add_command(sub, "migrate", _cmd_migrate, help="把数据文件升级到本版本（先自动备份）")

    p = add_command(sub, "move-to", _cmd_move_to, help="把本机数据文件搬到空的 PostgreSQL 数据库（多台电脑共用）")
    p.add_argument("target", metavar="postgresql://用户@服务器/数据库")

    p = sub.add_parser("set-db", help="设置本机默认打开的 PostgreSQL 数据库地址（多台电脑共用；不含密码）")
    p.add_argument("url", nargs="?", metavar="postgresql://用户@服务器/数据库",
                   help="不带地址：显示本机的设置")
    p.add_argument("--clear", action="store_true", help="清除设置（和存入系统凭据库的密码），回到本机数据文件")
    p.add_argument("--password", action="store_true",
                   help="输入数据库密码，存入本机的系统凭据库（Windows 凭据管理器），不写进数据目录")
    p.set_defaults(func=_cmd_set_db)

    p = add_command(sub, "staff", _cmd_staff, approval=True, help="员工名册")
    p.add_argument("action", choices=["list", "add", "set-pin"],
                   help="list 名册；add 添加（经理批准）；set-pin 设置密码（自己的要输旧密码；别人的要经理批准）")
    p.add_argument("--all", action="store_true", help="包括离职人员")
    p.add_argument("--json", action="store_true")
    p.add_argument("--emp-no")
    p.add_argument("--name")
    p.add_argument("--role")
    p.add_argument("--hire-date")
    p.add_argument("--phone")
    p.add_argument("--yes", action="store_true", help="添加会改变未结账月份的积分时，确认保存（add）")

    p = add_command(sub, "audit", _cmd_audit, approval=True, help="审计日志")
    p.add_argument("--since")
    p.add_argument("--until")
    p.add_argument("--entity")
    p.add_argument("--text")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")

    p = add_command(sub, "policy", _cmd_policy, approval=True, help="站内政策（显示或设置）")
    p.add_argument("action", choices=["show", "set"])
    p.add_argument("--on", help="显示某天有效的政策")
    p.add_argument("--file", help="政策 JSON 文件（set）")
    p.add_argument("--effective-from", help="生效日期（set）")
    p.add_argument("--note")

    if modules:
        for register in module_clis():
            register(sub)
    harden(parser)
    return parser


def _wants_window(argv: list[str]) -> bool:
    """True when the arguments open the window (no sub-command, or ``run``): then the module commands, which
    import their services, are not registered — start-up is decided by what is imported before the window."""
    words = [a for a in argv if not a.startswith("-")]
    if "-h" in argv or "--help" in argv:
        return False
    if not words:
        return True
    # a value of --db / --lang is not a command
    for i, arg in enumerate(argv):
        if arg.startswith("-"):
            continue
        if i > 0 and argv[i - 1] in ("--db", "--lang"):
            continue
        return arg == "run"
    return True


def _as_text(arg: str) -> str:
    try:
        return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return arg.encode("utf-8", "replace").decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    # bytes that were not text on the command line (surrogate escapes) become U+FFFD: a search, a name or a
    # month is text, and the database and the messages only take text
    argv = [_as_text(a) for a in (sys.argv[1:] if argv is None else argv)]
    command_line_streams()  # UTF-8 on every Windows (not cp1252/GBK), and never an encoding error
    window = _wants_window(argv)
    parser = build_parser(modules=not window, commands=not window)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DomainError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that does not exist, a PDF open in a viewer, a full disk
        from station_desk.messages import render

        print(render("cli.file_error", {"path": exc.filename or "", "reason": exc.strerror or str(exc)}),
              file=sys.stderr)
        return 2
    finally:
        lock = getattr(args, "_lock", None)
        if lock is not None:
            lock.release()


if __name__ == "__main__":
    sys.exit(main())
