"""Gift inventory tables (SPEC §4): items, promotions, the append-only stock-move ledger, stocktakes.

Stock on hand is never stored: it is the sum of ``StockMove.qty`` (signed: + in, − out) up to a day. A move is
never edited or deleted; a return from a customer is a new row pointing at the issue (``return_of_id``), and a
stocktake difference is a new adjustment row pointing at its stocktake.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index

from station_desk.db.base import DateTimeField, Field, SQLModel


class GiftItem(SQLModel, table=True):
    """A promotional gift (促销礼品) kept in stock."""

    __tablename__ = "gift_item"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    unit: str = Field(default="个", max_length=6)
    unit_cost_fen: int = 0
    active: bool = True
    photo_path: str = Field(default="", max_length=260)
    low_stock: int | None = None  # None → GiftPolicy.default_low_stock
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class Promotion(SQLModel, table=True):
    """A promotion (促销活动): which customer action entitles them to how many of which gift, valid from/to.

    ``action``: new_install | renewal | upgrade | package. ``cycle`` narrows a renewal (monthly / half_year /
    yearly, '' = any); ``package`` narrows to a package code ('' = any; required for action 'package').
    """

    __tablename__ = "gift_promotion"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60)
    action: str = Field(max_length=12)
    cycle: str = Field(default="", max_length=12)
    package: str = Field(default="", max_length=10)
    item_id: int = Field(foreign_key="gift_item.id", index=True)
    qty: int = 1  # per entitlement
    valid_from: dt.date
    valid_to: dt.date
    active: bool = True
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(default="", max_length=20)


class StockMove(SQLModel, table=True):
    """One dated, immutable stock movement. ``qty`` is signed (+ receive/return/surplus, − issue/out/loss)."""

    __tablename__ = "gift_stock_move"
    # the second one: every item's balance (a sum of its moves, up to a day) from the index alone (issue #15)
    __table_args__ = (Index("ix_gift_stock_move_item_day", "item_id", "day", "id"),
                      Index("ix_gift_stock_move_item_day_qty", "item_id", "day", "qty"))

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="gift_item.id")
    day: dt.date = Field(index=True)
    kind: str = Field(max_length=12)  # receive | issue | return | transfer | write_off | adjust
    qty: int
    unit_cost_fen: int = 0  # the item's unit cost when the move was made (valuation)
    staff_id: int | None = Field(default=None, foreign_key="staff.id", index=True)  # who handled it
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    promotion_id: int | None = Field(default=None, foreign_key="gift_promotion.id", index=True)
    entitlement_ref: str = Field(default="", max_length=40, index=True)  # 'contact:12' 'renewal:5' …
    action: str = Field(default="", max_length=12)  # the customer action the gift was given for
    contact_id: int | None = None
    work_order_id: int | None = None
    delivery_note: str = Field(default="", max_length=40)  # 送货单号 (receive)
    counterparty: str = Field(default="", max_length=40)  # transfer destination
    return_of_id: int | None = Field(default=None, foreign_key="gift_stock_move.id")
    stocktake_id: int | None = Field(default=None, foreign_key="gift_stocktake.id")
    approved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    override_reason: str = Field(default="", max_length=200)  # manager override of a promotion rule
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(default="", max_length=20)


class Stocktake(SQLModel, table=True):
    """A stocktake (盘点): counts per item on ``day``; posting writes all adjustments in one transaction."""

    __tablename__ = "gift_stocktake"

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date
    status: str = Field(default="open", max_length=10)  # open | posted | cancelled
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(default="", max_length=20)
    posted_at: dt.datetime | None = DateTimeField(nullable=True)
    approved_by_id: int | None = Field(default=None, foreign_key="staff.id")


class StocktakeLine(SQLModel, table=True):
    __tablename__ = "gift_stocktake_line"

    id: int | None = Field(default=None, primary_key=True)
    stocktake_id: int = Field(foreign_key="gift_stocktake.id", index=True)
    item_id: int = Field(foreign_key="gift_item.id")
    book_qty: int = 0  # book quantity when the count sheet was made
    counted_qty: int | None = None
    note: str = Field(default="", max_length=100)
