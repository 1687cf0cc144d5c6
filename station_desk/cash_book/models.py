"""The station's cash journal (现金流水账, SPEC §8): append-only, hash-chained, closed by month."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index

from station_desk.db.base import DateTimeField, Field, SQLModel


class CashEntry(SQLModel, table=True):
    """One line of the cash book. Never edited or deleted: a correction is a reversing line (negative amount, same
    category and direction) with ``reverses_id`` and a reason. ``hash = sha256(prev_hash + content)`` chains the
    lines in id order, so an edit made outside the program is found by ``verify_cash_chain``."""

    __tablename__ = "cash_entry"
    # the balance before a day (a sum over every earlier line) from the index alone (issue #15)
    __table_args__ = (Index("ix_cash_entry_day_amount", "day", "direction", "amount_fen"),)

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(index=True)
    direction: str = Field(max_length=8)  # income | expense
    category: str = Field(max_length=30, index=True)
    amount_fen: int  # > 0 for a normal line; the negative of the original on a reversal
    handler_id: int | None = Field(default=None, foreign_key="staff.id")
    handler_name: str = Field(default="", max_length=20)  # 经手人
    payee: str = Field(default="", max_length=40)  # 收款人 (expense) / 交款人 (income)
    approver_id: int | None = Field(default=None, foreign_key="staff.id")
    approver_name: str = Field(default="", max_length=20)  # 核准人
    voucher_no: str = Field(default="", max_length=30)
    note: str = Field(default="", max_length=200)
    source_kind: str = Field(default="", max_length=30, index=True)
    source_id: str = Field(default="", max_length=40)
    reverses_id: int | None = Field(default=None, foreign_key="cash_entry.id", index=True)
    reason: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(default="", max_length=20)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class CashMonthClose(SQLModel, table=True):
    """A closed month of the cash book: its totals and the chain head at closing time."""

    __tablename__ = "cash_month_close"

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=7, unique=True)
    opening_fen: int
    income_fen: int
    expense_fen: int
    closing_fen: int
    entries: int
    last_entry_id: int | None = None
    chain_hash: str = Field(default="", max_length=64)
    closed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    closed_by_name: str = Field(default="", max_length=20)
    closed_at: dt.datetime = DateTimeField()
