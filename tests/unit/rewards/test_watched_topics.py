"""The rewards tab re-reads its month after the writes that can change it, and only after those (issue #15: a
cash-book line does not change the month's reward lines, so it does not recompute them)."""

from __future__ import annotations

import re

from sqlalchemy import event

from station_desk.db.changes import EVERYONE, topic_of
from station_desk.db.engine import Database
from station_desk.rewards import service as RW
from tests.fixtures.demo import BUSY_AT


def test_the_month_reads_only_tables_the_tab_watches(busy_demo_path, fake_now):
    from station_desk.rewards.tab import RewardsTab

    fake_now(BUSY_AT)
    db = Database(busy_demo_path)
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda _c, _cu, sql, *_a: seen.append(sql))
    try:
        mr = RW.month_rewards(db, BUSY_AT.strftime("%Y-%m"))
        RW.month_rewards(db, "2026-12")  # a month before, with its weeks
    finally:
        db.close()
    assert mr.lines
    tables = {t for sql in seen for t in re.findall(r'\b(?:FROM|JOIN)\s+"?([a-z_]+)', sql, re.IGNORECASE)}
    topics = {topic_of(t) for t in tables} - {None}
    assert {"work_orders", "customers", "rewards", "staff"} <= topics
    assert topics - EVERYONE == set(RewardsTab.watches), topics ^ set(RewardsTab.watches)
    assert "cash" not in RewardsTab.watches  # a payment writes the reward's decision too ("rewards")
