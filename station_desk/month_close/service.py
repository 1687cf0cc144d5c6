"""Month close (SPEC §6 每月复核, §7): the manager reviews a month, then locks its points and instant rewards.

* ``review_month(db, month)`` lists what to check before the lock: the points review
  (:func:`station_desk.points.review.review_points_in`) and the reward lines without a source or changed since
  their approval.
* ``lock_month(db, actor=…, approval=…, month=…)`` stores the computed points and rewards of the month as
  snapshots and locks both scopes in one transaction (a locked month is read from its snapshots from then on).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.backup.service import backup_before
from station_desk.errors import DomainError
from station_desk.month import Month
from station_desk.periods.service import is_locked, lock_month_in
from station_desk.policy.service import current_policy
from station_desk.points import formulas as F
from station_desk.points import month as points_month
from station_desk.points.review import ReviewItem, review_points_in
from station_desk.rewards import month as rewards_month
from station_desk.staff import auth

#: what a month close changes, for the views to redraw (STYLE: the service says what it changed)
CHANGES = frozenset({"points", "rewards"})


def _reward_items_in(s: Session, month: Month) -> list[ReviewItem]:
    items = []
    for line in rewards_month.rewards_month_in(s, month).lines:
        if line.amount_fen and not line.facts:
            items.append(ReviewItem("reward", f"即时奖励没有来源：{line.name} {line.rule_label} {line.amount}",
                                    line.staff_id, line.day))
        if line.status == "provisional":
            items.append(ReviewItem("reward", f"即时奖励暂估（计算期未结束或还有未完工工单）：{line.name} {line.rule_label} "
                                    f"{line.amount}；结账时按现算金额定下", line.staff_id, line.day))
        if line.status == "changed":
            items.append(ReviewItem("reward", f"即时奖励批准后金额有变：{line.name} {line.rule_label}"
                                    f"（批准 {line.approved_amount}，现算 {line.amount}）", line.staff_id, line.day))
    return items


def month_to_review(db, today: dt.date | None = None) -> Month:
    """The month the manager reviews now: last month up to and including the review deadline day
    (``points.review_deadline_day``, the 5th by default), this month after it."""
    today = today or clock.today()
    this = Month.of(today)
    return this.prev() if today.day <= current_policy(db, today).points.review_deadline_day else this


def review_month_in(s: Session, month: Month | str) -> list[ReviewItem]:
    """The month review's items: the points' first, then the instant rewards'."""
    month = points_month.month_of(month)
    return review_points_in(s, month) + _reward_items_in(s, month)


def review_month(db, month: Month | str) -> list[ReviewItem]:
    month = points_month.month_of(month)
    with db.read() as s:
        return review_month_in(s, month)


def lock_month(db, *, actor: Actor, approval: ManagerApproval | None, month: Month | str,
               note: str = "") -> points_month.MonthPoints:
    """The manager locks a reviewed month: stores the computed points and rewards, then locks both scopes.

    Refuses a month not over yet (``points.month_not_over``), a wrong PIN (before any write) and a month already
    locked (``period.already_locked``). Audited as ``points.lock_month`` (plus one ``period.lock`` per scope).
    Returns the locked month's points (read back from the snapshot)."""
    month = points_month.month_of(month)
    if clock.today() < month.end:
        raise DomainError("points.month_not_over", month=month.key)
    approver = auth.require_manager(db, approval, f"{month.key} 积分结账")
    with db.read() as s:
        if is_locked(s, "points", month):
            raise DomainError("period.already_locked", month=month.key, scope="积分")
    backup_before(db, "month_close")  # an irreversible step: a verified copy first (raises: nothing is locked)
    with db.session() as s:
        if is_locked(s, "points", month):
            raise DomainError("period.already_locked", month=month.key, scope="积分")
        mp = points_month.store_snapshot_in(s, month, approver)
        rewards_month.store_snapshot_in(s, month, approver)
        lock_month_in(s, actor=approver, scope="points", month=month, note=note)
        if not is_locked(s, "rewards", month):
            lock_month_in(s, actor=approver, scope="rewards", month=month, note=note)
        audit.record(s, actor=approver, action="points.lock_month", entity="points_month", entity_id=month.key,
                     after={"people": len(mp.people), "average": F.fmt_points(mp.average_x100),
                            "total": F.fmt_points(sum(p.total_x100 for p in mp.people))}, reason=note or None)
    return points_month.month_points(db, month)
