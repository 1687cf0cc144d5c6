"""Gift inventory service (SPEC §4; issue 5): items, promotions, stock moves, issuing gifts to customers.

Stock moves are an append-only ledger; on hand = the sum of moves. No move may make the balance negative at its
own date *or at any later move* (a back-dated issue is checked against every future running balance, as in
ERPNext's stock ledger). Issuing a gift is checked against the promotions: a gift the customer's action does not
entitle them to, or a second gift for the same entitlement, is refused unless a manager overrides it with a reason.
Items and promotions live in :mod:`.catalogue` (imported here too); stocktake and the monthly statistics in
:mod:`.stocktake` and :mod:`.stats`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, text
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.customers.models import Customer
from station_desk.errors import DomainError, NotFound
from station_desk.gift_stock import rules
from station_desk.gift_stock.catalogue import (_item, _positive, add_item, add_promotion,  # noqa: F401
                                               update_item, update_promotion)
from station_desk.gift_stock.models import GiftItem, Promotion, StockMove
from station_desk.gift_stock.queries import (KINDS, ItemRow, MoveRow, PromotionRow, balance_on,  # noqa: F401
                                             balances_on, customer_entitlements, customer_of_ref, entitlement_for,
                                             get_item, item_row, list_items, list_moves, list_promotions,
                                             low_stock_items, move_rows, on_hand, promotion_rows)
from station_desk.month import Month
from station_desk.periods.service import ensure_open
from station_desk.policy.service import policy_on
from station_desk.staff import auth

SCOPE = "gift_stock"


class GiftRuleRefused(DomainError):
    """A promotion rule refused the issue; a manager may override it with a reason."""

    overridable = True


_LATER_SQL = text(
    "SELECT day, bal FROM (SELECT day, SUM(qty) OVER (ORDER BY day, id ROWS UNBOUNDED PRECEDING) AS bal "
    "FROM gift_stock_move WHERE item_id = :item) AS running WHERE day > :day AND bal + :delta < 0 ORDER BY day LIMIT 1"
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


def check_day(s: Session, day: dt.date) -> None:
    """Refuse a move dated in the future or into a closed gift month (stocktake posts use it too)."""
    if day > clock.today():
        raise DomainError("gift.future_day", day=day.isoformat())
    ensure_open(s, SCOPE, day)


def add_move_in(s: Session, *, actor: Actor, item: GiftItem, day: dt.date, kind: str, qty: int,
                reason: str | None = None, **fields) -> StockMove:
    """Append one move in the caller's transaction after the date, lock and balance checks."""
    check_day(s, day)
    check_delta(s, item, day, qty, KINDS[kind])
    move = StockMove(item_id=item.id, day=day, kind=kind, qty=qty, unit_cost_fen=item.unit_cost_fen,
                     created_at=clock.now(), created_by=actor.name, **fields)
    if move.staff_id is None:
        move.staff_id = actor.staff_id
    audit.add_new(s, move, actor=actor, action=f"gift.{kind}", reason=reason)
    return move


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
        return move_rows(s, [move])[0]


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
        return move_rows(s, [move])[0]


def write_off(db, *, actor: Actor, approval: ManagerApproval | None, item_id: int, qty: int, day: dt.date,
              reason: str) -> MoveRow:
    """Damaged or lost stock (报损). Needs the manager's PIN and a reason."""
    _positive(qty)
    reason = rules.write_off_reason(reason)
    approver = auth.require_manager(db, approval, "礼品报损")
    with db.session() as s:
        item = _item(s, item_id)
        move = add_move_in(s, actor=actor, item=item, day=day, kind="write_off", qty=-qty,
                           approved_by_id=approver.staff_id, note=reason[:200], reason=reason)
        return move_rows(s, [move])[0]


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
        return move_rows(s, [move])[0]


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
            action=rules.recorded_action(ent, s.get(Promotion, promotion_id) if promotion_id else None, action),
            contact_id=ent.contact_id if ent else (_rid if kind == "contact" else None),
            work_order_id=ent.work_order_id if ent else (_rid if kind == "work_order" else None),
            staff_id=issued_by_id or actor.staff_id, note=(note or "").strip()[:200],
        )
        reason = None
        if refused is not None:
            fields.update(approved_by_id=approver.staff_id, override_reason=override_reason[:200])
            reason = f"经理特批（{approver.name}）：{override_reason}；规则提示：{refused.message}"
        move = add_move_in(s, actor=actor, item=item, day=day, kind="issue", qty=-qty, reason=reason, **fields)
        return move_rows(s, [move])[0]


def lock_gift_month(db, *, actor: Actor, approval: ManagerApproval | None, month: Month | str,
                    note: str = "") -> None:
    """Close a gift month (optional): no move can be added, back-dated, into it afterwards."""
    from station_desk.gift_stock.models import Stocktake
    from station_desk.periods.service import lock_month_in

    start, end = Month.parse(month).bounds()
    month = Month.parse(month).key  # the lock, the messages and the audit speak its text
    approver = auth.require_manager(db, approval, f"{month} 礼品库存结账")
    from station_desk.backup.service import backup_before

    backup_before(db, "month_close")  # an irreversible step: a verified copy first
    with db.session() as s:
        if s.exec(select(Stocktake.id).where(Stocktake.status == "open", Stocktake.day >= start,
                                             Stocktake.day < end)).first():
            raise DomainError("gift.stocktake_open_in_month", month=month)
        lock_month_in(s, actor=approver if actor.staff_id != approver.staff_id else actor, scope=SCOPE,
                      month=month, note=note)

