"""Work-order policy (SPEC §3). Owned by the work_orders module.

Deadlines count opening hours only (``StationPolicy.hours``). The budget of an order is fixed by the policy in
force on the day of its first dispatch. 古五 rule: respond in 30 min, resolve in 4 h. The 服务站 rule (seed 002)
is 2 h: switch it on with ``use_two_hour_rule``; far areas can keep longer limits in ``area_resolve_minutes``
(an area override always wins).
"""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection

DEFAULT_ORDER_POINTS_X100 = {
    "new_install": 1000,  # 新装 10 分
    "repair": 500,  # 报修 5 分
    "fee_collection": 300,  # 上门收费 3 分
    "expiring_visit": 300,  # 到期回访 3 分
    "complaint": 500,  # 投诉处理 5 分
}

DEFAULT_FAULT_TYPES = ["无信号", "断网", "网速慢", "画面马赛克", "设备故障", "线路故障", "欠费停机", "其他"]


class WorkOrderPolicy(PolicySection):
    respond_minutes: int = Field(30, ge=1, description="派单后响应时限（分钟，只计营业时间）")
    resolve_minutes: int = Field(240, ge=1, description="派单后处理时限（分钟，只计营业时间；古五为 4 小时）")
    area_resolve_minutes: dict[str, int] = Field(default_factory=dict, description="按片区覆盖处理时限")
    area_respond_minutes: dict[str, int] = Field(default_factory=dict, description="按片区覆盖响应时限")
    use_two_hour_rule: bool = Field(False, description="采用服务站规定：2 小时内处理（片区覆盖仍优先）")
    two_hour_rule_minutes: int = Field(120, ge=1, description="服务站规定的处理时限（分钟）")
    amber_fraction: float = Field(0.25, ge=0, le=1, description="剩余时间少于时限的这一比例时显示黄色预警")
    dispatch_minutes: int = Field(30, ge=1, description="登记后多久内应派单（分钟，营业时间；派单内勤考核）")
    form_late_hours: int = Field(24, ge=1, description="完工后多少小时内应回单（逾期记为回单不及时）")
    expiry_warn_days: int = Field(15, ge=0, description="用户到期日在这么多天内时在工单上提示")
    points_x100_by_kind: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_ORDER_POINTS_X100),
                                                description="关单积分（按工单类型，×100）")
    late_points_pct: int = Field(50, ge=0, le=100, description="超时工单按几成计分（%）")
    unsolved_points_pct: int = Field(0, ge=0, le=100, description="回访未解决过的工单按几成计分（%）")
    pause_approval_hours: int = Field(24, ge=0, description="暂停计时超过这么多小时（或大网故障未给预计恢复时间）需经理批准")
    fault_types: list[str] = Field(default_factory=lambda: list(DEFAULT_FAULT_TYPES), description="故障类型")
