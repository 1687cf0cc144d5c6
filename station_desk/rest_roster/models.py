"""Roster tables (SPEC §5 排休): one cell per person and day, requested days off, holiday overrides.

A cell's ``code`` is a shift code (a letter from ``RosterPolicy.shifts``), ``R`` for a rest day (公休) or a leave
code written by an approved leave (``事`` personal, ``病`` sick, ``年`` annual). Every change is audited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint

from station_desk.db.base import DateTimeField, Field, SQLModel


class RosterCell(SQLModel, table=True):
    __tablename__ = "roster_cell"
    __table_args__ = (UniqueConstraint("staff_id", "day", name="uq_roster_cell_staff_day"),)

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7, index=True)  # 'YYYY-MM'
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: dt.date = Field(index=True)
    code: str = Field(max_length=4)
    source: str = Field(default="manual", max_length=12)  # manual | suggested | leave
    leave_id: int | None = None
    updated_at: dt.datetime = DateTimeField()
    updated_by: str = Field(max_length=20)


class RestRequest(SQLModel, table=True):
    """A requested day off (期望休息日): the plan suggester keeps it as a rest day when the rules allow."""

    __tablename__ = "roster_rest_request"
    __table_args__ = (UniqueConstraint("staff_id", "day", name="uq_roster_rest_request_staff_day"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: dt.date = Field(index=True)
    note: str = Field(default="", max_length=100)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)


class HolidayOverride(SQLModel, table=True):
    """The station's correction of the statutory calendar for one date: ``holiday`` (法定假日), ``workday``
    (调休上班) or ``normal`` (neither)."""

    __tablename__ = "roster_holiday_override"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(unique=True)
    kind: str = Field(max_length=10)
    name: str = Field(default="", max_length=20)
    updated_at: dt.datetime = DateTimeField()
    updated_by: str = Field(max_length=20)
