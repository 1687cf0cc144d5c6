"""Reads of the front-desk ledger: the filtered list (newest first), one contact, today's running totals, the
contacts still awaiting a reply. Re-exported by ``contact_log.service``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, or_
from sqlmodel import Session, select

from station_desk import clock
from station_desk.contact_log.models import Contact
from station_desk.contact_log.rows import ContactRow, CustomerHint, Totals, contact_row
from station_desk.customers.models import Customer
from station_desk.errors import NotFound


def list_contacts(db, *, start: dt.date, end: dt.date, kind: str | None = None, clerk_id: int | None = None,
                  customer_id: int | None = None, text: str = "", pending_only: bool = False,
                  limit: int | None = 2000, offset: int = 0) -> list[ContactRow]:
    """The ledger, newest first, filtered by date range, kind, clerk, customer and free text."""
    with db.read() as s:
        q = (select(Contact, Customer.account_no).join(Customer, Customer.id == Contact.customer_id, isouter=True)
             .where(Contact.day >= start, Contact.day <= end).order_by(Contact.at.desc(), Contact.id.desc()))
        if kind:
            q = q.where(Contact.kind == kind)
        if clerk_id is not None:
            q = q.where(Contact.clerk_id == clerk_id)
        if customer_id is not None:
            q = q.where(Contact.customer_id == customer_id)
        if pending_only:
            q = q.where(Contact.id.in_(awaiting_reply_ids_in(s)))
        if text.strip():
            like = f"%{text.strip()}%"
            q = q.where(or_(Contact.person_name.like(like), Contact.person_phone.like(like),
                            Contact.asked.like(like), Contact.done.like(like), Contact.invoice_no.like(like),
                            Contact.address.like(like)))
        if limit is not None:
            q = q.limit(limit).offset(offset)
        pairs = list(s.exec(q))
        ids = [c.id for c, _ in pairs]
        voided: set[int] = set()
        answered: set[int] = set()
        orders: dict[int, int] = {}
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            voided.update(s.exec(select(Contact.reverses_id).where(Contact.reverses_id.in_(part))).all())
            answered.update(s.exec(select(Contact.follow_up_of).where(Contact.follow_up_of.in_(part))).all())
            orders.update(work_orders_of_in(s, part))
        return [contact_row(c, acc or "", c.id in voided, c.id in answered, orders.get(c.id)) for c, acc in pairs]


def work_orders_of_in(s: Session, contact_ids: list[int]) -> dict[int, int]:
    """contact id → the (first) work order made from it."""
    # imported here: work orders come after the front-desk ledger in the domain order (they point back at it)
    from station_desk.work_orders.models import WorkOrder

    rows = s.exec(select(WorkOrder.contact_id, func.min(WorkOrder.id)).where(WorkOrder.contact_id.in_(contact_ids))
                  .group_by(WorkOrder.contact_id)).all()
    return {cid: oid for cid, oid in rows}


def get_contact(db, contact_id: int) -> ContactRow:
    with db.read() as s:
        c = s.get(Contact, contact_id)
        if c is None:
            raise NotFound(what="登记", id=contact_id)
        acc = s.get(Customer, c.customer_id).account_no if c.customer_id else ""
        voided = s.exec(select(Contact.id).where(Contact.reverses_id == contact_id)).first() is not None
        return contact_row(c, acc, voided, work_order_id=work_orders_of_in(s, [contact_id]).get(contact_id))


def totals(db, *, start: dt.date, end: dt.date, clerk_id: int | None = None) -> Totals:
    """Running totals by kind and by payment method (voided entries net out)."""
    with db.read() as s:
        q = (select(Contact.kind, Contact.method, func.count(), func.sum(Contact.amount_fen),
                    func.count(Contact.reverses_id))  # the voids: reversals carry the id they undo
             .where(Contact.day >= start, Contact.day <= end).group_by(Contact.kind, Contact.method))
        if clerk_id is not None:
            q = q.where(Contact.clerk_id == clerk_id)
        by_kind: dict[str, int] = defaultdict(int)
        amount_kind: dict[str, int] = defaultdict(int)
        amount_method: dict[str, int] = defaultdict(int)
        n = 0
        for kind, method, count, amount, voids in s.exec(q):
            net = count - 2 * (voids or 0)  # a void removes itself and its original
            by_kind[kind] += net
            n += net
            if amount:
                amount_kind[kind] += amount
                amount_method[method] += amount
        pending = count_awaiting_reply_in(s)
    return Totals(n, {k: v for k, v in by_kind.items() if v}, {k: v for k, v in amount_kind.items() if v},
                  {k: v for k, v in amount_method.items() if v}, sum(amount_method.values()), pending)


def awaiting_reply_ids_in(s: Session) -> list[int]:
    """Pending / forwarded contacts (any day) without a reply and not voided. Starts from the (small) set of
    pending rows through the result index, so it stays fast on years of contacts."""
    rows = s.exec(select(Contact.id, Contact.reverses_id).where(
        Contact.result.in_(("pending", "forwarded")))).all()
    ids = [i for i, rev in rows if rev is None]
    closed: set[int] = set()
    for k in range(0, len(ids), 900):
        part = ids[k:k + 900]
        closed.update(s.exec(select(Contact.follow_up_of).where(Contact.follow_up_of.in_(part))).all())
        closed.update(s.exec(select(Contact.reverses_id).where(Contact.reverses_id.in_(part))).all())
    return [i for i in ids if i not in closed]


def count_awaiting_reply_in(s: Session) -> int:
    return len(awaiting_reply_ids_in(s))


def last_contacts_of(db, customer_id: int, *, limit: int = 5) -> list[ContactRow]:
    with db.read() as s:
        rows = s.exec(select(Contact).where(Contact.customer_id == customer_id)
                      .order_by(Contact.at.desc(), Contact.id.desc()).limit(limit)).all()
        return [contact_row(c) for c in rows]


def customer_hint(db, customer_id: int, *, cycle: str = "") -> CustomerHint:
    """The hint under the quick-entry form for a chosen customer (``cycle``: the renewal being typed, if any)."""
    from station_desk.customers.service import get_customer, renewal_expiry
    from station_desk.policy.service import policy_on

    today = clock.today()
    c = get_customer(db, customer_id)
    with db.read() as s:
        window = policy_on(s, today).customers.expiring_window_days
    days = c.days_to_expiry(today)
    after = renewal_expiry(c.expiry_date, today, cycle) if cycle else None
    recent = [r for r in last_contacts_of(db, customer_id, limit=4) if not r.follow_up_of][:2]
    return CustomerHint(c.expiry_date, days, days is not None and days <= window, after, recent)
