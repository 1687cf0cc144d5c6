from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class PolicyVersion(SQLModel, table=True):
    """One version of the whole station policy, in force from ``effective_from`` until the next version."""

    __tablename__ = "policy_version"

    id: int | None = Field(default=None, primary_key=True)
    effective_from: dt.date = Field(unique=True)
    data: str  # JSON of StationPolicy
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)
    note: str = Field(default="", max_length=200)
