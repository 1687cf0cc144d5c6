"""The customer's entitlement behind a gift (what did they do?) and the promotion rule check. Qt-free.

An *entitlement* is named by a reference string: ``renewal:5`` / ``signup:7`` (customers tables), ``contact:123``
(front-desk contact log) or ``work_order:9``. A contact or work order that produced a renewal or sign-up is
resolved to that record's reference, so the same customer action is one entitlement whichever way it is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk.customers.models import Customer, Renewal, SignUp
from station_desk.errors import DomainError

ACTIONS: dict[str, str] = {
    "new_install": "新装",
    "renewal": "续费",
    "upgrade": "升级套餐",
    "package": "办理套餐",
}
REF_KINDS = ("contact", "work_order", "renewal", "signup", "customer")
#: ``customer:N`` names "this customer's business that no record shows" (the clerk says what it was); one such
#: entitlement per customer and promotion, so it cannot be used to give the same promotion twice
_REF = re.compile(r"^(contact|work_order|renewal|signup|customer):(\d+)$")


def write_off_reason(reason: str) -> str:
    """A write-off (报损) needs its reason: the trimmed reason, or ``gift.reason_required`` (the form asks this before
    the manager's PIN; the service again in the write)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("gift.reason_required")
    return reason


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


def parse_ref(ref: str) -> tuple[str, int]:
    m = _REF.match((ref or "").strip())
    if not m:
        raise DomainError("gift.bad_ref", ref=ref)
    return m.group(1), int(m.group(2))


REF_LABELS = {"contact": "首问登记第 {} 号", "work_order": "工单第 {} 号", "renewal": "续费记录第 {} 号",
              "signup": "新装签约第 {} 号", "customer": "该用户未登记的业务（用户编号 {}）"}


def ref_label(ref: str) -> str:
    """'renewal:5' → '续费记录第 5 号' (for messages)."""
    try:
        kind, rid = parse_ref(ref)
    except DomainError:
        return ref
    return REF_LABELS[kind].format(rid)


@dataclass(frozen=True)
class Entitlement:
    """What the customer did, as far as the records tell."""

    ref: str  # canonical reference (the renewal/sign-up record when there is one)
    actions: frozenset[str]  # e.g. {'renewal', 'upgrade'}
    cycle: str = ""
    package: str = ""
    customer_id: int | None = None
    contact_id: int | None = None
    work_order_id: int | None = None
    from_record: bool = True  # False: the action was chosen by the clerk (no record says it)

    def describe(self, cycles: dict[str, str] | None = None) -> str:
        parts = [action_label(a) for a in sorted(self.actions, key=list(ACTIONS).index)]
        if self.cycle:
            parts.append((cycles or {}).get(self.cycle, self.cycle))
        if self.package:
            parts.append(f"套餐{self.package}")
        return "、".join(parts) or "无"


def _kind_to_action(kind: str) -> str | None:
    k = (kind or "").lower()
    if "upgrade" in k or "升级" in k:
        return "upgrade"
    if "renew" in k or "续费" in k:
        return "renewal"
    if "new" in k or "install" in k or "signup" in k or "sign_up" in k or "新" in k or "开通" in k:
        return "new_install"
    return None


def linked_row(s: Session, kind: str, row_id: int):
    """The front-desk contact or the work order a ``contact:N`` / ``work_order:N`` reference names (None if gone)."""
    # imported here: the contact log and work orders are later in the domain order than the gift rules' models
    from station_desk.contact_log.models import Contact
    from station_desk.work_orders.models import WorkOrder

    return s.get(Contact if kind == "contact" else WorkOrder, row_id)


def _live_renewal(s: Session, **where) -> Renewal | None:
    q = select(Renewal).where(Renewal.reverses_id == None)  # noqa: E711
    if any(k not in Renewal.__table__.c for k in where):
        return None
    for k, v in where.items():
        q = q.where(getattr(Renewal, k) == v)
    for r in s.exec(q.order_by(Renewal.id.desc())).all():
        if s.exec(select(Renewal.id).where(Renewal.reverses_id == r.id)).first() is None:
            return r
    return None


def _live_signup(s: Session, **where) -> SignUp | None:
    q = select(SignUp).where(SignUp.status != "cancelled")
    if any(k not in SignUp.__table__.c for k in where):
        return None
    for k, v in where.items():
        q = q.where(getattr(SignUp, k) == v)
    return s.exec(q.order_by(SignUp.id.desc())).first()


def entitlement_of_renewal(s: Session, r: Renewal, **links) -> Entitlement:
    from station_desk.policy.service import policy_on

    actions = {"renewal"}
    ranks = {p.code: p.rank for p in policy_on(s, r.day).customers.packages}
    if ranks.get(r.package_after, 0) > ranks.get(r.package_before, 0):
        actions.add("upgrade")
    return Entitlement(f"renewal:{r.id}", frozenset(actions), r.cycle, r.package_after, r.customer_id,
                       links.get("contact_id", r.contact_id), links.get("work_order_id"))


def entitlement_of_signup(s: Session, su: SignUp, **links) -> Entitlement:
    return Entitlement(f"signup:{su.id}", frozenset({"new_install"}), su.cycle, su.package, su.customer_id,
                       links.get("contact_id", su.contact_id), links.get("work_order_id", su.work_order_id))


def resolve(s: Session, ref: str, customer_id: int, claimed_action: str = "") -> Entitlement | None:
    """The entitlement behind ``ref``; None when neither a record nor the clerk's choice says what was done."""
    kind, rid = parse_ref(ref)
    if kind == "renewal":
        r = s.get(Renewal, rid)
        if r is None or r.reverses_id is not None or s.exec(select(Renewal.id).where(Renewal.reverses_id == rid)).first():
            return None
        return entitlement_of_renewal(s, r)
    if kind == "signup":
        su = s.get(SignUp, rid)
        return entitlement_of_signup(s, su) if su is not None and su.status != "cancelled" else None
    if kind == "customer":
        if not claimed_action:
            return None
        if claimed_action not in ACTIONS:
            raise DomainError("gift.unknown_action", action=claimed_action)
        cust = s.get(Customer, rid)
        return Entitlement(ref, frozenset({claimed_action}), cust.cycle if cust else "", cust.package if cust else "",
                           rid, from_record=False)
    links = {"contact_id": rid} if kind == "contact" else {"work_order_id": rid}
    row = linked_row(s, kind, rid)
    # the record the contact / work order points at, or that points back at it
    r = s.get(Renewal, row.renewal_id) if getattr(row, "renewal_id", None) else _live_renewal(s, **links)
    if r is not None:
        return entitlement_of_renewal(s, r, **links)
    su = s.get(SignUp, row.signup_id) if getattr(row, "signup_id", None) else _live_signup(s, **links)
    if su is not None and su.status != "cancelled":
        return entitlement_of_signup(s, su, **links)
    action = _kind_to_action(str(getattr(row, "kind", ""))) if row is not None else None
    if row is not None and getattr(row, "customer_id", None):
        customer_id_of_row = row.customer_id
    else:
        customer_id_of_row = None
    from_record = action is not None
    if action is None and claimed_action:
        if claimed_action not in ACTIONS:
            raise DomainError("gift.unknown_action", action=claimed_action)
        action = claimed_action
    if action is None:
        return None
    cust = s.get(Customer, customer_id)
    return Entitlement(ref, frozenset({action}), cust.cycle if cust else "", cust.package if cust else "",
                       customer_id_of_row or customer_id, links.get("contact_id"), links.get("work_order_id"),
                       from_record)


#: when a customer action is several at once (a renewal that upgrades), the one a gift is recorded for without a
#: promotion: the most specific first
ACTION_PRECEDENCE = ("upgrade", "package", "new_install", "renewal")


def recorded_action(ent: Entitlement | None, promo=None, claimed: str = "") -> str:
    """The one action code a gift is recorded for (``gift_stock_move.action`` holds a single code, ≤12 characters):
    the promotion's action when the customer's business includes it, else the most specific action of the
    business, else what the clerk claimed."""
    if ent is None:
        return claimed if claimed in ACTIONS else ""
    if promo is not None and promo.action in ent.actions:
        return promo.action
    return next((a for a in ACTION_PRECEDENCE if a in ent.actions), "")


def need_text(promo, cycles: dict[str, str]) -> str:
    """How a promotion's condition reads: '续费（包年）' / '办理套餐 10.3'."""
    if promo.action == "package":
        return f"办理套餐 {promo.package}"
    extra = [cycles.get(promo.cycle, promo.cycle)] if promo.cycle else []
    if promo.package:
        extra.append(f"套餐{promo.package}")
    return action_label(promo.action) + (f"（{'，'.join(extra)}）" if extra else "")


def promotion_applies(promo, ent: Entitlement) -> bool:
    if promo.action == "package":
        return bool(promo.package) and ent.package == promo.package
    if promo.action not in ent.actions:
        return False
    if promo.cycle and ent.cycle != promo.cycle:
        return False
    if promo.package and ent.package != promo.package:
        return False
    return True
