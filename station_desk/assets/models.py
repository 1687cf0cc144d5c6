"""Asset register (资产台账, SPEC §4 / R-4.08): the station's equipment and tools, who holds them, where, in what
state, and the periodic checks (核对) with what was found."""

from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class Asset(SQLModel, table=True):
    __tablename__ = "asset"

    id: int | None = Field(default=None, primary_key=True)
    tag: str = Field(max_length=30, unique=True)  # 资产编号 / label on the item
    name: str = Field(max_length=60, index=True)
    category: str = Field(default="", max_length=20)  # 设备 / 工具 / 办公
    model: str = Field(default="", max_length=60)  # 规格型号
    holder_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    location: str = Field(default="", max_length=60)
    status: str = Field(default="in_use", max_length=12)  # in_use | idle | repair | damaged | missing | scrapped
    acquired_on: dt.date | None = None
    value_fen: int = 0
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
    updated_at: dt.datetime | None = DateTimeField(nullable=True)


class AssetCheck(SQLModel, table=True):
    """One round of the periodic check (资产核对)."""

    __tablename__ = "asset_check"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(index=True)
    checked_by_id: int | None = Field(default=None, foreign_key="staff.id")
    checked_by: str = Field(default="", max_length=20)
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class AssetCheckLine(SQLModel, table=True):
    __tablename__ = "asset_check_line"

    id: int | None = Field(default=None, primary_key=True)
    check_id: int = Field(foreign_key="asset_check.id", index=True)
    asset_id: int = Field(foreign_key="asset.id", index=True)
    result: str = Field(max_length=10)  # found | missing | damaged
    holder_id: int | None = Field(default=None, foreign_key="staff.id")  # who held it at the check
    location: str = Field(default="", max_length=60)
    note: str = Field(default="", max_length=200)
