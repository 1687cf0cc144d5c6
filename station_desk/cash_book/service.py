"""The cash book (现金流水账, SPEC §8): income and expense lines, handler / payee / approver, running balance,
reversing entries, month close and a tamper-evident hash chain.

* ``post_entry_in`` writes one line inside the caller's transaction (the rewards module posts paid instant rewards
  through it). An expense needs an approver who is the manager (``auth.require_manager`` before the transaction).
* Lines are never edited or deleted. ``reverse_entry`` writes the opposite amount in the same category, dated in
  an open month, linked to the original with a reason.
* Each line stores ``hash = sha256(prev_hash + content)``; ``verify_cash_chain`` walks the book and reports the
  first line whose content or link does not match (an edit made with an outside SQLite tool).
* ``close_month`` verifies the chain, checks every day with takings was closed, and locks the ``cash_book`` and
  ``takings`` scopes of the month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.cash_book.chain import (GENESIS, ChainProblem, append_in, chain_digest,  # noqa: F401
                                          entry_content, verify_cash_chain)
from station_desk.cash_book.models import CashEntry, CashMonthClose
from station_desk.db import ledger
from station_desk.errors import DomainError, NotFound
from station_desk.month import Month
from station_desk.periods import service as periods
from station_desk.staff.models import Staff
from station_desk.staff.roles import Role

DIRECTIONS = {"income": "收入", "expense": "支出"}


@dataclass(frozen=True)
class CashLine:
    id: int
    day: dt.date
    direction: str
    category: str
    amount_fen: int
    handler: str
    payee: str
    approver: str
    voucher_no: str
    note: str
    reverses_id: int | None
    reason: str
    balance_fen: int  # running balance after this line (in day, id order)
    reversed: bool = False
    source_kind: str = ""
    source_id: str = ""

    @property
    def income_fen(self) -> int:
        return self.amount_fen if self.direction == "income" else 0

    @property
    def expense_fen(self) -> int:
        return self.amount_fen if self.direction == "expense" else 0

    @property
    def direction_label(self) -> str:
        return DIRECTIONS.get(self.direction, self.direction)


@dataclass(frozen=True)
class MonthBook:
    month: str
    start: dt.date
    end: dt.date  # last day
    opening_fen: int
    lines: list[CashLine]
    income_by_category: dict[str, int]
    expense_by_category: dict[str, int]
    income_fen: int
    expense_fen: int
    closing_fen: int
    closed: bool


def _delta(direction: str, amount: int) -> int:
    return amount if direction == "income" else -amount


# -- writes ---------------------------------------------------------------------------------------------------------
def _categories(s: Session, day: dt.date, direction: str) -> list[str]:
    from station_desk.policy.service import policy_on

    pol = policy_on(s, day).cash_book
    return pol.income_categories if direction == "income" else pol.expense_categories


def _staff_name(s: Session, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    p = s.get(Staff, staff_id)
    if p is None:
        raise NotFound(what="员工", id=staff_id)
    return p.name


def needs_approver(direction: str) -> bool:
    """An expense needs the manager as approver (核准人): the form asks for the PIN."""
    return direction == "expense"


def check_entry(db, *, day: dt.date, direction: str, category: str, amount_fen: int, payee: str,
                voucher_no: str = "") -> None:
    """Raise now what ``post_entry`` would refuse in these fields, before the manager is asked for the PIN."""
    with db.read() as s:
        _checked_in(s, day, direction, category, amount_fen, payee, voucher_no)


def _checked_in(s: Session, day, direction, category, amount_fen, payee, voucher_no) -> tuple[str, str]:
    if direction not in DIRECTIONS:
        raise DomainError("cash.unknown_direction", direction=direction)
    if not isinstance(amount_fen, int) or amount_fen <= 0:
        raise DomainError("money.not_positive")
    category, payee = (category or "").strip(), (payee or "").strip()
    if category not in _categories(s, day, direction):
        raise DomainError("cash.unknown_category", category=category, direction=DIRECTIONS[direction])
    if direction == "expense" and not payee:
        raise DomainError("required", field="收款人")
    payee = validate.text(payee, field="收款人", max_len=40)
    validate.text(voucher_no, field="凭证号", max_len=30)
    if day > clock.today():
        raise DomainError("cash.future_day", day=day.isoformat())
    periods.ensure_open(s, "cash_book", day)
    return category, payee


def post_entry_in(s: Session, *, actor: Actor, day: dt.date, direction: str, category: str, amount_fen: int,
                  handler_id: int, payee: str, approver: Actor | None, voucher_no: str = "", note: str = "",
                  source_kind: str = "", source_id="") -> int:
    """One cash-book line in the caller's transaction. Returns its id.

    An expense needs ``approver``: the manager (already checked with ``auth.require_manager``). The same
    ``source_kind``/``source_id``/``category`` posted twice returns the first line (idempotent)."""
    from station_desk.staff.service import role_on

    category, payee = _checked_in(s, day, direction, category, amount_fen, payee, voucher_no)
    if direction == "expense":
        if approver is None or approver.staff_id is None:
            raise DomainError("cash.expense_needs_approver")
        if role_on(s, approver.staff_id, day) != Role.MANAGER and role_on(s, approver.staff_id,
                                                                          clock.today()) != Role.MANAGER:
            raise DomainError("auth.not_manager", name=approver.name, action="核准支出")
    sid = "" if source_id is None else str(source_id)
    if source_kind:
        same = s.exec(select(CashEntry).where(CashEntry.source_kind == source_kind, CashEntry.source_id == sid,
                                              CashEntry.category == category,
                                              CashEntry.reverses_id == None)).all()  # noqa: E711
        for e in same:
            if s.exec(select(CashEntry.id).where(CashEntry.reverses_id == e.id)).first() is None:
                return e.id
    entry = CashEntry(day=day, direction=direction, category=category, amount_fen=amount_fen,
                      handler_id=handler_id, handler_name=_staff_name(s, handler_id), payee=payee,
                      approver_id=approver.staff_id if approver else None,
                      approver_name=approver.name if approver else "", voucher_no=(voucher_no or "").strip(),
                      note=(note or "").strip()[:200], source_kind=source_kind or "", source_id=sid,
                      created_at=clock.now(), created_by=actor.name)
    append_in(s, entry)
    audit.record(s, actor=actor, action="cash.post", entity="cash_entry", entity_id=entry.id,
                 after=audit.snapshot(entry, exclude=("prev_hash", "hash")))
    return entry.id


def post_entry(db, *, actor: Actor, approval: ManagerApproval | None, day: dt.date, direction: str, category: str,
               amount_fen: int, handler_id: int, payee: str, voucher_no: str = "", note: str = "") -> int:
    """A line entered by the accounts clerk. An expense asks for the manager's PIN as approver (核准人)."""
    from station_desk.staff import auth

    approver = None
    if needs_approver(direction) or approval is not None:
        approver = auth.require_manager(db, approval, f"核准支出：{category}")
    with db.session() as s:
        return post_entry_in(s, actor=actor, day=day, direction=direction, category=category,
                             amount_fen=amount_fen, handler_id=handler_id, payee=payee, approver=approver,
                             voucher_no=voucher_no, note=note)


