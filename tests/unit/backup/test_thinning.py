"""Thinning of automatic backups: a pure function, tested with fixed dates."""

from __future__ import annotations

import datetime as dt

from station_desk.backup.thinning import ThinningRule, backups_to_delete

NOW = dt.datetime(2026, 11, 23, 18, 0)


def kept(items, rule=ThinningRule(), now=NOW):
    doomed = backups_to_delete(items, now, rule)
    return sorted((k for k, _ in items if k not in doomed))


def test_everything_from_the_last_two_days_is_kept():
    items = [(i, NOW - dt.timedelta(minutes=30 * i)) for i in range(96)]  # every 30 min for 48 h
    assert backups_to_delete(items, NOW, ThinningRule()) == set()


def test_older_backups_keep_the_newest_of_each_day():
    # Given three backups a day on days 3..6 ago
    items = []
    for day in range(3, 7):
        for hour in (9, 13, 17):
            at = dt.datetime.combine(NOW.date() - dt.timedelta(days=day), dt.time(hour))
            items.append((f"d{day}h{hour}", at))
    # Then only the 17:00 one of each day stays
    assert kept(items) == ["d3h17", "d4h17", "d5h17", "d6h17"]


def test_daily_then_weekly_then_monthly_quota():
    # one backup every day for 2 years before now
    items = [(i, NOW - dt.timedelta(days=i, hours=1)) for i in range(0, 730)]
    rule = ThinningRule(keep_all_days=2, keep_daily=14, keep_weekly=10, keep_monthly=12)
    keep = kept(items, rule)
    recent = [i for i in keep if i <= 1]
    assert recent == [0, 1]
    daily = [i for i in keep if 2 <= i <= 15]
    assert daily == list(range(2, 16))  # 14 daily
    rest = [i for i in keep if i > 15]
    ats = {i: at for i, at in items}
    weeks = {ats[i].isocalendar()[:2] for i in rest[:10]}
    assert len(weeks) == 10  # the next ten are one per ISO week
    months = [(ats[i].year, ats[i].month) for i in rest[10:]]
    assert len(months) == len(set(months)) <= 12  # then one per month, at most 12
    assert len(keep) == 2 + 14 + 10 + len(months)
    print(f"\nthinning: 730 daily backups -> {len(keep)} kept (2 recent, 14 daily, 10 weekly, {len(months)} monthly)")
    assert max(rest) < 2 + 14 + 7 * 10 + 31 * 13


def test_a_month_with_a_kept_weekly_backup_is_not_counted_again():
    rule = ThinningRule(keep_all_days=0, keep_daily=0, keep_weekly=1, keep_monthly=2)
    items = [("a", dt.datetime(2026, 11, 20)), ("b", dt.datetime(2026, 11, 5)), ("c", dt.datetime(2026, 10, 10)),
             ("d", dt.datetime(2026, 9, 10)), ("e", dt.datetime(2026, 8, 10))]
    # a: weekly; b: same month as a -> a month already represented; c, d monthly; e dropped
    assert kept(items, rule) == ["a", "c", "d"]


def test_zero_quotas_delete_all_but_recent():
    rule = ThinningRule(keep_all_days=1, keep_daily=0, keep_weekly=0, keep_monthly=0)
    items = [("new", NOW - dt.timedelta(hours=3)), ("old", NOW - dt.timedelta(days=3))]
    assert backups_to_delete(items, NOW, rule) == {"old"}


def test_backup_from_a_clock_ahead_is_kept():
    items = [("future", NOW + dt.timedelta(days=3)), ("old", NOW - dt.timedelta(days=40))]
    assert "future" not in backups_to_delete(items, NOW, ThinningRule(0, 0, 0, 0))
