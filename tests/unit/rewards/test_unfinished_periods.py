"""Issue #14 item 7: a reward for a period that has not ended (a day, a week, a month) is provisional (暂估) until
the period is over: it cannot be approved or paid before, whatever the path (service, command line, month file)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from station_desk import clock
from station_desk.actor import ManagerApproval
from station_desk.errors import DomainError
from station_desk.rewards import service as RW
from station_desk.rewards.models import RewardDecision, WeekFact
from station_desk.rewards.results import STATUS_LABELS
from tests.fixtures.points import signup

DEC = "2026-12"
FRI = dt.datetime(2026, 12, 4, 10, 0)  # the week Mon 11-30 … Sun 12-06 is running; December too


def _by_rule(db, month=DEC):
    return {ln.rule: ln for ln in RW.month_rewards(db, month).lines}


def _clean_week(db, staff_id, monday=dt.date(2026, 11, 30)):
    with db.session() as s:  # as a month file or an earlier version stored it
        s.add(WeekFact(kind="repair", staff_id=staff_id, week_start=monday, ok=True, created_at=clock.now()))


def test_month_and_week_rewards_are_provisional_until_their_period_is_over(station, fake_now):
    db, ids = station.db, station.ids
    fake_now(FRI)
    _clean_week(db, ids["T01"])
    lines = _by_rule(db)
    accounts, week = lines["rewards.accounts_month"], lines["rewards.technician_week"]
    assert accounts.status == "provisional" and accounts.final_on == dt.date(2027, 1, 1)
    assert week.status == "provisional" and week.day == dt.date(2026, 12, 6) and week.final_on == dt.date(2026, 12, 7)
    assert accounts.status_label == STATUS_LABELS["provisional"] == "暂估"
    mr = RW.month_rewards(db, DEC)
    assert mr.total_fen == 0 and mr.provisional_fen == accounts.amount_fen + week.amount_fen
    assert RW.approve_rewards(db, actor=station.actor, approval=station.approval, month=DEC) == 0
    assert {ln.status for ln in RW.month_rewards(db, DEC).lines} == {"provisional"}
    # the week's Sunday is still inside the week
    fake_now(dt.datetime(2026, 12, 6, 23, 59))
    assert _by_rule(db)["rewards.technician_week"].status == "provisional"
    fake_now(dt.datetime(2026, 12, 7, 8, 0))
    assert _by_rule(db)["rewards.technician_week"].status == "due"
    assert _by_rule(db)["rewards.accounts_month"].status == "provisional"
    assert RW.approve_rewards(db, actor=station.actor, approval=station.approval, month=DEC) == 1
    # the month's last day is still the month
    fake_now(dt.datetime(2026, 12, 31, 20, 0))
    assert _by_rule(db)["rewards.accounts_month"].status == "provisional"
    fake_now(dt.datetime(2027, 1, 1, 8, 0))
    assert _by_rule(db)["rewards.accounts_month"].status == "due"


def test_a_day_reward_is_provisional_until_the_day_is_over(station, fake_now):
    db, ids = station.db, station.ids
    fake_now(FRI)
    with db.session() as s:
        for _ in range(3):
            signup(s, by=ids["X01"], day=FRI.date(), installed_on=FRI.date(), area="简易片区", income_fen=70000)
    assert _by_rule(db)["rewards.install"].status == "provisional"  # a fourth install today changes it
    fake_now(dt.datetime(2026, 12, 5, 9, 0))
    assert _by_rule(db)["rewards.install"].status == "due"


def test_a_provisional_line_is_refused_by_name_before_the_pin(station, fake_now):
    db, ids = station.db, station.ids
    fake_now(FRI)
    key = _by_rule(db)["rewards.accounts_month"].key
    wrong_pin = ManagerApproval(station.approval.staff_id, "0000")
    with pytest.raises(DomainError) as err:  # the rule is checked first: the wrong PIN is never asked
        RW.approve_rewards(db, actor=station.actor, approval=wrong_pin, month=DEC, keys=[key])
    assert err.value.code == "rewards.provisional" and "2026-12-31" in err.value.message
    assert "暂估" in err.value.message


def test_an_approval_given_before_the_period_ended_pays_nothing(station, fake_now):
    """A line approved while its period ran (before this rule) shows provisional and cannot be paid."""
    db, ids = station.db, station.ids
    fake_now(FRI)
    line = _by_rule(db)["rewards.accounts_month"]
    with db.session() as s:
        s.add(RewardDecision(key=line.key, month=DEC, staff_id=line.staff_id, rule=line.rule,
                             amount_fen=line.amount_fen, approved_by="王经理", approved_at=clock.now()))
    shown = _by_rule(db)["rewards.accounts_month"]
    assert shown.status == "provisional" and shown.approved_fen == line.amount_fen
    with pytest.raises(DomainError) as err:
        RW.pay_reward(db, actor=station.actor, approval=station.approval, key=line.key)
    assert err.value.code == "rewards.provisional"
    fake_now(dt.datetime(2027, 1, 2, 9, 0))
    assert _by_rule(db)["rewards.accounts_month"].status == "approved"
    assert RW.pay_reward(db, actor=station.actor, approval=station.approval, key=line.key).status == "paid"


def test_a_week_is_recorded_by_hand_only_once_it_is_over(station, fake_now):
    db, ids = station.db, station.ids
    fake_now(FRI)
    with pytest.raises(DomainError) as err:
        RW.record_week(db, actor=station.clerk, kind="repair", staff_id=ids["T01"], week_start=dt.date(2026, 11, 30),
                       ok=True)
    assert err.value.code == "rewards.week_not_over" and "2026-12-06" in err.value.message
    RW.record_week(db, actor=station.clerk, kind="repair", staff_id=ids["T01"], week_start=dt.date(2026, 11, 23),
                   ok=True)


def test_command_line_shows_and_refuses_provisional_lines(station, fake_now, tmp_path, capsys, pin_fd):
    from station_desk.cli import main

    db, ids = station.db, station.ids
    fake_now(FRI)
    key = _by_rule(db)["rewards.accounts_month"].key
    home = ["--db", db.address]
    assert main(["rewards", *home, "--month", DEC]) == 0
    out = capsys.readouterr().out
    assert "暂估" in out and "2027-01-01" in out
    assert main(["rewards", *home, "--month", DEC, "--json"]) == 0
    js = json.loads(capsys.readouterr().out)
    line = js["people"][0]["lines"][0]
    assert line["status"] == "provisional" and line["final_on"] == "2027-01-01" and js["total_yuan"] == "0.00"
    rc = main(["rewards", "approve", *home, "--month", DEC, "--key", key, "--manager", "M001",
               "--pin-fd", pin_fd("2468")])
    assert rc != 0 and "暂估" in capsys.readouterr().err


def test_month_file_of_a_running_month_gives_provisional_rewards_and_refuses_unfinished_weeks(db, fake_now):
    from station_desk.actor import SYSTEM
    from station_desk.exchange.month_loader import load_month

    fake_now(FRI)
    staff = [{"emp_no": "A01", "name": "安税控", "role": "accounts_clerk", "hire_date": "2026-01-01"},
             {"emp_no": "T01", "name": "田技一", "role": "technician", "hire_date": "2026-01-01"}]
    with pytest.raises(DomainError) as err:
        load_month(db, actor=SYSTEM, data={"month": DEC, "staff": staff, "weeks": [
            {"kind": "repair", "emp_no": "T01", "week_start": "2026-11-30", "ok": True}]})
    assert "weeks[1]" in err.value.message and "2026-12-06" in err.value.message
    load_month(db, actor=SYSTEM, data={"month": DEC, "staff": staff})
    assert {ln.status for ln in RW.month_rewards(db, DEC).lines} == {"provisional"}


def test_a_week_with_an_order_still_open_stays_provisional_after_its_sunday(station, fake_now):
    """The week's conditions may still change: an order dispatched on Sunday evening and not yet returned may still
    be late, so the clean week is 暂估 until the order is returned (or runs late)."""
    from station_desk.work_orders import facts as wo

    db, ids = station.db, station.ids
    fake_now(dt.datetime(2026, 11, 30, 9, 0))  # Monday after the week 11-23 … 11-29
    sunday = dt.datetime(2026, 11, 29, 19, 0)
    with db.session() as s:
        (oid,) = wo.load_order_facts_in(s, actor=station.clerk, records=[dict(
            kind="repair", service_class="C", created_at=sunday, customer_name="用户", area="简易片区",
            description="断网", technician_id=ids["T01"], dispatched_by_id=ids["D01"], dispatched_at=sunday,
            responded_at=sunday + dt.timedelta(minutes=10))])
    (line,) = [ln for ln in RW.month_rewards(db, "2026-11").lines if ln.rule == "rewards.technician_week"]
    assert line.status == "provisional" and "未完工 1 单" in line.text
    with db.session() as s:
        from station_desk.work_orders.models import WorkOrderEvent

        s.add(WorkOrderEvent(order_id=oid, kind="returned", at=dt.datetime(2026, 11, 30, 8, 50),
                             recorded_at=clock.now(), technician_id=ids["T01"], actor_name="丁内勤"))
    (line,) = [ln for ln in RW.month_rewards(db, "2026-11").lines if ln.rule == "rewards.technician_week"]
    assert line.status == "due" and "未完工" not in line.text
