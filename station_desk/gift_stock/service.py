"""Gift inventory service (SPEC §4; issue 5): items, promotions, stock moves, issuing gifts to customers.

Stock moves are an append-only ledger; on hand = the sum of moves. No move may make the balance negative at its
own date *or at any later move* (a back-dated issue is checked against every future running balance, as in
ERPNext's stock ledger). Issuing a gift is checked against the promotions: a gift the customer's action does not
entitle them to, or a second gift for the same entitlement, is refused unless a manager overrides it with a reason.
Stocktake and the monthly statistics live in :mod:`.stocktake` and :mod:`.stats`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, text
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.customers.models import Customer
from station_desk.errors import DomainError, NotFound
from station_desk.gift_stock import rules
from station_desk.gift_stock.models import GiftItem, Promotion, StockMove
from station_desk.periods.service import ensure_open
from station_desk.policy.service import policy_on
from station_desk.staff import auth

KINDS: dict[str, str] = {
    "receive": "入库",
    "issue": "发放",
    "return": "退回",
    "transfer": "调出",
    "write_off": "报损",
    "adjust": "盘点调整",
}
SCOPE = "gift_stock"


class GiftRuleRefused(DomainError):
    """A promotion rule refused the issue; a manager may override it with a reason."""

    overridable = True


# -- rows returned to callers ----------------------------------------------------------------------------------------
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


# -- helpers ---------------------------------------------------------------------------------------------------------
def _positive(qty: int) -> int:
    if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
        raise DomainError("gift.qty_positive")
    return qty


def _item(s: Session, item_id: int) -> GiftItem:
    item = s.get(GiftItem, item_id)
    if item is None:
        raise NotFound(what="礼品", id=item_id)
    return item


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


_LATER_SQL = text(
    "SELECT day, bal FROM (SELECT day, SUM(qty) OVER (ORDER BY day, id ROWS UNBOUNDED PRECEDING) AS bal "
    "FROM gift_stock_move WHERE item_id = :item) WHERE day > :day AND bal + :delta < 0 ORDER BY day LIMIT 1"
)


def check_delta(s: Session, item: GiftItem, day: dt.date, delta: int, verb: str) -> None:
    """Refuse a move of ``delta`` on ``day`` if the balance that day, or any later running balance, goes < 0.

    The new move sorts after the day's existing moves, so the balance it meets is the end-of-day balance; every
    later move's running balance shifts by ``delta``."""
    if delta >= 0:
        return
    qty = -delta
    on_hand = balance_on(s, item.id, day)
    if on_hand + delta < 0:
        raise DomainError("gift.insufficient", item=item.name, day=day.isoformat(), on_hand=on_hand,
                          unit=item.unit, verb=verb, qty=qty)
    later = s.exec(_LATER_SQL, params={"item": item.id, "day": day.isoformat(), "delta": delta}).first()
    if later is not None:
        raise DomainError("gift.later_negative", item=item.name, day=day.isoformat(), verb=verb, qty=qty,
                          unit=item.unit, later_day=str(later[0]), balance=int(later[1]))


def _check_day(s: Session, day: dt.date) -> None:
    if day > clock.today():
        raise DomainError("gift.future_day", day=day.isoformat())
    ensure_open(s, SCOPE, day)


def add_move_in(s: Session, *, actor: Actor, item: GiftItem, day: dt.date, kind: str, qty: int,
                reason: str | None = None, **fields) -> StockMove:
    """Append one move in the caller's transaction after the date, lock and balance checks."""
    _check_day(s, day)
    check_delta(s, item, day, qty, KINDS[kind])
    move = StockMove(item_id=item.id, day=day, kind=kind, qty=qty, unit_cost_fen=item.unit_cost_fen,
                     created_at=clock.now(), created_by=actor.name, **fields)
    if move.staff_id is None:
        move.staff_id = actor.staff_id
    s.add(move)
    s.flush()
    audit.record(s, actor=actor, action=f"gift.{kind}", entity="gift_stock_move", entity_id=move.id,
                 after=audit.snapshot(move), reason=reason)
    return move


# -- items -----------------------------------------------------------------------------------------------------------
def _clean_item(name: str, unit: str, unit_cost_fen: int, low_stock: int | None) -> tuple[str, str]:
    name, unit = (name or "").strip(), (unit or "").strip()
    if not name:
        raise DomainError("gift.item_name_required")
    if len(name) > 40:
        raise DomainError("too_long", field="礼品名称", max=40)
    if not unit:
        raise DomainError("gift.unit_required")
    if len(unit) > 6:
        raise DomainError("too_long", field="单位", max=6)
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
        s.add(item)
        s.flush()
        audit.record(s, actor=actor, action="gift.add_item", entity="gift_item", entity_id=item.id,
                     after=audit.snapshot(item))
        return _item_row(s, item, 0)


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
        return _item_row(s, item, balance_on(s, item_id))


