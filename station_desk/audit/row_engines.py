"""The row log's engine-specific half: how each engine notes the rows a transaction writes, and how rows are read
back for the chain and for ``check``. Everything else of the row log (``rows``: sealing, the starting point;
``row_check``: comparing) is the same on both engines and talks to a :class:`RowEngine`.

- **SQLite**: per-connection ``TEMP`` triggers (nothing in the file's schema) note ``(table, rowid)`` in a
  ``TEMP`` note table. A program that opens the file without these triggers (the sqlite3 shell) writes unnoted.
- **PostgreSQL**: there are no temporary triggers, so each covered table has a real ``AFTER INSERT OR UPDATE OR
  DELETE … FOR EACH ROW`` trigger (``rowlog_<table>``) calling one PL/pgSQL function, ``rowlog_note()``. They
  are created by the program's first write transaction on a station database that lacks them (so a database
  copied from a template, or filled by ``move-to``, gets them too), in that transaction. The function notes
  ``(table, id)`` in the session's ``TEMP`` note table ``rowlog_touched`` — which only the program's write
  transactions create. A session of another client (psql, pgAdmin, a script with the owner's password) has no
  note table, so its writes are not noted and reach no chain record: exactly what a person editing the SQLite
  file outside the program does, and ``check`` finds it the same way (a row that differs from the chain's last
  record of it, a recorded row that is gone, a row the chain never recorded). Such a person can also drop or
  disable the triggers; that changes nothing for ``check``, which never relies on them, and the program's next
  write transaction puts them back (a missing or disabled ``rowlog_<table>`` is created again).

Every covered table has an integer ``id`` primary key, which is the SQLite ``rowid``; so rows are named the same
on both engines and a station moved from SQLite keeps its chain's row records valid. Values are read in SQLite's
forms (a date as ISO text, a boolean as 1 or 0), so a row's digest is the same on both engines.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import weakref

#: tables the row log does not cover, and why (every other table of the database is covered)
NOT_COVERED = {
    "audit_log": "the chain itself (verified link by link)",
    "alembic_version": "the schema revision stamp (checked by check's schema step)",
}
_SKIP_PREFIXES = ("sqlite_", "customer_fts")  # SQLite's own tables; the customer search index (rebuilt from customer)


def _covered(names) -> list[str]:
    return sorted(n for n in names if n not in NOT_COVERED and not n.startswith(_SKIP_PREFIXES))


class RowEngine:
    name = "?"
    errors: tuple = ()

    def run(self, cur, sql: str, params=()):
        """Execute driver SQL written with ``?`` placeholders; returns the cursor."""
        raise NotImplementedError

    def table_names(self, cur) -> list[str]:
        raise NotImplementedError

    def covered_tables(self, cur) -> list[str]:
        return _covered(self.table_names(cur))

    def is_station(self, cur, tables: list[str]) -> bool:
        """A station database (its schema stamp and its chain): not another program's file, nor bare tables."""
        names = set(self.table_names(cur))
        return bool(tables) and {"audit_log", "alembic_version"} <= names

    def ready(self, cur) -> bool:
        """This connection already notes every covered table's rows (a cheap test before :meth:`install`)."""
        return False

    def install(self, cur, tables: list[str]) -> bool:
        """Make sure this connection notes every row written in ``tables`` from now on; False when it already
        did (nothing to do)."""
        raise NotImplementedError

    def began(self, dbapi_conn) -> None:
        """A write transaction of the program began on this connection (its notes are sealed at commit)."""

    def may_have_notes(self, dbapi_conn) -> bool:
        """Whether the commit hook must look for notes (False: skip it without a query)."""
        return True

    def touched(self, cur) -> list[tuple[str, int]] | None:
        """The noted (table, id) of this transaction, or None when it noted nothing at all (not a write)."""
        raise NotImplementedError

    def clear(self, cur) -> None:
        raise NotImplementedError

    def note(self, cur, table: str, rid: int) -> None:
        raise NotImplementedError

    def columns(self, cur, table: str) -> list[str]:
        cur = self.run(cur, f'SELECT * FROM "{table}" WHERE 1 = 0')
        cols = [d[0] for d in cur.description]
        cur.fetchall()
        return cols

    def declared(self, cur, table: str) -> dict[str, str]:
        """Column → its declared type, as SQLite spells it (``VARCHAR(12)``, ``DATE``, ``INTEGER``)."""
        return self.declared_of(cur, [table]).get(table, {})

    def declared_of(self, cur, tables: list[str]) -> dict[str, dict[str, str]]:
        """:meth:`declared` of several tables (on a server: one round trip)."""
        raise NotImplementedError

    def read(self, cur, table: str, rids: list[int]) -> tuple[list[str], dict[int, tuple]]:
        out: dict[int, tuple] = {}
        cols: list[str] = []
        key = self.key
        for i in range(0, len(rids), 500):
            part = rids[i:i + 500]
            self.run(cur, f'SELECT {key}, * FROM "{table}" WHERE {key} IN ({",".join("?" * len(part))})', part)
            cols = [d[0] for d in cur.description][1:]
            for row in cur.fetchall():
                out[row[0]] = self.plain_row(row[1:])
        return cols or self.columns(cur, table), out

    def row(self, cur, table: str, rid: int) -> tuple | None:
        got = self.run(cur, f'SELECT * FROM "{table}" WHERE {self.key} = ?', (rid,)).fetchone()
        return self.plain_row(got) if got is not None else None

    def digests(self, cur, table: str):
        """(id, digest) of every row of ``table`` in id order, chunk by chunk (lists)."""
        raise NotImplementedError

    key = "rowid"

    @staticmethod
    def plain_row(row) -> tuple:
        return tuple(row)


