"""``station-desk check``: look at a file and say what it is, strictly read-only.

The file is opened with SQLite's ``mode=ro`` (and ``PRAGMA query_only``): nothing is created (not even a missing
folder), nothing is migrated, no journal is written. What it reports, in order: whether the file exists and is
SQLite at all; whether it is a station file (stamped with a schema revision this program knows — or an older or
newer one, which is said, not changed); then ``integrity_check``, ``foreign_key_check``, the audit hash chain and
the cash-book chain (the chains only on a file at this program's schema); every row of every covered table
against the audit chain's last record of it; and every anchor it can find (the chain's head as the backups'
manifests and the posted wall sheets carry it) still in the chain.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event

from station_desk.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class CheckReport:
    path: str
    revision: str | None = None
    head: str | None = None
    station_file: bool = False
    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def say(self, text: str, *, problem: bool = False) -> None:
        self.lines.append(text)
        if problem:
            self.ok = False


def _ro_uri(path: Path) -> str:
    """Read-only. Without a ``-wal`` beside it nobody has the file open (the program always has one while it
    runs): then ``immutable=1``, so SQLite does not create the ``-wal``/``-shm`` side files a WAL file otherwise
    gets even when read. With a ``-wal``, plain ``mode=ro`` reads the committed data through it."""
    uri = f"file:{quote(path.resolve().as_posix())}?mode=ro"
    return uri if Path(str(path) + "-wal").exists() else uri + "&immutable=1"


def read_only_database(path: Path):
    """A ``Database`` over ``path`` that cannot write: ``mode=ro`` connections with ``query_only``."""
    from station_desk.db.engine import Database

    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(_ro_uri(path), uri=True,
                                                                          check_same_thread=False))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA query_only=ON")

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")

    db = Database.__new__(Database)
    db.path, db.engine, db._write_engine, db.change_listeners = Path(path), engine, engine, []
    from station_desk.db.dialect import SQLITE

    db.dialect, db.url, db.sender = SQLITE, None, None
    return db


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise DomainError("db.check_missing", path=str(path))
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise DomainError("db.not_a_database", path=str(path), detail="文件头不是 SQLite 格式")
    conn = sqlite3.connect(_ro_uri(path), uri=True)
    conn.execute("PRAGMA query_only=ON")
    return conn


def _schema(conn: sqlite3.Connection, report: CheckReport) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        report.revision = row[0] if row else None
    _judge_schema(tables, report)


def _judge_schema(tables: set[str], report: CheckReport) -> None:
    from station_desk.db.migrate import head_revision, known_revisions, required_tables

    report.head = head_revision()
    if report.revision is None:
        shown = "、".join(sorted(t for t in tables if not t.startswith("sqlite_"))[:8]) or "无"
        report.say(f"不是本程序的数据文件：没有数据版本标记（其中的表：{shown}）。没有做任何改动。", problem=True)
        return
    if report.revision not in known_revisions():
        report.say(f"数据版本 {report.revision} 由更新版本的程序写入，本程序不认识；没有做任何改动。", problem=True)
        return
    missing = sorted(required_tables() - tables)
    if missing:
        report.say(f"不是完整的服务中心数据文件：缺少表 {'、'.join(missing[:5])}。", problem=True)
        return
    report.station_file = True
    if report.revision != report.head:
        report.say(f"数据版本：{report.revision}（较旧，本程序为 {report.head}；打开程序或运行 station-desk migrate "
                   "时会先备份再升级，check 不升级）", problem=True)
    else:
        report.say(f"数据版本：{report.revision}（与本程序一致）")


def _integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    result = "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall())
    report.say(f"完整性检查（integrity_check）：{'正常' if result == 'ok' else result[:500]}", problem=result != "ok")
    fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    report.say(f"外键检查：{'正常' if not fks else [tuple(r) for r in fks[:10]]}", problem=bool(fks))


def _chains(path: Path | None, report: CheckReport, db=None) -> None:
    from station_desk.audit.service import verify_chain
    from station_desk.cash_book.service import verify_cash_chain

    own = db is None
    db = db or read_only_database(path)
    try:
        chain = verify_chain(db)
        report.say("审计日志链：完整" if chain is None else
                   f"审计日志链：第 {chain.entry_id} 条记录（{chain.at}）被改动（{chain.problem}）", problem=chain is not None)
        cash = verify_cash_chain(db)
        report.say("现金流水账链：完整" if cash is None else
                   f"现金流水账链：第 {cash.entry_id} 笔（{cash.day}）被改动或删除（{cash.problem}）", problem=cash is not None)
    finally:
        if own:
            db.close()


def check_server(url: str, *, fingerprints=(), folders=()) -> CheckReport:
    """``check`` of a PostgreSQL station: read-only transactions (``default_transaction_read_only``); the schema
    stamp, every table read and, where the ``amcheck`` extension is installed, every index verified (the dialect's
    ``integrity_check``), then both chains, every row against the chain's last record of it (the row log's
    triggers: ``audit.row_engines``) and the anchors (this PC's local backups of the server, manifests under
    ``folders``, typed fingerprints). Foreign keys need no check: the server enforces them on every write."""
    from station_desk.db.engine import Database
    from station_desk.db.url import public_url

    db = Database(url, read_only=True)
    report = CheckReport(path=public_url(url))
    try:
        try:
            with db.engine.connect() as conn:
                tables = db.dialect.table_names(conn)
                if "alembic_version" in tables:
                    report.revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception as exc:
            raise DomainError("db.server_unreachable", url=report.path, detail=str(exc).strip()[:300]) from None
        _judge_schema(tables, report)
        if report.revision is not None and report.revision in _known():
            result = db.integrity_check()
            report.say("完整性检查（读遍每张表；装有 amcheck 时校验每个索引）："
                       f"{'正常' if result == 'ok' else result[:500]}", problem=result != "ok")
        if report.station_file and report.revision == report.head:
            _chains(None, report, db)
            _rows(None, report, db)
            _anchors(None, report, gather_anchors(url, fingerprints=fingerprints, folders=folders), db)
    finally:
        db.close()
    return report


_KIND_LABELS = {"changed": "与审计链最后记录的不同", "missing": "已被删除（审计链记录过它）",
                "unrecorded": "审计链没有记录过（被人在程序之外直接加入）"}
_SHOWN = 12


def _rows(path: Path | None, report: CheckReport, db=None) -> None:
    """Every row of every covered table against the chain's last record of it (station_desk.audit.row_check)."""
    from station_desk.audit.labels import entity_label
    from station_desk.audit.row_check import verify_rows

    if db is not None:  # a PostgreSQL station: its driver connection, in a read-only transaction
        raw = db.engine.raw_connection()
        try:
            rows = verify_rows(raw.driver_connection)
        finally:
            raw.rollback()
            raw.close()
    else:
        conn = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            conn.execute("PRAGMA query_only=ON")
            rows = verify_rows(conn)
        finally:
            conn.close()
    if not rows.recorded:
        report.say(f"数据行与审计链：还没有逐行记录（{rows.tables} 张表 {rows.rows} 行；"
                   "程序下一次保存任何改动时建立起点）")
        return
    if not rows.problems:
        report.say(f"数据行与审计链：{rows.tables} 张表 {rows.rows} 行，全部与审计链最后的记录一致")
        return
    counts = "，".join(f"{_KIND_LABELS[k]} {rows.count(k)} 行" for k in ("changed", "missing", "unrecorded")
                      if rows.count(k))
    report.say(f"数据行与审计链：{counts}", problem=True)
    for p in rows.problems[:_SHOWN]:
        where = f"（审计链第 {p.entry_id} 条）" if p.entry_id else ""
        detail = f"：{p.detail}" if p.detail else ""
        report.say(f"  {entity_label(p.table)}（{p.table}）第 {p.row_id} 行{_KIND_LABELS[p.kind]}{where}{detail}",
                   problem=True)
    if len(rows.problems) > _SHOWN:
        report.say(f"  ……另有 {len(rows.problems) - _SHOWN} 行", problem=True)


