"""Roster, attendance and leave policy (SPEC §5). Owned by the rest_roster / attendance modules."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class RosterPolicy(PolicySection):
    rest_days_per_month: int = Field(6, ge=0, le=15, description="每人每月公休天数")
    min_staff_on_duty: int = Field(2, ge=1, description="营业时间内最少在岗人数")
    workday_hours: int = Field(8, ge=1, le=12, description="每天工作小时数")


class AttendancePolicy(PolicySection):
    late_deduction_points: int = Field(5, ge=0, description="迟到/早退一次扣分")
    absent_deduction_points: int = Field(20, ge=0, description="旷工一天扣分")
    grace_minutes: int = Field(0, ge=0, description="迟到宽限分钟")


class LeavePolicy(PolicySection):
    station_approves_up_to_days: int = Field(1, ge=0, description="事假：站经理可批天数")
    centre_approves_up_to_days: int = Field(3, ge=0, description="事假：中心总经理可批天数")
    personal_max_days: int = Field(6, ge=0, description="事假最多天数（超过不准）")
    sick_max_days_without_certificate: int = Field(3, ge=0, description="病假超过此天数需医院证明")
    annual_min_service_years: int = Field(1, ge=0, description="年假：工龄满几年")
    annual_notice_days: int = Field(30, ge=0, description="年假：提前几天申请")
