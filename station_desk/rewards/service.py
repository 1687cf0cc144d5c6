"""Instant rewards (即时奖励, SPEC §7): the manager's decisions and the clerk's entries.

Reward lines are computed from the records (:mod:`.compute`, read through :mod:`.month`); what is stored here is the
manager's decision on a line (``RewardDecision``: approved, then paid, with a cash-book expense), a correction to a
locked month (``add_adjustment``), the clerk's upgrade call (``confirm_upgrade``) and a hand-entered week
(``record_week``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.cash_book import service as cash
from station_desk.customers.models import Renewal
from station_desk.errors import DomainError
from station_desk.periods.service import adjusting, ensure_open
from station_desk.month import Month
from station_desk.points.facts import month_of
from station_desk.points.formulas import fmt_yuan
from station_desk.rewards import rules as R
from station_desk.rewards.models import RewardAdjustment, RewardDecision, UpgradeCheck, WeekFact
# month_rewards, MonthRewards and RewardLine are part of this module's public face (the sheet, the tab and the
# command line read them from here)
from station_desk.rewards.month import month_rewards, rewards_month_in
from station_desk.rewards.results import MonthRewards, RewardLine
from station_desk.staff import auth
from station_desk.staff.models import Staff

CATEGORY = "即时奖励"

__all__ = ["CATEGORY", "MonthRewards", "RewardLine", "add_adjustment", "approve_rewards", "check_approvable",
           "check_payable", "check_week", "confirm_upgrade", "fmt_yuan", "month_rewards", "pay_reward",
           "pay_rewards", "pending_upgrades", "record_week"]


def _refuse_not_final(ln: RewardLine) -> None:
    """A pending line (waiting for an install or a call) or a provisional one (its period not over) is refused."""
    if ln.status == "pending":
        raise DomainError("rewards.pending", name=ln.name, rule=ln.rule_label)
    if ln.status == "provisional":
        last = ln.final_on - dt.timedelta(days=1) if ln.final_on else ln.day
        raise DomainError("rewards.provisional", name=ln.name, rule=ln.rule_label, last=last.isoformat(),
                          final_on=ln.final_on.isoformat() if ln.final_on else "")


def _check_approvable_in(s, month: Month, keys: list[str] | None) -> list[RewardLine]:
    """The month's lines, after refusing unknown keys and chosen lines that are pending or provisional."""
    lines = rewards_month_in(s, month).lines
    if keys is not None:
        unknown = set(keys) - {ln.key for ln in lines}
        if unknown:
            raise DomainError("rewards.unknown_line", key=sorted(unknown)[0])
        for ln in lines:
            if ln.key in keys:
                _refuse_not_final(ln)
    return lines


def check_approvable(db, *, month: Month | str, keys: list[str]) -> None:
    """Asked before the manager's PIN: every chosen line exists and is final (not pending, not provisional)."""
    month = month_of(month)
    with db.read() as s:
        _check_approvable_in(s, month, keys)


def approve_rewards(db, *, actor: Actor, approval: ManagerApproval | None, month: Month | str,
                    keys: list[str] | None = None) -> int:
    """The manager approves due lines of the month (all of them when ``keys`` is None). Returns how many.

    Pending lines and provisional ones (their day, week or month is not over) are never approved: skipped when
    approving the whole month, refused by name when chosen — before the PIN is checked."""
    month = month_of(month)
    if keys is not None:
        check_approvable(db, month=month, keys=keys)
    approver = auth.require_manager(db, approval, "批准即时奖励")
    n = 0
    with db.session() as s:
        lines = _check_approvable_in(s, month, keys)
        wanted = set(keys) if keys is not None else None
        for ln in lines:
            if wanted is not None and ln.key not in wanted:
                continue
            if ln.status in ("pending", "provisional", "approved", "paid"):
                continue
            d = s.exec(select(RewardDecision).where(RewardDecision.key == ln.key)).first()
            if d is not None and d.status == "paid":
                raise DomainError("rewards.already_paid", name=ln.name, rule=ln.rule_label)
            before = audit.snapshot(d) if d else None
            if d is None:
                d = RewardDecision(key=ln.key, month=month.key, staff_id=ln.staff_id, rule=ln.rule,
                                   amount_fen=ln.amount_fen, approved_by=approver.name, approved_at=clock.now())
            else:
                d.amount_fen, d.approved_by, d.approved_at = ln.amount_fen, approver.name, clock.now()
            s.add(d)
            s.flush()
            audit.record(s, actor=actor, action="rewards.approve", entity="reward_decision", entity_id=d.id,
                         before=before, after=audit.snapshot(d), reason=f"批准人：{approver.name}")
            n += 1
    return n


