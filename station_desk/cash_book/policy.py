"""Cash-book policy (SPEC §8). Owned by the cash_book module."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class CashBookPolicy(PolicySection):
    expense_categories: list[str] = Field(
        default_factory=lambda: ["临时宣传员费用", "小额办公费", "水电费", "物业费", "站内电话费", "电脑补助",
                                 "电动车补助", "即时奖励", "其他经营费用"],
        description="支出类别",
    )
    income_categories: list[str] = Field(
        default_factory=lambda: ["前台收款", "上门收费", "备用金", "其他收入"], description="收入类别")
