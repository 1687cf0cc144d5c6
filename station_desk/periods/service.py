"""Month locks shared by every module. ``ensure_open(s, scope, day)`` is the one check writers call.

Closing a month closes it *and every month before it* in that ledger: a line typed into an earlier month would
change the balance a closed month was closed with, so a month is open only when it is later than the newest
locked month of its scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, PeriodLocked
from station_desk.month import Month
from station_desk.periods.models import PeriodLock

#: scope code → how it reads in a sentence ("2026-10 的账务已结账锁定")
SCOPES: dict[str, str] = {
    "cash_book": "账务",
    "takings": "前台收款",
    "points": "积分",
    "rewards": "即时奖励",
    "gift_stock": "礼品库存",
    "roster": "排休",
}


def scope_label(scope: str) -> str:
    return SCOPES.get(scope, scope)


def is_locked(s: Session, scope: str, month: Month | str) -> bool:
    """Whether ``month`` was closed itself (see :func:`is_closed` for "closed or before a closed month")."""
    key = Month.parse(month).key
    return s.exec(select(PeriodLock.id).where(PeriodLock.scope == scope, PeriodLock.month == key)).first() is not None


def newest_locked(s: Session, scope: str) -> Month | None:
    key = s.exec(select(PeriodLock.month).where(PeriodLock.scope == scope)
                 .order_by(PeriodLock.month.desc()).limit(1)).first()
    return Month.parse(key) if key else None


def is_closed(s: Session, scope: str, month: Month | str) -> bool:
    """Locked, or before the newest locked month of ``scope``: nothing may be written into it."""
    newest = newest_locked(s, scope)
    return newest is not None and Month.parse(month) <= newest


def ensure_open(s: Session, scope: str, day: dt.date) -> None:
    """Raise PeriodLocked if ``day`` falls in a locked month of ``scope`` or any month before one."""
    month, newest = Month.of(day), newest_locked(s, scope)
    if newest is None or month > newest:
        return
    if month == newest or is_locked(s, scope, month):
        raise PeriodLocked(month=month.key, scope=scope_label(scope))
    raise PeriodLocked("period.before_locked", month=month.key, newest=newest.key, scope=scope_label(scope))


def check_adjustment_in(s: Session, scope: str, *, for_month: Month | str, day: dt.date) -> None:
    """The checks of a correction to a closed month of ``scope`` (points, rewards), dated ``day``: ``for_month`` must
    be locked (else ``<scope>.adjust_open_month``: correct it in the month itself), ``day`` must fall in a later
    month (``<scope>.adjust_date``) and that month must be open. Each scope has its own codes and messages."""
    for_month = Month.parse(for_month)
    if not is_locked(s, scope, for_month):
        raise DomainError(f"{scope}.adjust_open_month", month=for_month.key)
    if Month.of(day) <= for_month:
        raise DomainError(f"{scope}.adjust_date", month=for_month.key)
    ensure_open(s, scope, day)


@dataclass(frozen=True)
class Adjustment:
    """A correction to a closed month, checked: what it corrects, the day it is dated, why, and who approved it."""
    for_month: Month
    day: dt.date
    reason: str  # stripped, at most 200 characters
    approver: Actor


@contextmanager
def adjusting(db, scope: str, *, approval: ManagerApproval | None, action: str, for_month: Month | str,
              amount: int, zero_code: str, reason: str, day: dt.date | None = None
              ) -> Iterator[tuple[Session, Adjustment]]:
    """The one transaction of a correction to a closed month of ``scope`` (points, rewards): a reason is required,
    the amount is not zero (``zero_code``), the manager approves ``action`` (the PIN is checked before the
    transaction); inside it, :func:`check_adjustment_in` (``day`` defaults to today). The caller writes the
    correction in the session it is given."""
    from station_desk.db.ledger import require_reason
    from station_desk.staff import auth

    for_month = Month.parse(for_month)
    reason = require_reason(reason, verb="调整")
    if amount == 0:
        raise DomainError(zero_code)
    when = day or clock.today()
    approver = auth.require_manager(db, approval, action)
    with db.session() as s:
        check_adjustment_in(s, scope, for_month=for_month, day=when)
        yield s, Adjustment(for_month, when, reason, approver)


def locked_months(s: Session, scope: str | None = None) -> list[tuple[str, str]]:
    q = select(PeriodLock.scope, PeriodLock.month).order_by(PeriodLock.month)
    if scope:
        q = q.where(PeriodLock.scope == scope)
    return [tuple(r) for r in s.exec(q).all()]


def latest_locked_month(s: Session) -> str | None:
    return s.exec(select(PeriodLock.month).order_by(PeriodLock.month.desc()).limit(1)).first()


def lock_month_in(s: Session, *, actor: Actor, scope: str, month: Month | str, note: str = "") -> PeriodLock:
    """Lock inside the caller's transaction (a module's month close does its checks, then calls this)."""
    month = Month.parse(month).key  # stored, shown and audited as its text
    if is_locked(s, scope, month):
        raise DomainError("period.already_locked", month=month, scope=scope_label(scope))
    row = PeriodLock(scope=scope, month=month, locked_at=clock.now(), locked_by_id=actor.staff_id,
                     locked_by_name=actor.name, note=note)
    s.add(row)
    s.flush()
    audit.record(s, actor=actor, action="period.lock", entity="period_lock", entity_id=row.id,
                 after={"scope": scope, "month": month}, reason=note or None)
    return row


def lock_month(db, *, actor: Actor, approval: ManagerApproval | None, scope: str, month: Month | str,
               note: str = "") -> None:
    from station_desk.staff import auth

    month = Month.parse(month).key
    approver = auth.require_manager(db, approval, f"{month} {scope_label(scope)}结账")
    with db.session() as s:
        lock_month_in(s, actor=approver if actor.staff_id != approver.staff_id else actor, scope=scope,
                      month=month, note=note)
