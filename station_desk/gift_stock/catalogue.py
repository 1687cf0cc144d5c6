"""The gift catalogue (SPEC §4; issue 5): items and promotions — what may be given, and for which customer action.
The stock moves and gift issues that use them live in :mod:`.service`.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.gift_stock import rules
from station_desk.gift_stock.models import GiftItem, Promotion
from station_desk.gift_stock.queries import ItemRow, PromotionRow, balance_on, item_row, promotion_rows
from station_desk.policy.service import policy_on
from station_desk.staff import auth


# -- helpers (the moves use them too) ---------------------------------------------------------------------------------
def _positive(qty: int) -> int:
    if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
        raise DomainError("gift.qty_positive")
    return qty


def _item(s: Session, item_id: int) -> GiftItem:
    item = s.get(GiftItem, item_id)
    if item is None:
        raise NotFound(what="礼品", id=item_id)
    return item


# -- items -----------------------------------------------------------------------------------------------------------
def _clean_item(name: str, unit: str, unit_cost_fen: int, low_stock: int | None) -> tuple[str, str]:
    name, unit = (name or "").strip(), (unit or "").strip()
    if not name:
        raise DomainError("gift.item_name_required")
    name = validate.text(name, field="礼品名称", max_len=40)
    if not unit:
        raise DomainError("gift.unit_required")
    unit = validate.text(unit, field="单位", max_len=6)
    if unit_cost_fen < 0:
        raise DomainError("gift.cost_negative")
    if low_stock is not None and low_stock < 0:
        raise DomainError("gift.low_stock_negative")
    return name, unit


def _name_free(s: Session, name: str, except_id: int | None = None) -> None:
    other = s.exec(select(GiftItem).where(GiftItem.name == name)).first()
    if other is not None and other.id != except_id:
        raise DomainError("gift.item_name_taken", name=name)


def add_item(db, *, actor: Actor, name: str, unit: str = "个", unit_cost_fen: int = 0, low_stock: int | None = None,
             photo_path: str = "", note: str = "") -> ItemRow:
    name, unit = _clean_item(name, unit, unit_cost_fen, low_stock)
    with db.session() as s:
        _name_free(s, name)
        item = GiftItem(name=name, unit=unit, unit_cost_fen=unit_cost_fen, low_stock=low_stock,
                        photo_path=(photo_path or "").strip(), note=(note or "").strip()[:200], created_at=clock.now())
        audit.add_new(s, item, actor=actor, action="gift.add_item")
        return item_row(s, item, 0)


def update_item(db, *, actor: Actor, item_id: int, name: str, unit: str, unit_cost_fen: int,
                low_stock: int | None, photo_path: str = "", note: str = "", active: bool = True) -> ItemRow:
    """Change an item. A new unit cost values moves from now on; past moves keep the cost they were made at."""
    name, unit = _clean_item(name, unit, unit_cost_fen, low_stock)
    with db.session() as s:
        item = _item(s, item_id)
        _name_free(s, name, item_id)
        before = audit.snapshot(item)
        item.name, item.unit, item.unit_cost_fen, item.low_stock = name, unit, unit_cost_fen, low_stock
        item.photo_path, item.note, item.active = (photo_path or "").strip(), (note or "").strip()[:200], active
        s.add(item)
        s.flush()
        after = audit.snapshot(item)
        if after != before:
            audit.record(s, actor=actor, action="gift.update_item", entity="gift_item", entity_id=item_id,
                         before=before, after=after)
        return item_row(s, item, balance_on(s, item_id))


# -- promotions ------------------------------------------------------------------------------------------------------
def _clean_promotion(s: Session, name: str, action: str, cycle: str, package: str, qty: int,
                     valid_from: dt.date, valid_to: dt.date) -> tuple[str, str, str, str]:
    name, cycle, package = (name or "").strip(), (cycle or "").strip(), (package or "").strip()
    if not name:
        raise DomainError("gift.promotion_name_required")
    name = validate.text(name, field="促销活动名称", max_len=60)
    if action not in rules.ACTIONS:
        raise DomainError("gift.unknown_action", action=action)
    _positive(qty)
    if valid_to < valid_from:
        raise DomainError("gift.promotion_dates", valid_from=valid_from.isoformat(), valid_to=valid_to.isoformat())
    pol = policy_on(s, valid_from).customers
    if cycle and cycle not in pol.cycles:
        raise DomainError("customer.unknown_cycle", cycle=cycle)
    if package and package not in {p.code for p in pol.packages}:
        raise DomainError("customer.unknown_package", package=package)
    if action == "package" and not package:
        raise DomainError("gift.promotion_needs_package")
    return name, action, cycle, package


def add_promotion(db, *, actor: Actor, approval: ManagerApproval | None, name: str, action: str, item_id: int,
                  qty: int = 1, valid_from: dt.date, valid_to: dt.date, cycle: str = "", package: str = "",
                  note: str = "") -> PromotionRow:
    """A new promotion (促销活动). The gift rules are the manager's: approval required."""
    with db.read() as s:
        name, action, cycle, package = _clean_promotion(s, name, action, cycle, package, qty, valid_from, valid_to)
        _item(s, item_id)
    approver = auth.require_manager(db, approval, "设立促销活动")
    with db.session() as s:
        promo = Promotion(name=name, action=action, cycle=cycle, package=package, item_id=item_id, qty=qty,
                          valid_from=valid_from, valid_to=valid_to, note=(note or "").strip()[:200],
                          created_at=clock.now(), created_by=actor.name)
        audit.add_new(s, promo, actor=actor, action="gift.add_promotion", reason=f"批准人：{approver.name}")
        return promotion_rows(s, [promo])[0]


def update_promotion(db, *, actor: Actor, approval: ManagerApproval | None, promotion_id: int, name: str,
                     qty: int, valid_from: dt.date, valid_to: dt.date, active: bool, note: str = "") -> PromotionRow:
    """Change a promotion's name, quantity, dates or end it. What it rewards (action, gift) stays fixed."""
    with db.read() as s:
        promo = s.get(Promotion, promotion_id)
        if promo is None:
            raise NotFound(what="促销活动", id=promotion_id)
        name, *_ = _clean_promotion(s, name, promo.action, promo.cycle, promo.package, qty, valid_from, valid_to)
    approver = auth.require_manager(db, approval, "修改促销活动")
    with db.session() as s:
        promo = s.get(Promotion, promotion_id)
        before = audit.snapshot(promo)
        promo.name, promo.qty, promo.valid_from, promo.valid_to = name, qty, valid_from, valid_to
        promo.active, promo.note = active, (note or "").strip()[:200]
        s.add(promo)
        s.flush()
        audit.record(s, actor=actor, action="gift.update_promotion", entity="gift_promotion",
                     entity_id=promotion_id, before=before, after=audit.snapshot(promo),
                     reason=f"批准人：{approver.name}")
        return promotion_rows(s, [promo])[0]
