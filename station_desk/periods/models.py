from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint

from station_desk.db.base import DateTimeField, Field, SQLModel


class PeriodLock(SQLModel, table=True):
    __tablename__ = "period_lock"
    __table_args__ = (UniqueConstraint("scope", "month", name="uq_period_lock_scope_month"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=30)
    month: str = Field(max_length=7)  # 'YYYY-MM'
    locked_at: dt.datetime = DateTimeField()
    locked_by_id: int | None = None
    locked_by_name: str = Field(max_length=20)
    note: str = Field(default="", max_length=200)
