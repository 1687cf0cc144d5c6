"""The overview's numbers (issue #20 §1): today at the station and the month so far. Read-only: every number comes
from another module's public reads (or, where none exists, a read of its models written here), and carries the
key of the rows behind it (``drill.rows_for``). Qt-free; the tab calls these on the DB worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.overview import glance
from station_desk.overview.model import Chart, Metric, MonthView, Section, Series, Today

EXPIRY_WINDOW_DAYS = 15  # "customers expiring in the next 15 days not yet called" (issue #20)
RESPOND, RESOLVE = "respond", "resolve"


def _age(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes >= 24 * 60:
        return f"{minutes // (24 * 60)} 天 {minutes % (24 * 60) // 60} 小时"
    return f"{minutes // 60}:{minutes % 60:02d}"


# ---------------------------------------------------------------------------------------------------------- today


def order_states(db, now: dt.datetime):
    """(board, {order id: (state, which, minutes left)}) from the work-order board."""
    from station_desk.work_orders import queries as wq

    board = wq.board(db, now=now)
    return board, wq.countdowns(board, now)


def orders_section(db, now: dt.datetime) -> Section:
    board, states = order_states(db, now)
    counts = {(st, which): 0 for st in ("amber", "late") for which in (RESPOND, RESOLVE)}
    for state, which, _left in states.values():
        if (state, which) in counts:
            counts[(state, which)] += 1
    waiting = [o for o in board.orders if states.get(o.id, ("",))[0] == "waiting"]
    oldest = min(waiting, key=lambda o: o.created_at, default=None)
    metrics = [
        Metric("orders:open", "未完成工单", str(len(board.orders))),
        Metric("orders:waiting", "待派单", str(len(waiting)), "warn" if waiting else ""),
        Metric("orders:amber:respond", "响应将超时", str(counts[("amber", RESPOND)]),
               "warn" if counts[("amber", RESPOND)] else ""),
        Metric("orders:late:respond", "响应已超时", str(counts[("late", RESPOND)]),
               "bad" if counts[("late", RESPOND)] else ""),
        Metric("orders:amber:resolve", "处理将超时", str(counts[("amber", RESOLVE)]),
               "warn" if counts[("amber", RESOLVE)] else ""),
        Metric("orders:late:resolve", "处理已超时", str(counts[("late", RESOLVE)]),
               "bad" if counts[("late", RESOLVE)] else ""),
    ]
    if oldest is not None:
        metrics.append(Metric("orders:waiting", "最久未派", f"{oldest.id} 号 · 已等 {_age(now - oldest.created_at)}",
                              "bad" if oldest.carried_over else "warn", oldest.customer_name))
    return Section("工单", tuple(metrics), "work_orders")


def staff_day(db, day: dt.date, now: dt.datetime):
    """(on duty now, resting today, late, absent) as lists of names, from the roster and the clock-ins."""
    from station_desk.attendance import service as attendance
    from station_desk.rest_roster.planner import REST

    on_duty, resting, late, absent = [], [], [], []
    for st in attendance.day_status(db, day=day):
        if st.code == REST:
            resting.append(st.name)
            continue
        if st.shift:
            a, b = st.shift.split("–")
            start = dt.datetime.combine(day, dt.time.fromisoformat(a))
            end = dt.datetime.combine(day, dt.time.fromisoformat(b))
            clocked_out = st.last_out is not None and (st.first_in is None or st.last_out > st.first_in)
            if start <= now < end and st.first_in is not None and not clocked_out:
                on_duty.append(st.name)
        if "late" in st.exceptions:
            late.append(st.name)
        if "absent" in st.exceptions or ("missing_in" in st.exceptions and st.first_in is None):
            absent.append(st.name)
    return on_duty, resting, late, absent


def people_section(db, day: dt.date, now: dt.datetime) -> Section:
    on_duty, resting, late, absent = staff_day(db, day, now)
    return Section("今日人员", (
        Metric("people:on_duty", "在岗（已打卡）", str(len(on_duty)), hint="、".join(on_duty)),
        Metric("people:resting", "今日休息", str(len(resting)), hint="、".join(resting)),
        Metric("people:late", "迟到", str(len(late)), "warn" if late else "", "、".join(late)),
        Metric("people:absent", "缺勤", str(len(absent)), "bad" if absent else "", "、".join(absent)),
    ), "attendance")


def stock_and_customers_section(db, day: dt.date) -> Section:
    from station_desk.gift_stock import queries as gifts

    from station_desk.contact_log import queries as contacts

    low = gifts.low_stock_items(db)
    uncalled = expiring_uncalled_count(db, day)
    with db.read() as s:
        pending = contacts.count_awaiting_reply_in(s)
    return Section("提醒", (
        Metric("contacts:pending", "前台登记待回复", str(pending), "warn" if pending else ""),
        Metric("gifts:low", "礼品库存不足", str(len(low)), "warn" if low else "", "、".join(i.name for i in low)),
        Metric("customers:expiring", f"{EXPIRY_WINDOW_DAYS} 天内到期未回访", str(uncalled),
               "warn" if uncalled else ""),
    ), "customers")


def expiring_uncalled_count(db, day: dt.date) -> int:
    """How many :func:`expiring_uncalled` lists, counted in SQL (the window's thousands of customers are not
    fetched to be counted)."""
    from station_desk.customers import service as customers

    total, called = customers.count_expiring(db, start=day, end=day + dt.timedelta(days=EXPIRY_WINDOW_DAYS))
    return total - called


def expiring_uncalled(db, day: dt.date):
    """Customers expiring in the next 15 days that nobody has called about this expiry yet."""
    from station_desk.customers import service as customers

    rows = customers.list_expiring(db, start=day, end=day + dt.timedelta(days=EXPIRY_WINDOW_DAYS))
    return [r for r in rows if r.last_call_at is None]


def today_view(db, now: dt.datetime | None = None, *, part: str | Iterable[str] = "all") -> Today:
    """The "today" block. ``part``: "desk" (contacts and takings: two indexed reads, the overview's first
    paint), "rest" (orders with their deadlines, people, reminders: the SLA engine and the roster), one of those
    three ("orders", "people", "reminders", or a list of them: what a write can have changed, :func:`stale_parts`)
    or "all"."""
    now = now or clock.now()
    day = now.date()
    want = {part} if isinstance(part, str) else set(part)
    if want & {"rest", "all"}:
        want |= {"orders", "people", "reminders"}
    if "all" in want:
        want.add("desk")
    sections: tuple = ()
    if "desk" in want:
        sections += (glance.contacts_section(db, day), glance.takings_section(db, day))
    if "orders" in want:
        sections += (orders_section(db, now),)
    if "people" in want:
        sections += (people_section(db, day, now),)
    if "reminders" in want:
        sections += (stock_and_customers_section(db, day),)
    return Today(day, now, sections)


#: what each part of the overview reads, as change topics (``station_desk.db.changes.TOPICS``). After a write the
#: tab re-reads only the parts whose topics the write touched: every write also appends to the audit log, which
#: only the checklist reads (its posted sheets), so a contact no longer recomputes the month's SLA and points.
PART_TOPICS: dict[str, frozenset[str]] = {
    "desk": frozenset({"contacts", "takings"}),
    "orders": frozenset({"work_orders", "staff", "customers", "attendance", "roster", "leave"}),
    "people": frozenset({"attendance", "roster", "leave", "staff"}),
    "reminders": frozenset({"contacts", "gifts", "customers"}),
    # the month: SLA (orders, their events and outages, staff names); points (ledger, facts, inputs, snapshots;
    # renewals, sign-ups and customers; the register and its roles); installs, renewals and the cash book
    "sla": frozenset({"work_orders", "staff"}),
    "points": frozenset({"points", "customers", "staff"}),
    "business": frozenset({"customers", "points", "cash"}),
    # posted sheets (audit), the month lock (periods), invoice checks, next month's roster, the USB backup
    "checklist": frozenset({"audit", "takings", "roster", "staff", "backup"}),
}
#: every topic the overview shows (the tab's ``watches``)
WATCHED = frozenset().union(*PART_TOPICS.values())
#: the parts whose numbers change with the time of day alone, no write needed: deadlines pass (today's orders, the
#: month's late orders), shifts start and end (who is on duty, late, absent). The tab re-reads them every minute
#: while it is shown.
CLOCK_PARTS = ("orders", "people", "sla")


def stale_parts(changes: set[str] | None) -> list[str]:
    """The parts (of :data:`PART_TOPICS`, in drawing order) that ``changes`` (topics; None: unknown, e.g. the first
    open or F5) can have changed. A month lock or a policy change (``db.changes.EVERYONE``) changes them all."""
    from station_desk.db.changes import EVERYONE

    if changes is None or "*" in changes or changes & EVERYONE:
        return list(PART_TOPICS)
    return [part for part, topics in PART_TOPICS.items() if changes & topics]


#: where each "today" section sits (the parts arrive one after the other)
TODAY_ORDER = ("今日前台登记", "工单", "今日收款", "今日人员", "提醒")


# ---------------------------------------------------------------------------------------------------------- month


def _pct(n: int, d: int) -> float | None:
    return round(100.0 * n / d, 1) if d else None


def _fmt_pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}%"


def sla_so_far(db, month: Month):
    """(responded %, resolved %, orders) of the month so far and the weekly on-time % of this and last month."""
    from station_desk.work_orders import queries as wq

    prev_m = month.prev()
    since = prev_m.first - dt.timedelta(days=prev_m.first.weekday())  # last month's first week's Monday
    with db.read() as s:  # one read of the orders of both months' weeks serves the three views
        names = wq.staff_names(s)
        facts = wq.order_facts_in(s, dt.datetime.combine(since, dt.time()),
                                  dt.datetime.combine(month.last + dt.timedelta(days=1), dt.time()))
    in_month = [f for f in facts if month.first <= f.first_dispatched_at.date() <= month.last]
    total = wq.sla_total(wq.sla_rows(names, in_month))
    return total, wq.weekly_points(facts, month), wq.weekly_points(facts, prev_m)


def points_so_far(db, month: Month):
    """The month's points per person (computed now: provisional until the month is locked) and the policy."""
    from station_desk.points.month import month_points
    from station_desk.policy.service import current_policy

    return month_points(db, month.key, with_warnings=False), current_policy(db, month.first).points


