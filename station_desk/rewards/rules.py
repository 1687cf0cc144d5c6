"""The nine instant-reward kinds of SPEC §7 as pure functions, one per kind. Amounts are returned in fen.

Each function returns ``(amount_fen, explanation)``; the explanation is the Chinese sentence printed next to the
line. The caller supplies the facts (counts, incomes) and the policy section in force."""

from __future__ import annotations

from station_desk.money import fmt_fen
from station_desk.rewards.policy import InstallAreaTier, RewardsPolicy

YUAN = 100

RULE_LABELS = {
    "rewards.install": "新增奖励",
    "rewards.signup": "当天报装奖励",
    "rewards.team": "宣传组组长奖励",
    "rewards.renewal_cycle": "续费激励",
    "rewards.renewal_overall": "续费总额激励",
    "rewards.upgrade": "3.0升档奖励",
    "rewards.technician_week": "运维周奖励",
    "rewards.dispatch_week": "接单内勤周奖励",
    "rewards.marketing": "市场销售主管奖励",
    "rewards.service_supervisor": "服务销售主管奖励",
    "rewards.accounts_month": "税控专员无差错奖励",
    "rewards.accounts_streak": "税控专员连续无差错奖励",
    "rewards.adjustment": "结账后调整",
}


def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule)


def _y(fen: int) -> str:
    return fmt_fen(fen).replace(".00", "")


