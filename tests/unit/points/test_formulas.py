"""SPEC §6 formulas and §7 reward rules as pure functions: every worked example, tier boundary and default."""

from __future__ import annotations

import pytest

from station_desk.points import formulas as f
from station_desk.points.policy import PointsPolicy
from station_desk.rewards import rules as r
from station_desk.rewards.policy import RewardsPolicy

P = PointsPolicy()
R = RewardsPolicy()
RANKS = {"3.0": 1, "6.0": 2, "8.2": 3, "10.3": 4}
JIANYI, XIAO = R.install_areas


def test_renewal_worked_example_68_gives_80():
    assert f.renewal_rate_points(68, P) == 8000


@pytest.mark.parametrize("rate,points", [(58, 0), (59, 800), (70, 9600), (100, 33600), (57, 0), (0, 0)])
def test_renewal_rate_boundaries_and_below_base_default_zero(rate, points):
    assert f.renewal_rate_points(rate, P) == points


def test_below_base_negative_switch():
    assert f.renewal_rate_points(57, P.model_copy(update={"renewal_below_base": "negative"})) == -800


def test_rate_counts_whole_points_rounded_down():
    assert f.renewal_rate_pct(137, 200) == 68  # 68.5 %
    assert f.renewal_rate_pct(69, 100) == 69
    assert f.renewal_rate_pct(0, 0) is None
    assert f.renewal_rate_points(None, P) == 0


@pytest.mark.parametrize("before,after,points", [
    ("6.0", "3.0", -100), ("3.0", "6.0", 100), ("3.0", "8.2", 200), ("6.0", "8.2", 200), ("3.0", "10.3", 200),
    ("8.2", "10.3", 200), ("10.3", "3.0", 0), ("8.2", "6.0", 0), ("6.0", "6.0", 0)])
def test_package_change_points(before, after, points):
    assert f.package_change_points([(before, after)], RANKS, P) == points


def test_package_changes_sum():
    assert f.package_change_points([("6.0", "3.0"), ("3.0", "6.0"), ("3.0", "8.2"), ("3.0", "6.0")], RANKS, P) == 300


def test_service_supervisor_formula_and_deductions():
    assert f.scaled(20000, P.service_supervisor_factor_x100) == 30000
    assert f.scaled(20101, 150) == 30152  # 301.515 → 301.52 half-up
    assert f.service_supervisor_deductions(2, 0, 0, P) == (0, 0, 0)
    assert f.service_supervisor_deductions(1, 0, 0, P) == (1000, 0, 0)
    assert f.service_supervisor_deductions(0, 2, 3, P) == (2000, 2000, 1500)  # default: 10 per missing training
    once = P.model_copy(update={"training_shortfall_mode": "once"})
    assert f.service_supervisor_deductions(0, 0, 0, once) == (1000, 0, 0)


@pytest.mark.parametrize("installs,target,factor,met", [(100, 100, 150, True), (99, 100, 50, False),
                                                        (150, 100, 150, True), (10, None, 50, False)])
def test_marketing_supervisor_factor(installs, target, factor, met):
    assert f.marketing_factor_x100(installs, target, P) == (factor, met)


def test_manager_points():
    assert f.manager_points(30000, 1200) == 36000
    assert f.manager_points(30001, 985) == 29551  # 295.50985 → 295.51
    assert f.manager_points(30000, None) == 0


def test_quota_and_transfer_boundaries():
    assert not f.under_quota(8, 100, 8) and f.under_quota(7, 100, 8)
    assert not f.under_quota(3, 100, 3) and f.under_quota(2, 100, 3)
    assert not f.under_quota(1, 12, 8)  # 8 % of 12 = 0.96 → one install is enough
    assert not f.under_quota(0, 0, 8)
    assert f.transfer_reasons(28000, 10, 100, 8, P) == []
    assert len(f.transfer_reasons(27999, 10, 100, 8, P)) == 1
    assert len(f.transfer_reasons(27999, 7, 100, 8, P)) == 2


def test_pay_and_formatting():
    assert f.pay_fen(200000, 10000, 31250, 150) == 200000 + 10000 + 46875
    assert f.fmt_points(8000) == "80.00" and f.fmt_points(-505) == "-5.05" and f.fmt_points(5) == "0.05"
    assert f.average_x100([100, 200, 201]) == 167 and f.average_x100([]) == 0


# -- §7 ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n,income,yuan", [(3, 2100, 30), (4, 2800, 40), (5, 3500, 50), (6, 4200, 60),
                                           (2, 1400, 0), (3, 2099, 0), (4, 2799, 30)])