def renewals_so_far(db, month: Month, today: dt.date) -> dict[int, bool]:
    """{customer id: renewed?} for the customers whose expiry (before any renewal) fell in the month up to today —
    the points rule's definition cut at today (the points module reads whole months only, so this read of the
    customers' models is the overview's own)."""
    from sqlmodel import select

    from station_desk.customers.models import Customer, Renewal

    first, last = month.first, min(today, month.last)
    out: dict[int, bool] = {}
    if last < first:
        return out
    with db.read() as s:
        rows = s.exec(select(Renewal.id, Renewal.customer_id, Renewal.reverses_id)
                      .where(Renewal.expiry_before >= first, Renewal.expiry_before <= last)).all()
        ids = [r[0] for r in rows]
        undone = set()
        for k in range(0, len(ids), 900):
            undone |= set(s.exec(select(Renewal.reverses_id).where(Renewal.reverses_id.in_(ids[k:k + 900]))).all())
        for rid, cid, reverses in rows:
            if reverses is None and rid not in undone:
                out[cid] = True
        for cid in s.exec(select(Customer.id).where(Customer.expiry_date >= first,
                                                      Customer.expiry_date <= last)).all():
            out.setdefault(cid, False)
    return out


def renewal_counts_so_far(db, month: Month, today: dt.date) -> tuple[int, int]:
    """(renewed, due) of :func:`renewals_so_far`, counted in SQL (the month's customers are not fetched)."""
    from sqlmodel import func, select

    from station_desk.customers.models import Customer, Renewal
    from station_desk.points.facts import due_without_renewal, live_renewal

    first, last = month.first, min(today, month.last)
    if last < first:
        return 0, 0
    stop = last + dt.timedelta(days=1)
    with db.read() as s:
        renewed = s.exec(select(func.count(func.distinct(Renewal.customer_id))).where(
            Renewal.expiry_before >= first, Renewal.expiry_before < stop, live_renewal())).one()
        others = s.exec(select(func.count()).select_from(Customer).where(due_without_renewal(first, stop))).one()
    return renewed, renewed + others


