from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class Customer(SQLModel, table=True):
    """A subscriber (SPEC §2). Confidential: phone numbers are masked in lists (policy.security)."""

    __tablename__ = "customer"

    id: int | None = Field(default=None, primary_key=True)
    account_no: str = Field(max_length=30, unique=True)
    name: str = Field(max_length=40, index=True)
    initials: str = Field(default="", max_length=40, index=True)  # pinyin initials of the name: 张三丰 → zsf
    area: str = Field(default="", max_length=30, index=True)  # 片区
    building: str = Field(default="", max_length=40)
    unit: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=120)  # the rest of the address (room, street)
    phone: str = Field(default="", max_length=20, index=True)
    package: str = Field(default="3.0", max_length=10)  # CustomerPolicy.packages code
    cycle: str = Field(default="monthly", max_length=12)  # CustomerPolicy.cycles key
    expiry_date: dt.date | None = Field(default=None, index=True)
    notes: str = Field(default="", max_length=500)
    active: bool = True
    created_at: dt.datetime = DateTimeField()
    updated_at: dt.datetime | None = DateTimeField(nullable=True)

    @property
    def full_address(self) -> str:
        return "".join(p for p in (self.area, self.building, self.unit, self.address) if p)


class Renewal(SQLModel, table=True):
    """A customer's renewal (续费), with any package change (SPEC §6 renewal points, §7.3–7.4 rewards).

    Written by the front desk when a renewal is paid (``customers.service``); read by points and rewards."""

    __tablename__ = "customer_renewal"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    day: dt.date = Field(index=True)
    handled_by_id: int | None = Field(default=None, foreign_key="staff.id", index=True)  # renewal specialist
    recommended_by_id: int | None = Field(default=None, foreign_key="staff.id")  # staff who recommended an upgrade
    cycle: str = Field(max_length=12)  # monthly | half_year | yearly
    package_before: str = Field(max_length=10)
    package_after: str = Field(max_length=10)
    amount_fen: int = 0
    expiry_before: dt.date | None = None
    expiry_after: dt.date | None = None
    contact_id: int | None = None  # the front-desk contact it came from, if any
    reverses_id: int | None = Field(default=None, foreign_key="customer_renewal.id")
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class SignUp(SQLModel, table=True):
    """A new-install sign-up (新开/签约): who signed the household up, in which area, for what income; pending
    until the install happens (SPEC §7.1–7.2 rewards, §6 install quotas)."""

    __tablename__ = "customer_signup"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    day: dt.date = Field(index=True)  # the day of the sign-up
    signed_by_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    team: str = Field(default="", max_length=20)  # '' or 'promotion' (宣传组)
    area: str = Field(default="", max_length=30)
    package: str = Field(default="3.0", max_length=10)
    cycle: str = Field(default="monthly", max_length=12)
    income_fen: int = 0
    status: str = Field(default="pending", max_length=12)  # pending | installed | cancelled
    installed_on: dt.date | None = Field(default=None, index=True)
    installed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    work_order_id: int | None = None
    contact_id: int | None = None
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
