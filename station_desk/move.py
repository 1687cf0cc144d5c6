"""``station-desk move-to postgresql://…``: a one-PC station (SQLite file) becomes a LAN station (PostgreSQL).

1. The SQLite file is opened read-only (``check.read_only_database``) under its instance lock (the program must
   be closed), and must be at this program's schema (open it once with the program first) with both hash chains
   intact: a damaged station is not moved.
2. The PostgreSQL database must be empty. In ONE transaction on it: every table is created (the same metadata, the
   pg_trgm search index, the schema stamp), every row of every table is copied in key order (parents before
   children), the id sequences are set past the highest copied id, and every table's row count is compared with
   the file's. Any difference or error rolls the whole transaction back: the database is left empty.
3. After the commit it is proved from the server: the audit chain and the cash-book chain verify, and every month
   lock of the file is a lock there (a write dated in a locked month is refused).
The SQLite file is never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, inspect, select

from station_desk.errors import DomainError

CHUNK = 2000


@dataclass
class MoveReport:
    source: str
    target: str
    row_counts: dict[str, int] = field(default_factory=dict)
    locks: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def _source_ready(source) -> None:
    from station_desk.audit.service import verify_chain
    from station_desk.cash_book.chain import verify_cash_chain
    from station_desk.check import check_file

    report = check_file(source.path)
    if not report.ok or report.revision != report.head:
        raise DomainError("db.move_source_not_ready", path=str(source.path),
                          detail="；".join(line for line in report.lines if line)[:300])
    if verify_chain(source) is not None or verify_cash_chain(source) is not None:
        raise DomainError("db.move_source_not_ready", path=str(source.path), detail="审计或现金账链校验未通过")


def _copy(source, target, report: MoveReport) -> None:
    """Schema and rows in the caller's one transaction on ``target``; the counts compared before it commits."""
    from sqlmodel import SQLModel

    from station_desk.db.migrate import head_revision
    from station_desk.db.registry import load_all_models

    load_all_models()
    metadata = SQLModel.metadata
    with target._write_engine.begin() as conn, source.engine.connect() as src:
        metadata.create_all(conn)
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                             "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (%s)", (head_revision(),))
        source_tables = set(inspect(src).get_table_names())
        for table in metadata.sorted_tables:
            if table.name not in source_tables:
                continue
            pk = list(table.primary_key.columns)
            rows = src.execute(select(table).order_by(*pk)).mappings()
            n = 0
            while True:
                chunk = [dict(r) for r in rows.fetchmany(CHUNK)]
                if not chunk:
                    break
                conn.execute(table.insert(), chunk)
                n += len(chunk)
            report.row_counts[table.name] = n
            if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and pk[0].type.python_type is int and n:
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk[0].name}'), "
                                     f"(SELECT max(\"{pk[0].name}\") FROM \"{table.name}\"))")
        for name, n in report.row_counts.items():
            src_n = src.execute(select(func.count()).select_from(metadata.tables[name])).scalar()
            got = conn.execute(select(func.count()).select_from(metadata.tables[name])).scalar()
            if not (src_n == got == n):
                raise DomainError("db.move_failed", detail=f"表 {name}：文件 {src_n} 行，数据库 {got} 行")


def _prove(source, target, report: MoveReport) -> None:
    from station_desk.audit.service import verify_chain
    from station_desk.cash_book.chain import verify_cash_chain
    from station_desk.month import Month
    from station_desk.periods import service as periods
    from station_desk.errors import PeriodLocked

    problem = verify_chain(target)
    if problem is not None:
        raise DomainError("db.move_failed", detail=f"审计日志链在数据库中校验未通过（第 {problem.entry_id} 条）")
    cash = verify_cash_chain(target)
    if cash is not None:
        raise DomainError("db.move_failed", detail=f"现金流水账链在数据库中校验未通过（第 {cash.entry_id} 笔）")
    with source.read() as s:
        source_locks = sorted(periods.locked_months(s))
    with target.read() as s:
        target_locks = sorted(periods.locked_months(s))
        for scope, month in target_locks:
            try:
                periods.ensure_open(s, scope, Month.parse(month).last)
            except PeriodLocked:
                continue
            raise DomainError("db.move_failed", detail=f"{month} 的锁定在数据库中不起作用")
    if source_locks != target_locks:
        raise DomainError("db.move_failed", detail="月份锁定与数据文件不一致")
    report.locks = target_locks
    total = sum(report.row_counts.values())
    report.lines += [f"已复制 {len(report.row_counts)} 张表、{total} 行，每张表行数与数据文件一致",
                     "审计日志链：完整", "现金流水账链：完整",
                     f"月份锁定：{len(target_locks)} 个，在数据库中同样生效"]


def move_to_server(source_path: Path, target_url: str) -> MoveReport:
    """Copy the SQLite station at ``source_path`` into the empty PostgreSQL database at ``target_url`` and prove
    it (module docstring). Raises DomainError, leaving the database empty when the copy fails."""
    from station_desk.check import read_only_database
    from station_desk.db.engine import Database
    from station_desk.db.lock import InstanceLock
    from station_desk.db.url import is_server_url

    if not is_server_url(target_url):
        raise DomainError("db.move_target_not_server", target=str(target_url))
    source_path = Path(source_path)
    if not source_path.is_file():
        raise DomainError("db.check_missing", path=str(source_path))
    lock = InstanceLock(source_path)
    lock.acquire()  # the program must not write the file while it is copied
    source = read_only_database(source_path)
    target = Database(target_url)
    report = MoveReport(source=str(source_path), target=target.where)
    try:
        _source_ready(source)
        try:
            with target.engine.connect() as conn:
                existing = target.dialect.table_names(conn)
        except Exception as exc:
            raise DomainError("db.server_unreachable", url=target.where, detail=str(exc).strip()[:300]) from None
        if existing:
            raise DomainError("db.server_not_empty", url=target.where, count=len(existing))
        _copy(source, target, report)
        target.dialect.refresh_statistics(target.engine)  # the planner's statistics of the copied tables
        _prove(source, target, report)
    finally:
        target.close()
        source.close()
        lock.release()
    return report