def _item_row(s: Session, item: GiftItem, on_hand: int, default_low: int | None = None) -> ItemRow:
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
        return [_item_row(s, it, bal.get(it.id, 0), default_low) for it in s.exec(q)]


def get_item(db, item_id: int) -> ItemRow:
    with db.read() as s:
        return _item_row(s, _item(s, item_id), balance_on(s, item_id))


def on_hand(db, item_id: int, day: dt.date | None = None) -> int:
    with db.read() as s:
        return balance_on(s, item_id, day)


def low_stock_items(db) -> list[ItemRow]:
    """Active items at or below their low-stock threshold today (for the tab and the status bar)."""
    return [r for r in list_items(db, include_inactive=False) if r.is_low]


# -- promotions ------------------------------------------------------------------------------------------------------
def _clean_promotion(s: Session, name: str, action: str, cycle: str, package: str, qty: int,
                     valid_from: dt.date, valid_to: dt.date) -> tuple[str, str, str, str]:
    name, cycle, package = (name or "").strip(), (cycle or "").strip(), (package or "").strip()
    if not name:
        raise DomainError("gift.promotion_name_required")
    if len(name) > 60:
        raise DomainError("too_long", field="促销活动名称", max=60)
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
        s.add(promo)
        s.flush()
        audit.record(s, actor=actor, action="gift.add_promotion", entity="gift_promotion", entity_id=promo.id,
                     after=audit.snapshot(promo), reason=f"批准人：{approver.name}")
        return _promotion_rows(s, [promo])[0]


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
        return _promotion_rows(s, [promo])[0]


def _promotion_rows(s: Session, promos: list[Promotion]) -> list[PromotionRow]:
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
        return _promotion_rows(s, list(s.exec(q)))


# -- receive, transfer, write-off, return ----------------------------------------------------------------------------
def receive_stock(db, *, actor: Actor, item_id: int, qty: int, day: dt.date, delivery_note: str,
                  note: str = "") -> MoveRow:
    """Goods received from the company (入库), with the delivery note number (送货单号)."""
    _positive(qty)
    delivery_note = (delivery_note or "").strip()
    if not delivery_note:
        raise DomainError("gift.delivery_note_required")
    with db.session() as s:
        item = _item(s, item_id)
        if not item.active:
            raise DomainError("gift.item_inactive", name=item.name)
        move = add_move_in(s, actor=actor, item=item, day=day, kind="receive", qty=qty,
                           delivery_note=delivery_note[:40], note=(note or "").strip()[:200])
        return _move_rows(s, [move])[0]


def transfer_out(db, *, actor: Actor, item_id: int, qty: int, day: dt.date, counterparty: str,
                 note: str = "") -> MoveRow:
    """Stock sent elsewhere (调出): back to the company or to another station."""
    _positive(qty)
    counterparty = (counterparty or "").strip()
    if not counterparty:
        raise DomainError("gift.counterparty_required")
    with db.session() as s:
        item = _item(s, item_id)
        move = add_move_in(s, actor=actor, item=item, day=day, kind="transfer", qty=-qty,
                           counterparty=counterparty[:40], note=(note or "").strip()[:200])
        return _move_rows(s, [move])[0]


def write_off(db, *, actor: Actor, approval: ManagerApproval | None, item_id: int, qty: int, day: dt.date,
              reason: str) -> MoveRow:
    """Damaged or lost stock (报损). Needs the manager's PIN and a reason."""
    _positive(qty)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("gift.reason_required")
    approver = auth.require_manager(db, approval, "礼品报损")
    with db.session() as s:
        item = _item(s, item_id)
        move = add_move_in(s, actor=actor, item=item, day=day, kind="write_off", qty=-qty,
                           approved_by_id=approver.staff_id, note=reason[:200], reason=reason)
        return _move_rows(s, [move])[0]


