"""Core policy sections: the station itself, opening hours, sign-in security."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from station_desk.policy.base import PolicySection


class StationInfo(PolicySection):
    name: str = Field("古五服务中心", description="服务中心名称（打印在公示表标题上）")
    centre_name: str = Field("", description="上级中心名称")
    earliest_date: dt.date = Field(dt.date(2000, 1, 1), description="可录入的最早日期（更早的日期一律拒绝）")
    latest_years_ahead: int = Field(10, ge=1, le=50, description="最多可录入几年以后的日期")


class Segment(PolicySection):
    start: dt.time
    end: dt.time

    @field_validator("end")
    @classmethod
    def _after_start(cls, v: dt.time, info):
        start = info.data.get("start")
        if start is not None and v <= start:
            raise ValueError("结束时间必须晚于开始时间")
        return v


def _default_week() -> list[list[Segment]]:
    return [[Segment(start=dt.time(8, 30), end=dt.time(20, 0))] for _ in range(7)]


class OpeningHours(PolicySection):
    """Opening hours (SPEC §5: 08:30–20:00, never unattended). One or more segments per weekday
    (index 0 = Monday); dates in ``closed_days`` have none; ``special_days`` replace a date's segments."""

    week: list[list[Segment]] = Field(default_factory=_default_week, description="每周各天营业时段（周一为第一项）")
    closed_days: list[dt.date] = Field(default_factory=list, description="停业日期")
    special_days: dict[dt.date, list[Segment]] = Field(default_factory=dict, description="特殊营业时段")

    def segments_on(self, day: dt.date) -> list[Segment]:
        if day in self.closed_days:
            return []
        if day in self.special_days:
            return list(self.special_days[day])
        return list(self.week[day.weekday()])


class Security(PolicySection):
    max_pin_tries: int = Field(5, ge=1, le=20, description="密码连续输错几次后锁定")
    pin_lock_minutes: int = Field(5, ge=1, le=1440, description="锁定分钟数")
    manager_min_pin_length: int = Field(6, ge=4, le=12, description="经理密码最少位数（设置或修改密码时）")
    mask_phone_numbers: bool = Field(True, description="列表中隐藏用户电话中间四位（经理除外）")
