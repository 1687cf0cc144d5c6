"""Helpers shared by every ``station-desk`` sub-command: open the database, who acts, manager approval, output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from station_desk.errors import DomainError

if TYPE_CHECKING:  # imported where used: the window's start builds its parser with this module, before its paint
    import datetime as dt

    from station_desk.actor import Actor, ManagerApproval


def _db_arg(value: str) -> Path | str:
    """A file's path, or a ``postgresql://`` URL kept as text (``Path`` would fold its ``//``)."""
    from station_desk.db.url import is_server_url

    return value if is_server_url(value) else Path(value)


def add_common(parser: argparse.ArgumentParser) -> None:
    """``--db`` / ``--demo`` on the program and on every command. SUPPRESS: a sub-command that is not given them
    must not reset what was given before the command name (``station-desk --demo staff list``)."""
    parser.add_argument("--db", type=_db_arg, default=argparse.SUPPRESS,
                        help="数据文件路径（默认：数据目录中的 station.db），或 PostgreSQL 数据库地址 "
                             "postgresql://用户@服务器/数据库（密码放在 PostgreSQL 密码文件里）")
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="使用演示站数据文件")


def add_actor_args(parser: argparse.ArgumentParser, *, approval: bool = False) -> None:
    """Who acts (``--as``) and, for manager actions, who approves (``--manager``). Their PINs are never arguments:
    they are typed at a prompt that does not echo, or read by a script from a file descriptor (``--pin-fd N``: one
    PIN per line, the acting person's first, then the manager's)."""
    parser.add_argument("--as", dest="as_emp_no", metavar="EMP_NO", help="操作人的工号（要输入此人的密码）")
    parser.add_argument("--pin-fd", type=int, metavar="N",
                        help="从文件描述符 N 读取密码（每行一个：先操作人，再批准经理），供脚本使用")
    if approval:
        parser.add_argument("--manager", metavar="EMP_NO", help="批准经理的工号（要输入经理的密码）")


def add_command(sub, name: str, func, *, actor: bool = False, approval: bool = False,
                **kwargs) -> argparse.ArgumentParser:
    """A sub-command ``name`` run by ``func(args)``: with ``--db`` / ``--demo``, and who acts (``actor``) and who
    approves (``approval``: a manager's action). ``kwargs`` (``help``…) go to ``add_parser``."""
    parser = sub.add_parser(name, **kwargs)
    add_common(parser)
    if actor or approval:
        add_actor_args(parser, approval=approval)
    parser.set_defaults(func=func)
    return parser


def db_path(args, *, desk_setting: bool = True) -> Path | str:
    """The station file, or a ``postgresql://`` URL (kept as text: a URL is not a path): ``--db``, else the demo
    file with ``--demo``, else this PC's address set by ``set-db`` (``desk_setting``), else the station file."""
    from station_desk import paths
    from station_desk.db.url import is_server_url

    if getattr(args, "db", None):
        return args.db if is_server_url(args.db) else Path(args.db)
    if getattr(args, "demo", False):
        return paths.demo_db_path()
    if desk_setting and (url := paths.desk_db()) and is_server_url(url):
        return url
    return paths.default_db_path()


def open_db(args, *, write: bool = True):
    """Open (and migrate) the station file. Write commands take the instance lock, so they refuse to run while
    the program has the file open; read-only commands proceed. A PostgreSQL station is shared by design: the
    server serialises the writes, commands take no lock there."""
    from station_desk.db.url import is_server_url
    from station_desk.db.lock import InstanceLock
    from station_desk.db.migrate import open_database

    path = db_path(args)
    if getattr(args, "demo", False) and not path.exists():
        from station_desk.demo import build_demo

        build_demo(path)
    if write and not is_server_url(path):
        lock = InstanceLock(path)
        lock.acquire()
        args._lock = lock  # released at exit
    return open_database(path)


def staff_by_emp_no(db, emp_no: str):
    from station_desk.staff import service as staff

    for row in staff.list_staff(db, include_left=True):
        if row.emp_no == emp_no:
            return row
    raise DomainError("cli.no_such_emp_no", emp_no=emp_no)


def read_pin(args, *, emp_no: str, name: str, purpose: str) -> str:
    """A person's PIN, asked once per command: from ``--pin-fd`` (next line) or a prompt without echo."""
    pins = args.__dict__.setdefault("_pins", {})
    if emp_no in pins:
        return pins[emp_no]
    fd = getattr(args, "pin_fd", None)
    if fd is not None:
        stream = args.__dict__.get("_pin_stream")
        if stream is None:
            try:
                stream = args._pin_stream = open(fd, encoding="utf-8", closefd=False)  # noqa: SIM115
            except OSError:
                raise DomainError("cli.pin_fd_unreadable", fd=fd) from None
        pin = stream.readline().rstrip("\r\n")
    elif sys.stdin is not None and sys.stdin.isatty():
        import getpass

        pin = getpass.getpass(f"{purpose} {name}（{emp_no}）的密码：" if name else f"{purpose}：")
    else:
        raise DomainError("cli.pin_needed", name=name, emp_no=emp_no)
    pins[emp_no] = pin
    return pin


def read_new_pin(args) -> str:
    """A new PIN typed twice (prompt without echo, or the next two lines of ``--pin-fd``); refused if they differ."""
    first = read_pin(args, emp_no="\0new", name="", purpose="新密码")
    again = read_pin(args, emp_no="\0again", name="", purpose="再输一次新密码")
    if first != again:
        raise DomainError("cli.pins_differ")
    return first


