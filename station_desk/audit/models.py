from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = DateTimeField(index=True)
    actor_id: int | None = Field(default=None, index=True)
    actor_name: str = Field(max_length=40)
    action: str = Field(max_length=60, index=True)
    entity: str = Field(max_length=40, index=True)
    entity_id: str = Field(default="", max_length=40)
    before: str | None = None  # JSON
    after: str | None = None  # JSON
    reason: str | None = None
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
