"""Which automatic backups to keep (SPEC §10; Anki's ``thinning_manual`` shape): a pure function of the backups'
times, today's time and the policy numbers, so it is tested with fixed dates.

Walking from newest to oldest:
- everything taken within ``keep_all_days`` days of ``now`` is kept;
- then the newest backup of each of the next ``keep_daily`` days that have backups;
- then the newest of each of the next ``keep_weekly`` ISO weeks;
- then the newest of each of the next ``keep_monthly`` months;
- everything else may be deleted.
The stages follow each other: weekly picks start when the daily quota is used up, monthly when the weekly one is.
A week (month) that already has a kept backup from an earlier stage does not use up a later stage's quota.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ThinningRule:
    keep_all_days: int = 2
    keep_daily: int = 14
    keep_weekly: int = 10
    keep_monthly: int = 12

    @classmethod
    def from_policy(cls, policy) -> "ThinningRule":
        return cls(policy.keep_all_days, policy.keep_daily, policy.keep_weekly, policy.keep_monthly)


def _day(t: dt.datetime) -> dt.date:
    return t.date()


def _week(t: dt.datetime) -> tuple[int, int]:
    iso = t.isocalendar()
    return iso[0], iso[1]


def _month(t: dt.datetime) -> tuple[int, int]:
    return t.year, t.month


def backups_to_delete(backups: Iterable[tuple[Hashable, dt.datetime]], now: dt.datetime,
                      rule: ThinningRule) -> set:
    """Keys of the backups the rule lets go. ``backups`` is ``(key, taken_at)`` pairs in any order."""
    items = sorted(backups, key=lambda kv: kv[1], reverse=True)
    recent_from = now - dt.timedelta(days=rule.keep_all_days)
    daily, weekly, monthly = rule.keep_daily, rule.keep_weekly, rule.keep_monthly
    last_day = last_week = last_month = None
    delete: set = set()
    for key, at in items:
        d, w, m = _day(at), _week(at), _month(at)
        if at >= recent_from:  # recent (or from a clock that was ahead): never thinned
            pass
        elif daily > 0 and d != last_day:
            daily -= 1
        elif daily == 0 and weekly > 0 and w != last_week:
            weekly -= 1
        elif daily == 0 and weekly == 0 and monthly > 0 and m != last_month:
            monthly -= 1
        else:
            delete.add(key)
            continue
        # the kept backup represents its day, week and month, so older ones of the same period are not needed
        last_day, last_week, last_month = d, w, m
    return delete
