"""The month-end checklist (issue #20 §1, SPEC §6 §8 §9 §10): each duty with its date from policy, done / due /
late, and the tab that does it. The one write here is ``record_sheet_posted``: the manager notes that a wall
sheet was printed and posted (an audit row, ``overview.sheet_posted``), since printing itself leaves no record."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.audit.models import AuditEntry
from station_desk.errors import DomainError
from station_desk.month import Month
from station_desk.overview.model import CheckItem

POSTED_ACTION = "overview.sheet_posted"
SHEETS = {"points": "积分公示表", "accounts": "账务明细", "rewards": "即时奖励明细", "roster": "排休表"}
POSTING_DAY = 7  # "in the first week of each month" (SPEC §8)
HOLIDAYS_FROM_MONTH = 11  # next year's holidays are asked for from November


def record_sheet_posted(db, *, actor: Actor, sheet: str, month: Month | str) -> None:
    """Note that ``sheet`` of ``month`` was printed and posted on the wall (audited; no other record changes)."""
    if sheet not in SHEETS:
        raise DomainError("overview.unknown_sheet", sheet=sheet)
    month = Month.parse(month).key
    with db.session() as s:
        audit.record(s, actor=actor, action="overview.sheet_posted", entity="wall_sheet", entity_id=f"{sheet}:{month}",
                     after={"sheet": SHEETS[sheet], "month": month})


def posted_sheets(s) -> set[str]:
    """{"points:2026-12", …}: the sheets noted as posted."""
    return set(s.exec(select(AuditEntry.entity_id).where(AuditEntry.action == POSTED_ACTION)).all())


def _status(done: bool, due: dt.date, today: dt.date) -> str:
    return "done" if done else ("late" if today > due else "due")


def _week_checked(s, monday: dt.date) -> bool:
    from station_desk.takings.models import InvoiceCheck

    return s.exec(select(InvoiceCheck.id).where(InvoiceCheck.week_start == monday)).first() is not None


def _next_year_holidays_known(s, year: int) -> bool:
    from station_desk.rest_roster.overrides import year_known_in

    return year_known_in(s, year)


def checklist(db, today: dt.date | None = None) -> list[CheckItem]:
    """The duties as of ``today``: last month's points locked by the review day, its wall sheets posted in the
    first week, next month's roster posted before it starts, this week's invoices reconciled, last month's USB
    backup, next year's holidays (from November)."""
    from station_desk.backup import service as backup
    from station_desk.periods.service import is_locked
    from station_desk.policy.service import current_policy
    from station_desk.rest_roster import service as roster

    today = today or clock.today()
    this = Month.of(today)
    last, nxt = this.prev(), this.next()
    review_day = current_policy(db, today).points.review_deadline_day
    items: list[CheckItem] = []
    with db.read() as s:
        posted = posted_sheets(s)
        locked = is_locked(s, "points", last.key)
        monday = today - dt.timedelta(days=today.weekday())
        this_week = _week_checked(s, monday)
        last_week = _week_checked(s, monday - dt.timedelta(days=7))
        holidays_known = _next_year_holidays_known(s, today.year + 1) if today.month >= HOLIDAYS_FROM_MONTH else True

    due = dt.date(today.year, today.month, review_day)
    items.append(CheckItem("points_lock", f"{last.label()}积分复核并结账", due, _status(locked, due, today),
                           "已结账" if locked else f"{review_day} 日前复核、打印交经理并结账", "points"))
    post_due = dt.date(today.year, today.month, POSTING_DAY)
    for sheet, tab in (("points", "points"), ("accounts", "cash_book"), ("rewards", "rewards")):
        done = f"{sheet}:{last.key}" in posted
        items.append(CheckItem(f"post_{sheet}", f"张贴{last.label()}{SHEETS[sheet]}", post_due,
                               _status(done, post_due, today), "已张贴" if done else "每月第一周打印张贴", tab))
    next_roster = roster.get_month(db, month=nxt)
    done = next_roster.saved and f"roster:{nxt.key}" in posted
    detail = "已排班并张贴" if done else ("已排班，待打印张贴" if next_roster.saved else "下月排休尚未排定")
    items.append(CheckItem("post_roster", f"{nxt.label()}排休表排定并张贴", this.last,
                           _status(done, this.last, today), detail, "rest_roster"))
    sunday = monday + dt.timedelta(days=6)
    if not last_week:
        items.append(CheckItem("invoices", "上周发票核对", monday - dt.timedelta(days=1), "late",
                               "上周的发票尚未核对", "cash_book"))
    items.append(CheckItem("invoices_week", "本周发票核对", sunday, _status(this_week, sunday, today),
                           "已核对" if this_week else "税控专员每周核对发票", "cash_book"))
    usb_done = any(r.get("month", "") >= last.key for r in backup.external_backups(db.address))
    items.append(CheckItem("usb_backup", f"{last.label()}月末 U 盘备份", last.last,
                           _status(usb_done, last.last, today), "已备份" if usb_done else "插入 U 盘，备份到 U 盘",
                           "backup"))
    if today.month >= HOLIDAYS_FROM_MONTH:
        year_end = dt.date(today.year, 12, 31)
        items.append(CheckItem("holidays", f"录入 {today.year + 1} 年法定节假日", year_end,
                               _status(holidays_known, year_end, today),
                               "已知" if holidays_known else "在排休页录入明年的放假与调休", "rest_roster"))
    return items


def late_items(db, today: dt.date | None = None) -> list[CheckItem]:
    return [i for i in checklist(db, today) if i.status == "late"]
