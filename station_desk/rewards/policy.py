"""Instant-reward policy (SPEC §7). Owned by the rewards module. All tiers and areas are data.

Amounts are whole yuan as written in the regulations (``*_yuan``); the service turns them into fen. Ambiguities
are named switches with SPEC's default."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from station_desk.policy.base import PolicySection


class InstallAreaTier(PolicySection):
    """§7.1 new-install reward of one area: n ≥ ``min_installs`` installs with income ≥ ``income_per_install`` × n
    earn ``reward_per_install`` × (n − ``reward_offset``) yuan; plus ``bonus_yuan`` for every ``bonus_step_yuan``
    the average income per household is above ``income_per_install`` (the area's average contribution)."""

    area: str
    min_installs: int
    income_per_install_yuan: int
    reward_per_install_yuan: int = 10
    reward_offset: int = 0
    bonus_step_yuan: int = 100
    bonus_yuan: int = 10


class RewardsPolicy(PolicySection):
    # §7.1 new installs ----------------------------------------------------------------------------------------
    install_areas: list[InstallAreaTier] = Field(
        default_factory=lambda: [
            InstallAreaTier(area="简易片区", min_installs=3, income_per_install_yuan=700, reward_offset=0),
            InstallAreaTier(area="肖家地片区", min_installs=4, income_per_install_yuan=600, reward_offset=1),
        ],
        description="新增奖励：各片区档位")
    install_period: Literal["day", "month"] = Field(
        "day", description="新增奖励的统计周期：day=按天（默认），month=按月")
    install_fallback: Literal["highest_met", "none"] = Field(
        "highest_met", description="收入不够 n 户档位时：highest_met=按收入达到的最高档（默认），none=不奖励")
    install_credit_to: Literal["signed_by", "installed_by"] = Field(
        "signed_by", description="新增奖励记给谁：signed_by=报装人（默认），installed_by=安装人")
    # §7.2 sign-ups ----------------------------------------------------------------------------------------------
    signup_min_per_day: int = Field(2, description="当天报装最少户数")
    signup_yuan_per_household: int = Field(15, description="当天报装并最终安装：每户奖励（2户30、3户45…）")
    signup_roles: list[str] = Field(default_factory=lambda: ["sales_rep", "technician"],
                                    description="可得报装奖励的岗位")
    team_min_per_day: int = Field(4, description="宣传组当天报装户数起点")
    team_leader_yuan: int = Field(50, description="宣传组达到起点：组长奖励")
    team_step_households: int = Field(2, description="宣传组每多报装几户")
    team_step_yuan: int = Field(20, description="宣传组每多一档：组长再奖励")
    team_requires_install: bool = Field(False, description="宣传组报装是否须最终安装才计数")
    # §7.3 renewals ----------------------------------------------------------------------------------------------
    renewal_rate_pct: int = Field(70, description="续费激励：续费率达到（%，含）")
    renewal_cycle_yuan: dict[str, int] = Field(
        default_factory=lambda: {"monthly": 50, "half_year": 100, "yearly": 150},
        description="续费激励：按缴费周期的续费率达标奖励（年费档含年费以上）")
    renewal_overall_yuan: int = Field(300, description="总续费率达标且续费收入达标：额外奖励")
    renewal_income_yuan: int = Field(180_000, description="续费总收入达到（元）")
    # §7.4 upgrades from 3.0 --------------------------------------------------------------------------------------
    upgrade_yuan: dict[str, int] = Field(default_factory=lambda: {"6.0": 20, "8.2": 30, "10.3": 40},
                                         description="用户由闪影3.0改选更高套餐：按新套餐奖励")
    upgrade_min_cycle: dict[str, list[str]] = Field(
        default_factory=lambda: {"6.0": ["half_year", "yearly"]},
        description="须满足的缴费周期（默认仅 6.0 要求半年及以上）")
    # §7.5–7.6 weekly ----------------------------------------------------------------------------------------------
    technician_week_yuan: int = Field(50, description="服务人员一周报修无超时无拖单、表格按时：奖励")
    dispatch_week_yuan: int = Field(50, description="接单内勤一周即时派单跟单、无投诉无超时：奖励")
    week_belongs_to: Literal["week_end"] = Field(
        "week_end", description="周奖励记入周日（周末一天）所在的月份；周为周一至周日")
    # §7.7 marketing supervisor -------------------------------------------------------------------------------------
    marketing_self_share_pct: int = Field(40, description="销售代表自接新增占全站新增（%，含）")
    marketing_completion_pct: int = Field(110, description="或站内新增完成率（%，含）")
    marketing_yuan: int = Field(300, description="市场销售主管奖励")
    # §7.8 service supervisor -------------------------------------------------------------------------------------
    service_supervisor_yuan: int = Field(200, description="故障率低于上月：服务销售主管奖励")
    # §7.9 accounts clerk -------------------------------------------------------------------------------------------
    accounts_month_yuan: int = Field(200, description="税控专员一个月无差错：奖励")
    accounts_streak_months: int = Field(3, description="连续几个月无差错")
    accounts_streak_yuan: int = Field(300, description="连续无差错：奖励")
    accounts_streak_mode: Literal["replace", "add"] = Field(
        "replace", description="连续第 3 个月：replace=发 300 代替 200 并重新计数（默认），add=200 另加 300")
