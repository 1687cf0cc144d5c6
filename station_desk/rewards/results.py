"""What a month of instant rewards is (SPEC §7): the computed lines, each with its rule, facts and status."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from station_desk.money import fmt_fen
from station_desk.points import formulas as F
from station_desk.rewards import rules as R

#: a line's status as the tab, the sheet and the command line show it
STATUS_LABELS = {"due": "待批准", "pending": "待定", "provisional": "暂估", "approved": "已批准", "paid": "已发放",
                 "changed": "批准后有变"}
#: statuses whose amount is not counted in the month's total (nor approved, nor paid) yet
NOT_COUNTED = frozenset({"pending", "provisional"})


@dataclass(frozen=True)
class RewardLine:
    key: str
    staff_id: int
    name: str
    role_label: str
    rule: str
    day: dt.date
    amount_fen: int
    status: str  # due | pending | provisional | approved | paid | changed
    text: str
    facts: tuple[str, ...] = ()
    approved_fen: int | None = None
    paid_on: dt.date | None = None
    #: the first day the line is final (its day, week or month is over); before it the line is provisional
    final_on: dt.date | None = None

    @property
    def rule_label(self) -> str:
        return R.rule_label(self.rule)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def status_text(self) -> str:
        """The label, with the day a provisional line becomes final: 暂估（2027-01-01 起可批准）."""
        if self.status == "provisional" and self.final_on is not None:
            return f"{self.status_label}（{self.final_on.isoformat()} 起可批准）"
        return self.status_label

    @property
    def amount(self) -> str:
        return fmt_fen(self.amount_fen)

    @property
    def counted(self) -> bool:
        return self.status not in NOT_COUNTED

    @property
    def approved_amount(self) -> str:
        return "" if self.approved_fen is None else fmt_fen(self.approved_fen)


def keys_to_approve(lines) -> list[str]:
    """The lines among ``lines`` the manager can approve: due, or changed since their approval."""
    return [ln.key for ln in lines if ln.status in ("due", "changed")]


def keys_to_pay(lines) -> list[str]:
    """The lines among ``lines`` that can be paid: approved and not paid yet."""
    return [ln.key for ln in lines if ln.status == "approved"]


@dataclass(frozen=True)
class MonthRewards:
    month: str
    lines: tuple[RewardLine, ...]
    locked: bool = False

    @property
    def payable(self) -> list[RewardLine]:
        """The lines the month counts: neither pending nor provisional."""
        return [ln for ln in self.lines if ln.counted]

    @property
    def total_fen(self) -> int:
        return sum(ln.amount_fen for ln in self.payable)

    @property
    def pending_fen(self) -> int:
        return sum(ln.amount_fen for ln in self.lines if ln.status == "pending")

    @property
    def provisional_fen(self) -> int:
        return sum(ln.amount_fen for ln in self.lines if ln.status == "provisional")

    def by_person(self) -> dict[int, list[RewardLine]]:
        out: dict[int, list[RewardLine]] = defaultdict(list)
        for ln in self.lines:
            out[ln.staff_id].append(ln)
        return out

    def to_json(self) -> dict:
        people = []
        for sid, lines in sorted(self.by_person().items(), key=lambda kv: kv[1][0].name):
            people.append({
                "staff_id": sid, "name": lines[0].name, "role_label": lines[0].role_label,
                "total_yuan": F.fmt_yuan(sum(ln.amount_fen for ln in lines if ln.counted)),
                "pending_yuan": F.fmt_yuan(sum(ln.amount_fen for ln in lines if ln.status == "pending")),
                "provisional_yuan": F.fmt_yuan(sum(ln.amount_fen for ln in lines if ln.status == "provisional")),
                "lines": [{"key": ln.key, "rule": ln.rule, "rule_label": ln.rule_label, "date": ln.day.isoformat(),
                           "amount_yuan": F.fmt_yuan(ln.amount_fen), "status": ln.status, "text": ln.text,
                           "facts": list(ln.facts),
                           "final_on": ln.final_on.isoformat() if ln.final_on else None} for ln in lines],
            })
        return {"month": self.month, "locked": self.locked, "total_yuan": F.fmt_yuan(self.total_fen),
                "pending_yuan": F.fmt_yuan(self.pending_fen), "provisional_yuan": F.fmt_yuan(self.provisional_fen),
                "people": people}