def reverse_entry(db, *, actor: Actor, approval: ManagerApproval | None, entry_id: int, reason: str,
                  day: dt.date | None = None) -> int:
    """Cancel a line by the opposite amount, dated ``day`` (default today; must be an open month). Manager PIN."""
    from station_desk.staff import auth

    reason = ledger.require_reason(reason)
    with db.read() as s:  # everything that can be checked is checked before the manager types the PIN
        ledger.row_to_reverse(s, CashEntry, entry_id, what="账目")
    approver = auth.require_manager(db, approval, "冲正账目")
    when = day or clock.today()
    with db.session() as s:
        original = ledger.row_to_reverse(s, CashEntry, entry_id, what="账目")
        if when < original.day:
            raise DomainError("cash.reverse_before_original", day=original.day.isoformat())
        periods.ensure_open(s, "cash_book", when)
        entry = CashEntry(day=when, direction=original.direction, category=original.category,
                          amount_fen=-original.amount_fen, handler_id=original.handler_id,
                          handler_name=original.handler_name, payee=original.payee, approver_id=approver.staff_id,
                          approver_name=approver.name, voucher_no=original.voucher_no,
                          note=f"冲正 #{original.id}", source_kind=original.source_kind,
                          source_id=original.source_id, reverses_id=original.id, reason=reason,
                          created_at=clock.now(), created_by=actor.name)
        append_in(s, entry)
        audit.record(s, actor=actor, action="cash.reverse", entity="cash_entry", entity_id=entry.id,
                     after=audit.snapshot(entry, exclude=("prev_hash", "hash")), reason=reason)
        return entry.id


