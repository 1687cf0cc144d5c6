"""A month of instant rewards (SPEC §7) as the tab, the sheet and the command line show it.

An open month's lines are computed (:mod:`.compute`); a locked month's are read from the snapshot stored at the lock
(``store_snapshot_in``, called by :mod:`station_desk.month_close`). Either way the manager's decisions (approved,
paid) are merged in: a line whose amount changed since its approval shows as ``changed``. A line whose period is not
over is ``provisional`` (:mod:`.compute`) whatever was decided on it, unless it was paid (the money has gone).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, replace

from sqlmodel import Session, select

from station_desk.actor import Actor
from station_desk.month import Month
from station_desk.points.facts import month_of, save_snapshot_in, snapshot_of
from station_desk.rewards.compute import compute_rewards_in
from station_desk.rewards.models import RewardDecision
from station_desk.rewards.results import MonthRewards, RewardLine


def _merge_decisions(s: Session, lines: list[RewardLine]) -> list[RewardLine]:
    decisions = {d.key: d for d in s.exec(select(RewardDecision).where(
        RewardDecision.key.in_([ln.key for ln in lines] or [""]))).all()}
    merged = []
    for ln in lines:
        d = decisions.get(ln.key)
        if d is None or ln.status == "pending":
            merged.append(ln)
            continue
        if ln.status == "provisional" and d.status != "paid":  # an approval given too early waits for the end
            merged.append(replace(ln, approved_fen=d.amount_fen))
            continue
        status = d.status if d.amount_fen == ln.amount_fen else "changed"
        merged.append(replace(ln, status=status, approved_fen=d.amount_fen, paid_on=d.paid_on))
    return merged


def _from_snapshot(data: str) -> list[RewardLine]:
    out = []
    for d in json.loads(data):
        d["day"] = dt.date.fromisoformat(d["day"])
        d["facts"] = tuple(d["facts"])
        d["paid_on"] = dt.date.fromisoformat(d["paid_on"]) if d.get("paid_on") else None
        d["final_on"] = dt.date.fromisoformat(d["final_on"]) if d.get("final_on") else None
        out.append(RewardLine(**d))
    return out


def rewards_month_in(s: Session, month: Month | str, today: dt.date | None = None) -> MonthRewards:
    """The month's lines as they stand on ``today`` (default: the station's today)."""
    month = month_of(month)
    snap = snapshot_of(s, "rewards", month)
    if snap is not None:
        lines = [replace(ln, status="due" if ln.status in ("approved", "paid", "changed") else ln.status,
                         approved_fen=None, paid_on=None) for ln in _from_snapshot(snap.data)]
        return MonthRewards(month.key, tuple(_merge_decisions(s, lines)), True)
    return MonthRewards(month.key, tuple(_merge_decisions(s, compute_rewards_in(s, month, today))), False)


def month_rewards(db, month: Month | str) -> MonthRewards:
    month = month_of(month)
    with db.read() as s:
        return rewards_month_in(s, month)


def store_snapshot_in(s: Session, month: Month | str, approver: Actor) -> None:
    """Called by the month lock: freeze the month's computed lines. The lock makes them final: a line still
    provisional then (a week with an order open at the lock, listed by the review) is frozen as due."""
    month = month_of(month)
    lines = [replace(ln, status="due") if ln.status == "provisional" else ln for ln in compute_rewards_in(s, month)]
    save_snapshot_in(s, "rewards", month, json.dumps([asdict(ln) for ln in lines], ensure_ascii=False, default=str),
                     approver)
