"""The front-desk ledger's vocabulary and row shapes, shared by ``service`` (writes) and ``queries`` (reads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from station_desk.contact_log.models import Contact
from station_desk.takings.service import METHODS

KINDS: dict[str, str] = {
    "inquiry": "咨询",
    "new_install": "新装",
    "renewal": "续费",
    "fault": "故障",
    "complaint": "投诉",
    "payment": "缴费",
    "other": "其他",
}
CHANNELS: dict[str, str] = {"walk_in": "来访", "phone": "来电"}
RESULTS: dict[str, str] = {"done": "已办结", "pending": "待回复", "forwarded": "已转交"}
#: kinds that can become a work order in one step
WORK_ORDER_KINDS = ("fault", "new_install", "complaint")


@dataclass(frozen=True)
class ContactRow:
    id: int
    at: dt.datetime
    channel: str
    kind: str
    customer_id: int | None
    account_no: str
    person_name: str
    person_phone: str
    address: str
    asked: str
    done: str
    result: str
    reply_by: dt.date | None
    clerk: str
    amount_fen: int
    method: str
    invoice_no: str
    receipt_id: int | None
    renewal_id: int | None
    signup_id: int | None
    warning: str
    reverses_id: int | None
    reason: str
    voided: bool = False
    follow_up_of: int | None = None
    answered: bool = False  # a pending contact that has had its reply
    work_order_id: int | None = None  # the work order made from this contact (Ctrl+W at the front desk)

    @property
    def awaiting_reply(self) -> bool:
        return self.result != "done" and not self.answered and not self.voided and self.reverses_id is None

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)

    @property
    def result_label(self) -> str:
        if self.work_order_id is not None:
            return f"已转工单 #{self.work_order_id}"
        return RESULTS.get(self.result, self.result)

    @property
    def method_label(self) -> str:
        return METHODS.get(self.method, self.method) if self.amount_fen else ""


@dataclass(frozen=True)
class Totals:
    count: int
    by_kind: dict[str, int]  # kind → number of contacts
    amount_by_kind: dict[str, int]  # kind → fen
    amount_by_method: dict[str, int]  # method → fen (contacts only)
    amount_fen: int
    pending: int  # inquiries still waiting for a reply


def contact_row(c: Contact, account_no: str = "", voided: bool = False, answered: bool = False,
                work_order_id: int | None = None) -> ContactRow:
    return ContactRow(c.id, c.at, c.channel, c.kind, c.customer_id, account_no, c.person_name, c.person_phone,
                      c.address, c.asked, c.done, c.result, c.reply_by, c.clerk_name, c.amount_fen, c.method,
                      c.invoice_no, c.receipt_id, c.renewal_id, c.signup_id, c.warning, c.reverses_id, c.reason,
                      voided, c.follow_up_of, answered, work_order_id)


@dataclass(frozen=True)
class CustomerHint:
    """What the front desk shows under the form for the chosen customer: the expiry (``due``: within the
    policy's expiring window or already expired, shown in red), where a renewal would move it, the last contacts."""

    expiry_date: dt.date | None
    days_left: int | None
    due: bool
    after_renewal: dt.date | None
    recent: list[ContactRow]
