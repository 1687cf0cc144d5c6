"""Alembic environment. Always driven programmatically (station_desk.db.migrate), with the connection passed in
``config.attributes['connection']``; batch mode for SQLite ALTERs; the whole upgrade is one transaction."""

from __future__ import annotations

from alembic import context

from station_desk.db.registry import include_object, load_all_models

target_metadata = load_all_models()


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        transactional_ddl=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