# -- reads ----------------------------------------------------------------------------------------------------------
def _direction_total_in(s: Session, direction: str, *where) -> int:
    return s.exec(select(func.coalesce(func.sum(CashEntry.amount_fen), 0))
                  .where(CashEntry.direction == direction, *where)).one()


def _balance_before_in(s: Session, day: dt.date) -> int:
    """Income minus expense before ``day`` (a line is one or the other: ``post_entry``). Each direction is summed
    apart: SQLite answers that from the covering index on day, direction and amount alone, where one expression over
    both directions reads each line's columns (3 × the time at 40,000 lines; issue #15)."""
    before = CashEntry.day < day
    return _direction_total_in(s, "income", before) - _direction_total_in(s, "expense", before)


def balance_before(db, day: dt.date) -> int:
    """The cash-book balance at the start of ``day``."""
    with db.read() as s:
        return _balance_before_in(s, day)


def balance_now(db) -> int:
    with db.read() as s:
        return _balance_before_in(s, dt.date.max)


def _lines_in(s: Session, start: dt.date, end: dt.date, opening: int) -> list[CashLine]:
    cols = (CashEntry.id, CashEntry.day, CashEntry.direction, CashEntry.category, CashEntry.amount_fen,
            CashEntry.handler_name, CashEntry.payee, CashEntry.approver_name, CashEntry.voucher_no,
            CashEntry.note, CashEntry.reverses_id, CashEntry.reason, CashEntry.source_kind, CashEntry.source_id)
    rows = s.exec(select(*cols).where(CashEntry.day >= start, CashEntry.day <= end)
                  .order_by(CashEntry.day, CashEntry.id)).all()
    reversed_ids = set(s.exec(select(CashEntry.reverses_id).where(CashEntry.reverses_id != None)).all())  # noqa
    balance = opening
    out = []
    for (eid, day, direction, category, amount, handler, payee, approver, voucher, note, rev_id, reason, sk,
         si) in rows:
        balance += _delta(direction, amount)
        out.append(CashLine(eid, day, direction, category, amount, handler, payee, approver, voucher, note, rev_id,
                            reason, balance, eid in reversed_ids, sk, si))
    return out


def list_lines(db, *, start: dt.date, end: dt.date) -> list[CashLine]:
    """Lines with ``start <= day <= end`` in book order, each with the running balance after it."""
    with db.read() as s:
        return _lines_in(s, start, end, _balance_before_in(s, start))


def _month(month: Month | str) -> Month:
    try:
        return Month.parse(month)
    except DomainError:
        raise DomainError("month.invalid", text=str(month)) from None


def month_book(db, month: Month | str) -> MonthBook:
    """The month's lines, totals by category, opening and closing balance (the accounts sheet's content)."""
    m = _month(month)
    month, start, end = m.key, m.first, m.last
    with db.read() as s:
        opening = _balance_before_in(s, start)
        lines = _lines_in(s, start, end, opening)
        closed = periods.is_locked(s, "cash_book", month)
    inc: dict[str, int] = defaultdict(int)
    exp: dict[str, int] = defaultdict(int)
    for line in lines:
        (inc if line.direction == "income" else exp)[line.category] += line.amount_fen
    income, expense = sum(inc.values()), sum(exp.values())
    return MonthBook(month, start, end, opening, lines, dict(inc), dict(exp), income, expense,
                     opening + income - expense, closed)


@dataclass(frozen=True)
class MonthTotals:
    """A month's figures without its lines: what the overview shows (:func:`month_book` has the same four)."""
    opening_fen: int
    income_fen: int
    expense_fen: int
    closing_fen: int


def month_totals(db, month: Month | str) -> MonthTotals:
    """The month's opening balance, income, expense and closing balance from indexed sums: the overview reads these
    four, not the month's lines (issue #15)."""
    m = _month(month)
    in_month = (CashEntry.day >= m.first, CashEntry.day <= m.last)
    with db.read() as s:
        opening = _balance_before_in(s, m.first)
        income, expense = _direction_total_in(s, "income", *in_month), _direction_total_in(s, "expense", *in_month)
    return MonthTotals(opening, income, expense, opening + income - expense)