def pay_reward(db, *, actor: Actor, approval: ManagerApproval | None, key: str, day: dt.date | None = None,
               voucher_no: str = "") -> RewardLine:
    """Pay one approved line (see :func:`pay_rewards`)."""
    return pay_rewards(db, actor=actor, approval=approval, keys=[key], day=day, voucher_no=voucher_no)[0]


def _payable_in(s, keys: list[str]) -> list[tuple[RewardDecision, RewardLine]]:
    """Each key's decision and line, after refusing a line not approved, paid already, changed since its approval,
    or provisional (its period is not over)."""
    out = []
    months: dict[str, dict[str, RewardLine]] = {}
    for key in keys:
        d = s.exec(select(RewardDecision).where(RewardDecision.key == key)).first()
        if d is None:
            raise DomainError("rewards.not_approved", key=key)
        if d.month not in months:
            months[d.month] = {ln.key: ln for ln in rewards_month_in(s, d.month).lines}
        line = months[d.month].get(key)
        if d.status == "paid":
            raise DomainError("rewards.already_paid", name=line.name if line else str(d.staff_id),
                              rule=R.rule_label(d.rule))
        if line is not None and line.status in ("pending", "provisional"):
            _refuse_not_final(line)
        if line is None or line.status == "changed":
            raise DomainError("rewards.changed_since_approval", key=key)
        out.append((d, line))
    return out


def check_payable(db, *, keys: list[str]) -> None:
    """Asked before the manager's PIN: every line is approved, unpaid, unchanged and final."""
    with db.read() as s:
        _payable_in(s, keys)


def pay_rewards(db, *, actor: Actor, approval: ManagerApproval | None, keys: list[str], day: dt.date | None = None,
                voucher_no: str = "") -> list[RewardLine]:
    """Pay approved lines (one PIN, one transaction): each becomes a cash-book expense in the category 即时奖励
    with handler, payee and approver, and the line is marked paid with the date. A provisional line (its period is
    not over) is refused before the PIN."""
    check_payable(db, keys=keys)
    approver = auth.require_manager(db, approval, "发放即时奖励")
    when = day or clock.today()
    paid = []
    with db.session() as s:
        for d, line in _payable_in(s, keys):
            before = audit.snapshot(d)
            if d.amount_fen > 0:  # a negative correction is recovered, not paid out
                d.cash_entry_id = cash.post_entry_in(
                    s, actor=actor, day=when, direction="expense", category=CATEGORY, amount_fen=d.amount_fen,
                    handler_id=actor.staff_id or approver.staff_id, payee=line.name, approver=approver,
                    voucher_no=voucher_no, note=f"{line.rule_label} {line.day:%m-%d}", source_kind="reward",
                    source_id=d.id)
            d.status, d.paid_on, d.paid_by = "paid", when, actor.name
            s.add(d)
            audit.record(s, actor=actor, action="rewards.pay", entity="reward_decision", entity_id=d.id,
                         before=before, after=audit.snapshot(d), reason=f"核准人：{approver.name}")
            paid.append(replace(line, status="paid", approved_fen=d.amount_fen, paid_on=when))
    return paid


