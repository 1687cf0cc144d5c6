"""Backup policy (SPEC §10). Owned by the backup module."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class BackupPolicy(PolicySection):
    auto_interval_minutes: int = Field(30, ge=5, description="自动备份间隔（分钟，数据有变化时）")
    keep_all_days: int = Field(2, ge=0, description="保留最近几天的全部备份")
    keep_daily: int = Field(14, ge=0, description="之后保留几个每日备份")
    keep_weekly: int = Field(10, ge=0, description="再保留几个每周备份")
    keep_monthly: int = Field(12, ge=0, description="再保留几个每月备份")
