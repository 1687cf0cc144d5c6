"""The points ledger's table (SPEC §6): one row a point credited or taken off, by any module."""

from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class PointEntry(SQLModel, table=True):
    """One line of a person's points (SPEC §6). Append-only: a correction is a new row with ``reverses_id``.

    Points are stored ×100 (``points_x100``) so that formulas such as 1.5 × an average stay exact to 0.01.
    ``source_kind``/``source_id`` say where the point came from (a work order, a violation, a manual entry), so
    every point can be opened and explained.
    """

    __tablename__ = "point_entry"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: dt.date = Field(index=True)
    kind: str = Field(max_length=20)  # order | auxiliary | deduction | manual | adjustment
    rule: str = Field(max_length=60)  # rule code, e.g. 'work_order.closed', 'attendance.late'
    points_x100: int
    source_kind: str = Field(default="", max_length=30, index=True)
    source_id: str = Field(default="", max_length=40)
    note: str = Field(default="", max_length=200)
    reverses_id: int | None = Field(default=None, foreign_key="point_entry.id")
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)