def add_adjustment(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int,
                   for_month: Month | str, amount_fen: int, reason: str, day: dt.date | None = None) -> str:
    """A correction to a locked rewards month (a reward found late, or one paid wrongly, as a negative amount):
    dated ``day`` (default today) in an open month, where it shows as a line to approve and pay. Returns its key."""
    with adjusting(db, "rewards", approval=approval, action="即时奖励结账后调整", for_month=month_of(for_month),
                   amount=amount_fen, zero_code="money.not_positive", reason=reason, day=day) as (s, adj):
        row = RewardAdjustment(staff_id=staff_id, day=adj.day, for_month=adj.for_month.key, amount_fen=amount_fen,
                               reason=adj.reason, approved_by=adj.approver.name, created_at=clock.now(),
                               created_by=actor.name)
        audit.add_new(s, row, actor=actor, action="rewards.adjust", reason=reason)
        return f"adjust:{row.id}"


def confirm_upgrade(db, *, actor: Actor, renewal_id: int, confirmed: bool, note: str = "",
                    day: dt.date | None = None) -> None:
    """§7.4: the clerk's call — did the employee recommend the upgrade? Recorded once per renewal."""
    when = day or clock.today()
    with db.session() as s:
        ensure_open(s, "rewards", when)
        r = s.get(Renewal, renewal_id)
        if r is None or r.recommended_by_id is None:
            raise DomainError("rewards.no_upgrade", id=renewal_id)
        if s.exec(select(UpgradeCheck).where(UpgradeCheck.renewal_id == renewal_id)).first():
            raise DomainError("rewards.upgrade_checked", id=renewal_id)
        row = UpgradeCheck(renewal_id=renewal_id, confirmed=confirmed, day=when, note=note[:200],
                           checked_by=actor.name, created_at=clock.now())
        audit.add_new(s, row, actor=actor, action="rewards.confirm_upgrade")


def pending_upgrades(db) -> list[tuple[int, str, dt.date, str, str]]:
    """Upgrades waiting for the clerk's call: (renewal id, recommender, day, before, after)."""
    with db.read() as s:
        done = set(s.exec(select(UpgradeCheck.renewal_id)).all())
        rows = s.exec(select(Renewal, Staff.name).join(Staff, Staff.id == Renewal.recommended_by_id).where(
            Renewal.package_before == "3.0", Renewal.package_after != "3.0", Renewal.reverses_id.is_(None))
            .order_by(Renewal.day)).all()
        return [(r.id, name, r.day, r.package_before, r.package_after) for r, name in rows if r.id not in done]


def check_week(kind: str, week_start: dt.date, today: dt.date | None = None) -> None:
    """A week entered by hand (or from a month file): a known kind, starting on a Monday, and over (its Sunday is
    before today) — a week still running cannot be called clean."""
    if kind not in ("repair", "dispatch"):
        raise DomainError("rewards.bad_week_kind", kind=kind)
    if week_start.weekday() != 0:
        raise DomainError("rewards.week_not_monday", day=week_start.isoformat())
    sunday = week_start + dt.timedelta(days=6)
    if (today or clock.today()) <= sunday:
        raise DomainError("rewards.week_not_over", monday=week_start.isoformat(), sunday=sunday.isoformat())


def record_week(db, *, actor: Actor, kind: str, staff_id: int, week_start: dt.date, ok: bool,
                detail: str = "") -> None:
    """§7.5–7.6 facts entered by hand: a clean (or not) week of a technician ('repair') or clerk ('dispatch'),
    once the week is over."""
    check_week(kind, week_start)
    with db.session() as s:
        ensure_open(s, "rewards", week_start + dt.timedelta(days=6))
        row = WeekFact(kind=kind, staff_id=staff_id, week_start=week_start, ok=ok, detail=detail[:200],
                       created_at=clock.now())
        audit.add_new(s, row, actor=actor, action="rewards.record_week")