def test_jianyi_tiers(n, income, yuan):
    assert r.install_reward(n, income * 100, JIANYI, R)[0] == yuan * 100


@pytest.mark.parametrize("n,income,yuan", [(4, 2400, 30), (5, 3000, 40), (6, 3600, 50), (7, 4200, 60),
                                           (3, 1800, 0), (4, 2399, 0), (5, 2900, 30)])
def test_xiaojiadi_tiers(n, income, yuan):
    assert r.install_reward(n, income * 100, XIAO, R)[0] == yuan * 100


def test_install_fallback_none_switch():
    strict = R.model_copy(update={"install_fallback": "none"})
    assert r.install_reward(5, 290000, XIAO, strict)[0] == 0
    assert r.install_reward(5, 300000, XIAO, strict)[0] == 4000


def test_install_contribution_bonus():
    # 简易 3 households, 2,400 → average 800, 100 above 700 → +10
    amount, text = r.install_reward(3, 240000, JIANYI, R)
    assert amount == 4000 and "另奖 10 元" in text
    assert r.install_reward(3, 239900, JIANYI, R)[0] == 3000  # 799.67 a household: not a full 100 above
    assert r.install_reward(4, 320000, XIAO, R)[0] == 3000 + 2000  # 800 a household: 200 above 600


@pytest.mark.parametrize("n,yuan", [(1, 0), (2, 30), (3, 45), (4, 60), (5, 75)])
def test_signup_reward(n, yuan):
    assert r.signup_reward(n, R)[0] == yuan * 100


@pytest.mark.parametrize("n,yuan", [(3, 0), (4, 50), (5, 50), (6, 70), (7, 70), (8, 90)])
def test_team_reward(n, yuan):
    assert r.team_reward(n, R)[0] == yuan * 100


def test_renewal_rewards():
    assert r.renewal_cycle_reward("monthly", 70, R)[0] == 5000
    assert r.renewal_cycle_reward("monthly", 69, R)[0] == 0
    assert r.renewal_cycle_reward("half_year", 70, R)[0] == 10000
    assert r.renewal_cycle_reward("yearly", 100, R)[0] == 15000
    assert r.renewal_cycle_reward("yearly", None, R)[0] == 0
    assert r.renewal_overall_reward(70, 18_000_000, R)[0] == 30000
    assert r.renewal_overall_reward(70, 17_999_999, R)[0] == 0
    assert r.renewal_overall_reward(69, 20_000_000, R)[0] == 0


@pytest.mark.parametrize("before,after,cycle,yuan", [
    ("3.0", "6.0", "half_year", 20), ("3.0", "6.0", "yearly", 20), ("3.0", "6.0", "monthly", 0),
    ("3.0", "8.2", "monthly", 30), ("3.0", "10.3", "monthly", 40), ("6.0", "8.2", "yearly", 0)])
def test_upgrade_reward(before, after, cycle, yuan):
    assert r.upgrade_reward(before, after, cycle, R)[0] == yuan * 100


def test_weekly_rewards():
    assert r.technician_week_reward(True, R)[0] == 5000 and r.technician_week_reward(False, R)[0] == 0
    assert r.dispatch_week_reward(True, R)[0] == 5000 and r.dispatch_week_reward(False, R)[0] == 0


@pytest.mark.parametrize("own,total,target,yuan", [(40, 100, 200, 300), (39, 100, 200, 0), (0, 110, 100, 300),
                                                   (0, 109, 100, 0), (0, 0, None, 0), (5, 10, None, 300)])
def test_marketing_reward(own, total, target, yuan):
    assert r.marketing_reward(own, total, target, R)[0] == yuan * 100


def test_service_supervisor_reward():
    assert r.service_supervisor_reward(9, 10, True, R)[0] == 20000
    assert r.service_supervisor_reward(10, 10, True, R)[0] == 0
    assert r.service_supervisor_reward(9, 10, False, R)[0] == 0
    assert r.service_supervisor_reward(None, 10, True, R)[0] == 0


def test_accounts_rewards_replace_default_and_add_switch():
    assert r.accounts_rewards(False, 0, R) == []
    assert [x[1] for x in r.accounts_rewards(True, 1, R)] == [20000]
    assert [x[1] for x in r.accounts_rewards(True, 2, R)] == [20000]
    assert [x[1] for x in r.accounts_rewards(True, 3, R)] == [30000]
    assert [x[1] for x in r.accounts_rewards(True, 4, R)] == [20000]
    add = R.model_copy(update={"accounts_streak_mode": "add"})
    assert [x[1] for x in r.accounts_rewards(True, 3, add)] == [20000, 30000]
