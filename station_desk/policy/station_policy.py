"""The composite station policy. Every section has SPEC's defaults, so ``StationPolicy()`` is the shipped
policy. Adding a field to a section is backward compatible (stored versions without it get the default)."""

from __future__ import annotations

from pydantic import Field

from station_desk.backup.policy import BackupPolicy
from station_desk.cash_book.policy import CashBookPolicy
from station_desk.customers.policy import CustomerPolicy
from station_desk.gift_stock.policy import GiftPolicy
from station_desk.points.policy import PointsPolicy
from station_desk.policy.base import PolicySection
from station_desk.policy.sections import OpeningHours, Security, StationInfo
from station_desk.rest_roster.policy import AttendancePolicy, LeavePolicy, RosterPolicy
from station_desk.rewards.policy import RewardsPolicy
from station_desk.takings.policy import TakingsPolicy
from station_desk.work_orders.policy import WorkOrderPolicy


class StationPolicy(PolicySection):
    station: StationInfo = Field(default_factory=StationInfo, description="服务中心")
    hours: OpeningHours = Field(default_factory=OpeningHours, description="营业时间")
    security: Security = Field(default_factory=Security, description="登录与密码")
    customers: CustomerPolicy = Field(default_factory=CustomerPolicy, description="用户与套餐")
    work_orders: WorkOrderPolicy = Field(default_factory=WorkOrderPolicy, description="工单时限")
    roster: RosterPolicy = Field(default_factory=RosterPolicy, description="排休")
    attendance: AttendancePolicy = Field(default_factory=AttendancePolicy, description="考勤")
    leave: LeavePolicy = Field(default_factory=LeavePolicy, description="请假")
    points: PointsPolicy = Field(default_factory=PointsPolicy, description="积分")
    rewards: RewardsPolicy = Field(default_factory=RewardsPolicy, description="即时奖励")
    gifts: GiftPolicy = Field(default_factory=GiftPolicy, description="礼品")
    takings: TakingsPolicy = Field(default_factory=TakingsPolicy, description="收款与发票")
    cash_book: CashBookPolicy = Field(default_factory=CashBookPolicy, description="账务")
    backup: BackupPolicy = Field(default_factory=BackupPolicy, description="备份")
