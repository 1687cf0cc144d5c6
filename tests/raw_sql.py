"""Changing rows behind the services' back, as someone with a database tool could: the tamper tests' one way in,
on either engine (SQLite file or PostgreSQL server)."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def tamper(db, sql: str, **params) -> None:
    """Run one statement (named ``:params``) in its own committed transaction, outside the program's engine (no
    write lock, no change tracking, no audit)."""
    target = db.url.replace("postgresql://", "postgresql+psycopg://", 1) if db.url else f"sqlite:///{db.path}"
    engine = create_engine(target)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    finally:
        engine.dispose()
