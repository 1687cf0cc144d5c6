"""Headless backup commands (SPEC §10), with the same checks as the window:

    station-desk backup [--to DIR] [--passphrase-file F] [--flat] [--removable]
    station-desk backups [--json]
    station-desk verify-backup FILE [--passphrase-file F]
    station-desk restore FILE [--passphrase-file F] --manager EMP_NO --pin PIN
    station-desk confirm-restore --manager EMP_NO --pin PIN
    station-desk undo-restore --manager EMP_NO --pin PIN

``restore`` also works when the data file is damaged or missing: the damaged file is moved aside untouched and the
manager's PIN is checked against the backup's own staff register.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from station_desk.actor import ManagerApproval
from station_desk.cli_support import (actor_from_args, add_command, approval_from_args, db_path, open_db, print_json,
                                      print_table, read_pin)
from station_desk.backup.writer import REASON_LABELS
from station_desk.errors import DomainError

STAGES = {"copy": "复制", "verify": "校验", "hash": "计算校验码", "write": "写入", "encrypt": "加密",
          "read_back": "读回核对", "done": "完成"}


def _passphrase(args) -> str | None:
    f = getattr(args, "passphrase_file", None)
    if not f:
        return None
    try:
        return Path(f).read_text(encoding="utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise DomainError("backup.passphrase_file_not_text", path=str(f)) from None


def _progress():
    last = [0.0]

    def tick(done, total, stage):
        now = time.monotonic()
        if now - last[0] >= 0.5 or stage == "done":
            last[0] = now
            pct = int(100 * done / total) if total else 0
            print(f"  {STAGES.get(stage, stage)} {pct}%", file=sys.stderr)

    return tick


def _cmd_backup(args) -> int:
    from station_desk.backup import service as bs

    db = open_db(args, write=False)
    try:
        if not args.to:
            path = bs.backup_before(db, "manual")
            print(f"已备份并校验：{path}")
            return 0
        passphrase = _passphrase(args)
        if passphrase is not None and bs.passphrase_info(db.address) is None:
            # An ad-hoc passphrase nobody recorded is one typo away from a backup nobody can open: the manager
            # sets it first (typed twice, with the PIN, in the 备份 tab); then every backup is checked against it.
            raise DomainError("backup.passphrase_not_set")
        info = bs.backup_to_folder(db, actor=actor_from_args(db, args, system_ok=True), folder=Path(args.to),
                                   passphrase=passphrase, removable=args.removable, flat=args.flat,
                                   progress=_progress())
        print(f"已备份并校验（读回核对一致）：{info.path}")
        print(f"大小 {info.size_text}，{'已加密' if info.encrypted else '未加密（文件名中已注明）'}")
        return 0
    finally:
        db.close()


def _cmd_backups(args) -> int:
    from station_desk.backup import service as bs

    path = db_path(args)
    local = bs.local_backups(path)
    status = bs.folder_status(path)
    if args.json:
        print_json({"folder": status.folder, "total_size": status.total_size, "local": local,
                    "external": bs.external_backups(path), "restore_pending": status.restore_pending})
        return 0
    print(f"自动备份位置：{status.folder}（共 {status.count} 个，占用 {status.total_size_text}）")
    print_table(["时间", "原因", "大小", "加密", "文件"],
                [[b.created_at, REASON_LABELS.get(b.reason, b.reason), b.size_text, "是" if b.encrypted else "否", Path(b.path).name]
                 for b in local])
    ext = bs.external_backups(path)
    if ext:
        print("\n月末备份（U 盘 / 文件夹）：")
        print_table(["时间", "月份", "加密", "位置"],
                    [[r["at"], r.get("month", ""), "是" if r.get("encrypted") else "否", r["path"]] for r in ext])
    if status.restore_pending:
        print(f"\n注意：{status.restore_pending.get('at')} 的恢复尚未经经理确认，自动备份清理暂停。")
    return 0


def _print_contents(c) -> None:
    print(f"备份时间：{c.created_at:%Y-%m-%d %H:%M:%S}  {'已加密' if c.encrypted else '未加密'}  {c.size} 字节")
    print(f"最后一条记录：{c.last_entry_at or '—'}   数据版本：{c.schema_revision or '—'}")
    rows = [[t, n] for t, n in sorted(c.row_counts.items()) if n]
    print_table(["表", "行数"], rows)


def _cmd_verify(args) -> int:
    from station_desk.backup import service as bs

    c = bs.verify_backup(Path(args.file), passphrase=_passphrase(args))
    print("备份检查通过（清单、校验码、解密、完整性、数据版本）。")
    _print_contents(c)
    return 0


def _recovery_approval(args, contents) -> ManagerApproval | None:
    if not getattr(args, "manager", None):
        return None
    for sid, name, emp_no in contents.managers:
        if args.manager in (emp_no, name, str(sid)):
            return ManagerApproval(sid, read_pin(args, emp_no=emp_no, name=name, purpose="批准经理"))
    raise DomainError("not_found", what="备份中的经理工号", id=args.manager)


def _cmd_restore(args) -> int:
    from station_desk.backup import service as bs

    source = Path(args.file)
    path = db_path(args)
    if getattr(args, "into", None) or isinstance(path, str):
        return _restore_into_server(args, source, path)
    try:
        if not path.exists() or path.stat().st_size == 0:
            raise DomainError("db.not_a_database", path=str(path), detail="missing")
        db = open_db(args)
    except DomainError as exc:
        if exc.code not in ("db.not_a_database", "db.damaged"):
            raise
        why = f"数据文件 {path} 不存在" if exc.params.get("detail") == "missing" else exc.message
        print(f"{why}。将从备份恢复；原文件（如有）会原样改名保留，不会被写入。", file=sys.stderr)
        contents = bs.inspect_backup(path, source, passphrase=_passphrase(args))
        result = bs.recover_from_backup(path, path=source, passphrase=_passphrase(args),
                                        approval=_recovery_approval(args, contents))
    else:
        result = bs.restore_backup(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                                   path=source, passphrase=_passphrase(args))
    _print_contents(result.contents)
    print(f"已恢复：{result.restored_from}")
    if result.safety_copy:
        print(f"恢复前的数据已保存为：{result.safety_copy}")
    print("请核对数据后运行 station-desk confirm-restore 确认；在确认之前自动备份不会被清理。")
    return 0


def _restore_into_server(args, source: Path, path) -> int:
    """A PostgreSQL station: restore into a new, empty database (``--into``); the live one stays as it was."""
    from station_desk.backup.pg import restore_station
    from station_desk.db.url import is_server_url, public_url

    if not (isinstance(path, str) and args.into and is_server_url(args.into)):
        raise DomainError("backup.restore_needs_new_database")
    db = open_db(args)
    from station_desk.cash_book.chain import verify_cash_chain

    result = restore_station(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                             path=source, target_url=args.into, passphrase=_passphrase(args),
                             checks=(verify_cash_chain,))
    print(f"已恢复到新数据库：{public_url(args.into)}（{sum(result['counts'].values())} 行，审计和现金账链完整）")
    print(f"恢复前的数据库没有改动，另存了安全备份：{result['safety_copy']}")
    print(f"请各台电脑改用 --db {public_url(args.into)} 打开。")
    return 0


def _cmd_confirm(args) -> int:
    from station_desk.backup import service as bs

    db = open_db(args)
    bs.confirm_restored_data(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args))
    print("已确认恢复的数据，自动备份清理恢复正常。")
    return 0


def _cmd_undo(args) -> int:
    from station_desk.backup import service as bs

    db = open_db(args)
    result = bs.undo_restore(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args))
    print(f"已撤销恢复，数据回到恢复之前（{result.restored_from}）。")
    return 0


def _cmd_set_passphrase(args) -> int:
    from station_desk.backup import service as bs

    db = open_db(args)
    try:
        first = _passphrase(args)
        repeat = Path(args.repeat_file).read_text(encoding="utf-8").rstrip("\r\n") if args.repeat_file else None
        bs.set_passphrase(db, actor=actor_from_args(db, args), approval=approval_from_args(db, args),
                          passphrase=first or "", repeat=repeat if repeat is not None else first)
    finally:
        db.close()
    print("已设置备份密码。请把它记在安全的地方：忘记密码，加密备份就再也打不开。")
    return 0


def register(sub) -> None:
    p = add_command(sub, "backup-passphrase", _cmd_set_passphrase, approval=True, help="设置备份密码（经理；加密备份前必须先设置）")
    p.add_argument("--passphrase-file", metavar="F", required=True, help="新备份密码所在的文本文件")
    p.add_argument("--repeat-file", metavar="F", help="再输一次（另一文件），防止输错")

    p = add_command(sub, "backup", _cmd_backup, actor=True, help="备份（--to 文件夹/U 盘：月末备份；不带 --to：立即本机备份）")
    p.add_argument("--to", metavar="DIR", help="目标文件夹（写入 StationDesk备份/<中心>/<年-月>/）")
    p.add_argument("--passphrase-file", metavar="F", help="备份密码所在的文本文件（加密备份）")
    p.add_argument("--flat", action="store_true", help="直接写入目标文件夹，不建子文件夹")
    p.add_argument("--removable", action="store_true", help="目标是 U 盘（记为 U 盘备份）")

    p = add_command(sub, "backups", _cmd_backups, help="列出本机自动备份和月末备份")
    p.add_argument("--json", action="store_true")

    p = add_command(sub, "verify-backup", _cmd_verify, help="检查一个备份文件（不恢复）")
    p.add_argument("file")
    p.add_argument("--passphrase-file", metavar="F")

    p = add_command(sub, "restore", _cmd_restore, approval=True, help="从备份恢复（需要经理密码；先保存当前数据的安全副本）")
    p.add_argument("file")
    p.add_argument("--passphrase-file", metavar="F")
    p.add_argument("--into", metavar="postgresql://…",
                   help="PostgreSQL：恢复到这个新建的空数据库（原数据库不动）")

    add_command(sub, "confirm-restore", _cmd_confirm, approval=True, help="确认恢复后的数据（恢复自动备份清理）")

    add_command(sub, "undo-restore", _cmd_undo, approval=True, help="撤销上一次恢复（放回恢复前的安全副本）")