# §7.1 --------------------------------------------------------------------------------------------------------------
def install_reward(n: int, income_fen: int, tier: InstallAreaTier, pol: RewardsPolicy) -> tuple[int, str]:
    """n installs in ``tier.area`` with income ``income_fen``: the tier reward plus the contribution bonus.

    Tier k is met when k ≥ min_installs, k ≤ n and income ≥ k × income_per_install; reward = step × (k − offset).
    With ``install_fallback='highest_met'`` the highest met k counts; with 'none' only k = n."""
    per = tier.income_per_install_yuan * YUAN
    if n <= 0:
        return 0, "无安装"
    if pol.install_fallback == "highest_met":
        k = min(n, income_fen // per)
    else:
        k = n if income_fen >= per * n else 0
    if k < tier.min_installs:
        return 0, (f"{tier.area}安装 {n} 户、收入 {_y(income_fen)} 元，未达到 {tier.min_installs} 户/"
                   f"{_y(per * tier.min_installs)} 元的起点")
    base = tier.reward_per_install_yuan * (k - tier.reward_offset) * YUAN
    text = f"{tier.area}安装 {n} 户、收入 {_y(income_fen)} 元，达到 {k} 户/{_y(per * k)} 元档，奖励 {_y(base)} 元"
    excess = income_fen - per * n  # above the area's average contribution, over all n households
    steps = excess // (n * tier.bonus_step_yuan * YUAN) if excess > 0 else 0
    bonus = steps * tier.bonus_yuan * YUAN
    if bonus:
        text += (f"；户均 {_y(income_fen // n)} 元，高出片区平均 {_y(per)} 元 {steps} 个 {tier.bonus_step_yuan} 元，"
                 f"另奖 {_y(bonus)} 元")
    return base + bonus, text


# §7.2 --------------------------------------------------------------------------------------------------------------
def signup_reward(n_installed: int, pol: RewardsPolicy) -> tuple[int, str]:
    """n households signed up on one day and eventually installed: 15 × n for n ≥ 2 (2 → 30, 3 → 45, 4 → 60)."""
    if n_installed < pol.signup_min_per_day:
        return 0, f"当天报装并安装 {n_installed} 户，不足 {pol.signup_min_per_day} 户"
    amount = pol.signup_yuan_per_household * n_installed * YUAN
    return amount, f"当天报装 {n_installed} 户均已安装，每户 {pol.signup_yuan_per_household} 元，奖励 {_y(amount)} 元"


def team_reward(n: int, pol: RewardsPolicy) -> tuple[int, str]:
    """Promotion team's sign-ups in one day: leader 50 at 4, +20 for every 2 more (6 → 70, 8 → 90)."""
    if n < pol.team_min_per_day:
        return 0, f"宣传组当天报装 {n} 户，不足 {pol.team_min_per_day} 户"
    steps = (n - pol.team_min_per_day) // pol.team_step_households
    amount = (pol.team_leader_yuan + steps * pol.team_step_yuan) * YUAN
    return amount, f"宣传组当天报装 {n} 户，组长奖励 {_y(amount)} 元"


# §7.3 --------------------------------------------------------------------------------------------------------------
def renewal_cycle_reward(cycle: str, rate_pct: int | None, pol: RewardsPolicy) -> tuple[int, str]:
    """A billing cycle's renewal rate ≥ 70% → that cycle's amount (monthly 50, half-year 100, yearly 150)."""
    amount = pol.renewal_cycle_yuan.get(cycle, 0) * YUAN
    if rate_pct is None:
        return 0, "当月无到期用户"
    if rate_pct >= pol.renewal_rate_pct and amount:
        return amount, f"续费率 {rate_pct}% ≥ {pol.renewal_rate_pct}%，奖励 {_y(amount)} 元"
    return 0, f"续费率 {rate_pct}% 未达 {pol.renewal_rate_pct}%"


def renewal_overall_reward(rate_pct: int | None, income_fen: int, pol: RewardsPolicy) -> tuple[int, str]:
    """Overall rate ≥ 70% and renewal income ≥ 180,000 yuan → a further 300."""
    need = pol.renewal_income_yuan * YUAN
    if rate_pct is not None and rate_pct >= pol.renewal_rate_pct and income_fen >= need:
        amount = pol.renewal_overall_yuan * YUAN
        return amount, (f"总续费率 {rate_pct}% 且续费收入 {_y(income_fen)} 元 ≥ {_y(need)} 元，"
                        f"额外奖励 {_y(amount)} 元")
    return 0, f"总续费率 {rate_pct if rate_pct is not None else '-'}%，续费收入 {_y(income_fen)} 元，未同时达标"


# §7.4 --------------------------------------------------------------------------------------------------------------
def upgrade_reward(before: str, after: str, cycle: str, pol: RewardsPolicy) -> tuple[int, str]:
    """A customer who chose 3.0 takes 6.0 (half-year or longer) → 20; 8.2 → 30; 10.3 → 40."""
    if before != "3.0" or after not in pol.upgrade_yuan:
        return 0, f"{before} → {after} 不属于 3.0 升档"
    allowed = pol.upgrade_min_cycle.get(after)
    if allowed and cycle not in allowed:
        return 0, f"闪影{after}须半年费及以上，本次为 {cycle}"
    amount = pol.upgrade_yuan[after] * YUAN
    return amount, f"用户由闪影3.0改选闪影{after}，奖励 {_y(amount)} 元"


# §7.5 / §7.6 ---------------------------------------------------------------------------------------------------------
def technician_week_reward(clean: bool, pol: RewardsPolicy) -> tuple[int, str]:
    if clean:
        return pol.technician_week_yuan * YUAN, "一周报修工单无超时、无拖单，表格按时填写"
    return 0, "本周有超时、拖单或表格未按时"


def dispatch_week_reward(clean: bool, pol: RewardsPolicy) -> tuple[int, str]:
    if clean:
        return pol.dispatch_week_yuan * YUAN, "连续一周即时派单、跟单，无投诉、无超时"
    return 0, "本周有投诉、超时或未及时派单"


# §7.7 --------------------------------------------------------------------------------------------------------------
def marketing_reward(self_installs: int, station_installs: int, target: int | None,
                     pol: RewardsPolicy) -> tuple[int, str]:
    """Reps' self-sourced installs ≥ 40% of the month's new installs, or new installs ≥ 110% of target → 300."""
    share_ok = station_installs > 0 and self_installs * 100 >= pol.marketing_self_share_pct * station_installs
    done_ok = bool(target) and target > 0 and station_installs * 100 >= pol.marketing_completion_pct * target
    facts = f"销售代表自接 {self_installs} 户 / 全站新增 {station_installs} 户，任务 {target if target else '未录入'} 户"
    if share_ok or done_ok:
        amount = pol.marketing_yuan * YUAN
        why = f"自接占比 ≥ {pol.marketing_self_share_pct}%" if share_ok else f"新增完成 ≥ {pol.marketing_completion_pct}%"
        return amount, f"{facts}；{why}，奖励 {_y(amount)} 元"
    return 0, f"{facts}；未达标"


# §7.8 --------------------------------------------------------------------------------------------------------------
def service_supervisor_reward(rate_now: float | None, rate_prev: float | None, renovation_done: bool,
                              pol: RewardsPolicy, unit: str = "户/百户") -> tuple[int, str]:
    """Station failure rate below last month's, with the company's renovation work done → 200."""
    if rate_now is None or rate_prev is None:
        return 0, "缺少本月或上月故障率"
    text = f"本月故障率 {rate_now:g} {unit}，上月 {rate_prev:g} {unit}"
    if rate_now < rate_prev and renovation_done:
        amount = pol.service_supervisor_yuan * YUAN
        return amount, f"{text}，低于上月，奖励 {_y(amount)} 元"
    if not renovation_done:
        return 0, f"{text}；公司改造任务未完成"
    return 0, f"{text}；未低于上月"


# §7.9 --------------------------------------------------------------------------------------------------------------
def accounts_rewards(error_free: bool, streak: int, pol: RewardsPolicy) -> list[tuple[str, int, str]]:
    """The accounts clerk's reward lines for a month. ``streak`` = consecutive error-free months ending this one
    (counted from the last 300 reward when ``accounts_streak_mode='replace'``: the caller passes the raw run).

    replace (default): 200 a month; every 3rd month of a run 300 instead of 200. add: 200 plus 300."""
    if not error_free:
        return []
    n = pol.accounts_streak_months
    third = streak > 0 and streak % n == 0
    if third and pol.accounts_streak_mode == "replace":
        amt = pol.accounts_streak_yuan * YUAN
        return [("rewards.accounts_streak", amt, f"连续 {n} 个月无差错（第 {streak} 个月），奖励 {_y(amt)} 元")]
    lines = [("rewards.accounts_month", pol.accounts_month_yuan * YUAN,
              f"本月无差错，奖励 {_y(pol.accounts_month_yuan * YUAN)} 元")]
    if third:
        amt = pol.accounts_streak_yuan * YUAN
        lines.append(("rewards.accounts_streak", amt, f"连续 {n} 个月无差错，另奖 {_y(amt)} 元"))
    return lines