def gather_anchors(path, *, fingerprints=(), folders=()) -> list[tuple[str, str, str | None]]:
    """(fingerprint, where it came from, when it was taken if known) of every anchor ``check`` can find, read-only: the local backups'
    manifest, the month-end backups logged on this PC (and their manifests on the stick, when it is plugged in),
    the manifests under ``folders`` (a USB stick), and fingerprints typed in from posted sheets."""
    import json

    from station_desk.backup.manifest import MANIFEST, read_manifest
    from station_desk.backup.state import STATE

    found: list[tuple[str, str, str | None]] = []
    from station_desk.db.url import is_server_url

    if is_server_url(path):  # a server station's local backups: in this PC's data folder (paths.backups_dir)
        from station_desk.paths import backups_dir

        local = backups_dir(path)
    else:
        local = Path(path).resolve().parent / "backups"

    def from_manifest(folder: Path, label: str) -> None:
        if (folder / MANIFEST).is_file():
            for e in read_manifest(folder):
                if e.chain:
                    found.append((e.chain, f"{label}：{e.file}", e.created_at))

    from_manifest(local, "本机备份")
    try:
        state = json.loads((local / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    for rec in (state.get("external") or []) if isinstance(state, dict) else []:
        if isinstance(rec, dict) and rec.get("chain"):
            found.append((rec["chain"], f"月末备份记录：{rec.get('path', '')}", rec.get("at")))
            stick = Path(str(rec.get("path", ""))).parent
            try:
                if stick.is_dir():
                    from_manifest(stick, "月末备份")
            except (OSError, ValueError):
                pass
    for folder in folders:
        try:
            manifests = sorted(Path(folder).rglob(MANIFEST))[:200] if Path(folder).is_dir() else []
        except (OSError, ValueError):  # unreadable, or not a path at all (a NUL in it)
            manifests = []
        if not manifests:
            raise DomainError("db.check_no_manifest", folder=str(folder).encode("utf-8", "replace").decode()[:200])
        for manifest in manifests:
            from_manifest(manifest.parent, "U 盘备份")
    for text in fingerprints:
        found.append((text, "张贴的表，手工输入", None))
    seen: set[str] = set()
    out = []
    for fp, source, at in found:
        key = "".join(ch for ch in fp.lower() if ch.isalnum())
        if key not in seen:
            seen.add(key)
            out.append((fp, source, at))
    return out


def _naive(text: str | None):
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(str(text)).replace(tzinfo=None) if text else None
    except ValueError:
        return None


def _anchors(path: Path | None, report: CheckReport, anchors: list[tuple[str, str, str | None]], db=None) -> None:
    """Every anchor must still be in the chain — except one taken after the moment a restore went back to (the
    restore is in the chain as ``backup.restore``: what came after the restored copy was replaced on purpose)."""
    from station_desk.audit.row_check import find_anchor

    if not anchors:
        report.say("锚点：没有找到（备份清单和张贴的表上的“账本指纹”可用来证明此前的记录没有被改过）")
        return
    from station_desk.audit.row_engines import engine_of

    raw = db.engine.raw_connection() if db is not None else None
    conn = raw.driver_connection if raw is not None else sqlite3.connect(_ro_uri(path), uri=True)
    try:
        restores = [_naive(r[0]) for r in engine_of(conn).run(
            conn.cursor(), "SELECT at FROM audit_log WHERE action = 'backup.restore'").fetchall()]
        missing = replaced = 0
        for fp, source, taken in anchors:
            a = find_anchor(conn, fp, source)
            if a.entry_id is not None:
                continue
            when = _naive(taken)
            later = [r for r in restores if r and when and r >= when]
            if later:
                replaced += 1
                report.say(f"锚点 {fp}（{source}）：不在审计链中，因为 {min(later):%Y-%m-%d %H:%M} 恢复了更早的备份"
                           "（预期之中）")
                continue
            missing += 1
            report.say(f"锚点 {fp}（{source}）：不在审计链中 —— 这之前的记录被改动、删除或整条链被重算过，"
                       "或者指纹抄错了", problem=True)
        if missing == 0:
            kept = len(anchors) - replaced
            report.say(f"锚点：{kept} 个（备份清单、张贴的表）都还在审计链中")
    finally:
        if raw is not None:
            raw.rollback()
            raw.close()
        else:
            conn.close()


def check_file(path, *, fingerprints=(), folders=()) -> CheckReport:
    """Everything ``station-desk check`` reports about ``path``; raises DomainError when it is not there or not
    SQLite. Never writes. ``fingerprints``: chain fingerprints typed in from posted sheets; ``folders``: where to
    look for more backup manifests (a USB stick). A ``postgresql://`` URL is checked on its server (:func:`check_server`)."""
    from station_desk.db.url import is_server_url

    if is_server_url(path):
        return check_server(path, fingerprints=fingerprints, folders=folders)
    path = Path(path)
    report = CheckReport(path=str(path))
    try:
        conn = _open(path)
    except sqlite3.Error as exc:
        raise DomainError("db.not_a_database", path=str(path), detail=str(exc)) from None
    try:
        try:
            _schema(conn, report)
            if report.revision is not None and report.revision in _known():
                _integrity(conn, report)
        except sqlite3.DatabaseError as exc:
            raise DomainError("db.not_a_database", path=str(path), detail=str(exc)) from None
    finally:
        conn.close()
    if report.station_file and report.revision == report.head:
        _chains(path, report)
        _rows(path, report)
        _anchors(path, report, gather_anchors(path, fingerprints=fingerprints, folders=folders))
    return report


def _known() -> frozenset[str]:
    from station_desk.db.migrate import known_revisions

    return known_revisions()