class SqliteRows(RowEngine):
    name = "sqlite"
    errors = (sqlite3.Error,)
    key = "rowid"

    def run(self, cur, sql, params=()):
        return cur.execute(sql, tuple(params))

    def table_names(self, cur) -> list[str]:
        return [r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]

    def install(self, cur, tables) -> bool:
        names = {r[0] for r in cur.execute("SELECT name FROM sqlite_temp_master WHERE type='trigger'")}
        wanted = {f"rowlog_{t}_{op}" for t in tables for op in "iud"} | {"rowlog_audit_log_i"}
        if wanted <= names:
            return False
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS rowlog_touched (tbl TEXT NOT NULL, rid INTEGER NOT NULL, "
                    "PRIMARY KEY (tbl, rid)) WITHOUT ROWID")

        def trigger(table: str, op: str, event: str, body: str) -> None:
            if f"rowlog_{table}_{op}" not in names:
                cur.execute(f'CREATE TEMP TRIGGER IF NOT EXISTS "rowlog_{table}_{op}" AFTER {event} ON main."{table}" '
                            f"BEGIN {body} END")

        for t in tables:
            lit = t.replace("'", "''")
            trigger(t, "i", "INSERT", f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', NEW.rowid);")
            trigger(t, "u", "UPDATE", f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', OLD.rowid); "
                                      f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', NEW.rowid);")
            trigger(t, "d", "DELETE", f"INSERT OR IGNORE INTO rowlog_touched VALUES ('{lit}', OLD.rowid);")
        # the service's own audit entries of the transaction name who the rows' entry is by
        trigger("audit_log", "i", "INSERT", "INSERT OR IGNORE INTO rowlog_touched VALUES ('audit_log', NEW.rowid);")
        return True

    def touched(self, cur):
        try:
            return cur.execute("SELECT tbl, rid FROM temp.rowlog_touched ORDER BY tbl, rid").fetchall()
        except sqlite3.OperationalError:  # no note table on this connection: not a write transaction
            return None

    def clear(self, cur) -> None:
        cur.execute("DELETE FROM temp.rowlog_touched")

    def note(self, cur, table, rid) -> None:
        cur.execute("INSERT OR IGNORE INTO rowlog_touched VALUES (?, ?)", (table, rid))

    def declared_of(self, cur, tables):
        return {t: {r[1]: r[2] for r in cur.execute(f'PRAGMA table_info("{t}")')} for t in tables}

    def digests(self, cur, table):
        from station_desk.audit.rows import _hash

        cols = [r[1] for r in cur.execute(f'PRAGMA table_info("{table}")')]
        quoted = " || ',' || ".join(f'quote("{c}")' for c in cols) or "''"
        cur.execute(f'SELECT rowid, {quoted} FROM "{table}" ORDER BY rowid')
        while True:
            chunk = cur.fetchmany(5000)
            if not chunk:
                break
            yield [(rid, _hash(text)) for rid, text in chunk]


#: the PL/pgSQL trigger function every covered table's ``rowlog_<table>`` trigger calls (module docstring)
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION rowlog_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.rowlog_touched') IS NULL THEN
    RETURN NULL;  -- not the program's write transaction: nothing notes it (check finds the row unrecorded)
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO pg_temp.rowlog_touched VALUES (TG_TABLE_NAME, OLD.id) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO pg_temp.rowlog_touched VALUES (TG_TABLE_NAME, NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$
"""
PG_TRIGGER = "rowlog_{table}"
#: connections in a write transaction of the program (begun, not yet committed or rolled back)
_WRITING: weakref.WeakSet = weakref.WeakSet()


class PostgresRows(RowEngine):
    name = "postgresql"
    key = "id"

    @property
    def errors(self):  # noqa: D401 - psycopg is imported only where a server is used
        import psycopg

        return (psycopg.Error,)

    def run(self, cur, sql, params=()):
        if "?" in sql:
            sql = sql.replace("%", "%%").replace("?", "%s")
        cur.execute(sql, tuple(params))
        return cur

    def table_names(self, cur) -> list[str]:
        cur.execute("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                    "ORDER BY tablename")
        return [r[0] for r in cur.fetchall()]

    def _triggered(self, cur) -> set[str]:
        cur.execute("SELECT c.relname FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
                    "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgname = 'rowlog_' || c.relname "
                    "AND c.relnamespace = to_regnamespace(current_schema())")
        return {r[0] for r in cur.fetchall()}

    def ready(self, cur) -> bool:
        # one round trip: the session's note table, and a live rowlog_ trigger on every covered table
        cur.execute(
            "SELECT to_regclass('pg_temp.rowlog_touched') IS NOT NULL AND NOT EXISTS ("
            " SELECT 1 FROM pg_catalog.pg_tables p WHERE p.schemaname = current_schema()"
            " AND p.tablename NOT IN ('alembic_version') AND p.tablename NOT LIKE 'customer\\_fts%%'"
            " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
            "  WHERE c.relname = p.tablename AND c.relnamespace = to_regnamespace(current_schema())"
            "  AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgname = 'rowlog_' || c.relname))")
        return bool(cur.fetchone()[0])

    def began(self, dbapi_conn) -> None:
        _WRITING.add(dbapi_conn)

    def may_have_notes(self, dbapi_conn) -> bool:
        # only a write transaction of the program has notes to seal: a read's commit costs no round trip
        if dbapi_conn in _WRITING:
            _WRITING.discard(dbapi_conn)
            return True
        return False

    def install(self, cur, tables) -> bool:
        cur.execute("SELECT to_regclass('pg_temp.rowlog_touched') IS NOT NULL")
        has_notes = cur.fetchone()[0]
        triggered = self._triggered(cur)
        missing = [t for t in tables + ["audit_log"] if t not in triggered]
        if has_notes and not missing:
            return False
        if not has_notes:
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS rowlog_touched (tbl TEXT NOT NULL, rid BIGINT NOT NULL, "
                        "PRIMARY KEY (tbl, rid))")
        if missing:
            cur.execute(PG_FUNCTION)
            for t in missing:
                # the service's own audit entries of the transaction name who the rows' entry is by
                events = "INSERT" if t == "audit_log" else "INSERT OR UPDATE OR DELETE"
                cur.execute(f'DROP TRIGGER IF EXISTS "{PG_TRIGGER.format(table=t)}" ON "{t}"')  # a disabled one
                cur.execute(f'CREATE TRIGGER "{PG_TRIGGER.format(table=t)}" AFTER {events} '
                            f'ON "{t}" FOR EACH ROW EXECUTE FUNCTION rowlog_note()')
        return True

    def touched(self, cur):
        cur.execute("SELECT to_regclass('pg_temp.rowlog_touched') IS NOT NULL")
        if not cur.fetchone()[0]:
            return None
        cur.execute("SELECT tbl, rid FROM pg_temp.rowlog_touched ORDER BY tbl, rid")
        return cur.fetchall()

    def clear(self, cur) -> None:
        cur.execute("DELETE FROM pg_temp.rowlog_touched")

    def note(self, cur, table, rid) -> None:
        cur.execute("INSERT INTO pg_temp.rowlog_touched VALUES (%s, %s) ON CONFLICT DO NOTHING", (table, rid))

    def declared_of(self, cur, tables):
        cur.execute("SELECT table_name, column_name, data_type, character_maximum_length FROM "
                    "information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY(%s)",
                    (list(tables),))
        out: dict[str, dict[str, str]] = {t: {} for t in tables}
        for table, name, kind, length in cur.fetchall():
            kind = kind.upper()
            out[table][name] = (f"VARCHAR({length})" if kind == "CHARACTER VARYING" and length else
                                "VARCHAR" if kind == "CHARACTER VARYING" else kind)
        return out

    @staticmethod
    def plain_row(row) -> tuple:
        """A row in SQLite's forms: a date as ISO text, a boolean as 1 or 0 (the digest is engine-independent)."""
        return tuple(int(v) if isinstance(v, bool) else v.isoformat() if isinstance(v, dt.date) else v for v in row)

    def digests(self, cur, table):
        from station_desk.audit.rows import row_digest

        # a named (server-side) cursor: a table of millions of rows is streamed, not loaded at once
        with cur.connection.cursor(name=f"rowlog_{table}") as named:
            named.itersize = 5000
            named.execute(f'SELECT id, * FROM "{table}" ORDER BY id')
            while True:
                chunk = named.fetchmany(5000)
                if not chunk:
                    break
                yield [(r[0], row_digest(self.plain_row(r[1:]))) for r in chunk]


SQLITE_ROWS = SqliteRows()
POSTGRES_ROWS = PostgresRows()


def engine_of(dbapi_conn_or_cursor) -> RowEngine:
    """The row engine of a DB-API connection or cursor (sqlite3 or psycopg)."""
    conn = getattr(dbapi_conn_or_cursor, "connection", dbapi_conn_or_cursor)
    if isinstance(conn, sqlite3.Connection) or isinstance(dbapi_conn_or_cursor, sqlite3.Connection):
        return SQLITE_ROWS
    return POSTGRES_ROWS
