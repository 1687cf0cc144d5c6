"""Money-taking policy (SPEC §2, §8: 唱收唱付, 钱帐对应, no cash without an invoice). Owned by the takings module."""

from __future__ import annotations

from pydantic import Field

from station_desk.policy.base import PolicySection


class TakingsPolicy(PolicySection):
    invoice_required_methods: list[str] = Field(
        default_factory=lambda: ["cash"],
        description="需要发票号才能收款的方式（cash 现金、wechat 微信、alipay 支付宝、card 刷卡、transfer 转账）")
    receipt_max_fen: int = Field(1_000_000, ge=100, le=100_000_000,
                                 description="单笔收款上限（分）：超过的金额不收，请核对或分开开票")
    invoice_signoff_roles: list[str] = Field(
        default_factory=lambda: ["accounts_clerk", "manager"],
        description="可以签字确认每周发票核对的岗位（开票的人不能核对自己的发票）")
