"""``station-desk check``: look at a file and say what it is, strictly read-only.

The file is opened with SQLite's ``mode=ro`` (and ``PRAGMA query_only``): nothing is created (not even a missing
folder), nothing is migrated, no journal is written. What it reports, in order: whether the file exists and is
SQLite at all; whether it is a station file (stamped with a schema revision this program knows — or an older or
newer one, which is said, not changed); then ``integrity_check``, ``foreign_key_check``, the audit hash chain and
the cash-book chain (the chains only on a file at this program's schema).
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

    db = db or read_only_database(path)
    try:
        chain = verify_chain(db)
        report.say("审计日志链：完整" if chain is None else
                   f"审计日志链：第 {chain.entry_id} 条记录（{chain.at}）被改动（{chain.problem}）", problem=chain is not None)
        cash = verify_cash_chain(db)
        report.say("现金流水账链：完整" if cash is None else
                   f"现金流水账链：第 {cash.entry_id} 笔（{cash.day}）被改动或删除（{cash.problem}）", problem=cash is not None)
    finally:
        db.close()


def check_server(url: str) -> CheckReport:
    """``check`` of a PostgreSQL station: read-only transactions (``default_transaction_read_only``); the schema
    stamp, every table read and, where the ``amcheck`` extension is installed, every index verified (the dialect's
    ``integrity_check``), then both chains. Foreign keys need no check: the server enforces them on every write."""
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
    finally:
        db.close()
    return report


def check_file(path) -> CheckReport:
    """Everything ``station-desk check`` reports about ``path``; raises DomainError when it is not there or not
    SQLite. Never writes. A ``postgresql://`` URL is checked on its server (:func:`check_server`)."""
    from station_desk.db.url import is_server_url

    if is_server_url(path):
        return check_server(path)
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
    return report


def _known() -> frozenset[str]:
    from station_desk.db.migrate import known_revisions

    return known_revisions()
