"""Instant-reward policy (SPEC §7). Owned by the rewards module."""

from __future__ import annotations

from station_desk.policy.base import PolicySection


class RewardsPolicy(PolicySection):
    pass