def actor_from_args(db, args, *, system_ok: bool = False) -> Actor:
    """Who does this: the person of ``--as``, signed in with their PIN (as at the desk: a person without a PIN
    signs in without one). Without ``--as`` the approving manager acts, if there is one; the system actor may only
    read and back up (``system_ok``). The audit log never names someone who did not authenticate."""
    from station_desk.actor import SYSTEM
    from station_desk.staff import auth

    emp_no = getattr(args, "as_emp_no", None)
    if not emp_no:
        if getattr(args, "manager", None):
            emp_no = args.manager
        elif system_ok:
            return SYSTEM
        else:
            raise DomainError("cli.actor_required")
    row = staff_by_emp_no(db, emp_no)
    if not row.has_pin:
        return auth.sign_in(db, row.id)
    pin = read_pin(args, emp_no=row.emp_no, name=row.name, purpose="操作人")
    actor = auth.sign_in(db, row.id, pin)
    short_pin_notice(db, args, row, pin)
    return actor


def short_pin_notice(db, args, row, pin: str) -> None:
    """A manager whose PIN is shorter than the policy's minimum is told how to change it (once per command, on
    stderr; the command goes on — as the window asks at sign-in and lets "later" through)."""
    from station_desk.staff import auth

    told = args.__dict__.setdefault("_told_short_pin", set())
    if row.emp_no in told or getattr(args, "action", None) == "set-pin" or not auth.pin_change_due(db, row.id, pin):
        return
    told.add(row.emp_no)
    n = auth.manager_min_pin_length(db)
    print(f"提示：{row.name}（{row.emp_no}）的密码不足 {n} 位。服务中心经理的密码至少要 {n} 位，请尽快修改：\n"
          f"  station-desk staff set-pin --emp-no {row.emp_no}", file=sys.stderr)


def approval_from_args(db, args) -> ManagerApproval | None:
    """The manager's approval for a manager-only action: ``--manager`` and their PIN (prompt or ``--pin-fd``)."""
    from station_desk.actor import ManagerApproval

    if not getattr(args, "manager", None):
        return None
    row = staff_by_emp_no(db, args.manager)
    return ManagerApproval(row.id, read_pin(args, emp_no=row.emp_no, name=row.name, purpose="批准经理"))


def full_phones(db, args) -> bool:
    """Full phone numbers in this command's output only with the manager's approval (``--manager``, PIN)."""
    from station_desk.staff import auth

    approval = approval_from_args(db, args)
    if approval is None:
        return False
    auth.require_manager(db, approval, "查看完整电话号码")
    return True


def parse_date(text: str | None) -> dt.date:
    """'2026-11-30' → a date; a Chinese refusal for anything else (an empty value too)."""
    import datetime as dt

    raw = (text or "").strip()
    if not raw:
        raise DomainError("required", field="日期（YYYY-MM-DD）")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DomainError("date.invalid", text=raw[:40]) from None


def parse_month(text: str | None) -> tuple[int, int]:
    """'2026-11' → (2026, 11); a Chinese refusal for anything else."""
    from station_desk.month import Month

    try:
        m = Month.parse(text or "")
    except DomainError:
        raise DomainError("month.invalid", text=(text or "")[:40]) from None
    return m.year, m.month


def _default(value):
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        import dataclasses

        return dataclasses.asdict(value)
    return str(value)


def print_json(obj) -> None:
    import json

    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def print_rows(args, rows: list, headers: list[str], cells, *, as_json=None) -> int:
    """A command's list: with ``--json`` the rows as JSON (or ``as_json``, e.g. masked), else a table of
    ``headers`` with ``cells(row)`` for each row. Returns 0, the command's exit code."""
    if args.json:
        print_json(rows if as_json is None else as_json)
    else:
        print_table(headers, [cells(r) for r in rows])
    return 0


def print_table(headers: list[str], rows: list[list]) -> None:
    widths = [max([_w(h)] + [_w(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    def line(cells):
        return "  ".join(str(c) + " " * (w - _w(str(c))) for c, w in zip(cells, widths))
    print(line(headers))
    for r in rows:
        print(line(r))


def _w(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def confirm_staff_impact(args, found) -> None:
    """Print what a register change would do to the open months of points (``points.impact``) and go on only with
    ``--yes`` or a *y* at the prompt; otherwise refuse (nothing saved)."""
    if not found.changes:
        return
    for line in found.lines():
        print(line)
    if getattr(args, "yes", False):
        return
    if sys.stdin is not None and sys.stdin.isatty():
        if input("仍要保存吗？[y/N] ").strip().lower() in ("y", "yes", "是"):
            return
    raise DomainError("staff.impact_not_confirmed")


def out_file(out: str | None, allowed: tuple[str, ...], default: str | None = None) -> tuple[str, str]:
    """``--out``: the path and its kind (``"pdf"``, ``"xlsx"``). The file's extension says what is written; an
    extension this command cannot write is refused (never a PDF under a .xlsx name). No ``--out``: ``default``."""
    path = out or default
    if not path:
        raise DomainError("required", field="--out")
    kind = Path(path).suffix.lower().lstrip(".")
    if kind not in allowed:
        raise DomainError("cli.out_extension", path=path, allowed=" 或 ".join(f".{a}" for a in allowed))
    return path, kind
