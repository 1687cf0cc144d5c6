"""Points policy (SPEC §6). Owned by the points module.

Every number of the monthly formulas is a field here, so a month is always computed with the version in force on
its first day (``policy_on(s, first day of the month)``). Where the station's rules are ambiguous the field is a
named *switch* whose default is the one SPEC names; the README's points section lists them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from station_desk.policy.base import PolicySection


class PackageChangeRule(PolicySection):
    """Points per household for a renewing customer's package change (SPEC §6, 续费专员).

    ``from_pkg``: a package code, or ``"*"`` = any package ranked below the target. ``to_pkg``: a code, or
    ``"8.2+"`` = that package or any ranked above it. The first matching rule wins."""

    from_pkg: str
    to_pkg: str
    points: int
    label: str = ""


class PointsPolicy(PolicySection):
    # -- renewal specialist (续费专员) ------------------------------------------------------------------------
    renewal_base_rate_pct: int = Field(58, description="续费率基数（%）：高出部分才加分")
    renewal_points_per_pct: int = Field(8, description="续费率每高出 1 个百分点加分")
    renewal_target_pct: int = Field(70, description="续费率考核目标（%），达标/未达标只作标记")
    renewal_below_base: Literal["zero", "negative"] = Field(
        "zero", description="续费率低于基数时：zero=记 0 分（默认），negative=按每点扣分")
    renewal_due_basis: Literal["expiry_in_month"] = Field(
        "expiry_in_month",
        description="续费率分母：当月到期的用户（到期日落在当月，含已续费用户续费前的到期日）；"
                    "分子：其中在当月月底前已续费的用户。费率按整百分点向下取整")
    package_change_rules: list[PackageChangeRule] = Field(
        default_factory=lambda: [
            PackageChangeRule(from_pkg="6.0", to_pkg="3.0", points=-1, label="闪影6.0转3.0"),
            PackageChangeRule(from_pkg="3.0", to_pkg="6.0", points=1, label="闪影3.0转6.0"),
            PackageChangeRule(from_pkg="*", to_pkg="8.2+", points=2, label="转为闪影8.2及以上"),
        ],
        description="续费用户套餐变更积分（每户）")
    # -- accounts clerk (税控专员内勤) ------------------------------------------------------------------------
    accounts_clerk_asset_points: int = Field(50, description="税控专员资产管理固定分（每月）")
    # -- service supervisor (服务销售主管) --------------------------------------------------------------------
    service_supervisor_factor_x100: int = Field(150, description="服务销售主管：服务人员平均积分的倍数（×100）")
    trainings_required: int = Field(2, description="服务销售主管每月应组织培训次数")
    training_shortfall_mode: Literal["per_missing", "once"] = Field(
        "per_missing", description="培训不足的扣分：per_missing=每少一次扣一次（默认），once=当月只扣一次")
    training_shortfall_points: int = Field(10, description="培训每少一次扣分")
    trained_error_points: int = Field(10, description="已培训员工上岗差错每次扣分")
    department_penalty_points: int = Field(5, description="其他部门处罚每次扣分")
    # -- marketing supervisor (市场销售主管) ------------------------------------------------------------------
    marketing_factor_met_x100: int = Field(150, description="新增完成率达标时：销售代表平均积分的倍数（×100）")
    marketing_factor_missed_x100: int = Field(50, description="新增未达标时：销售代表平均积分的倍数（×100）")
    install_target_met_pct: int = Field(100, description="新增任务完成率达标线（%，含）")
    # -- manager ------------------------------------------------------------------------------------------
    manager_average_of: Literal["all_but_manager"] = Field(
        "all_but_manager", description="经理积分所用平均积分：除经理外全站人员的月积分平均")
    # -- transfer warning (转岗预警) -------------------------------------------------------------------------
    transfer_points_threshold: int = Field(280, description="转岗预警：月积分低于（不含）")
    transfer_consecutive_months: int = Field(2, ge=1, le=12, description="转岗预警：连续几个月")
    sheet_internal_warnings_page: bool = Field(
        True, description="积分公示表：已结束月份的转岗预警另印一页内部资料（不张贴）；关闭则不印")
    sales_rep_install_quota_pct: int = Field(8, description="销售代表直接报装量不低于全站新增的百分比")
    technician_install_quota_pct: int = Field(3, description="服务人员直接报装量不低于全站新增的百分比")
    # -- workflow -----------------------------------------------------------------------------------------
    review_deadline_day: int = Field(5, ge=1, le=28, description="每月几号前复核上月积分")
    daily_points_roles: list[str] = Field(
        default_factory=lambda: ["technician", "sales_rep", "dispatch_clerk"],
        description="月度复核时检查“工作日无积分”的岗位")
