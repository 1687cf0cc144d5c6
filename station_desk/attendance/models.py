"""Attendance, leave and discipline tables (SPEC §5 考勤 / 请假 / 违纪).

Clock events are append-only (a wrong punch is voided by a new row with ``voids_id`` and a reason). Lateness,
early leave, missing punches and absence are *derived* on read from the roster, the punches and the policy;
only the manager's decision on each (confirm or excuse) is stored, in :class:`AttendanceDecision`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, UniqueConstraint

from station_desk.db.base import DateTimeField, Field, SQLModel


class ClockEvent(SQLModel, table=True):
    __tablename__ = "attendance_clock"
    # a person's first punch (attendance.service.starts_in) is one index step, not a scan of every punch
    __table_args__ = (Index("ix_attendance_clock_staff_at", "staff_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    at: dt.datetime = DateTimeField(index=True)
    kind: str = Field(max_length=4)  # in | out | void
    source: str = Field(default="desk", max_length=10)  # desk | manager | import
    voids_id: int | None = Field(default=None, foreign_key="attendance_clock.id")
    note: str = Field(default="", max_length=100)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)


class AttendanceDecision(SQLModel, table=True):
    """The manager's decision on one derived exception of one person and day."""

    __tablename__ = "attendance_decision"
    __table_args__ = (UniqueConstraint("staff_id", "day", "kind", name="uq_attendance_decision_staff_day_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: dt.date = Field(index=True)
    kind: str = Field(max_length=12)  # late | early | missing_in | missing_out | absent
    minutes: int = 0
    status: str = Field(max_length=10)  # confirmed | excused | withdrawn (open again)
    reason: str = Field(default="", max_length=200)
    points_x100: int = 0  # the deduction credited (negative), 0 when excused
    point_entry_id: int | None = None
    decided_at: dt.datetime = DateTimeField()
    decided_by: str = Field(max_length=20)


class LeaveRequest(SQLModel, table=True):
    __tablename__ = "leave_request"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    kind: str = Field(max_length=10)  # personal | sick | annual
    start: dt.date = Field(index=True)
    end: dt.date  # inclusive
    days: int  # calendar days covered (a half day covers 1); the leave taken is ``amount``
    # '' whole days | 'am' 上午 | 'pm' 下午 (then start == end); the server default fills rows written in bulk
    half: str = Field(default="", max_length=2, sa_column_kwargs={"server_default": ""})
    reason: str = Field(default="", max_length=200)
    certificate: str = Field(default="", max_length=200)  # doctor's certificate, as recorded by the manager
    status: str = Field(default="pending", max_length=10)  # pending | approved | refused | cancelled
    level: str = Field(default="station", max_length=10)  # station | centre
    approved_by: str = Field(default="", max_length=20)
    external_approver: str = Field(default="", max_length=20)
    external_approved_on: dt.date | None = None
    decision_note: str = Field(default="", max_length=200)
    requested_at: dt.datetime = DateTimeField()
    requested_by: str = Field(max_length=20)
    decided_at: dt.datetime | None = DateTimeField(nullable=True)

    @property
    def amount(self) -> float:
        """Days of leave taken: 0.5 for a half day, else the days covered (routing and caps count this)."""
        return 0.5 if self.half else float(self.days)


class Violation(SQLModel, table=True):
    """A work-discipline violation (违纪, e.g. games in working hours): n-th in the month decides the deduction."""

    __tablename__ = "attendance_violation"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    day: dt.date = Field(index=True)
    description: str = Field(max_length=200)
    ordinal: int  # 1st, 2nd, 3rd… in the month
    deduction_units: int  # number of absenteeism deductions
    flagged: bool = False  # reported to the centre
    points_x100: int = 0  # the deduction credited (negative)
    point_entry_id: int | None = None
    cancelled: bool = False
    cancel_reason: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)
