from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class Staff(SQLModel, table=True):
    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    emp_no: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=20, index=True)
    phone: str = Field(default="", max_length=20)
    hire_date: dt.date
    active: bool = True
    left_date: dt.date | None = None
    pin_hash: str | None = Field(default=None, max_length=200)
    failed_pins: int = 0
    pin_locked_until: dt.datetime | None = DateTimeField(nullable=True)
    created_at: dt.datetime = DateTimeField()


class RoleAssignment(SQLModel, table=True):
    """A dated role: the person holds ``role`` from ``effective_from`` until the next assignment (转岗)."""

    __tablename__ = "staff_role"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    role: str = Field(max_length=30)
    effective_from: dt.date
    note: str = Field(default="", max_length=200)
