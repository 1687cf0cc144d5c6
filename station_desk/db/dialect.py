"""Where the two engines differ, in one place: SQLite (one file, one PC; the default) and PostgreSQL (a server on
the station's LAN, several desks).

Everything engine-specific that the rest of the program needs goes through the :class:`Dialect` of the open
database (``db.dialect``): how connections are set up, how a write transaction is serialised, which tables exist,
what "check the database" means. Services never ask "is this SQLite?"; they ask the dialect.

Write transactions are serialised on both engines, so the audit and cash-book hash chains (each row hashes the
previous one) and the read-check-write rules (stock never below zero, one till close per day, invoice numbers)
see every earlier write:
- SQLite: ``BEGIN IMMEDIATE`` takes the file's write lock up front;
- PostgreSQL: the write transaction's first statement is ``pg_advisory_xact_lock(WRITE_LOCK_KEY)``, held until
  commit or rollback (READ COMMITTED: every statement after the lock sees every earlier committed write). Reads
  take a REPEATABLE READ snapshot, the same "one consistent picture" a deferred SQLite transaction gives.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine

from station_desk.db.url import SERVER_SCHEMES, check_no_password, driver_url, is_server_url, public_url  # noqa: F401

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # durable across power loss: the station PC has no UPS
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)

#: the advisory lock every PostgreSQL write transaction takes (any fixed 64-bit number; "station" in ASCII)
WRITE_LOCK_KEY = 0x73746174696F6E
#: how long a desk waits for another desk's write before giving up (SQLite: busy_timeout)
PG_LOCK_TIMEOUT = "15s"

class Dialect:
    name = "?"
    #: the database needs no file on this PC (a server): no WAL files, no file lock beside it
    is_server = False

    def make_engine(self, target, *, read_only: bool = False) -> Engine:  # pragma: no cover - interface
        raise NotImplementedError

    def table_names(self, conn) -> set[str]:
        return set(inspect(conn).get_table_names())

    def probe(self, conn) -> None:
        """Read the schema (milliseconds): fails if this is not a database at all."""
        self.table_names(conn)

    def quick_check(self, engine: Engine) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def integrity_check(self, engine: Engine) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def foreign_key_problems(self, engine: Engine) -> list[tuple]:  # pragma: no cover - interface
        raise NotImplementedError

    def refused_value(self, exc) -> Exception:
        """The DomainError for a value the database refused on write (a driver ``DataError``); else ``exc``."""
        return exc

    def refresh_statistics(self, engine: Engine) -> None:
        """After a bulk load (``move-to``, a restore): let the query planner know the tables' sizes. Nothing to do on
        SQLite (its planner needs no statistics for the program's indexed reads)."""


class SqliteDialect(Dialect):
    name = "sqlite"

    def make_engine(self, target, *, read_only: bool = False) -> Engine:
        engine = create_engine(f"sqlite:///{target}", connect_args={"check_same_thread": False, "timeout": 5})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
            # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (pysqlite workaround).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            for pragma in SQLITE_PRAGMAS:
                cur.execute(pragma)
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("station_write") else "BEGIN")

        return engine

    def _pragma(self, engine: Engine, pragma: str) -> list:
        with engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {pragma}").fetchall()

    def probe(self, conn) -> None:
        conn.exec_driver_sql("SELECT COUNT(*) FROM sqlite_master").scalar()

    def quick_check(self, engine: Engine) -> str:
        return "; ".join(str(r[0]) for r in self._pragma(engine, "quick_check"))

    def integrity_check(self, engine: Engine) -> str:
        return "; ".join(str(r[0]) for r in self._pragma(engine, "integrity_check"))

    def foreign_key_problems(self, engine: Engine) -> list[tuple]:
        return [tuple(r) for r in self._pragma(engine, "foreign_key_check")]


