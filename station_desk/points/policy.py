"""Points policy (SPEC §6). Owned by the points module."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class PointsPolicy(PolicySection):
    renewal_base_rate_pct: int = Field(58, description="续费率基数（%）")
    renewal_points_per_pct: int = Field(8, description="续费率每高出 1 个百分点加分")
    renewal_target_pct: int = Field(70, description="续费率考核目标（%）")
    accounts_clerk_asset_points: int = Field(50, description="税控专员资产管理固定分")
    transfer_points_threshold: int = Field(280, description="转岗预警：月积分低于")
    review_deadline_day: int = Field(5, ge=1, le=28, description="每月几号前复核上月积分")
