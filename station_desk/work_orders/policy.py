"""Work-order policy (SPEC §3). Owned by the work_orders module."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class WorkOrderPolicy(PolicySection):
    respond_minutes: int = Field(30, ge=1, description="派单后响应时限（分钟，只计营业时间）")
    resolve_minutes: int = Field(240, ge=1, description="派单后处理时限（分钟，只计营业时间）")
    area_resolve_minutes: dict[str, int] = Field(default_factory=dict, description="按片区覆盖处理时限")
