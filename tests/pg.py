"""The PostgreSQL server of a ``STATION_DESK_TEST_ENGINE=postgresql`` run: a template station database migrated
once per test process, and a fresh copy of it (``CREATE DATABASE … TEMPLATE``) for every test's ``db``."""

from __future__ import annotations

import itertools
import os
from functools import lru_cache
from urllib.parse import urlsplit

from sqlalchemy import create_engine


class PgServer:
    def __init__(self, url: str) -> None:
        self.url = url
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self._names = itertools.count(1)
        self._admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                                    isolation_level="AUTOCOMMIT", pool_size=1)

    def url_of(self, name: str) -> str:
        parts = urlsplit(self.url)
        return parts._replace(path="/" + name).geturl()

    def create(self, name: str, template: str | None = None) -> str:
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            tail = f' TEMPLATE "{template}"' if template else " TEMPLATE template0 ENCODING 'UTF8'"
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"{tail}')
        return self.url_of(name)

    def new_database(self) -> str:
        """An empty database (no tables): what ``move-to`` and a first start on a new server see."""
        return self.create(f"t_{self.worker}_{next(self._names)}")

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @lru_cache(maxsize=1)
    def template(self) -> str:
        """Every table, stamped at the head revision (like the SQLite run's template file), with the row log's
        triggers; returns its name."""
        from station_desk.db.migrate import open_database

        import station_desk.audit  # noqa: F401 - the row log's hooks
        from station_desk.audit.rows import start_row_log

        name = f"tpl_{self.worker}"
        url = self.create(name)
        db = open_database(url, backup_before_migrate=False)
        start_row_log(db)  # a write: the row log's triggers, so every copy has them (audit.row_engines)
        db.close()
        return name

    def copy_of(self, template: str) -> str:
        return self.create(f"t_{self.worker}_{next(self._names)}", template)


@lru_cache(maxsize=1)
def server() -> PgServer:
    url = os.environ.get("STATION_DESK_TEST_PG", "").strip()
    if not url:
        raise RuntimeError("STATION_DESK_TEST_ENGINE=postgresql needs STATION_DESK_TEST_PG=postgresql://… "
                           "(./dev.sh test starts a throw-away cluster and sets it)")
    return PgServer(url)
