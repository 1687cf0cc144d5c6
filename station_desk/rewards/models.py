"""Instant-reward tables. Reward lines themselves are computed from the records (rules.py); what is stored is the
manager's decision on a line (approved / paid), the clerk's upgrade-call confirmations and the weekly facts that
came from outside the program."""

from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class RewardDecision(SQLModel, table=True):
    """The manager's approval of one computed reward line (by its stable key), and its payment."""

    __tablename__ = "reward_decision"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True)
    month: str = Field(max_length=7, index=True)
    staff_id: int = Field(foreign_key="staff.id")
    rule: str = Field(max_length=40)
    amount_fen: int
    status: str = Field(default="approved", max_length=10)  # approved | paid
    approved_by: str = Field(max_length=20)
    approved_at: dt.datetime = DateTimeField()
    paid_on: dt.date | None = None
    paid_by: str = Field(default="", max_length=20)
    cash_entry_id: int | None = None


class UpgradeCheck(SQLModel, table=True):
    """§7.4: the clerk's phone call confirming that the employee recommended the upgrade (renewal ``renewal_id``)."""

    __tablename__ = "reward_upgrade_check"

    id: int | None = Field(default=None, primary_key=True)
    renewal_id: int = Field(foreign_key="customer_renewal.id", unique=True)
    confirmed: bool
    day: dt.date
    note: str = Field(default="", max_length=200)
    checked_by: str = Field(max_length=20)
    created_at: dt.datetime = DateTimeField()


class WeekFact(SQLModel, table=True):
    """§7.5–7.6 weekly facts entered by hand (or loaded) when the work-order module does not give them:
    ``kind`` repair (technician) or dispatch (clerk); ``ok`` = a clean week."""

    __tablename__ = "reward_week_fact"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    week_start: dt.date = Field(index=True)  # a Monday
    ok: bool
    detail: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class RewardAdjustment(SQLModel, table=True):
    """After a rewards month is locked: a dated, approved correction (+/− fen) for that month, posted in an open
    month and shown on that month's sheet."""

    __tablename__ = "reward_adjustment"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id")
    day: dt.date = Field(index=True)
    for_month: str = Field(max_length=7)
    amount_fen: int
    reason: str = Field(max_length=200)
    approved_by: str = Field(max_length=20)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(max_length=20)
