"""The front-desk ledger (首问登记): record a contact, with the money, renewal or sign-up it brings, in ONE
transaction; today's running totals; the filtered ledger.

A renewal contact with payment writes the Renewal (``customers.record_renewal_in``) and the Receipt
(``takings.record_receipt_in``). A new-install contact writes a SignUp and first checks that the person is not an
existing customer (name / phone / address): if they are, the service refuses with ``contact.similar_customer``
until the clerk confirms (``confirm_similar=True``), and the match is kept on the row for the manager (SPEC §2
anti-gaming). Cash needs an invoice number (唱点唱收: no cash without an invoice).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.contact_log.models import Contact
from station_desk.contact_log.queries import (awaiting_reply_ids_in, count_awaiting_reply_in,  # noqa: F401
                                              customer_hint, get_contact, last_contacts_of, list_contacts, totals)
from station_desk.contact_log.rows import (CHANNELS, KINDS, RESULTS, WORK_ORDER_KINDS, ContactRow,  # noqa: F401
                                           CustomerHint, Totals, contact_row)
from station_desk.customers import service as customers
from station_desk.customers.models import Customer, Renewal
from station_desk.db import ledger
from station_desk.errors import DomainError, NotFound
from station_desk.takings import service as takings


@dataclass(frozen=True)
class ContactDraft:
    """What the quick-entry form collects. Money fields matter only when ``amount_fen`` > 0."""

    kind: str
    channel: str = "walk_in"
    customer_id: int | None = None
    person_name: str = ""
    person_phone: str = ""
    address: str = ""
    asked: str = ""
    done: str = ""
    result: str = "done"
    reply_by: dt.date | None = None
    amount_fen: int = 0
    method: str = "cash"
    invoice_no: str = ""
    # renewal
    cycle: str = ""
    package_after: str = ""
    recommended_by_id: int | None = None
    # new install
    area: str = ""
    package: str = ""
    confirm_similar: bool = False
    at: dt.datetime | None = None


# -- anti-gaming check ------------------------------------------------------------------------------------------------
def similar_for_new_install(db, *, name: str, phone: str = "", address: str = "") -> list[customers.CustomerRow]:
    """Existing customers that a "new install" for this person would duplicate (SPEC §2 anti-gaming)."""
    return customers.similar_customers(db, name=name, phone=phone, address=address)


def _similar_warning(rows: list[customers.CustomerRow], today: dt.date, window_days: int) -> str:
    parts = []
    for r in rows[:3]:
        days = r.days_to_expiry(today)
        when = "" if days is None else (f"，{days} 天后到期" if days >= 0 else f"，已过期 {-days} 天")
        parts.append(f"{r.name}（{r.account_no}{when}）")
    expiring = [r for r in rows if r.expiry_date is not None and r.days_to_expiry(today) <= window_days]
    head = "本期到期用户" if expiring else "已有用户"
    return f"{head}：" + "、".join(parts)


# -- writes ---------------------------------------------------------------------------------------------------------
def _validate(d: ContactDraft) -> ContactDraft:
    if d.kind not in KINDS:
        raise DomainError("contact.unknown_kind", kind=d.kind)
    if d.channel not in CHANNELS:
        raise DomainError("contact.unknown_channel", channel=d.channel)
    if d.result not in RESULTS:
        raise DomainError("contact.unknown_result", result=d.result)
    from station_desk import validate

    d = replace(d, person_name=d.person_name.strip(), person_phone=validate.phone(d.person_phone, field="来人电话"),
                address=d.address.strip(), asked=d.asked.strip(), done=d.done.strip(),
                invoice_no=(d.invoice_no or "").strip())
    if d.customer_id is None and not (d.person_name or d.person_phone):
        raise DomainError("contact.who_required")
    for value, field, limit, lines in ((d.asked, "问题/事由", 300, True), (d.done, "办理情况", 300, True),
                                       (d.person_name, "姓名", 40, False), (d.address, "单位/地址", 120, False)):
        validate.text(value, field=field, max_len=limit, multiline=lines)
    if not isinstance(d.amount_fen, int) or d.amount_fen < 0:
        raise DomainError("money.not_positive")
    if d.kind in ("renewal", "payment") and d.amount_fen <= 0:
        raise DomainError("contact.amount_required", kind=KINDS[d.kind])
    if d.kind == "renewal":
        if d.customer_id is None:
            raise DomainError("contact.customer_required", kind=KINDS[d.kind])
        if not d.cycle:
            raise DomainError("required", field="缴费周期")
    if d.kind in ("inquiry", "fault", "complaint", "other") and not d.asked:
        raise DomainError("required", field="问题/事由")
    if d.amount_fen > 0:
        if d.method not in takings.METHODS:
            raise DomainError("takings.unknown_method", method=d.method)
    if d.result == "pending" and d.reply_by is None:
        raise DomainError("contact.reply_by_required")
    return d


def record_contact(db, *, actor: Actor, draft: ContactDraft) -> ContactRow:
    """Log one contact (and its renewal / sign-up / receipt) in one transaction."""
    d = _validate(draft)
    at = (d.at or clock.now()).replace(microsecond=0)
    with db.session() as s:
        return _record_in(s, actor=actor, d=d, at=at)


def record_contact_in(s: Session, *, actor: Actor, draft: ContactDraft) -> ContactRow:
    """``record_contact`` inside the caller's transaction (the demo builds months of history in one)."""
    d = _validate(draft)
    return _record_in(s, actor=actor, d=d, at=(d.at or clock.now()).replace(microsecond=0))


