"""Instant rewards from the records (SPEC §7): each kind end to end, pending states, approval and payment."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from station_desk.errors import DomainError
from station_desk.month_close import service as close
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.rewards import service as RW
from tests.fixtures.points import customer, renewal, signup

OCT = "2026-10"
D = dt.date(2026, 10, 15)


def _lines(db, month=OCT, rule=None):
    return [ln for ln in RW.month_rewards(db, month).lines if rule is None or ln.rule == rule]


def test_install_reward_worked_examples_per_day(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        for _ in range(3):  # 简易片区 3 installs / 2,100 → 30
            signup(s, by=ids["X01"], day=D, installed_on=D, area="简易片区", income_fen=70000)
        for _ in range(4):  # 肖家地 4 / 2,400 → 30
            signup(s, by=ids["X02"], day=D, installed_on=D, area="肖家地片区", income_fen=60000)
        for day in (dt.date(2026, 10, 16), dt.date(2026, 10, 17)):  # 2 a day: nothing per day (default)
            for _ in range(2):
                signup(s, by=ids["T01"], day=day, installed_on=day, area="简易片区", income_fen=80000)
    lines = _lines(db, rule="rewards.install")
    got = {(ln.name, ln.amount_fen) for ln in lines}
    assert got == {("萧销一", 3000), ("谢销二", 3000)}
    assert all(len(ln.facts) in (3, 4) and ln.status == "due" for ln in lines)


def test_install_reward_month_period_switch(station):
    from station_desk.policy.service import DEFAULT
    from station_desk.settings.service import set_policy

    db, ids = station.db, station.ids
    set_policy(db, actor=station.actor, approval=station.approval, effective_from=dt.date(2026, 10, 1),
               policy=DEFAULT.model_copy(update={"rewards": DEFAULT.rewards.model_copy(
                   update={"install_period": "month"})}))
    with db.session() as s:
        for day in (dt.date(2026, 10, 16), dt.date(2026, 10, 17)):
            for _ in range(2):
                signup(s, by=ids["T01"], day=day, installed_on=day, area="简易片区", income_fen=80000)
    (line,) = _lines(db, rule="rewards.install")
    assert line.amount_fen == 4000 + 1000  # 4 installs / 3,200 → 40, 800 a household (+100) → +10


def test_signup_reward_pending_until_installed(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        a = signup(s, by=ids["X01"], day=D, installed_on=D)
        b = signup(s, by=ids["X01"], day=D)
        signup(s, by=ids["X01"], day=D, status="cancelled")
        signup(s, by=ids["D01"], day=D, installed_on=D)  # a clerk: not a rewarded role
        signup(s, by=ids["D01"], day=D, installed_on=D)
    (line,) = _lines(db, rule="rewards.signup")
    assert line.status == "pending" and line.amount_fen == 3000
    with pytest.raises(DomainError, match="等待"):
        RW.approve_rewards(db, actor=station.actor, approval=station.approval, month=OCT, keys=[line.key])
    from station_desk.customers.models import SignUp

    with db.session() as s:
        row = s.get(SignUp, b)
        row.status, row.installed_on = "installed", dt.date(2026, 11, 2)
        s.add(row)
    assert _lines(db, rule="rewards.signup") == []  # payable on the day of the last install: November
    (nov,) = _lines(db, "2026-11", rule="rewards.signup")
    assert nov.amount_fen == 3000 and nov.day == dt.date(2026, 11, 2) and set(nov.facts) == {f"signup:{a}",
                                                                                            f"signup:{b}"}


def test_team_reward_goes_to_the_leader(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        for _ in range(6):
            signup(s, by=None, day=D, team="promotion")
    assert _lines(db, rule="rewards.team") == []  # no leader entered
    P.set_month_input(db, actor=station.actor, approval=station.approval, month=OCT,
                      promotion_leader_id=ids["X02"])
    (line,) = _lines(db, rule="rewards.team")
    assert line.name == "谢销二" and line.amount_fen == 7000


def test_renewal_rewards_by_cycle_and_overall(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        for cycle, n_due, n_done, amount in (("monthly", 10, 7, 10000), ("half_year", 10, 6, 60000),
                                             ("yearly", 10, 7, 2_500_000)):
            for i in range(n_due):
                cid = customer(s, cycle=cycle, expiry=dt.date(2026, 10, 20) if i >= n_done else dt.date(2027, 1, 1))
                if i < n_done:
                    renewal(s, cid, day=D, expiry_before=dt.date(2026, 10, 20), cycle=cycle, amount_fen=amount)
    lines = _lines(db)
    got = {ln.rule: ln.amount_fen for ln in lines if ln.name == "任续费"}
    # monthly 70% → 50; half-year 60% → 0; yearly 70% → 150; overall 20/30 = 66% → no 300
    assert got == {"rewards.renewal_cycle": 5000 + 15000} or sorted(
        ln.amount_fen for ln in lines if ln.name == "任续费") == [5000, 15000]
    with db.session() as s:
        cid = customer(s, cycle="half_year", expiry=dt.date(2027, 1, 1))
        renewal(s, cid, day=D, expiry_before=dt.date(2026, 10, 21), cycle="half_year", amount_fen=60000)
        # half-year now 7/11 = 63%; overall 21/31 = 67%
    with db.session() as s:
        for _ in range(3):
            cid = customer(s, cycle="monthly", expiry=dt.date(2027, 1, 1))
            renewal(s, cid, day=D, expiry_before=dt.date(2026, 10, 22), amount_fen=10000)
    amounts = sorted(ln.amount_fen for ln in _lines(db) if ln.name == "任续费")
    # monthly 10/13 = 76% → 50; yearly → 150; overall 24/34 = 70% and income 185,800 ≥ 180,000 → 300
    assert amounts == [5000, 15000, 30000]


def test_upgrade_pending_until_call_confirms(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        cid = customer(s)
        rid = renewal(s, cid, day=D, expiry_before=D, before="3.0", after="8.2", recommended_by=ids["T01"])
        cid2 = customer(s)
        rid2 = renewal(s, cid2, day=D, expiry_before=D, before="3.0", after="6.0", cycle="monthly",
                       recommended_by=ids["T02"])
    (line,) = _lines(db, rule="rewards.upgrade")  # 6.0 monthly does not qualify
    assert line.status == "pending" and line.amount_fen == 3000 and line.name == "田技一"
    assert [u[0] for u in RW.pending_upgrades(db)] == [rid, rid2]
    RW.confirm_upgrade(db, actor=station.clerk, renewal_id=rid, confirmed=True, note="用户确认是田师傅推荐",
                       day=dt.date(2026, 10, 20))
    with pytest.raises(DomainError):
        RW.confirm_upgrade(db, actor=station.clerk, renewal_id=rid, confirmed=False)
    (line,) = _lines(db, rule="rewards.upgrade")
    assert line.status == "due" and line.day == dt.date(2026, 10, 20)


def test_weekly_rewards_from_week_facts(station):
    db, ids = station.db, station.ids
    # October 2026: weeks ending on Sundays 10-04, 10-11, 10-18, 10-25 (Mon 09-28 … 10-19); 11-01 is November's
    RW.record_week(db, actor=station.clerk, kind="repair", staff_id=ids["T01"], week_start=dt.date(2026, 9, 28),
                   ok=True)
    RW.record_week(db, actor=station.clerk, kind="repair", staff_id=ids["T01"], week_start=dt.date(2026, 10, 5),
                   ok=False)
    RW.record_week(db, actor=station.clerk, kind="dispatch", staff_id=ids["D01"], week_start=dt.date(2026, 10, 26),
                   ok=True)
    with pytest.raises(DomainError, match="不是星期一"):
        RW.record_week(db, actor=station.clerk, kind="repair", staff_id=ids["T01"], week_start=D, ok=True)
    tech = _lines(db, rule="rewards.technician_week")
    assert [(ln.day, ln.amount_fen) for ln in tech] == [(dt.date(2026, 10, 4), 5000)]
    assert _lines(db, rule="rewards.dispatch_week") == []
    assert [ln.amount_fen for ln in _lines(db, "2026-11", rule="rewards.dispatch_week")] == [5000]


def test_marketing_and_service_supervisor_rewards(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        for by in ("X01", "X01", "T01", "T02", "T02"):
            signup(s, by=ids[by], day=D, installed_on=D, area="其他片区")
    P.set_month_input(db, actor=station.actor, approval=station.approval, month="2026-09", failure_rate_permille=12)
    P.set_month_input(db, actor=station.actor, approval=station.approval, month=OCT, new_install_target=10,
                      failure_rate_permille=11)
    got = {ln.rule: ln.amount_fen for ln in _lines(db)}
    assert got["rewards.marketing"] == 30000  # 2 of 5 = 40 % self-sourced by reps
    assert got["rewards.service_supervisor"] == 20000
    P.set_month_input(db, actor=station.actor, approval=station.approval, month=OCT, renovation_done=False)
    assert "rewards.service_supervisor" not in {ln.rule for ln in _lines(db)}


def test_accounts_clerk_streak(station):
    db, ids = station.db, station.ids
    P.record_fact(db, actor=station.actor, kind="accounts_error", day=dt.date(2026, 7, 3), staff_id=ids["A01"],
                  note="发票登记错号")
    amounts = {m: [ln.amount_fen for ln in _lines(db, m, rule=None) if ln.name == "安税控"]
               for m in ("2026-07", "2026-08", "2026-09", "2026-10")}
    assert amounts == {"2026-07": [], "2026-08": [20000], "2026-09": [20000], "2026-10": [30000]}


def test_approve_and_pay_into_cash_book(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        for _ in range(3):
            signup(s, by=ids["X01"], day=D, installed_on=D, area="简易片区", income_fen=70000)
    n = RW.approve_rewards(db, actor=station.actor, approval=station.approval, month=OCT)
    assert n >= 1
    line = next(ln for ln in _lines(db) if ln.rule == "rewards.install")
    assert line.status == "approved"
    paid = RW.pay_reward(db, actor=station.actor, approval=station.approval, key=line.key, day=dt.date(2026, 11, 3))
    assert paid.status == "paid"
    with pytest.raises(DomainError, match="已经发放"):
        RW.pay_reward(db, actor=station.actor, approval=station.approval, key=line.key)
    if importlib.util.find_spec("station_desk.cash_book.service"):
        from sqlmodel import select

        from station_desk.cash_book.models import CashEntry

        with db.read() as s:
            (entry,) = s.exec(select(CashEntry).where(CashEntry.source_kind == "reward")).all()
            assert entry.category == "即时奖励" and entry.amount_fen == 3000 and entry.payee == "萧销一"
    # a new install changes the day's line after approval: shown as changed, payment refused until re-approved
    with db.session() as s:
        signup(s, by=ids["X01"], day=D, installed_on=D, area="简易片区", income_fen=70000)
    changed = next(ln for ln in _lines(db) if ln.rule == "rewards.install")
    assert changed.status == "changed" and changed.approved_fen == 3000 and changed.amount_fen == 4000
    assert any(i.kind == "reward" for i in close.review_month(db, OCT))


def test_locked_rewards_month_keeps_its_lines(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        for _ in range(3):
            signup(s, by=ids["X01"], day=D, installed_on=D, area="简易片区", income_fen=70000)
    before = RW.month_rewards(db, OCT).to_json()
    close.lock_month(db, actor=station.actor, approval=station.approval, month=OCT)
    with db.session() as s:
        signup(s, by=ids["X01"], day=D, installed_on=D, area="简易片区", income_fen=70000)
    after = RW.month_rewards(db, OCT).to_json()
    assert after["locked"] and after["people"] == before["people"] and after["total_yuan"] == before["total_yuan"]


def test_install_credit_to_installer_switch_and_team_requires_install(station):
    from station_desk.policy.service import DEFAULT
    from station_desk.settings.service import set_policy

    db, ids = station.db, station.ids
    P.set_month_input(db, actor=station.actor, approval=station.approval, month=OCT, promotion_leader_id=ids["X02"])
    with db.session() as s:
        from station_desk.customers.models import SignUp

        for _ in range(3):
            sid = signup(s, by=ids["X01"], day=D, installed_on=D, area="简易片区", income_fen=70000)
            row = s.get(SignUp, sid)
            row.installed_by_id = ids["T01"]
            s.add(row)
        for k in range(5):
            signup(s, by=None, day=D, team="promotion", installed_on=D if k < 3 else None)
    assert {ln.name for ln in _lines(db, rule="rewards.install")} == {"萧销一"}
    assert [ln.amount_fen for ln in _lines(db, rule="rewards.team")] == [5000]
    set_policy(db, actor=station.actor, approval=station.approval, effective_from=dt.date(2026, 10, 1),
               policy=DEFAULT.model_copy(update={"rewards": DEFAULT.rewards.model_copy(
                   update={"install_credit_to": "installed_by", "team_requires_install": True})}))
    assert {ln.name for ln in _lines(db, rule="rewards.install")} == {"田技一"}
    assert _lines(db, rule="rewards.team") == []  # only 3 of the 5 installed


def test_reward_adjustment_after_lock(station):
    db, ids = station.db, station.ids
    with pytest.raises(DomainError, match="还没有结账"):
        RW.add_adjustment(db, actor=station.actor, approval=station.approval, staff_id=ids["T01"], for_month=OCT,
                          amount_fen=5000, reason="漏记周奖励")
    close.lock_month(db, actor=station.actor, approval=station.approval, month=OCT)
    key = RW.add_adjustment(db, actor=station.actor, approval=station.approval, staff_id=ids["T01"], for_month=OCT,
                            amount_fen=5000, reason="10-05 周漏记")
    (line,) = [ln for ln in _lines(db, "2026-11") if ln.key == key]
    assert line.rule == "rewards.adjustment" and line.amount_fen == 5000 and "2026-10" in line.text
    assert all(ln.key != key for ln in _lines(db, OCT))


def test_two_year_customers_count_as_yearly_and_above(station):
    db = station.db
    with db.session() as s:
        for i in range(10):
            cid = customer(s, cycle="two_year", expiry=dt.date(2026, 10, 20) if i >= 7 else dt.date(2028, 1, 1))
            if i < 7:
                renewal(s, cid, day=D, expiry_before=dt.date(2026, 10, 20), cycle="two_year", amount_fen=200000)
    yearly = [ln for ln in _lines(db) if ln.key.endswith(":yearly")]
    assert [ln.amount_fen for ln in yearly] == [15000] and len(yearly[0].facts) == 7


def test_points_and_rewards_adjustments_share_one_check_with_their_own_codes(station):
    """One locked-month check (periods.check_adjustment_in); each module refuses with its own code and text."""
    db, ids = station.db, station.ids
    with pytest.raises(DomainError) as rewards_err:
        RW.add_adjustment(db, actor=station.actor, approval=station.approval, staff_id=ids["T01"], for_month=OCT,
                          amount_fen=5000, reason="漏记周奖励")
    with pytest.raises(DomainError) as points_err:
        P.add_adjustment(db, actor=station.actor, approval=station.approval, staff_id=ids["T01"], for_month=OCT,
                         points_x100=500, reason="漏记")
    assert rewards_err.value.code == "rewards.adjust_open_month" and "即时奖励" in rewards_err.value.message
    assert points_err.value.code == "points.adjust_open_month"