def installs_and_renewals(db, month: Month, today: dt.date | None = None):
    """(installs so far, target or None, (rate %, renewed, due) so far)."""
    from station_desk.points import facts as pm
    from station_desk.points.formulas import renewal_rate_pct

    today = today or clock.today()
    with db.read() as s:
        done = [i for i in pm.installs(s, month.key) if i.installed_on <= today]
        inp = pm.month_input(s, month.key)
    renewed, due = renewal_counts_so_far(db, month, today)
    return len(done), (inp.new_install_target if inp else None), (renewal_rate_pct(renewed, due), renewed, due)


MONTH_PARTS = ("sla", "points", "business")


def month_view(db, day: dt.date | None = None, *, parts: Iterable[str] = MONTH_PARTS) -> MonthView:
    """The "this month" block: SLA, points, installs, renewals, the cash book — with their charts. ``parts``: some
    of :data:`MONTH_PARTS` (what a write can have changed, :func:`stale_parts`); the view then holds only theirs:
    "sla" its section and the weekly chart, "points" the points chart, "business" installs, renewals and cash."""
    day = day or clock.today()
    month = Month.of(day)
    sections: tuple = ()
    charts: tuple = ()
    if "sla" in parts:
        section, chart = sla_part(db, month)
        sections += (section,)
        charts += (chart,)
    if "business" in parts:
        sections += (business_part(db, month, day),)
    if "points" in parts:
        charts += (points_part(db, month),)
    return MonthView(month.key, sections, charts)


