"""The monthly points engine's tables (SPEC §6): day confirmations, the month's inputs and facts, lock snapshots."""

from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel
# The ledger's table lives in the low-level package; it is imported here so that the registry's "points" entry
# (station_desk.db.registry) keeps registering it, and older imports of points.models.PointEntry keep working.
from station_desk.points_ledger.models import PointEntry

__all__ = ["MonthInput", "MonthSnapshot", "PayInput", "PointEntry", "PointsDay", "PointsFact"]


class PointsDay(SQLModel, table=True):
    """The dispatch clerk's confirmation of one day's points (下班前核对). A later entry dated that day is listed
    by the month review as "changed after confirmation"."""

    __tablename__ = "points_day"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(unique=True)
    confirmed_at: dt.datetime = DateTimeField()
    confirmed_by_id: int | None = None
    confirmed_by: str = Field(max_length=20)
    entries: int = 0
    total_x100: int = 0


class MonthInput(SQLModel, table=True):
    """What the company gives the station for a month (SPEC §6): new-install target, the manager's assessment
    coefficient (×1000), money per point, and the few facts the program cannot see itself."""

    __tablename__ = "points_month_input"

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7, unique=True)
    new_install_target: int | None = None
    manager_coefficient_x1000: int | None = None
    money_per_point_fen: int | None = None
    renovation_done: bool = True  # §7.8: the company's renovation work done this month
    failure_rate_permille: int | None = None  # §7.8 when the work-order module does not give it
    promotion_leader_id: int | None = Field(default=None, foreign_key="staff.id")  # 宣传组组长 (§7.2)
    updated_at: dt.datetime = DateTimeField()
    updated_by: str = Field(max_length=20)


class PayInput(SQLModel, table=True):
    """Optional base pay and seniority pay of a person for a month (for the pay column)."""

    __tablename__ = "points_pay_input"

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7, index=True)
    staff_id: int = Field(foreign_key="staff.id")
    base_fen: int = 0
    seniority_fen: int = 0


class PointsFact(SQLModel, table=True):
    """A dated fact recorded for the monthly formulas: ``training`` (a training held by the service supervisor),
    ``trained_error`` (an error by a trained employee), ``dept_penalty`` (a penalty from another department, with
    the body), ``accounts_error`` (an error in the accounts clerk's work, §7.9). Append-only: cancelled by a row
    with ``reverses_id``."""

    __tablename__ = "points_fact"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, index=True)
    day: dt.date = Field(index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")  # whom it is about (optional)
    body: str = Field(default="", max_length=30)  # e.g. 运维技术部
    note: str = Field(default="", max_length=200)
    reverses_id: int | None = Field(default=None, foreign_key="points_fact.id")
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)


class MonthSnapshot(SQLModel, table=True):
    """The computed month stored at lock time (scope 'points' or 'rewards'), as JSON: a locked month is read from
    here, so a later policy edit or a late fact never changes it."""

    __tablename__ = "points_month_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=10)
    month: str = Field(max_length=7, index=True)
    data: str
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)
