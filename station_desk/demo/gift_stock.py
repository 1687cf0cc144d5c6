"""Demo gift inventory: five gifts, five promotions, monthly deliveries, gifts issued to the customers whose
renewals, sign-ups, new-install work orders or front-desk contacts entitle them, a refused duplicate, two manager
overrides, returns, a transfer, a write-off, and last month's stocktake with a shortage — all through the
services, so every balance and audit row is real."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from station_desk import clock
from station_desk.contact_log.models import Contact
from station_desk.demo import DemoContext
from station_desk.errors import DomainError
from station_desk.gift_stock import service as gifts
from station_desk.gift_stock import stocktake as stk
from station_desk.staff.roles import Role
from station_desk.work_orders.models import WorkOrder

ITEMS = [  # name, unit, cost fen, low-stock threshold
    ("保温杯", "个", 2550, 8),
    ("电饭煲", "台", 12000, 3),
    ("雨伞", "把", 1800, 10),
    ("数据线", "根", 990, 10),
    ("洗衣液", "瓶", 3200, 5),
]
MAX_ISSUES = 260


def _events(demo: DemoContext) -> list[tuple[dt.date, int, str]]:
    """(day, customer_id, entitlement_ref) for every customer action in the demo period that may earn a gift."""
    from station_desk.customers.models import Renewal, SignUp

    out: list[tuple[dt.date, int, str]] = []
    with demo.db.read() as s:
        for r in s.exec(select(Renewal).where(Renewal.day >= demo.start, Renewal.reverses_id == None)):  # noqa: E711
            out.append((r.day, r.customer_id, f"renewal:{r.id}"))
        for su in s.exec(select(SignUp).where(SignUp.day >= demo.start, SignUp.customer_id != None,  # noqa: E711
                                              SignUp.status != "cancelled")):
            out.append((su.installed_on or su.day, su.customer_id, f"signup:{su.id}"))
        linked = {su_id for su_id in s.exec(select(SignUp.work_order_id)).all() if su_id}
        for wo in s.exec(select(WorkOrder).where(WorkOrder.kind == "new_install",
                                                 WorkOrder.customer_id != None)):  # noqa: E711
            day = (wo.returned_at or wo.created_at).date()
            if wo.id not in linked and wo.signup_id is None and day >= demo.start:
                out.append((day, wo.customer_id, f"work_order:{wo.id}"))
        for c in s.exec(select(Contact).where(Contact.kind.in_(("renewal", "new_install")),
                                              Contact.customer_id != None,  # noqa: E711
                                              Contact.renewal_id == None, Contact.signup_id == None,  # noqa: E711
                                              Contact.reverses_id == None, Contact.day >= demo.start)):  # noqa
            out.append((c.day, c.customer_id, f"contact:{c.id}"))
    today = clock.today()
    return sorted(e for e in out if e[0] <= today)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, d = [], start.replace(day=1)
    while d <= end:
        out.append(d)
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


def populate(demo: DemoContext) -> None:
    rng, db = demo.rng, demo.db
    clerks = demo.staff_by_role.get(Role.DISPATCH_CLERK) or [demo.manager.staff_id]
    accounts = (demo.staff_by_role.get(Role.ACCOUNTS_CLERK) or clerks)[0]
    keeper = demo.actor_for(accounts)
    ids = {}
    for name, unit, cost, low in ITEMS:
        ids[name] = gifts.add_item(db, actor=keeper, name=name, unit=unit, unit_cost_fen=cost, low_stock=low).id
    first, last = demo.start, demo.end.replace(month=12, day=31)
    promos = [
        dict(name="包年续费送电饭煲", action="renewal", cycle="yearly", item_id=ids["电饭煲"]),
        dict(name="半年续费送保温杯", action="renewal", cycle="half_year", item_id=ids["保温杯"]),
        dict(name="新装送雨伞", action="new_install", item_id=ids["雨伞"]),
        dict(name="升级套餐送数据线", action="upgrade", item_id=ids["数据线"], qty=2),
        dict(name="办理闪影10.3送洗衣液", action="package", package="10.3", item_id=ids["洗衣液"]),
    ]
    for p in promos:
        gifts.add_promotion(db, actor=demo.manager, approval=demo.approval, valid_from=first, valid_to=last, **p)

    # what each event is entitled to, grouped by month, to size the deliveries
    plan = []
    for day, customer_id, ref in _events(demo):
        if rng.random() > 0.8:
            continue  # not every customer takes a gift
        _ent, fits = gifts.entitlement_for(db, customer_id=customer_id, entitlement_ref=ref, day=day)
        for p in fits:
            plan.append((day, customer_id, ref, p))
        if len(plan) >= MAX_ISSUES:
            break
    need: dict[tuple[dt.date, int], int] = {}
    for day, _c, _r, p in plan:
        key = (day.replace(day=1), p.item_id)
        need[key] = need.get(key, 0) + p.qty
    months = _months(demo.start, demo.end)
    for n, month in enumerate(months):
        for name, item_id in ids.items():
            need_qty = need.get((month, item_id), 0)
            qty = need_qty + rng.randint(2, 6) if need_qty else (rng.randint(6, 10) if n == 0 else 0)
            if qty:
                gifts.receive_stock(db, actor=keeper, item_id=item_id, qty=qty, day=month,
                                    delivery_note=f"SH{month:%Y%m}-{n + 1:02d}", note="公司月度配送")

    issued = []
    for day, customer_id, ref, p in plan:
        clerk = demo.actor_for(rng.choice(clerks))
        row = gifts.issue_gift(db, actor=clerk, item_id=p.item_id, qty=p.qty, customer_id=customer_id,
                               promotion_id=p.id, entitlement_ref=ref, day=day)
        issued.append(row)
    if issued:  # a clerk tries to give the same customer a second gift for the same action: refused
        again = issued[-1]
        try:
            gifts.issue_gift(db, actor=demo.actor_for(clerks[0]), item_id=again.item_id, qty=1,
                             customer_id=again.customer_id, promotion_id=plan[-1][3].id,
                             entitlement_ref=again.entitlement_ref, day=again.day)
        except DomainError:
            pass
    today = clock.today()
    complaints = []
    with db.read() as s:
        complaints = [(w.id, w.customer_id, w.created_at.date()) for w in s.exec(
            select(WorkOrder).where(WorkOrder.kind == "complaint", WorkOrder.customer_id != None))]  # noqa
    if complaints:  # a gift outside the promotions, to settle a complaint: the manager overrides with a reason
        wo_id, customer_id, day = complaints[-1]
        gifts.issue_gift(db, actor=demo.actor_for(clerks[0]), item_id=ids["保温杯"], qty=1, customer_id=customer_id,
                         promotion_id=None, entitlement_ref=f"work_order:{wo_id}", day=min(today, day),
                         override=demo.approval, override_reason="投诉处理，经理同意赠送保温杯致歉")
    if len(issued) >= 2:  # the first gift was broken: a second one for the same action, approved
        row = issued[-2]
        promo_id = next(p.id for d, c, r, p in plan if r == row.entitlement_ref and p.item_id == row.item_id)
        gifts.issue_gift(db, actor=demo.actor_for(clerks[0]), item_id=row.item_id, qty=1,
                         customer_id=row.customer_id, promotion_id=promo_id, entitlement_ref=row.entitlement_ref,
                         day=row.day, override=demo.approval, override_reason="第一次领取的礼品有破损，补发一件")
    for row in issued[:: max(1, len(issued) // 3)][:3]:  # a few gifts brought back
        back = min(today, row.day + dt.timedelta(days=rng.randint(1, 5)))
        gifts.return_gift(db, actor=keeper, issue_move_id=row.id, qty=1, day=back, note="质量问题退回")
    mid = months[-1] + dt.timedelta(days=min(4, (today - months[-1]).days))
    gifts.transfer_out(db, actor=keeper, item_id=ids["数据线"], qty=2, day=mid, counterparty="简易片区服务点")
    spare = gifts.on_hand(db, ids["电饭煲"]) - 2  # most rice cookers go back: the tab shows a low-stock warning
    if spare > 0:
        gifts.transfer_out(db, actor=keeper, item_id=ids["电饭煲"], qty=spare, day=today, counterparty="公司仓库",
                           note="活动调整，调回公司")
    gifts.write_off(db, actor=keeper, approval=demo.approval, item_id=ids["保温杯"], qty=1, day=mid,
                    reason="搬运时摔坏")

    # last month's stocktake: one mug short, posted with the manager's approval
    if len(months) >= 2:
        count_day = months[-1] - dt.timedelta(days=1)
        sheet = stk.start_stocktake(db, actor=keeper, day=count_day, note="月末盘点")
        counts = {ln.item_id: ln.book_qty for ln in sheet.lines}
        if counts.get(ids["保温杯"], 0) > 0:
            counts[ids["保温杯"]] -= 1
        stk.set_counts(db, actor=keeper, stocktake_id=sheet.id, counts=counts,
                       notes={ids["保温杯"]: "少一个，疑为发放未登记"})
        stk.post_stocktake(db, actor=keeper, approval=demo.approval, stocktake_id=sheet.id, reason="月末盘点差异")
        for month in months[:-2]:
            gifts.lock_gift_month(db, actor=demo.manager, approval=demo.approval, month=f"{month:%Y-%m}",
                                  note="礼品统计表已报送")
