"""The monthly gift statistics table (礼品统计表, SPEC §4 / R-4.01): per item opening, received, issued,
returned, transferred out, written off, stocktake adjustment, closing, and their value; issues by promotion and
by staff member; and every manager override. Values are quantity × the unit cost each move was made at, so the
value columns balance exactly like the quantities: opening + in − out = closing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import select

from station_desk.customers.models import Customer
from station_desk.gift_stock.models import GiftItem, Promotion, StockMove
from station_desk.month import Month
from station_desk.staff.models import Staff

NO_PROMOTION = "经理特批（无促销活动）"


@dataclass(frozen=True)
class ItemStats:
    item_id: int
    name: str
    unit: str
    unit_cost_fen: int
    opening: int
    received: int
    issued: int  # positive quantities out
    returned: int
    transferred: int
    written_off: int
    adjusted: int  # signed (盘盈 +, 盘亏 −)
    closing: int
    opening_value_fen: int
    issued_value_fen: int
    closing_value_fen: int

    @property
    def balances(self) -> bool:
        return (self.opening + self.received + self.returned + self.adjusted
                - self.issued - self.transferred - self.written_off) == self.closing


@dataclass(frozen=True)
class IssueGroup:
    label: str  # promotion name / staff name
    item_name: str
    unit: str
    qty: int  # net of returns
    times: int  # number of issue moves
    value_fen: int


@dataclass(frozen=True)
class OverrideRow:
    day: dt.date
    customer: str
    item_name: str
    qty: int
    issued_by: str
    approved_by: str
    reason: str


@dataclass(frozen=True)
class GiftStats:
    month: str
    items: list[ItemStats]
    by_promotion: list[IssueGroup] = field(default_factory=list)
    by_staff: list[IssueGroup] = field(default_factory=list)
    overrides: list[OverrideRow] = field(default_factory=list)

    @property
    def total(self) -> ItemStats:
        keys = ("opening", "received", "issued", "returned", "transferred", "written_off", "adjusted", "closing",
                "opening_value_fen", "issued_value_fen", "closing_value_fen")
        sums = {k: sum(getattr(r, k) for r in self.items) for k in keys}
        return ItemStats(0, "合计", "", 0, **sums)


_COLUMN = {"receive": "received", "return": "returned", "adjust": "adjusted"}
_OUT = {"issue": "issued", "transfer": "transferred", "write_off": "written_off"}


def gift_statistics(db, month: Month | str) -> GiftStats:
    start, end = Month.parse(month).bounds()
    with db.read() as s:
        items = list(s.exec(select(GiftItem).order_by(GiftItem.name)))
        opening = {i: (int(q), int(v)) for i, q, v in s.exec(
            select(StockMove.item_id, func.sum(StockMove.qty), func.sum(StockMove.qty * StockMove.unit_cost_fen))
            .where(StockMove.day < start).group_by(StockMove.item_id)).all()}
        moves = list(s.exec(select(StockMove).where(StockMove.day >= start, StockMove.day < end)
                            .order_by(StockMove.day, StockMove.id)))
        rows = []
        for it in items:
            oq, ov = opening.get(it.id, (0, 0))
            acc = {"received": 0, "issued": 0, "returned": 0, "transferred": 0, "written_off": 0, "adjusted": 0}
            issued_value = 0
            delta_q = delta_v = 0
            for mv in (x for x in moves if x.item_id == it.id):
                delta_q += mv.qty
                delta_v += mv.qty * mv.unit_cost_fen
                if mv.kind in _OUT:
                    acc[_OUT[mv.kind]] += -mv.qty
                    if mv.kind == "issue":
                        issued_value += -mv.qty * mv.unit_cost_fen
                else:
                    acc[_COLUMN[mv.kind]] += mv.qty
            if not it.active and oq == 0 and delta_q == 0 and not any(acc.values()):
                continue
            rows.append(ItemStats(it.id, it.name, it.unit, it.unit_cost_fen, oq, closing=oq + delta_q,
                                  opening_value_fen=ov, issued_value_fen=issued_value,
                                  closing_value_fen=ov + delta_v, **acc))

        names = {i.id: i for i in items}
        promos = dict(s.exec(select(Promotion.id, Promotion.name)).all())
        staff = dict(s.exec(select(Staff.id, Staff.name)).all())
        by_promo: dict[tuple[str, int], list[int]] = {}
        by_staff: dict[tuple[str, int], list[int]] = {}
        for mv in moves:
            if mv.kind not in ("issue", "return"):
                continue
            times = 1 if mv.kind == "issue" else 0
            for key, acc2 in (((promos.get(mv.promotion_id, NO_PROMOTION), mv.item_id), by_promo),
                              ((staff.get(mv.staff_id, "—"), mv.item_id), by_staff)):
                cur = acc2.setdefault(key, [0, 0, 0])
                cur[0] += -mv.qty
                cur[1] += times
                cur[2] += -mv.qty * mv.unit_cost_fen

        def groups(acc2) -> list[IssueGroup]:
            return [IssueGroup(label, names[i].name, names[i].unit, q, t, v)
                    for (label, i), (q, t, v) in sorted(acc2.items(), key=lambda kv: (kv[0][0], names[kv[0][1]].name))]

        over_moves = [mv for mv in moves if mv.kind == "issue" and mv.override_reason]
        cust_ids = {mv.customer_id for mv in over_moves if mv.customer_id}
        custs = dict(s.exec(select(Customer.id, Customer.name).where(Customer.id.in_(cust_ids))).all()) \
            if cust_ids else {}
        overrides = [OverrideRow(mv.day, custs.get(mv.customer_id, ""), names[mv.item_id].name, -mv.qty,
                                 staff.get(mv.staff_id, ""), staff.get(mv.approved_by_id, ""), mv.override_reason)
                     for mv in over_moves]
        return GiftStats(month, rows, groups(by_promo), groups(by_staff), overrides)
