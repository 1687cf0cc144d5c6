"""The front-desk ledger (首问登记, SPEC §2): one row per walk-in or phone contact. Append-only: a mistaken entry is
voided by a new row pointing at it (``reverses_id``) with a reason."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index

from station_desk.db.base import DateTimeField, Field, SQLModel


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    # the ledger filtered by kind over a few days (issue #15: without it SQLite walks every contact of the kind)
    __table_args__ = (Index("ix_contact_kind_day", "kind", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = DateTimeField()
    day: dt.date = Field(index=True)
    channel: str = Field(max_length=10)  # walk_in | phone
    kind: str = Field(max_length=12, index=True)  # inquiry | new_install | renewal | fault | complaint | payment | other
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    person_name: str = Field(default="", max_length=40)  # the person (a customer's name is copied here too)
    person_phone: str = Field(default="", max_length=20)
    address: str = Field(default="", max_length=120)  # unit / address (单位 / 住址)
    asked: str = Field(default="", max_length=300)  # 咨询 / 反映的问题
    done: str = Field(default="", max_length=300)  # 办理事项
    result: str = Field(default="done", max_length=12, index=True)  # done | pending | forwarded
    reply_by: dt.date | None = None  # promised reply date for a pending inquiry
    clerk_id: int | None = Field(default=None, foreign_key="staff.id", index=True)  # first-contact owner
    clerk_name: str = Field(default="", max_length=20)
    amount_fen: int = 0
    method: str = Field(default="", max_length=10)
    invoice_no: str = Field(default="", max_length=30)
    receipt_id: int | None = Field(default=None, foreign_key="takings_receipt.id")
    renewal_id: int | None = Field(default=None, foreign_key="customer_renewal.id")
    signup_id: int | None = Field(default=None, foreign_key="customer_signup.id")
    warning: str = Field(default="", max_length=200)  # e.g. the anti-gaming match the clerk confirmed
    follow_up_of: int | None = Field(default=None, foreign_key="contact.id", index=True)  # the reply to a pending one
    reverses_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    reason: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
