"""Gift-stock policy (SPEC §4). Owned by the gift_stock module."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class GiftPolicy(PolicySection):
    default_low_stock: int = Field(5, ge=0, description="默认低库存提醒数量")
    entitlement_lookback_days: int = Field(92, ge=1, le=731,
                                           description="发放礼品时列出用户多少天内办理的业务")
