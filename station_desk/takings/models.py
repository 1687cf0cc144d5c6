"""Money taken at the desk or on site (前台收款), the day close of the till (钱帐对应) and the weekly invoice check."""

from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class Receipt(SQLModel, table=True):
    """One payment received. Append-only: a correction is a new row with the opposite amount and ``reverses_id``."""

    __tablename__ = "takings_receipt"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = DateTimeField()
    day: dt.date = Field(index=True)
    amount_fen: int
    method: str = Field(max_length=10)  # cash | wechat | alipay | card | transfer
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    source_kind: str = Field(default="", max_length=30, index=True)  # contact | work_order | ...
    source_id: str = Field(default="", max_length=40)
    invoice_no: str | None = Field(default=None, max_length=30, index=True)
    note: str = Field(default="", max_length=200)
    taken_by_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    taken_by_name: str = Field(default="", max_length=20)
    reverses_id: int | None = Field(default=None, foreign_key="takings_receipt.id", index=True)
    reason: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class TillClose(SQLModel, table=True):
    """The day close: expected cash from the day's receipts, cash counted, the difference and its reason, handed to
    the manager (PIN). Optional day totals from the company systems (CCKD / BOSS) to compare."""

    __tablename__ = "takings_till_close"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(unique=True)
    expected_cash_fen: int
    counted_cash_fen: int
    difference_fen: int
    reason: str = Field(default="", max_length=200)
    total_fen: int = 0  # all methods
    by_method: str = Field(default="{}", max_length=400)  # JSON {method: fen}
    receipts: int = 0
    cckd_fen: int | None = None
    boss_fen: int | None = None
    closed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    closed_by_name: str = Field(default="", max_length=20)
    handed_to_id: int | None = Field(default=None, foreign_key="staff.id")
    handed_to_name: str = Field(default="", max_length=20)
    closed_at: dt.datetime = DateTimeField()
    note: str = Field(default="", max_length=200)


class InvoiceCheck(SQLModel, table=True):
    """A weekly invoice reconciliation done by the accounts clerk (税控专员), with what it found."""

    __tablename__ = "takings_invoice_check"

    id: int | None = Field(default=None, primary_key=True)
    week_start: dt.date = Field(index=True)
    week_end: dt.date
    invoices: int = 0
    gaps: int = 0
    duplicates: int = 0
    without_invoice: int = 0
    note: str = Field(default="", max_length=200)
    checked_by_id: int | None = Field(default=None, foreign_key="staff.id")
    checked_by_name: str = Field(default="", max_length=20)
    checked_at: dt.datetime = DateTimeField()