def return_gift(db, *, actor: Actor, issue_move_id: int, qty: int, day: dt.date, note: str = "") -> MoveRow:
    """A customer brings a gift back (退回). The entitlement is freed by the quantity returned."""
    _positive(qty)
    with db.session() as s:
        issue = s.get(StockMove, issue_move_id)
        if issue is None:
            raise NotFound(what="库存记录", id=issue_move_id)
        if issue.kind != "issue":
            raise DomainError("gift.not_an_issue", id=issue_move_id)
        if day < issue.day:
            raise DomainError("gift.return_before_issue", day=issue.day.isoformat())
        returned = int(s.exec(select(func.coalesce(func.sum(StockMove.qty), 0))
                              .where(StockMove.return_of_id == issue_move_id)).one())
        left = -issue.qty - returned
        if qty > left:
            raise DomainError("gift.return_too_many", qty=qty, left=left)
        move = add_move_in(s, actor=actor, item=_item(s, issue.item_id), day=day, kind="return", qty=qty,
                           customer_id=issue.customer_id, promotion_id=issue.promotion_id,
                           entitlement_ref=issue.entitlement_ref, action=issue.action, contact_id=issue.contact_id,
                           work_order_id=issue.work_order_id, return_of_id=issue.id,
                           note=(note or "").strip()[:200])
        return _move_rows(s, [move])[0]


# -- issue to a customer ---------------------------------------------------------------------------------------------
def _given_for(s: Session, ref: str, promotion_id: int) -> tuple[int, StockMove | None]:
    """Net quantity already given for this entitlement and promotion, and the first issue."""
    rows = s.exec(select(StockMove).where(StockMove.entitlement_ref == ref, StockMove.promotion_id == promotion_id,
                                          StockMove.kind.in_(("issue", "return"))).order_by(StockMove.id)).all()
    first = next((r for r in rows if r.kind == "issue"), None)
    return -sum(r.qty for r in rows), first


def check_issue_rules(s: Session, *, item: GiftItem, qty: int, customer_id: int, promotion_id: int | None,
                      ent: rules.Entitlement | None, ref: str, day: dt.date) -> None:
    """Raise GiftRuleRefused when the promotion rules do not allow this gift."""
    cycles = policy_on(s, day).customers.cycles
    if promotion_id is None:
        raise GiftRuleRefused("gift.no_promotion")
    promo = s.get(Promotion, promotion_id)
    if promo is None:
        raise NotFound(what="促销活动", id=promotion_id)
    if not promo.active or not (promo.valid_from <= day <= promo.valid_to):
        raise GiftRuleRefused("gift.promotion_not_valid", name=promo.name, day=day.isoformat(),
                              valid_from=promo.valid_from.isoformat(), valid_to=promo.valid_to.isoformat())
    if promo.item_id != item.id:
        promo_item = s.get(GiftItem, promo.item_id)
        raise GiftRuleRefused("gift.wrong_item", name=promo.name, promo_item=promo_item.name if promo_item else "",
                              item=item.name)
    if ent is None:
        raise GiftRuleRefused("gift.entitlement_unknown", ref=rules.ref_label(ref))
    if not rules.promotion_applies(promo, ent):
        raise GiftRuleRefused("gift.not_entitled", facts=ent.describe(cycles), name=promo.name,
                              need=rules.need_text(promo, cycles))
    given, first = _given_for(s, ent.ref, promo.id)
    if given > 0 and given + qty > promo.qty:
        who = first.created_by if first else ""
        raise GiftRuleRefused("gift.duplicate", ref=rules.ref_label(ent.ref), name=promo.name, given=given, unit=item.unit,
                              when=first.day.isoformat() if first else "", who=who)
    if given + qty > promo.qty:
        raise GiftRuleRefused("gift.over_quantity", name=promo.name, allowed=promo.qty, qty=qty, unit=item.unit)


