"""Opening a station file: check it, migrate it, refuse what this build cannot understand.

Order (STYLE.md): the instance lock is taken by the caller; here we check the file is SQLite, run
``PRAGMA quick_check``, then bring the schema to this build's head:
- a brand-new file gets the current tables and is stamped at head;
- an older file first gets a verified backup through the backup module (``backup.service.backup_before(db,
  "migration")``: ``backups/备份-<time>-升级前-未加密.sqlite``, listed in the manifest, kept apart from thinning like
  the safety copies of a restore), is upgraded in one transaction, then checked (``foreign_key_check``,
  ``integrity_check``); on any failure the copy is put back and the error is reported;
- a file stamped with a revision this build does not know (written by a newer program) is refused, never migrated
  down.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path

from sqlalchemy import inspect, text

from station_desk.db.url import is_server_url
from station_desk.db.engine import Database, check_is_sqlite
from station_desk.errors import DomainError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


_REV = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])", re.M)


@lru_cache(maxsize=1)
def _revision_graph() -> tuple[frozenset[str], str | None]:
    """(known revisions, head) read from the revision files' text. Importing Alembic costs ~0.4 s at every start;
    it is only needed when a file must actually be upgraded. (A linear history is assumed; a test checks that this
    agrees with Alembic.)"""
    revs: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REV.search(source), _DOWN.search(source)
        if rev:
            revs[rev.group(1)] = down.group(2) if down else None
    parents = {d for d in revs.values() if d}
    heads = [r for r in revs if r not in parents]
    return frozenset(revs), (heads[0] if len(heads) == 1 else None)


def head_revision() -> str | None:
    known, head = _revision_graph()
    if head is None and known:  # branched history: let Alembic decide
        return script_directory().get_current_head()
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if "alembic_version" not in db.dialect.table_names(conn):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _known_revisions() -> set[str]:
    return set(_revision_graph()[0])


def known_revisions() -> frozenset[str]:
    """Every schema revision this program knows (a station file is stamped with one of them)."""
    return _revision_graph()[0]


_CREATE = re.compile(r"op\.create_table\(\s*['\"]([^'\"]+)['\"]")


@lru_cache(maxsize=1)
def required_tables() -> frozenset[str]:
    """The tables every station file has: those the first revision creates (later revisions may add, never drop
    these without a revision that says so)."""
    known, _head = _revision_graph()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        down = _DOWN.search(source)
        if _REV.search(source) and (down is None or down.group(2) is None):
            return frozenset(_CREATE.findall(source))
    return frozenset({"staff", "audit_log"})


def _is_empty(db: Database) -> bool:
    return not inspect(db.engine).get_table_names()


def upgrade(db: Database, *, backup: bool = True) -> str | None:
    """Bring ``db`` to head. Returns the pre-migration copy's path (or None)."""
    from sqlmodel import SQLModel

    from station_desk.db.registry import load_all_models

    head = head_revision()
    if _is_empty(db):
        load_all_models()
        SQLModel.metadata.create_all(db.engine)
        if head:
            from alembic import command

            with db.engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.stamp(cfg, "head")
        return None
    current = current_revision(db)
    if current == head:
        return None
    if current is not None and current not in _known_revisions():
        raise DomainError("db.newer_schema", found=current, known=head)
    copy = None
    if backup and not db.dialect.is_server:  # PostgreSQL: the upgrade is one transaction, DDL included
        # through the backup module's one write path: verified (integrity_check + row counts), named
        # 备份-…-升级前-未加密.sqlite, listed in backups/manifest.json like every other backup
        from station_desk.backup.service import backup_before

        copy = backup_before(db, "migration")
    from alembic import command

    try:
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        problems = db.foreign_key_problems()
        integrity = db.integrity_check()
        if problems or integrity != "ok":
            raise RuntimeError(f"foreign keys: {problems[:3]}; integrity: {integrity}")
    except Exception as exc:
        if copy is not None and db.path is not None:
            db.close()
            for suffix in ("-wal", "-shm"):
                Path(str(db.path) + suffix).unlink(missing_ok=True)
            shutil.copyfile(copy, db.path)
        if copy is None:  # PostgreSQL (one transaction, DDL included), or a caller that asked for no copy
            raise DomainError("db.migration_failed_no_copy", detail=str(exc)) from exc
        raise DomainError("db.migration_failed", backup=str(copy), detail=str(exc)) from exc
    return str(copy) if copy else None


#: files larger than this get their full quick_check after the window is usable (it reads every page: seconds on
#: a multi-year station); the cheap structural check below still runs before anything else.
DEFER_QUICK_CHECK_BYTES = 32 * 1024 * 1024


def check_database(db: Database, *, full: bool = True) -> None:
    """Raise DomainError if the file is not a readable station database. ``full=False`` reads only the schema
    (milliseconds); ``full=True`` runs ``PRAGMA quick_check`` over every page."""
    try:
        if full:
            result = db.quick_check()
        else:
            with db.engine.connect() as conn:
                db.dialect.probe(conn)
            result = "ok"
    except Exception as exc:  # sqlite3.DatabaseError: file is not a database / malformed
        if db.dialect.is_server:
            raise DomainError("db.server_unreachable", url=db.where, detail=str(exc).strip()[:300]) from exc
        raise DomainError("db.not_a_database", path=str(db.path), detail=str(exc)) from exc
    if result != "ok":
        raise DomainError("db.damaged", detail=result[:200])


def open_database(path, *, backup_before_migrate: bool = True, defer_large_check: bool = False) -> Database:
    """Check, migrate and open the station file, or a ``postgresql://`` database (the caller holds the instance
    lock).

    With ``defer_large_check`` a large file gets only the structural check here, and the caller runs
    :func:`check_database` in the background right after (the program does, before anyone can work long).
    An upgrade always runs the full check first."""
    if is_server_url(path):
        db = Database(path)
        try:
            check_database(db, full=False)
            upgrade(db, backup=False)
        except BaseException:
            db.close()
            raise
        db.deferred_check = False
        return db
    path = Path(path)
    check_is_sqlite(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    large = path.exists() and path.stat().st_size > DEFER_QUICK_CHECK_BYTES
    try:
        check_database(db, full=not (defer_large_check and large))
        if current_revision(db) != head_revision() and defer_large_check and large:
            check_database(db, full=True)
        upgrade(db, backup=backup_before_migrate)
    except BaseException:
        db.close()
        raise
    db.deferred_check = defer_large_check and large
    return db
