"""Rules the points and rewards tabs used to decide themselves: which month is under review, how a source reads."""

from __future__ import annotations

import datetime as dt

from station_desk.month import Month
from station_desk.month_close.service import month_to_review
from station_desk.points.results import source_text, sources_text


def test_last_month_is_reviewed_up_to_and_including_the_deadline_day(db):
    # the policy's review_deadline_day is the 5th: through the 5th the manager reviews last month
    assert month_to_review(db, dt.date(2026, 11, 1)) == Month(2026, 10)
    assert month_to_review(db, dt.date(2026, 11, 5)) == Month(2026, 10)
    assert month_to_review(db, dt.date(2026, 11, 6)) == Month(2026, 11)
    assert month_to_review(db, dt.date(2027, 1, 3)) == Month(2026, 12)


def test_sources_read_as_a_person_writes_them():
    assert source_text("work_order:677") == "工单 677"
    assert source_text("signup:969") == "报装 969"
    assert source_text("attendance:decision:81") == "考勤 81"
    assert source_text("renewal:5") == "续费 5"
    assert source_text("manual:") == "手工"
    assert source_text("") == ""
    assert source_text("mystery:1") == "mystery:1"
    assert sources_text(["signup:1", "signup:2", "signup:3"], limit=2) == "报装 1、报装 2…"


def _line(key, status):
    from station_desk.rewards.results import RewardLine

    return RewardLine(key, 1, "田技一", "服务人员", "rewards.install", dt.date(2026, 10, 9), 3000, status, "")


def test_a_selection_of_reward_lines_to_approve_and_to_pay():
    from station_desk.rewards.results import keys_to_approve, keys_to_pay

    lines = [_line(k, k) for k in ("due", "pending", "approved", "paid", "changed")]
    assert keys_to_approve(lines) == ["due", "changed"]  # pending lines wait for their facts; paid ones are done
    assert keys_to_pay(lines) == ["approved"]
    assert [ln.status_label for ln in lines] == ["待批准", "待定", "已批准", "已发放", "批准后有变"]
