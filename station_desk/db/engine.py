"""The one SQLite file: engine, connection pragmas and transactions.

Every user action is one write transaction: ``with db.session() as s: ...`` starts ``BEGIN IMMEDIATE`` (writes
are serialised up front, so no "database is locked" half-way through), commits on success and rolls back on any
exception. Reads use ``with db.read() as s:``, a deferred transaction that is always rolled back.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from station_desk.db.changes import ChangeTracker
from station_desk.errors import DomainError

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # durable across power loss: the station PC has no UPS
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)


#: Called with the DB-API connection right after a write transaction begins, and just before any transaction
#: commits (in it, so what they write commits with it or not at all). The audit package registers its row log here
#: (``station_desk.audit.rows``: every row a transaction wrote, as the audit chain's record of it).
WRITE_BEGIN_HOOKS: list = []
COMMIT_HOOKS: list = []


def _is_network_path(path: Path) -> bool:
    text_path = str(path)
    return text_path.startswith("\\\\") or text_path.startswith("//")


def make_engine(path: Path, tracker: ChangeTracker | None = None) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 5},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (pysqlite workaround).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        if conn.get_execution_options().get("station_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            for hook in WRITE_BEGIN_HOOKS:
                hook(conn.connection.dbapi_connection)
        else:
            conn.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "commit")
    def _before_commit(conn) -> None:
        for hook in COMMIT_HOOKS:
            hook(conn.connection.dbapi_connection)

    if tracker is not None:
        @event.listens_for(engine, "before_cursor_execute")
        def _note_write(_conn, _cursor, statement, _params, _context, _executemany) -> None:
            tracker.note(statement)

        event.listen(engine, "commit", lambda _conn: tracker.committed())
        event.listen(engine, "rollback", lambda _conn: tracker.rolled_back())

    return engine


class Database:
    """An open station database. Cheap to pass around; services take it as their first argument."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if _is_network_path(self.path):
            raise DomainError("db.network_path", path=str(self.path))
        self.changes = ChangeTracker()
        self.engine = make_engine(self.path, self.changes)
        self._write_engine = self.engine.execution_options(station_write=True)
        self.change_listeners: list = []

    # -- transactions -------------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any exception."""
        with Session(self._write_engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; never commits. Closing (not rolling back) keeps loaded rows readable."""
        with Session(self.engine, expire_on_commit=False) as s:
            yield s

    def take_changes(self) -> set[str]:
        """Topics (``station_desk.db.changes.TOPICS``) that this thread's committed writes touched since the last
        call: what ``Op`` publishes after a service call."""
        from station_desk.db.changes import topics_of

        return topics_of(self.changes.take())

    # -- checks -------------------------------------------------------------------------------------------------
    def quick_check(self) -> str:
        with self.engine.connect() as conn:
            rows = conn.execute(text("PRAGMA quick_check")).fetchall()
        return "; ".join(str(r[0]) for r in rows)

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            rows = conn.execute(text("PRAGMA integrity_check")).fetchall()
        return "; ".join(str(r[0]) for r in rows)

    def foreign_key_problems(self) -> list[tuple]:
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text("PRAGMA foreign_key_check")).fetchall()]

    def close(self) -> None:
        self.engine.dispose()


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database before anything writes to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DomainError("db.not_a_database", path=str(path), detail="文件头不是 SQLite 格式")