def _record_in(s: Session, *, actor: Actor, d: ContactDraft, at: dt.datetime) -> ContactRow:
    from station_desk.policy.service import policy_on

    customer = customers.get_customer_in(s, d.customer_id) if d.customer_id is not None else None
    name = d.person_name or (customer.name if customer else "")
    phone = d.person_phone or (customer.phone if customer else "")
    address = d.address or (customer.full_address if customer else "")
    warning = ""
    if d.kind == "new_install":
        pol = policy_on(s, at.date()).customers
        similar = customers.similar_customers_in(s, name=name, phone=phone, address=address)
        if customer is not None:
            similar = [r for r in similar if r.id != customer.id] + [customers.customer_row(customer)]
        if similar:
            warning = _similar_warning(similar, at.date(), pol.expiring_window_days)
            if not d.confirm_similar:
                raise DomainError("contact.similar_customer", detail=warning)
    asked = d.asked or KINDS[d.kind]
    c = Contact(at=at, day=at.date(), channel=d.channel, kind=d.kind, customer_id=d.customer_id,
                person_name=name, person_phone=phone, address=address[:120], asked=asked, done=d.done,
                result=d.result, reply_by=d.reply_by if d.result == "pending" else None, clerk_id=actor.staff_id,
                clerk_name=actor.name, amount_fen=d.amount_fen, method=d.method if d.amount_fen else "",
                invoice_no=d.invoice_no, warning=warning[:200], created_at=clock.now())
    s.add(c)
    s.flush()
    if d.kind == "renewal":
        r = customers.record_renewal_in(s, actor=actor, customer_id=d.customer_id, day=at.date(), cycle=d.cycle,
                                        package_after=d.package_after or customer.package,
                                        amount_fen=d.amount_fen, handled_by_id=actor.staff_id,
                                        recommended_by_id=d.recommended_by_id, contact_id=c.id)
        c.renewal_id = r.id
        if not c.done:
            c.done = f"续费至 {r.expiry_after.isoformat()}"
    elif d.kind == "new_install":
        su = customers.record_signup_in(s, actor=actor, day=at.date(), signed_by_id=actor.staff_id,
                                        area=d.area or (customer.area if customer else ""),
                                        package=d.package or "3.0", cycle=d.cycle or "monthly",
                                        income_fen=d.amount_fen, customer_id=d.customer_id, contact_id=c.id,
                                        note=warning[:200])
        c.signup_id = su.id
    if d.amount_fen > 0:
        c.receipt_id = takings.record_receipt_in(
            s, actor=actor, at=at, amount_fen=d.amount_fen, method=d.method, customer_id=d.customer_id,
            source_kind="contact", source_id=c.id, invoice_no=d.invoice_no or None, note=KINDS[d.kind])
    audit.add_new(s, c, actor=actor, action="contact.record", reason=warning or None)
    return contact_row(c, customer.account_no if customer else "")


