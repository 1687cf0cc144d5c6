"""Demo work orders: months of history (bulk, with their event logs and order points) and a live board today:
a fault just reported at the front desk, an order already late (red), one near its deadline, yesterday's
undispatched carry-over, a returned order waiting for its follow-up call, and a major outage with linked orders."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.demo import DemoContext
from station_desk.work_orders import facts
from station_desk.work_orders import service as wo

FAULTS = ["无信号", "断网", "网速慢", "画面马赛克", "设备故障", "线路故障", "其他"]
DESCRIPTIONS = {"无信号": "电视无信号", "断网": "宽带连不上", "网速慢": "晚上网速很慢", "画面马赛克": "画面马赛克、卡顿",
                "设备故障": "机顶盒不开机", "线路故障": "入户线被剪断", "其他": "遥控器失灵"}
KIND_WEIGHTS = (("repair", 62), ("new_install", 18), ("fee_collection", 8), ("expiring_visit", 10),
                ("complaint", 2))


def _pick(rng, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights=weights)[0]


def _history(demo: DemoContext, techs, clerks, customers) -> list[dict]:
    rng = demo.rng
    records = []
    day = demo.start
    last = demo.end - dt.timedelta(days=1)
    while day <= last:
        for _ in range(rng.randint(3, 8)):
            kind = _pick(rng, KIND_WEIGHTS)
            fault = rng.choice(FAULTS) if kind == "repair" else ""
            created = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=rng.randint(0, 660))
            tech, clerk = rng.choice(techs), rng.choice(clerks)
            disp = created + dt.timedelta(minutes=rng.choice((2, 5, 10, 15, 20, 40)))
            slow = rng.random() < 0.12
            resp = disp + dt.timedelta(minutes=rng.randint(35, 80) if slow else rng.randint(5, 28))
            fin = resp + dt.timedelta(minutes=rng.randint(200, 400) if slow else rng.randint(25, 180))
            called = fin + dt.timedelta(hours=rng.randint(1, 20))
            score = rng.randint(4, 10) if slow else rng.randint(7, 10)
            attitude = "satisfied" if score >= 8 else "average" if score >= 6 else "unsatisfied"
            cls = "A" if kind in ("fee_collection", "new_install") else rng.choice("BCC")
            rec = dict(kind=kind, service_class=cls, created_at=created, customer_id=rng.choice(customers),
                       customer_name="", area=rng.choice(("简易片区", "肖家地片区")), description=DESCRIPTIONS.get(
                           fault, {"new_install": "新装开通", "fee_collection": "上门收费",
                                   "expiring_visit": "到期用户上门回访", "complaint": "投诉处理"}.get(kind, "")),
                       fault_type=fault, technician_id=tech, dispatched_by_id=clerk, created_by_id=clerk,
                       dispatched_at=disp, responded_at=resp, finished_at=fin, work_done="已处理",
                       minutes_spent=rng.randint(20, 120), signed=rng.random() < 0.9,
                       late_reason="片区较远" if slow else "", called_at=called, solved=True, attitude=attitude,
                       score=score, charged=cls == "A", closed_at=called + dt.timedelta(minutes=3))
            if called.date() >= demo.end:  # not called back yet
                for k in ("called_at", "closed_at"):
                    rec.pop(k)
            records.append(rec)
        day += dt.timedelta(days=1)
    return records


def _customer_fill(demo: DemoContext, records: list[dict]) -> None:
    from sqlmodel import select

    from station_desk.customers.models import Customer

    ids = {r["customer_id"] for r in records}
    with demo.db.read() as s:
        rows = s.exec(select(Customer.id, Customer.name, Customer.phone, Customer.area, Customer.building,
                             Customer.unit, Customer.address).where(Customer.id.in_(ids))).all()
    info = {r[0]: r for r in rows}
    for r in records:
        c = info.get(r["customer_id"])
        if c:
            r.update(customer_name=c[1], phone=c[2], area=c[3] or r["area"], address=f"{c[4]}{c[5]}{c[6]}")


def populate(demo: DemoContext) -> None:
    techs = demo.staff_by_role.get("technician") or []
    clerks = demo.staff_by_role.get("dispatch_clerk") or [demo.manager.staff_id]
    if not techs or not demo.customer_ids:
        return
    rng = demo.rng
    clerk = demo.actor_for(clerks[0])
    records = _history(demo, techs, clerks, demo.customer_ids)
    _customer_fill(demo, records)
    with demo.db.session() as s:
        ids = facts.load_order_facts_in(s, actor=clerk, records=records)
    # order points for the closed history, as closing them would have credited
    with demo.db.session() as s:
        facts.credit_history_points_in(s, actor=clerk, order_ids=ids)
    _today(demo, clerk, techs, rng)


def _today(demo: DemoContext, clerk, techs, rng) -> None:
    db = demo.db
    now = clock.now()
    yesterday = demo.end - dt.timedelta(days=1)
    cust = demo.customer_ids

    def at(day, h, m):
        return min(now, dt.datetime.combine(day, dt.time(h, m)))

    def order(customer_id, kind="repair", fault="无信号", when=None, contact_id=None, **kw):
        return wo.create_order(db, actor=clerk, kind=kind, service_class=kw.pop("service_class", "C"),
                               customer_id=customer_id, description=DESCRIPTIONS.get(fault, "新装开通"),
                               fault_type=fault if kind == "repair" else "", at=when, contact_id=contact_id, **kw)

    # yesterday's returned order, waiting for its follow-up call
    r1 = order(cust[3], when=at(yesterday, 10, 0))
    wo.dispatch_order(db, actor=clerk, order_id=r1, technician_id=techs[0], at=at(yesterday, 10, 5))
    wo.record_response(db, actor=clerk, order_id=r1, at=at(yesterday, 10, 20))
    wo.return_order(db, actor=clerk, order_id=r1, work_done="更换分支器", equipment="分支器", minutes_spent=35,
                    signed=True, finished_at=at(yesterday, 11, 30))
    # a paid order returned with money (goes into the takings when that module is present)
    r2 = order(cust[4], fault="设备故障", when=now - dt.timedelta(minutes=80), service_class="A")
    wo.dispatch_order(db, actor=clerk, order_id=r2, technician_id=techs[1 % len(techs)],
                      at=now - dt.timedelta(minutes=75))
    try:
        wo.record_response(db, actor=clerk, order_id=r2, at=now - dt.timedelta(minutes=62))
        wo.return_order(db, actor=clerk, order_id=r2, work_done="更换机顶盒电源", equipment="电源适配器",
                        minutes_spent=40, amount_fen=3000, pay_method="cash", signed=True,
                        finished_at=now - dt.timedelta(minutes=20))
    except Exception as exc:  # noqa: BLE001 - e.g. yesterday's takings already closed: keep the order open
        import logging

        logging.getLogger(__name__).info("demo paid return skipped: %s", exc)
    # yesterday evening's fault, left undispatched at close of day: comes first this morning
    order(cust[5], fault="断网", when=at(yesterday, 19, 45))
    # dispatched yesterday afternoon and never answered: red on the board
    late = order(cust[6], fault="线路故障", when=at(yesterday, 16, 0))
    wo.dispatch_order(db, actor=clerk, order_id=late, technician_id=techs[2 % len(techs)], at=at(yesterday, 16, 5))
    # a fault reported at the front desk a few minutes ago (through the contact ledger when it exists)
    contact_id = _front_desk_fault(demo, clerk, cust[7], now)
    fresh = order(cust[7], fault="无信号", when=now - dt.timedelta(minutes=25), contact_id=contact_id)
    wo.dispatch_order(db, actor=clerk, order_id=fresh, technician_id=techs[3 % len(techs)],
                      at=now - dt.timedelta(minutes=22))
    # a new install dispatched this morning, answered
    today_830 = at(demo.end, 8, 40)
    inst = order(cust[8], kind="new_install", when=today_830, service_class="A")
    wo.dispatch_order(db, actor=clerk, order_id=inst, technician_id=techs[0], at=today_830)
    if today_830 < now:
        wo.record_response(db, actor=clerk, order_id=inst, at=min(now, today_830 + dt.timedelta(minutes=10)))
    # a major outage in one area, with the fault orders it caused
    start = at(yesterday, 18, 30)
    out = wo.record_outage(db, actor=clerk, area="肖家地片区", cause="光缆被施工挖断", fault_type="线路故障",
                           started_at=start, expected_recovery_at=start + dt.timedelta(hours=16))
    linked = [order(cust[10 + i], fault="线路故障", when=at(yesterday, 18, 40 + i * 4)) for i in range(3)]
    wo.link_orders_to_outage(db, actor=clerk, outage_id=out, order_ids=linked)


def _front_desk_fault(demo, clerk, customer_id: int, now: dt.datetime) -> int | None:
    try:
        from station_desk.contact_log import service as contacts

        row = contacts.record_contact(demo.db, actor=clerk, draft=contacts.ContactDraft(
            kind="fault", channel="phone", customer_id=customer_id, asked="电视无信号", done="已转工单",
            result="forwarded", at=now - dt.timedelta(minutes=26)))
        return row.id
    except Exception:  # noqa: BLE001 - the demo still shows the order without the ledger line
        return None
