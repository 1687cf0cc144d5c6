"""Shared model helpers: the metadata naming convention (Alembic batch mode needs named constraints) and the
column shortcuts every module uses."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from station_desk.db.types import StationDateTime

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def DateTimeField(*, nullable: bool = False, index: bool = False, default=None, **kw):  # noqa: N802
    """A station-local timestamp column (see :class:`StationDateTime`)."""
    return Field(default=default, sa_type=StationDateTime, nullable=nullable, index=index, **kw)


__all__ = ["SQLModel", "Field", "DateTimeField", "dt"]
