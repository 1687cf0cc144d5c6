"""Roster, attendance and leave policy (SPEC §5). Owned by the rest_roster / attendance modules.

Shifts are policy so that the coverage check works on hours, not heads: every minute of the opening hours
(``policy.hours``) must have at least ``min_staff_on_duty`` people on a shift, ``min_front_desk_on_duty`` of them
in a front-desk role.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from station_desk.policy.base import PolicySection
from station_desk.staff.roles import FRONT_DESK_ROLES


class Shift(PolicySection):
    """One shift: ``code`` is the single letter typed on the roster grid and printed on the wall roster."""

    code: str = Field(min_length=1, max_length=1, description="班次代码（一个英文字母）")
    name: str = Field(max_length=10, description="班次名称")
    start: dt.time = Field(description="上班时间")
    end: dt.time = Field(description="下班时间")

    @field_validator("code")
    @classmethod
    def _letter(cls, v: str) -> str:
        v = v.upper()
        if not ("A" <= v <= "Z") or v == "R":
            raise ValueError("班次代码必须是 A–Z 中的一个字母（R 表示公休）")
        return v

    @model_validator(mode="after")
    def _order(self):
        if self.end <= self.start:
            raise ValueError("下班时间必须晚于上班时间")
        return self

    @property
    def hours(self) -> float:
        return (self.end.hour * 60 + self.end.minute - self.start.hour * 60 - self.start.minute) / 60


def _default_shifts() -> list[Shift]:
    return [
        Shift(code="E", name="早班", start=dt.time(8, 30), end=dt.time(16, 30)),
        Shift(code="M", name="中班", start=dt.time(10, 0), end=dt.time(18, 0)),
        Shift(code="L", name="晚班", start=dt.time(12, 0), end=dt.time(20, 0)),
    ]


class RosterPolicy(PolicySection):
    rest_days_per_month: int = Field(6, ge=0, le=15, description="每人每月公休天数")
    min_staff_on_duty: int = Field(2, ge=1, description="营业时间内最少在岗人数")
    min_front_desk_on_duty: int = Field(1, ge=0, description="营业时间内最少在岗的前台人员人数")
    front_desk_roles: list[str] = Field(default_factory=lambda: sorted(FRONT_DESK_ROLES),
                                        description="能顶前台的岗位")
    workday_hours: int = Field(8, ge=1, le=12, description="每天工作小时数")
    shifts: list[Shift] = Field(default_factory=_default_shifts, description="班次（早班、中班、晚班等）")
    default_shift: str = Field("E", description="新排班表默认班次")
    personal_leave_offsets_rest: bool = Field(True, description="事假按公休销假（抵扣当月公休天数）")

    @model_validator(mode="after")
    def _shifts_ok(self):
        codes = [s.code for s in self.shifts]
        if not codes:
            raise ValueError("至少要有一个班次")
        if len(set(codes)) != len(codes):
            raise ValueError("班次代码不能重复")
        if self.default_shift.upper() not in codes:
            raise ValueError("默认班次必须是已定义的班次")
        return self

    def shift(self, code: str) -> Shift | None:
        for s in self.shifts:
            if s.code == code:
                return s
        return None


class AttendancePolicy(PolicySection):
    late_deduction_points: int = Field(5, ge=0, description="迟到/早退/缺打卡一次扣分")
    absent_deduction_points: int = Field(20, ge=0, description="旷工一天扣分")
    grace_minutes: int = Field(0, ge=0, description="迟到宽限分钟")
    violation_flag_at: int = Field(3, ge=1, description="当月第几次违纪上报中心（不再自动扣分）")
    clock_in_window_minutes: int = Field(120, ge=0, description="上班前多少分钟内的打卡算当班")


class LeavePolicy(PolicySection):
    station_approves_up_to_days: int = Field(1, ge=0, description="事假：站经理可批天数")
    centre_approves_up_to_days: int = Field(3, ge=0, description="事假：中心总经理可批天数")
    personal_max_days: int = Field(6, ge=0, description="事假最多天数（超过不准）")
    sick_max_days_without_certificate: int = Field(3, ge=0, description="病假超过此天数需医院证明")
    annual_min_service_years: int = Field(1, ge=0, description="年假：工龄满几年")
    annual_notice_days: int = Field(30, ge=0, description="年假：提前几天申请")
    tiered_kinds: list[str] = Field(default_factory=lambda: ["personal"],
                                    description="按天数分级审批的假别（其余由站经理批准）")