def sla_part(db, month: Month) -> tuple[Section, Chart]:
    total, this_weeks, last_weeks = sla_so_far(db, month)
    sla = Section("工单时效（本月至今）", (
        Metric("sla:orders", "派单数", str(total.orders if total else 0)),
        Metric("sla:respond", "按时响应", _fmt_pct(total.responded_on_time_pct if total else None)),
        Metric("sla:resolve", "按时处理", _fmt_pct(total.resolved_on_time_pct if total else None)),
        Metric("sla:late", "超时单", str(total.late_orders if total else 0),
               "warn" if total and total.late_orders else ""),
    ), "work_orders")
    weeks = max(len(this_weeks), len(last_weeks))
    sla_chart = Chart(
        "按周按时处理率：本月与上月", tuple(f"第{i + 1}周" for i in range(weeks)),
        (Series(f"{month.prev().month}月", tuple(w.resolved_on_time_pct if w.orders else None
                                                 for w in last_weeks) + (None,) * (weeks - len(last_weeks))),
         Series(f"{month.month}月", tuple(w.resolved_on_time_pct if w.orders else None
                                          for w in this_weeks) + (None,) * (weeks - len(this_weeks)))),
        unit="%", keys=tuple("sla:orders" for _ in range(weeks)))
    return sla, sla_chart


def business_part(db, month: Month, day: dt.date) -> Section:
    from station_desk.cash_book import service as cash
    from station_desk.policy.service import current_policy

    ppol = current_policy(db, month.first).points
    installs, target, (rate, renewed, due) = installs_and_renewals(db, month, day)
    book = cash.month_totals(db, month)
    base, goal = ppol.renewal_base_rate_pct, ppol.renewal_target_pct
    level = "" if rate is None or rate >= goal else ("warn" if rate >= base else "bad")
    return Section("业务（本月至今）", (
        Metric("installs:month", "新装", f"{installs} / {target}" if target else str(installs),
               "" if not target or installs >= target else "warn",
               f"完成 {_fmt_pct(_pct(installs, target))}" if target else "本月新增任务未录入"),
        Metric("renewals:month", "续费率", "—" if rate is None else f"{rate}%", level,
               f"至今到期 {due} 户，已续 {renewed} 户；基数 {base}%，目标 {goal}%"),
        Metric("cash:income", "现金账收入", fmt_fen(book.income_fen)),
        Metric("cash:expense", "现金账支出", fmt_fen(book.expense_fen)),
        Metric("cash:balance", "结余", fmt_fen(book.closing_fen)),
    ), "cash_book")


def points_part(db, month: Month) -> Chart:
    mp, ppol = points_so_far(db, month)
    people = list(mp.people)
    return Chart(
        "本月积分（至今）", tuple(p.name for p in people),
        (Series("积分", tuple(p.total_x100 / 100 for p in people)),), unit="分",
        threshold=float(ppol.transfer_points_threshold), threshold_label=f"转岗预警线 {ppol.transfer_points_threshold}",
        note="" if mp.locked else "暂定（月末结账后为准）", keys=tuple(f"points:{p.staff_id}" for p in people))
