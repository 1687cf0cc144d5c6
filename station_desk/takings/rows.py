"""The rows the takings service returns (Qt-free, no database access): receipts, a day's summary, a day close."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from station_desk.takings.models import Receipt, TillClose

METHODS: dict[str, str] = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "card": "刷卡", "transfer": "转账"}


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    at: dt.datetime
    day: dt.date
    amount_fen: int
    method: str
    customer_id: int | None
    source_kind: str
    source_id: str
    invoice_no: str | None
    note: str
    taken_by: str
    reverses_id: int | None
    reason: str
    reversed: bool = False

    @property
    def method_label(self) -> str:
        return METHODS.get(self.method, self.method)


@dataclass(frozen=True)
class DaySummary:
    day: dt.date
    receipts: int
    total_fen: int
    by_method: dict[str, int]
    by_source: dict[str, int]
    expected_cash_fen: int
    closed: TillCloseRow | None = None
    invoiced_fen: int = 0  # the day's takings that carry an invoice number (钱帐对应: the invoices' total)
    missing_invoice_fen: int = 0  # takings in methods that need an invoice (policy) but carry none

    @property
    def invoice_difference_fen(self) -> int:
        """Takings the invoices do not account for, in the methods that need one: 0 when money = invoices."""
        return self.missing_invoice_fen


@dataclass(frozen=True)
class TillCloseRow:
    id: int
    day: dt.date
    expected_cash_fen: int
    counted_cash_fen: int
    difference_fen: int
    reason: str
    total_fen: int
    by_method: dict[str, int]
    cckd_fen: int | None
    boss_fen: int | None
    closed_by: str
    handed_to: str
    closed_at: dt.datetime

    @property
    def cckd_difference_fen(self) -> int | None:
        return None if self.cckd_fen is None else self.total_fen - self.cckd_fen

    @property
    def boss_difference_fen(self) -> int | None:
        return None if self.boss_fen is None else self.total_fen - self.boss_fen


def receipt_row(r: Receipt, reversed_ids: set[int] | None = None) -> ReceiptRow:
    return ReceiptRow(r.id, r.at, r.day, r.amount_fen, r.method, r.customer_id, r.source_kind, r.source_id,
                      r.invoice_no, r.note, r.taken_by_name, r.reverses_id, r.reason,
                      bool(reversed_ids and r.id in reversed_ids))


def close_row(t: TillClose) -> TillCloseRow:
    return TillCloseRow(t.id, t.day, t.expected_cash_fen, t.counted_cash_fen, t.difference_fen, t.reason,
                        t.total_fen, json.loads(t.by_method or "{}"), t.cckd_fen, t.boss_fen, t.closed_by_name,
                        t.handed_to_name, t.closed_at)