def void_contact(db, *, actor: Actor, contact_id: int, reason: str,
                 approval: ManagerApproval | None = None) -> ContactRow:
    """Void a mistaken entry by a new row pointing at it. If it took money, the receipt is reversed too (manager
    PIN) and a renewal is undone when the customer's expiry has not moved since."""
    from station_desk.staff import auth

    ledger.require_reason(reason, verb="作废")
    with db.read() as s:  # everything that can be checked is checked before the manager types the PIN
        original = ledger.row_to_reverse(s, Contact, contact_id, what="登记", verb="作废")
        needs_manager = original.receipt_id is not None or original.renewal_id is not None
    approver = auth.require_manager(db, approval, "作废收款登记") if needs_manager else None
    now = clock.now()
    with db.session() as s:
        original = ledger.row_to_reverse(s, Contact, contact_id, what="登记", verb="作废")
        if original.receipt_id is not None:
            takings.reverse_receipt_in(s, actor=actor, approver=approver, receipt_id=original.receipt_id,
                                       reason=f"作废登记 #{contact_id}：{reason.strip()}")
        if original.renewal_id is not None:
            _undo_renewal_in(s, actor, original.renewal_id, reason)
        v = Contact(at=now, day=now.date(), channel=original.channel, kind=original.kind,
                    customer_id=original.customer_id, person_name=original.person_name,
                    person_phone=original.person_phone, address=original.address, asked=original.asked,
                    done=f"作废 #{original.id}", result="done", clerk_id=actor.staff_id, clerk_name=actor.name,
                    amount_fen=-original.amount_fen, method=original.method, invoice_no=original.invoice_no,
                    reverses_id=original.id, reason=reason.strip()[:200], created_at=now)
        audit.add_new(s, v, actor=actor, action="contact.void", reason=reason.strip())
        return contact_row(v)


def _undo_renewal_in(s: Session, actor: Actor, renewal_id: int, reason: str) -> None:
    r = s.get(Renewal, renewal_id)
    c = s.get(Customer, r.customer_id)
    if c.expiry_date != r.expiry_after:
        raise DomainError("contact.renewal_moved_on", name=c.name)
    undo = Renewal(customer_id=r.customer_id, day=clock.today(), handled_by_id=r.handled_by_id, cycle=r.cycle,
                   package_before=r.package_after, package_after=r.package_before, amount_fen=-r.amount_fen,
                   expiry_before=r.expiry_after, expiry_after=r.expiry_before, contact_id=r.contact_id,
                   reverses_id=r.id, note=reason.strip()[:200], created_at=clock.now())
    s.add(undo)
    c.package, c.expiry_date, c.updated_at = r.package_before, r.expiry_before, clock.now()
    s.add(c)
    s.flush()
    audit.record(s, actor=actor, action="customer.renew_undo", entity="customer_renewal", entity_id=undo.id,
                 after=audit.snapshot(undo), reason=reason.strip())


def answer_pending(db, *, actor: Actor, contact_id: int, done: str, channel: str = "phone") -> ContactRow:
    """Close the loop on a pending / forwarded contact (R-2.22): a new entry records the reply, linked to it."""
    if not (done or "").strip():
        raise DomainError("required", field="答复内容")
    if channel not in CHANNELS:
        raise DomainError("contact.unknown_channel", channel=channel)
    with db.session() as s:
        return answer_pending_in(s, actor=actor, contact_id=contact_id, done=done, channel=channel)


def answer_pending_in(s: Session, *, actor: Actor, contact_id: int, done: str, channel: str = "phone") -> ContactRow:
    now = clock.now()
    original = s.get(Contact, contact_id)
    if original is None:
        raise NotFound(what="登记", id=contact_id)
    if original.result == "done" or original.reverses_id is not None:
        raise DomainError("contact.not_pending", id=contact_id)
    if s.exec(select(Contact.id).where(Contact.follow_up_of == contact_id)).first():
        raise DomainError("contact.already_answered", id=contact_id)
    c = Contact(at=now, day=now.date(), channel=channel, kind=original.kind, customer_id=original.customer_id,
                person_name=original.person_name, person_phone=original.person_phone, address=original.address,
                asked=f"答复 #{original.id}：{original.asked}"[:300], done=done.strip()[:300], result="done",
                clerk_id=actor.staff_id, clerk_name=actor.name, follow_up_of=original.id, created_at=now)
    audit.add_new(s, c, actor=actor, action="contact.answer")
    acc = s.get(Customer, c.customer_id).account_no if c.customer_id else ""
    return contact_row(c, acc)
