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
