"""Customer-side policy (SPEC §2): packages, billing cycles, areas (片区)."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class Package(PolicySection):
    code: str
    name: str
    rank: int  # for upgrade/downgrade comparisons


class CustomerPolicy(PolicySection):
    packages: list[Package] = Field(
        default_factory=lambda: [
            Package(code="3.0", name="闪影3.0", rank=1),
            Package(code="6.0", name="闪影6.0", rank=2),
            Package(code="8.2", name="闪影8.2", rank=3),
            Package(code="10.3", name="闪影10.3", rank=4),
        ],
        description="套餐",
    )
    cycles: dict[str, str] = Field(
        default_factory=lambda: {"monthly": "包月", "half_year": "半年", "yearly": "包年"},
        description="缴费周期",
    )
    areas: list[str] = Field(default_factory=lambda: ["简易片区", "肖家地片区"], description="片区")
    expiring_window_days: int = Field(30, ge=1, le=366, description="到期回访表默认天数")
