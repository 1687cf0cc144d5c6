"""Gift inventory reads (Qt-free): stock on hand, items, promotions, the stock-move list, and what a customer's
business entitles them to. Writes and rules are in :mod:`.service`, which re-exports these for callers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from station_desk import clock
from station_desk.customers.models import Customer
from station_desk.errors import NotFound
from station_desk.gift_stock import rules
from station_desk.gift_stock.models import GiftItem, Promotion, StockMove
from station_desk.policy.service import policy_on

KINDS: dict[str, str] = {
    "receive": "入库",
    "issue": "发放",
    "return": "退回",
    "transfer": "调出",
    "write_off": "报损",
    "adjust": "盘点调整",
}


@dataclass(frozen=True)
class ItemRow:
    id: int
    name: str
    unit: str
    unit_cost_fen: int
    active: bool
    photo_path: str
    low_stock: int  # effective threshold
    on_hand: int
    note: str = ""

    @property
    def value_fen(self) -> int:
        return self.on_hand * self.unit_cost_fen

    @property
    def is_low(self) -> bool:
        return self.active and self.on_hand <= self.low_stock


@dataclass(frozen=True)
class PromotionRow:
    id: int
    name: str
    action: str
    action_label: str
    cycle: str
    package: str
    condition: str
    item_id: int
    item_name: str
    qty: int
    valid_from: dt.date
    valid_to: dt.date
    active: bool
    note: str
    issued: int  # net quantity issued so far


@dataclass(frozen=True)
class MoveRow:
    id: int
    day: dt.date
    kind: str
    kind_label: str
    item_id: int
    item_name: str
    unit: str
    qty: int
    value_fen: int
    staff_name: str
    customer_id: int | None
    customer_name: str
    promotion_name: str
    entitlement_ref: str
    detail: str  # delivery note / destination / reason
    override_reason: str
    approved_by: str
    return_of_id: int | None
    created_by: str


def balance_on(s: Session, item_id: int, day: dt.date | None = None) -> int:
    """On hand at the end of ``day`` (all moves when ``day`` is None)."""
    q = select(func.coalesce(func.sum(StockMove.qty), 0)).where(StockMove.item_id == item_id)
    if day is not None:
        q = q.where(StockMove.day <= day)
    return int(s.exec(q).one())


def balances_on(s: Session, day: dt.date | None = None) -> dict[int, int]:
    q = select(StockMove.item_id, func.sum(StockMove.qty)).group_by(StockMove.item_id)
    if day is not None:
        q = q.where(StockMove.day <= day)
    return {i: int(b) for i, b in s.exec(q).all()}


def item_row(s: Session, item: GiftItem, on_hand: int, default_low: int | None = None) -> ItemRow:
    if default_low is None:
        default_low = policy_on(s, clock.today()).gifts.default_low_stock
    low = item.low_stock if item.low_stock is not None else default_low
    return ItemRow(item.id, item.name, item.unit, item.unit_cost_fen, item.active, item.photo_path, low, on_hand,
                   item.note)


def list_items(db, *, include_inactive: bool = True, on: dt.date | None = None) -> list[ItemRow]:
    with db.read() as s:
        bal = balances_on(s, on)
        default_low = policy_on(s, on or clock.today()).gifts.default_low_stock
        q = select(GiftItem).order_by(GiftItem.active.desc(), GiftItem.name)
        if not include_inactive:
            q = q.where(GiftItem.active == True)  # noqa: E712
        return [item_row(s, it, bal.get(it.id, 0), default_low) for it in s.exec(q)]


def get_item(db, item_id: int) -> ItemRow:
    with db.read() as s:
        item = s.get(GiftItem, item_id)
        if item is None:
            raise NotFound(what="礼品", id=item_id)
        return item_row(s, item, balance_on(s, item_id))


def on_hand(db, item_id: int, day: dt.date | None = None) -> int:
    with db.read() as s:
        return balance_on(s, item_id, day)


def low_stock_items(db) -> list[ItemRow]:
    """Active items at or below their low-stock threshold today (for the tab and the status bar)."""
    return [r for r in list_items(db, include_inactive=False) if r.is_low]


def promotion_rows(s: Session, promos: list[Promotion]) -> list[PromotionRow]:
    cycles = policy_on(s, clock.today()).customers.cycles
    names = {i.id: i.name for i in s.exec(select(GiftItem))}
    issued = dict(s.exec(select(StockMove.promotion_id, -func.sum(StockMove.qty))
                         .where(StockMove.kind.in_(("issue", "return")), StockMove.promotion_id != None)  # noqa: E711
                         .group_by(StockMove.promotion_id)).all())
    return [PromotionRow(p.id, p.name, p.action, rules.action_label(p.action), p.cycle, p.package,
                         rules.need_text(p, cycles), p.item_id, names.get(p.item_id, ""), p.qty, p.valid_from,
                         p.valid_to, p.active, p.note, int(issued.get(p.id, 0) or 0)) for p in promos]


def list_promotions(db, *, on: dt.date | None = None, include_ended: bool = True) -> list[PromotionRow]:
    """All promotions, or (``include_ended=False``) those active and valid on ``on`` (default today)."""
    day = on or clock.today()
    with db.read() as s:
        q = select(Promotion).order_by(Promotion.valid_from.desc(), Promotion.id.desc())
        if not include_ended:
            q = q.where(Promotion.active == True, Promotion.valid_from <= day, Promotion.valid_to >= day)  # noqa: E712
        return promotion_rows(s, list(s.exec(q)))


def entitlement_for(db, *, customer_id: int, entitlement_ref: str, action: str = "",
                    day: dt.date | None = None) -> tuple[rules.Entitlement | None, list[PromotionRow]]:
    """What the reference entitles the customer to: the resolved entitlement and the promotions valid that day
    whose condition it meets (for the issue dialog)."""
    day = day or clock.today()
    with db.read() as s:
        ent = rules.resolve(s, entitlement_ref, customer_id, action)
        promos = list(s.exec(select(Promotion).where(
            Promotion.active == True, Promotion.valid_from <= day, Promotion.valid_to >= day)))  # noqa: E712
        fits = [p for p in promos if ent is not None and rules.promotion_applies(p, ent)]
        return ent, promotion_rows(s, fits)


def customer_entitlements(db, *, customer_id: int, since: dt.date | None = None) -> list[tuple[str, str]]:
    """The customer's recent gift-earning business as (reference, label), newest first: renewals, sign-ups, and
    new-install work orders and renewal / new-install contacts not already listed."""
    # imported here: the contact log and work orders come later in the domain order than the gift models
    from station_desk.contact_log.models import Contact
    from station_desk.customers.models import Renewal, SignUp
    from station_desk.work_orders.models import WorkOrder

    found: list[tuple[dt.date, str, str]] = []
    with db.read() as s:
        pol = policy_on(s, clock.today())
        cycles = pol.customers.cycles
        since = since or (clock.today() - dt.timedelta(days=pol.gifts.entitlement_lookback_days))
        for r in s.exec(select(Renewal).where(Renewal.customer_id == customer_id, Renewal.day >= since,
                                              Renewal.reverses_id == None)):  # noqa: E711
            ent = rules.entitlement_of_renewal(s, r)
            found.append((r.day, ent.ref, f"{r.day.isoformat()} {ent.describe(cycles)}"))
        for su in s.exec(select(SignUp).where(SignUp.customer_id == customer_id, SignUp.day >= since,
                                              SignUp.status != "cancelled")):
            ent = rules.entitlement_of_signup(s, su)
            found.append((su.day, ent.ref, f"{su.day.isoformat()} {ent.describe(cycles)}"))
        others: list[tuple[dt.date, str]] = []
        others += [(w.created_at.date(), f"work_order:{w.id}") for w in s.exec(select(WorkOrder).where(
            WorkOrder.customer_id == customer_id, WorkOrder.kind == "new_install",
            WorkOrder.created_at >= dt.datetime.combine(since, dt.time())))]
        others += [(c.day, f"contact:{c.id}") for c in s.exec(select(Contact).where(
            Contact.customer_id == customer_id, Contact.day >= since, Contact.reverses_id == None,  # noqa: E711
            Contact.kind.in_(("renewal", "new_install"))))]
        seen = {ref for _d, ref, _l in found}
        for day, ref in others:
            ent = rules.resolve(s, ref, customer_id)
            if ent is None or ent.ref in seen:
                continue
            seen.add(ent.ref)
            found.append((day, ent.ref, f"{day.isoformat()} {ent.describe(cycles)}（{rules.ref_label(ref)}）"))
    return [(ref, label) for _d, ref, label in sorted(found, key=lambda x: x[0], reverse=True)]


def move_rows(s: Session, moves: list[StockMove]) -> list[MoveRow]:
    from station_desk.staff.models import Staff

    if not moves:
        return []
    items = {i.id: i for i in s.exec(select(GiftItem).where(GiftItem.id.in_({m.item_id for m in moves})))}
    staff_ids = {m.staff_id for m in moves} | {m.approved_by_id for m in moves}
    staff = dict(s.exec(select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids - {None}))).all()) if staff_ids else {}
    cust_ids = {m.customer_id for m in moves if m.customer_id}
    custs = dict(s.exec(select(Customer.id, Customer.name).where(Customer.id.in_(cust_ids))).all()) if cust_ids else {}
    promo_ids = {m.promotion_id for m in moves if m.promotion_id}
    promos = dict(s.exec(select(Promotion.id, Promotion.name).where(Promotion.id.in_(promo_ids))).all()) if promo_ids else {}
    out = []
    for m in moves:
        it = items[m.item_id]
        detail = {"receive": m.delivery_note and f"送货单 {m.delivery_note}", "transfer": m.counterparty and
                  f"调往 {m.counterparty}"}.get(m.kind) or m.note
        out.append(MoveRow(m.id, m.day, m.kind, KINDS.get(m.kind, m.kind), m.item_id, it.name, it.unit, m.qty,
                           m.qty * m.unit_cost_fen, staff.get(m.staff_id, ""), m.customer_id,
                           custs.get(m.customer_id, ""), promos.get(m.promotion_id, ""), m.entitlement_ref, detail,
                           m.override_reason, staff.get(m.approved_by_id, ""), m.return_of_id, m.created_by))
    return out


def list_moves(db, *, item_id: int | None = None, since: dt.date | None = None, until: dt.date | None = None,
               kind: str | None = None, customer_id: int | None = None, limit: int = 2000) -> list[MoveRow]:
    """Newest first."""
    q = select(StockMove).order_by(StockMove.day.desc(), StockMove.id.desc()).limit(limit)
    if item_id is not None:
        q = q.where(StockMove.item_id == item_id)
    if since is not None:
        q = q.where(StockMove.day >= since)
    if until is not None:
        q = q.where(StockMove.day <= until)
    if kind:
        q = q.where(StockMove.kind == kind)
    if customer_id is not None:
        q = q.where(StockMove.customer_id == customer_id)
    with db.read() as s:
        return move_rows(s, list(s.exec(q)))


def customer_of_ref(db, ref: str) -> int | None:
    """The customer a contact / work order / renewal / sign-up reference belongs to, if known."""
    from station_desk.customers.models import Renewal, SignUp

    kind, rid = rules.parse_ref(ref)
    with db.read() as s:
        if kind == "renewal":
            row = s.get(Renewal, rid)
        elif kind == "signup":
            row = s.get(SignUp, rid)
        elif kind == "customer":
            return rid
        else:
            row = rules.linked_row(s, kind, rid)
        return getattr(row, "customer_id", None) if row is not None else None
