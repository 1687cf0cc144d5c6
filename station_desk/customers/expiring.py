"""The expiring-customer follow-up (到期用户回访表, SPEC §2): active customers whose service expires in a window, with
the latest call about this expiry, counted and read a page at a time; and the outcome of a call. ``customers.service``
re-exports them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.customers.models import Customer, ExpiryCall
from station_desk.customers.rows import ROW_COLUMNS, CustomerRow, get_customer_in, row_from_tuple
from station_desk.errors import DomainError

CALL_OUTCOMES = {
    "will_renew": "愿意续费",
    "renewed": "已续费",
    "thinking": "考虑中",
    "refused": "不再续费",
    "no_answer": "无人接听",
    "not_home": "不在家（已留上门条）",
    "other": "其他",
}

@dataclass(frozen=True)
class ExpiringRow:
    customer: CustomerRow
    days_left: int
    last_call_at: dt.datetime | None
    last_outcome: str  # code; label via CALL_OUTCOMES
    last_note: str
    last_by: str

    @property
    def outcome_label(self) -> str:
        return CALL_OUTCOMES.get(self.last_outcome, self.last_outcome)


def _expiring_where(start: dt.date, end: dt.date, area: str | None) -> list:
    where = [Customer.expiry_date >= start, Customer.expiry_date <= end, Customer.active == True]  # noqa: E712
    return where + ([Customer.area == area] if area else [])


def count_expiring(db, *, start: dt.date, end: dt.date, area: str | None = None) -> tuple[int, int]:
    """(customers :func:`list_expiring` lists without a limit, those of them already called about this expiry),
    counted in SQL: a screen reads one page of the list, not all of it (issue #15)."""
    from sqlalchemy import case, func, or_
    from sqlalchemy.orm import aliased

    latest = aliased(ExpiryCall)
    last_id = (select(latest.id).where(latest.customer_id == Customer.id)
               .order_by(latest.at.desc(), latest.id.desc()).limit(1).correlate(Customer).scalar_subquery())
    called = (select(ExpiryCall.id).where(ExpiryCall.id == last_id, or_(ExpiryCall.expiry_date.is_(None),
                                                                        ExpiryCall.expiry_date == Customer.expiry_date))
              .correlate(Customer).exists())
    where = _expiring_where(start, end, area)
    with db.read() as s:  # one pass over the window
        total, done = s.exec(select(func.count(), func.sum(case((called, 1), else_=0))).select_from(Customer)
                             .where(*where)).one()
    return int(total or 0), int(done or 0)


def list_expiring(db, *, start: dt.date, end: dt.date, area: str | None = None,
                  limit: int = 5000, offset: int = 0) -> list[ExpiringRow]:
    """Active customers whose service expires in [start, end], soonest first, with their latest call (``limit``
    rows from ``offset``: a screen reads a page at a time)."""
    today = clock.today()
    with db.read() as s:
        q = (select(*ROW_COLUMNS).where(*_expiring_where(start, end, None))
             .order_by(Customer.expiry_date, Customer.account_no, Customer.id).offset(offset).limit(limit))
        if area:
            q = q.where(Customer.area == area)
        customers = [row_from_tuple(tuple(r)) for r in s.exec(q)]
        ids = [c.id for c in customers]
        last: dict[int, ExpiryCall] = {}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk:chunk + 900]
            for call in s.exec(select(ExpiryCall).where(ExpiryCall.customer_id.in_(part))
                               .order_by(ExpiryCall.at, ExpiryCall.id)):
                last[call.customer_id] = call
        out = []
        for c in customers:
            call = last.get(c.id)
            if call is not None and call.expiry_date is not None and call.expiry_date != c.expiry_date:
                call = None  # a call about an earlier expiry does not count for this one
            out.append(ExpiringRow(c, (c.expiry_date - today).days,
                                   call.at if call else None, call.outcome if call else "",
                                   call.note if call else "", call.by_name if call else ""))
        return out


def record_call_outcome(db, *, actor: Actor, customer_id: int, outcome: str, note: str = "",
                        at: dt.datetime | None = None) -> int:
    if outcome not in CALL_OUTCOMES:
        raise DomainError("customer.unknown_outcome", outcome=outcome)
    with db.session() as s:
        c = get_customer_in(s, customer_id)
        call = ExpiryCall(customer_id=customer_id, at=at or clock.now(), expiry_date=c.expiry_date, outcome=outcome,
                          note=(note or "").strip()[:200], by_staff_id=actor.staff_id, by_name=actor.name)
        audit.add_new(s, call, actor=actor, action="customer.expiry_call")
        return call.id