class PostgresDialect(Dialect):
    """PostgreSQL through psycopg 3. The server keeps its own data safe (WAL, fsync, foreign keys always
    enforced); "check" reads every table and, where the ``amcheck`` extension is installed, verifies every B-tree
    index (``bt_index_check``) - the in-database counterpart of ``pg_amcheck``. Page-level damage is caught by the
    cluster's data checksums (``initdb --data-checksums``; README)."""

    name = "postgresql"
    is_server = True

    def make_engine(self, target, *, read_only: bool = False) -> Engine:
        args = {"application_name": "station_desk"}
        from station_desk.db.credentials import lookup

        password = lookup(str(target))  # the OS keyring (set-db --password); else libpq's password/service file
        if password:
            args["password"] = password
        if read_only:  # check: the server refuses every write of this engine's sessions
            args["options"] = "-c default_transaction_read_only=on"
        engine = create_engine(driver_url(target), pool_pre_ping=True, connect_args=args)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute(f"SET lock_timeout = '{PG_LOCK_TIMEOUT}'")
                cur.execute("SET client_encoding = 'UTF8'")
            dbapi_conn.commit()

        from psycopg import IsolationLevel

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:
            # psycopg opens the transaction with the first statement: the isolation level goes into that BEGIN
            # (no separate SET TRANSACTION round trip: on a busy PC every round trip waits for the server's turn)
            raw = conn.connection.dbapi_connection
            if conn.get_execution_options().get("station_write"):
                raw.isolation_level = IsolationLevel.READ_COMMITTED
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            else:
                raw.isolation_level = IsolationLevel.REPEATABLE_READ

        return engine

    def probe(self, conn) -> None:
        conn.exec_driver_sql("SELECT count(*) FROM pg_catalog.pg_tables").scalar()

    def quick_check(self, engine: Engine) -> str:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM pg_catalog.pg_tables").scalar()
        return "ok"

    def integrity_check(self, engine: Engine) -> str:
        problems = []
        with engine.connect() as conn:
            for table in sorted(self.table_names(conn)):
                try:
                    conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar()
                except Exception as exc:  # a damaged page: checksum failure, unreadable file
                    problems.append(f"{table}: {str(exc).splitlines()[0]}")
                    conn.rollback()
            has_amcheck = conn.exec_driver_sql(
                "SELECT 1 FROM pg_extension WHERE extname = 'amcheck'").first() is not None
            if has_amcheck:
                rows = conn.exec_driver_sql(
                    "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE a.amname = 'btree' AND n.nspname = current_schema()").fetchall()
                for (index,) in rows:
                    try:
                        conn.execute(text("SELECT bt_index_check(CAST(:i AS regclass))"), {"i": index})
                    except Exception as exc:
                        problems.append(f"{index}: {str(exc).splitlines()[0]}")
                        conn.rollback()
        return "; ".join(problems) or "ok"

    def foreign_key_problems(self, engine: Engine) -> list[tuple]:
        return []  # PostgreSQL enforces every foreign key on every write; there is nothing to find afterwards

    def refused_value(self, exc) -> Exception:
        """A text longer than its ``VARCHAR(n)``: SQLite stores it and the row log refuses it before the commit
        (``input.stored_invalid``); PostgreSQL refuses it at the statement. Either way one Chinese sentence."""
        import re

        from station_desk.errors import DomainError

        text = str(getattr(exc, "orig", exc))
        m = re.search(r"character varying\((\d+)\)", text)
        if m:
            return DomainError("input.too_long_for_database", limit=int(m.group(1)))
        return exc

    def refresh_statistics(self, engine: Engine) -> None:
        """``ANALYZE`` every table. A database filled in one go (``move-to``, ``pg_restore``) has no planner
        statistics until autovacuum gets to it, and without them the planner reads whole tables where an index
        would do: the work-order board read all 359,000 order events of the 5-year station (66 ms alone, 784 ms on
        a busy PC) instead of the 385 of its 200 open orders."""
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


SQLITE = SqliteDialect()
POSTGRES = PostgresDialect()


def dialect_for(target) -> Dialect:
    return POSTGRES if is_server_url(target) else SQLITE


@lru_cache(maxsize=512)
def _format_style(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def driver_rows(conn, sql: str, params: tuple = ()) -> list:
    """Plain driver SQL (no statement compilation: the fast path of the first views), written with ``?``
    placeholders and portable SQL; on PostgreSQL the placeholders become psycopg's ``%s``. ``conn`` is a
    SQLAlchemy connection."""
    if conn.dialect.paramstyle != "qmark":
        sql = _format_style(sql)
    return conn.exec_driver_sql(sql, tuple(params)).fetchall()