def get_line(db, entry_id: int) -> CashLine:
    with db.read() as s:
        e = s.get(CashEntry, entry_id)
        if e is None:
            raise NotFound(what="账目", id=entry_id)
        lines = [x for x in _lines_in(s, e.day, e.day, _balance_before_in(s, e.day)) if x.id == entry_id]
        return lines[0]


# -- month close ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MonthCloseRow:
    month: str
    opening_fen: int
    income_fen: int
    expense_fen: int
    closing_fen: int
    entries: int
    closed_by: str
    closed_at: dt.datetime


def check_close_month(db, *, month: Month | str, lock_takings: bool = True) -> tuple[dt.date, dt.date]:
    """Raise now what ``close_month`` would refuse (month not over, broken chain, days with takings not closed),
    so the manager is not asked for the PIN in vain. Returns the month's half-open bounds."""
    from station_desk.takings import service as takings

    m = _month(month)
    month, (start, next_start) = m.key, m.bounds()
    if next_start > clock.today():
        raise DomainError("cash.month_not_over", month=month)
    with db.read() as s:
        if periods.is_locked(s, "cash_book", month):
            raise DomainError("period.already_locked", month=month, scope=periods.scope_label("cash_book"))
    problem = verify_cash_chain(db)
    if problem is not None:
        raise DomainError("cash.chain_broken", id=problem.entry_id, day=problem.day.isoformat())
    days = takings.unclosed_days(db, start=start, end=next_start - dt.timedelta(days=1)) if lock_takings else []
    if days:
        raise DomainError("takings.unclosed_days", days="、".join(d.isoformat() for d in days[:10]))
    return start, next_start


def close_month(db, *, actor: Actor, approval: ManagerApproval | None, month: Month | str,
                lock_takings: bool = True) -> MonthCloseRow:
    """The manager closes a month: the chain must verify and every day with takings must be closed. Locks the
    ``cash_book`` (and ``takings``) scopes; afterwards only an approved adjustment in an open month changes it."""
    from station_desk.backup.service import backup_before
    from station_desk.staff import auth
    from station_desk.takings import service as takings

    start, next_start = check_close_month(db, month=month, lock_takings=lock_takings)
    month = _month(month).key  # the locks, the close row and the messages speak its text
    approver = auth.require_manager(db, approval, f"{month} 月结")
    backup_before(db, "month_close")  # an irreversible step: a verified copy first (raises: nothing is closed)
    book = month_book(db, month)
    with db.session() as s:
        if lock_takings:
            days = takings.unclosed_days_in(s, start, next_start - dt.timedelta(days=1))
            if days:
                raise DomainError("takings.unclosed_days", days="、".join(d.isoformat() for d in days[:10]))
        periods.lock_month_in(s, actor=approver, scope="cash_book", month=month, note=f"月结（{actor.name}）")
        if lock_takings and not periods.is_locked(s, "takings", month):
            periods.lock_month_in(s, actor=approver, scope="takings", month=month, note=f"月结（{actor.name}）")
        last = s.exec(select(CashEntry).order_by(CashEntry.id.desc()).limit(1)).first()
        close = CashMonthClose(month=month, opening_fen=book.opening_fen, income_fen=book.income_fen,
                               expense_fen=book.expense_fen, closing_fen=book.closing_fen, entries=len(book.lines),
                               last_entry_id=last.id if last else None, chain_hash=last.hash if last else "",
                               closed_by_id=approver.staff_id, closed_by_name=approver.name, closed_at=clock.now())
        audit.add_new(s, close, actor=actor, action="cash.close_month")
        return MonthCloseRow(month, close.opening_fen, close.income_fen, close.expense_fen, close.closing_fen,
                             close.entries, close.closed_by_name, close.closed_at)


def list_month_closes(db) -> list[MonthCloseRow]:
    with db.read() as s:
        return [MonthCloseRow(c.month, c.opening_fen, c.income_fen, c.expense_fen, c.closing_fen, c.entries,
                              c.closed_by_name, c.closed_at)
                for c in s.exec(select(CashMonthClose).order_by(CashMonthClose.month.desc()))]


def categories(db, direction: str, day: dt.date | None = None) -> list[str]:
    with db.read() as s:
        return list(_categories(s, day or clock.today(), direction))
