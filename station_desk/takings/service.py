"""Takings (前台收款), the till's day close (钱帐对应) and the weekly invoice reconciliation (SPEC §2).

Every payment taken at the desk or on site is one :class:`Receipt`, written by ``record_receipt_in`` inside the
caller's transaction (a contact, a work order's paid return). Receipts are never edited or deleted: a correction is
a reversing receipt with a reason. At day end the clerk counts the cash; ``close_day`` compares it with the cash
expected from the day's receipts, needs a reason for any difference and the manager's PIN (hand-over), and after
that money taken later goes into the next day's till. Month close locks the ``takings`` scope.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.db import ledger
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.periods.service import ensure_open
from station_desk.policy.service import policy_on
from station_desk.takings.models import InvoiceCheck, Receipt, TillClose
from station_desk.takings.rows import (METHODS, DaySummary, ReceiptRow, TillCloseRow, close_row,  # noqa: F401
                                      receipt_row)

def _day_closed(s: Session, day: dt.date) -> bool:
    return s.exec(select(TillClose.id).where(TillClose.day == day)).first() is not None


def business_day_in(s: Session, when: dt.datetime) -> dt.date:
    """The till day money taken at ``when`` belongs to: its own day, or the next day when its own has already been
    closed and handed over (money taken in the evening after the close goes into tomorrow's till). Money for a day
    whose next day is closed too is refused (it is back-dated: record it today), as is a locked month."""
    day = when.date()
    if _day_closed(s, day):
        day += dt.timedelta(days=1)
        if _day_closed(s, day):
            raise DomainError("takings.day_closed", day=when.date().isoformat())
    ensure_open(s, "takings", day)
    return day


def _clean_invoice(invoice_no: str | None) -> str | None:
    value = (invoice_no or "").strip()
    value = validate.text(value, field="发票号", max_len=30)
    return value or None


def live_receipt_with_invoice_in(s: Session, invoice_no: str) -> int | None:
    """The receipt that carries ``invoice_no`` and still stands (not a reversal, not reversed), if any."""
    reversed_ids = select(Receipt.reverses_id).where(Receipt.reverses_id.is_not(None))
    return s.exec(select(Receipt.id).where(Receipt.invoice_no == invoice_no, Receipt.reverses_id.is_(None),
                                           Receipt.id.not_in(reversed_ids))).first()


def check_payment_in(s: Session, *, day: dt.date, amount_fen: int, method: str, invoice_no: str | None) -> str | None:
    """The one rule for every path that takes money (the front desk, a work order's return, fee collection): a
    known method, a positive amount within the policy's ceiling, an invoice number where the method needs one
    (唱点唱收: no cash without an invoice), and a number no standing receipt already carries. Returns the cleaned
    invoice number."""
    pol = policy_on(s, day).takings
    if method not in METHODS:
        raise DomainError("takings.unknown_method", method=method)
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        raise DomainError("money.not_positive")
    if amount_fen > pol.receipt_max_fen:
        raise DomainError("takings.amount_too_large", amount=fmt_fen(amount_fen), limit=fmt_fen(pol.receipt_max_fen))
    invoice = _clean_invoice(invoice_no)
    if invoice is None and method in pol.invoice_required_methods:
        raise DomainError("invoice.required", method=METHODS[method])
    if invoice is not None:
        other = live_receipt_with_invoice_in(s, invoice)
        if other is not None:
            raise DomainError("invoice.in_use", invoice_no=invoice, receipt_id=other)
    return invoice


# -- writes ---------------------------------------------------------------------------------------------------------
def record_receipt_in(s: Session, *, actor: Actor, at: dt.datetime, amount_fen: int, method: str,
                      customer_id: int | None, source_kind: str, source_id, invoice_no: str | None,
                      note: str = "") -> int:
    """Money taken (at the desk or on site). Returns the receipt id. After the day close it counts in the next
    day's till; a locked month is refused."""
    day = business_day_in(s, at)
    invoice = check_payment_in(s, day=day, amount_fen=amount_fen, method=method, invoice_no=invoice_no)
    if day != at.date():
        note = (f"日结后收款，计入 {day:%m-%d}　" + (note or "")).strip()
    r = Receipt(at=at.replace(microsecond=0), day=day, amount_fen=amount_fen, method=method,
                customer_id=customer_id, source_kind=source_kind or "", source_id="" if source_id is None else
                str(source_id), invoice_no=invoice, note=(note or "")[:200],
                taken_by_id=actor.staff_id, taken_by_name=actor.name, created_at=clock.now())
    audit.add_new(s, r, actor=actor, action="takings.receipt")
    return r.id


def record_receipt(db, *, actor: Actor, at: dt.datetime | None = None, amount_fen: int, method: str,
                   customer_id: int | None = None, source_kind: str = "desk", source_id="",
                   invoice_no: str | None = None, note: str = "") -> int:
    with db.session() as s:
        return record_receipt_in(s, actor=actor, at=at or clock.now(), amount_fen=amount_fen, method=method,
                                 customer_id=customer_id, source_kind=source_kind, source_id=source_id,
                                 invoice_no=invoice_no, note=note)


def reverse_receipt_in(s: Session, *, actor: Actor, approver: Actor, receipt_id: int, reason: str) -> int:
    """The reversing receipt inside the caller's transaction (the approver was checked before it began)."""
    reason = ledger.require_reason(reason)
    now = clock.now()
    original = ledger.row_to_reverse(s, Receipt, receipt_id, what="收款记录")
    r = Receipt(at=now, day=business_day_in(s, now), amount_fen=-original.amount_fen, method=original.method,
                customer_id=original.customer_id, source_kind=original.source_kind,
                source_id=original.source_id, invoice_no=original.invoice_no,
                note=f"冲正 #{original.id}", taken_by_id=actor.staff_id, taken_by_name=actor.name,
                reverses_id=original.id, reason=reason, created_at=now)
    audit.add_new(s, r, actor=actor, action="takings.reverse", reason=f"{reason}（批准人：{approver.name}）")
    return r.id


def reverse_receipt(db, *, actor: Actor, approval: ManagerApproval | None, receipt_id: int, reason: str) -> int:
    """Cancel a receipt by an opposite one dated now (an open day), linked to the original. Manager PIN."""
    from station_desk.staff import auth

    ledger.require_reason(reason)
    with db.read() as s:  # everything that can be checked is checked before the manager types the PIN
        ledger.row_to_reverse(s, Receipt, receipt_id, what="收款记录")
    approver = auth.require_manager(db, approval, "冲正收款")
    with db.session() as s:
        return reverse_receipt_in(s, actor=actor, approver=approver, receipt_id=receipt_id, reason=reason)


# -- reads ----------------------------------------------------------------------------------------------------------
def _reversed_ids(s: Session, ids: list[int]) -> set[int]:
    out: set[int] = set()
    for i in range(0, len(ids), 900):
        out.update(s.exec(select(Receipt.reverses_id).where(Receipt.reverses_id.in_(ids[i:i + 900]))).all())
    return out


def list_receipts(db, *, start: dt.date, end: dt.date, method: str | None = None,
                  customer_id: int | None = None) -> list[ReceiptRow]:
    """Receipts with ``start <= day <= end``, oldest first."""
    with db.read() as s:
        q = select(Receipt).where(Receipt.day >= start, Receipt.day <= end).order_by(Receipt.at, Receipt.id)
        if method:
            q = q.where(Receipt.method == method)
        if customer_id is not None:
            q = q.where(Receipt.customer_id == customer_id)
        rows = list(s.exec(q))
        rev = _reversed_ids(s, [r.id for r in rows])
        return [receipt_row(r, rev) for r in rows]


def receipts_for_source(db, source_kind: str, source_id) -> list[ReceiptRow]:
    with db.read() as s:
        rows = list(s.exec(select(Receipt).where(Receipt.source_kind == source_kind,
                                                 Receipt.source_id == str(source_id)).order_by(Receipt.id)))
        rev = _reversed_ids(s, [r.id for r in rows])
        return [receipt_row(r, rev) for r in rows]


def day_summary_in(s: Session, day: dt.date) -> DaySummary:
    """``day_summary`` inside the caller's transaction."""
    by_method: dict[str, int] = defaultdict(int)
    by_source: dict[str, int] = defaultdict(int)
    n, invoiced, missing = 0, 0, 0
    need_invoice = set(policy_on(s, day).takings.invoice_required_methods)
    has_invoice = Receipt.invoice_no.is_not(None)
    for method, source, with_invoice, amount, count in s.exec(
            select(Receipt.method, Receipt.source_kind, has_invoice, func.sum(Receipt.amount_fen), func.count())
            .where(Receipt.day == day).group_by(Receipt.method, Receipt.source_kind, has_invoice)):
        by_method[method] += amount
        by_source[source] += amount
        n += count
        if with_invoice:
            invoiced += amount
        elif method in need_invoice:
            missing += amount
    close = s.exec(select(TillClose).where(TillClose.day == day)).first()
    return DaySummary(day, n, sum(by_method.values()), dict(by_method), dict(by_source), by_method.get("cash", 0),
                      close_row(close) if close else None, invoiced, missing)


def day_summary(db, day: dt.date) -> DaySummary:
    """The day's takings by payment method and source, and the cash the till should hold."""
    with db.read() as s:
        return day_summary_in(s, day)


def unclosed_days(db, *, start: dt.date, end: dt.date) -> list[dt.date]:
    """Days in [start, end] with receipts but no day close."""
    with db.read() as s:
        return unclosed_days_in(s, start, end)


def unclosed_days_in(s: Session, start: dt.date, end: dt.date) -> list[dt.date]:
    """``unclosed_days`` inside the caller's transaction (the cash month close checks it)."""
    days = set(s.exec(select(Receipt.day).where(Receipt.day >= start, Receipt.day <= end).distinct()).all())
    closed = set(s.exec(select(TillClose.day).where(TillClose.day >= start, TillClose.day <= end)).all())
    return sorted(days - closed)


def get_till_close(db, day: dt.date) -> TillCloseRow | None:
    with db.read() as s:
        t = s.exec(select(TillClose).where(TillClose.day == day)).first()
        return close_row(t) if t else None


def list_till_closes(db, *, start: dt.date, end: dt.date) -> list[TillCloseRow]:
    with db.read() as s:
        return [close_row(t) for t in s.exec(select(TillClose).where(TillClose.day >= start, TillClose.day <= end)
                                              .order_by(TillClose.day))]


# -- day close (钱帐对应) ----------------------------------------------------------------------------------------------
def check_close_day(db, *, day: dt.date, counted_cash_fen: int, reason: str = "") -> None:
    """Raise now what ``close_day`` would refuse for these figures (a difference without a reason, a closed day or
    month, a future day), so the form says it before the manager is asked for the PIN. Writes nothing."""
    with db.read() as s:
        _check_close_in(s, day, counted_cash_fen, reason)


def _check_close_in(s: Session, day: dt.date, counted_cash_fen: int, reason: str) -> DaySummary:
    if not isinstance(counted_cash_fen, int) or isinstance(counted_cash_fen, bool) or counted_cash_fen < 0:
        raise DomainError("takings.counted_invalid")
    if day > clock.today():
        raise DomainError("takings.close_future_day", day=day.isoformat())
    ensure_open(s, "takings", day)
    if _day_closed(s, day):
        raise DomainError("takings.day_already_closed", day=day.isoformat())
    summary = day_summary_in(s, day)
    difference = counted_cash_fen - summary.expected_cash_fen
    if difference != 0 and not (reason or "").strip():
        raise DomainError("takings.difference_needs_reason", difference=fmt_fen(difference))
    # 钱帐对应: counted cash = the cash takings, and the takings = the invoices (in the methods that need one)
    if summary.invoice_difference_fen and not (reason or "").strip():
        raise DomainError("takings.invoice_difference_needs_reason",
                          difference=fmt_fen(summary.invoice_difference_fen))
    return summary


def close_day(db, *, actor: Actor, approval: ManagerApproval | None, day: dt.date, counted_cash_fen: int,
              reason: str = "", cckd_fen: int | None = None, boss_fen: int | None = None,
              note: str = "") -> TillCloseRow:
    """Count the till and hand the day's cash to the manager. A difference needs a reason. Manager PIN."""
    from station_desk.staff import auth

    check_close_day(db, day=day, counted_cash_fen=counted_cash_fen, reason=reason)  # before the PIN is asked
    approver = auth.require_manager(db, approval, f"{day.isoformat()} 日结交款")
    with db.session() as s:
        return close_day_in(s, actor=actor, approver=approver, day=day, counted_cash_fen=counted_cash_fen,
                            reason=reason, cckd_fen=cckd_fen, boss_fen=boss_fen, note=note)


def close_day_in(s: Session, *, actor: Actor, approver: Actor, day: dt.date, counted_cash_fen: int,
                 reason: str = "", cckd_fen: int | None = None, boss_fen: int | None = None,
                 note: str = "") -> TillCloseRow:
    """The day close inside the caller's transaction (the approver was checked before it began)."""
    summary = _check_close_in(s, day, counted_cash_fen, reason)
    t = TillClose(day=day, expected_cash_fen=summary.expected_cash_fen, counted_cash_fen=counted_cash_fen,
                  difference_fen=counted_cash_fen - summary.expected_cash_fen, reason=(reason or "").strip()[:200],
                  total_fen=summary.total_fen, by_method=json.dumps(summary.by_method, sort_keys=True),
                  receipts=summary.receipts, cckd_fen=cckd_fen, boss_fen=boss_fen, closed_by_id=actor.staff_id,
                  closed_by_name=actor.name, handed_to_id=approver.staff_id, handed_to_name=approver.name,
                  closed_at=clock.now(), note=(note or "")[:200])
    s.add(t)
    s.flush()
    audit.record(s, actor=actor, action="takings.close_day", entity="takings_till_close", entity_id=t.id,
                 after=audit.snapshot(t) | {"invoiced_fen": summary.invoiced_fen,
                                            "missing_invoice_fen": summary.missing_invoice_fen},
                 reason=t.reason or None)
    return close_row(t)


# -- invoice register and weekly reconciliation ----------------------------------------------------------------------
@dataclass(frozen=True)
class InvoiceUse:
    invoice_no: str
    receipt_ids: tuple[int, ...]
    day: dt.date
    amount_fen: int
    taken_by: str
    voided: bool  # every receipt carrying it was reversed


@dataclass(frozen=True)
class InvoiceReconciliation:
    start: dt.date
    end: dt.date
    used: list[InvoiceUse]
    gaps: list[str]  # numbers missing inside a run of the same prefix
    duplicates: list[InvoiceUse]  # numbers on two or more live receipts
    without_invoice: list[ReceiptRow]  # live receipts that carry no invoice number
    checks: list[tuple[dt.datetime, str, str]] = field(default_factory=list)  # (when, who, note) already done

    @property
    def clean(self) -> bool:
        return not (self.gaps or self.duplicates or self.without_invoice)


_NUM_TAIL = re.compile(r"^(.*?)(\d+)$")


def find_gaps(numbers: list[str], *, max_listed: int = 200) -> list[str]:
    """Missing numbers between the smallest and largest number of each prefix ('A0001', 'A0003' → ['A0002'])."""
    runs: dict[tuple[str, int], set[int]] = defaultdict(set)
    for n in numbers:
        m = _NUM_TAIL.match(n)
        if m:
            runs[(m.group(1), len(m.group(2)))].add(int(m.group(2)))
    gaps: list[str] = []
    for (prefix, width), values in sorted(runs.items()):
        lo, hi = min(values), max(values)
        for v in range(lo, hi + 1):
            if v not in values:
                gaps.append(f"{prefix}{v:0{width}d}")
                if len(gaps) >= max_listed:
                    return gaps
    return gaps


def reconcile_invoices(db, *, start: dt.date, end: dt.date) -> InvoiceReconciliation:
    """The week's invoice register: numbers used, gaps, duplicates and receipts without an invoice."""
    with db.read() as s:
        rows = list(s.exec(select(Receipt).where(Receipt.day >= start, Receipt.day <= end)
                           .order_by(Receipt.at, Receipt.id)))
        rev = _reversed_ids(s, [r.id for r in rows])
        checks = [(c.checked_at, c.checked_by_name, c.note) for c in s.exec(
            select(InvoiceCheck).where(InvoiceCheck.week_start == start).order_by(InvoiceCheck.id))]
    originals = [r for r in rows if r.reverses_id is None]
    by_no: dict[str, list[Receipt]] = defaultdict(list)
    for r in originals:
        if r.invoice_no:
            by_no[r.invoice_no].append(r)
    used = []
    for no, rs in sorted(by_no.items()):
        used.append(InvoiceUse(no, tuple(r.id for r in rs), rs[0].day, sum(r.amount_fen for r in rs),
                               rs[0].taken_by_name, all(r.id in rev for r in rs)))
    duplicates = [u for u in used if len([i for i in u.receipt_ids if i not in rev]) > 1]
    without = [receipt_row(r, rev) for r in originals if not r.invoice_no and r.id not in rev]
    return InvoiceReconciliation(start, end, used, find_gaps(list(by_no)), duplicates, without, checks)


def record_invoice_check(db, *, actor: Actor, start: dt.date, end: dt.date, note: str = "") -> int:
    """The accounts clerk (or the manager: the roles are policy) signs off the week's reconciliation, with what it
    found. Whoever wrote the invoices at the desk cannot sign them off."""
    from station_desk.staff.roles import role_label
    from station_desk.staff.service import role_on

    with db.read() as s:
        allowed = policy_on(s, clock.today()).takings.invoice_signoff_roles
        role = role_on(s, actor.staff_id, clock.today())
    if role not in allowed:
        raise DomainError("invoice.signoff_role", role=role_label(role or ""),
                          allowed="、".join(role_label(r) for r in allowed))
    rec = reconcile_invoices(db, start=start, end=end)
    if not rec.clean and not (note or "").strip():
        raise DomainError("invoice.problems_need_note", gaps=len(rec.gaps), duplicates=len(rec.duplicates),
                          without=len(rec.without_invoice))
    with db.session() as s:
        c = InvoiceCheck(week_start=start, week_end=end, invoices=len(rec.used), gaps=len(rec.gaps),
                         duplicates=len(rec.duplicates), without_invoice=len(rec.without_invoice),
                         note=(note or "").strip()[:200], checked_by_id=actor.staff_id, checked_by_name=actor.name,
                         checked_at=clock.now())
        audit.add_new(s, c, actor=actor, action="invoice.check")
        return c.id


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)