def issue_gift(db, *, actor: Actor, item_id: int, qty: int, customer_id: int | None, promotion_id: int | None,
               entitlement_ref: str, day: dt.date, override: ManagerApproval | None = None,
               override_reason: str = "", action: str = "", issued_by_id: int | None = None,
               note: str = "") -> MoveRow:
    """Give a gift to a customer (发放), under a promotion, for the customer action named by ``entitlement_ref``.

    ``action`` is the clerk's choice of what the customer did, used only when no record behind the reference says
    it. A rule refusal (:class:`GiftRuleRefused`) can be overridden by a manager (``override``) with a reason,
    which is recorded on the move and in the audit log. A stock shortage can never be overridden."""
    _positive(qty)
    if customer_id is None:
        raise DomainError("gift.customer_required")
    kind, _rid = rules.parse_ref(entitlement_ref)
    override_reason = (override_reason or "").strip()
    if override is not None and not override_reason:
        raise DomainError("gift.override_reason_required")
    approver = auth.require_manager(db, override, "特批发放礼品") if override is not None else None
    with db.session() as s:
        item = _item(s, item_id)
        if not item.active:
            raise DomainError("gift.item_inactive", name=item.name)
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound(what="用户", id=customer_id)
        ent = rules.resolve(s, entitlement_ref, customer_id, action)
        if ent is not None and ent.customer_id is not None and ent.customer_id != customer_id:
            other = s.get(Customer, ent.customer_id)
            raise DomainError("gift.entitlement_other_customer", ref=rules.ref_label(entitlement_ref),
                              other=other.name if other else ent.customer_id)
        refused: GiftRuleRefused | None = None
        try:
            check_issue_rules(s, item=item, qty=qty, customer_id=customer_id, promotion_id=promotion_id, ent=ent,
                              ref=entitlement_ref, day=day)
        except GiftRuleRefused as exc:
            if approver is None:
                raise
            refused = exc
        fields = dict(
            customer_id=customer_id, promotion_id=promotion_id, entitlement_ref=ent.ref if ent else entitlement_ref,
            action=",".join(sorted(ent.actions)) if ent else (action or "")[:12],
            contact_id=ent.contact_id if ent else (_rid if kind == "contact" else None),
            work_order_id=ent.work_order_id if ent else (_rid if kind == "work_order" else None),
            staff_id=issued_by_id or actor.staff_id, note=(note or "").strip()[:200],
        )
        reason = None
        if refused is not None:
            fields.update(approved_by_id=approver.staff_id, override_reason=override_reason[:200])
            reason = f"经理特批（{approver.name}）：{override_reason}；规则提示：{refused.message}"
        move = add_move_in(s, actor=actor, item=item, day=day, kind="issue", qty=-qty, reason=reason, **fields)
        return _move_rows(s, [move])[0]


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
        return ent, _promotion_rows(s, fits)


def customer_entitlements(db, *, customer_id: int, since: dt.date | None = None) -> list[tuple[str, str]]:
    """The customer's recent gift-earning business as (reference, label), newest first: renewals, sign-ups, and
    (when those modules exist) new-install work orders and renewal / new-install contacts not already listed."""
    import importlib.util

    from station_desk.customers.models import Renewal, SignUp

    since = since or (clock.today() - dt.timedelta(days=92))
    found: list[tuple[dt.date, str, str]] = []
    with db.read() as s:
        cycles = policy_on(s, clock.today()).customers.cycles
        for r in s.exec(select(Renewal).where(Renewal.customer_id == customer_id, Renewal.day >= since,
                                              Renewal.reverses_id == None)):  # noqa: E711
            ent = rules._from_renewal(s, r)
            found.append((r.day, ent.ref, f"{r.day.isoformat()} {ent.describe(cycles)}"))
        for su in s.exec(select(SignUp).where(SignUp.customer_id == customer_id, SignUp.day >= since,
                                              SignUp.status != "cancelled")):
            ent = rules._from_signup(s, su)
            found.append((su.day, ent.ref, f"{su.day.isoformat()} {ent.describe(cycles)}"))
        others: list[tuple[dt.date, str]] = []
        if importlib.util.find_spec("station_desk.work_orders.models"):
            from station_desk.work_orders.models import WorkOrder

            others += [(w.created_at.date(), f"work_order:{w.id}") for w in s.exec(select(WorkOrder).where(
                WorkOrder.customer_id == customer_id, WorkOrder.kind == "new_install",
                WorkOrder.created_at >= dt.datetime.combine(since, dt.time())))]
        if importlib.util.find_spec("station_desk.contact_log.models"):
            from station_desk.contact_log.models import Contact

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


# -- reads -----------------------------------------------------------------------------------------------------------
def _move_rows(s: Session, moves: list[StockMove]) -> list[MoveRow]:
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
        return _move_rows(s, list(s.exec(q)))


def lock_gift_month(db, *, actor: Actor, approval: ManagerApproval | None, month: str, note: str = "") -> None:
    """Close a gift month (optional): no move can be added, back-dated, into it afterwards."""
    from station_desk.gift_stock.models import Stocktake
    from station_desk.periods.service import lock_month_in

    y, m = clock.parse_month(month)
    start, end = clock.month_bounds(y, m)
    approver = auth.require_manager(db, approval, f"{month} 礼品库存结账")
    with db.session() as s:
        if s.exec(select(Stocktake.id).where(Stocktake.status == "open", Stocktake.day >= start,
                                             Stocktake.day < end)).first():
            raise DomainError("gift.stocktake_open_in_month", month=month)
        lock_month_in(s, actor=approver if actor.staff_id != approver.staff_id else actor, scope=SCOPE,
                      month=month, note=note)


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
        elif kind == "contact":
            row = rules._optional_row("contact_log", ("Contact",), s, rid)
        else:
            row = rules._optional_row("work_orders", ("WorkOrder",), s, rid)
        return getattr(row, "customer_id", None) if row is not None else None
