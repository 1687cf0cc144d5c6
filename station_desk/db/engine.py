"""The station database (an SQLite file, or a PostgreSQL server: ``db.dialect``): engine and transactions.

Every user action is one write transaction: ``with db.session() as s: ...`` starts ``BEGIN IMMEDIATE`` on SQLite,
or takes the station's advisory write lock on PostgreSQL (``station_desk.db.dialect``): writes are serialised up
front, so no "database is locked" half-way through. It commits on success and rolls back on any exception. Reads use ``with db.read() as s:``, a deferred transaction that is always rolled back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.exc import DataError
from sqlalchemy.engine import Engine
from sqlmodel import Session

from station_desk.db.changes import ChangeTracker
from station_desk.db.dialect import SQLITE_PRAGMAS, check_no_password, dialect_for, public_url
from station_desk.db.notify import new_sender
from station_desk.errors import DomainError
from station_desk.validate import refuse_unstorable, refuse_unstorable_on_server

PRAGMAS = SQLITE_PRAGMAS  # noqa: F401 - the name other modules knew


#: Called with the DB-API connection right after a write transaction begins, and just before any transaction
#: commits (in it, so what they write commits with it or not at all), on both engines. The audit package registers its
#: row log here (``station_desk.audit.rows``: every row a transaction wrote, as the audit chain's record of it).
WRITE_BEGIN_HOOKS: list = []
COMMIT_HOOKS: list = []


def _is_network_path(path: Path) -> bool:
    text_path = str(path)
    return text_path.startswith("\\\\") or text_path.startswith("//")


def make_engine(target, tracker: ChangeTracker | None = None, *, read_only: bool = False,
                sender: str | None = None) -> Engine:
    """The engine for an SQLite file (a path) or a PostgreSQL server (a ``postgresql://`` URL), with the
    change tracker listening to every write statement; on a server, each commit also tells the other desks what it
    changed (``db.notify``, as ``sender``)."""
    dialect = dialect_for(target)
    engine = dialect.make_engine(target, read_only=read_only)
    # the row log (station_desk.audit.rows; SQLite temp triggers, PostgreSQL triggers: audit.row_engines)
    @event.listens_for(engine, "begin")
    def _after_begin(conn) -> None:  # after the dialect's own listener: the transaction has begun
        if conn.get_execution_options().get("station_write"):
            for hook in WRITE_BEGIN_HOOKS:
                hook(conn.connection.dbapi_connection)

    @event.listens_for(engine, "commit")
    def _before_commit(conn) -> None:
        for hook in COMMIT_HOOKS:
            hook(conn.connection.dbapi_connection)

    refuse = refuse_unstorable_on_server if dialect.is_server else refuse_unstorable

    @event.listens_for(engine, "before_cursor_execute")
    def _refuse_unstorable(_conn, _cursor, _statement, params, _context, _executemany) -> None:
        refuse(params)  # a 25-digit number or a lone surrogate is bad input, not a driver error

    if tracker is not None:
        @event.listens_for(engine, "before_cursor_execute")
        def _note_write(_conn, _cursor, statement, _params, _context, _executemany) -> None:
            tracker.note(statement)

        if dialect.is_server and sender:
            from station_desk.db.notify import notify_before_commit

            event.listen(engine, "commit", lambda conn: notify_before_commit(conn, tracker, sender))

        event.listen(engine, "commit", lambda _conn: tracker.committed())
        event.listen(engine, "rollback", lambda _conn: tracker.rolled_back())

    return engine


class Database:
    """An open station database. Cheap to pass around; services take it as their first argument."""

    def __init__(self, target: str | Path, *, read_only: bool = False) -> None:
        self.dialect = dialect_for(target)
        if self.dialect.is_server:
            check_no_password(str(target))
            #: the server's URL (``postgresql://user@host/db``); ``path`` is None: there is no file on this PC
            self.url: str | None = str(target)
            self.path: Path | None = None
        else:
            self.url = None
            self.path = Path(target)
            if _is_network_path(self.path):
                raise DomainError("db.network_path", path=str(self.path))
        self.changes = ChangeTracker()
        #: names this open database in the other desks' change notices (PostgreSQL)
        self.sender = new_sender() if self.dialect.is_server else None
        self.engine = make_engine(self.url or self.path, self.changes, read_only=read_only, sender=self.sender)
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
            except DataError as exc:  # PostgreSQL refused a value SQLite stores (the row log refuses it there)
                s.rollback()
                raise self.dialect.refused_value(exc) from None
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
    @property
    def address(self) -> str:
        """What ``--db`` takes for this database: the file's path or the server's URL (also the key of caches kept
        per database)."""
        return self.url or str(self.path)

    @property
    def where(self) -> str:
        """The database as shown to people: the file's path, or the server URL (no password)."""
        return public_url(self.url) if self.url else str(self.path)

    def quick_check(self) -> str:
        return self.dialect.quick_check(self.engine)

    def integrity_check(self) -> str:
        return self.dialect.integrity_check(self.engine)

    def foreign_key_problems(self) -> list[tuple]:
        return self.dialect.foreign_key_problems(self.engine)

    def listen_for_other_desks(self, on_change):
        """On a PostgreSQL station: start a :class:`station_desk.db.notify.ChangeListener` calling
        ``on_change(topics)`` for every other desk's committed write (on its own thread). None on SQLite."""
        if not self.dialect.is_server:
            return None
        from station_desk.db.notify import ChangeListener

        return ChangeListener(self, on_change).start()

    def close(self) -> None:
        for hook in list(ON_CLOSE):
            hook(self.engine)
        self.engine.dispose()


#: called with its engine when a :class:`Database` is closed — its file may be replaced next (a restore reopens the
#: same object on other data): what a cache keeps of the data goes (the work orders' evaluations)
ON_CLOSE: list = []


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database before anything writes to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DomainError("db.not_a_database", path=str(path), detail="文件头不是 SQLite 格式")
