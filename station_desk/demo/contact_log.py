"""Demo front desk: months of contacts (inquiries, renewals with money and invoices, new installs, faults,
complaints, payments), each day closed and handed to the manager, with today still open and a few contacts in it.

History goes through the same in-transaction services (``record_contact_in``, ``close_day_in``), one transaction
per month, with the clock set to each contact's time, so renewals, receipts, sign-ups and audit rows agree."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.contact_log.service import ContactDraft, answer_pending_in, record_contact_in
from station_desk.customers.models import Customer
from station_desk.demo import DemoContext
from station_desk.demo.names import mobile, person_name
from station_desk.errors import DomainError
from station_desk.staff.roles import Role
from station_desk.takings.service import close_day_in

PRICES = {("3.0", "monthly"): 3000, ("3.0", "half_year"): 16800, ("3.0", "yearly"): 30000,
          ("6.0", "monthly"): 5000, ("6.0", "half_year"): 28800, ("6.0", "yearly"): 50000,
          ("8.2", "monthly"): 8000, ("8.2", "half_year"): 45000, ("8.2", "yearly"): 80000,
          ("10.3", "monthly"): 10000, ("10.3", "half_year"): 56000, ("10.3", "yearly"): 98000}
QUESTIONS = ["问 6.0 套餐资费", "问包年优惠活动", "问能否移机到新住址", "问到期日", "问发票怎么补开", "问光猫怎么重启",
             "问宽带能否过户", "问电视盒子怎么用"]
FAULTS = ["上不了网，光猫红灯闪", "网速很慢，看视频卡", "电视没有信号", "WiFi 连不上", "晚上经常掉线"]
COMPLAINTS = ["师傅上门迟到一个多小时", "打了两次电话没人回", "收费和宣传的不一样", "装机后墙面没有清理"]
ANSWERS = {"inquiry": ["已回电答复，用户满意", "已问清公司政策并回电告知"],
           "fault": ["回访：师傅已修好，用户满意", "回访：已恢复上网，用户满意", "回访：更换光猫后正常"],
           "complaint": ["经理已致电道歉，用户表示谅解", "已退还多收费用，用户满意"]}
KIND_WEIGHTS = (("inquiry", 28), ("renewal", 30), ("fault", 16), ("new_install", 6), ("complaint", 4),
                ("payment", 10), ("other", 6))


def _weighted(rng, pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights)[0]


def _clerks(demo: DemoContext) -> list[int]:
    ids = []
    for role in (Role.DISPATCH_CLERK, Role.FRONT_DESK_LEAD, Role.ACCOUNTS_CLERK):
        ids += demo.staff_by_role.get(role, [])
    return ids or demo.staff_by_role[Role.MANAGER]


def _draft(demo: DemoContext, s, kind: str, at: dt.datetime, invoice: list[int]) -> ContactDraft:
    rng = demo.rng
    channel = "phone" if rng.random() < 0.35 and kind not in ("renewal", "payment") else "walk_in"
    cid = rng.choice(demo.customer_ids) if demo.customer_ids else None
    if kind == "new_install":
        area = rng.choice(["简易片区", "肖家地片区"])
        package, cycle = rng.choice(["3.0", "6.0", "8.2"]), rng.choice(["monthly", "half_year", "yearly"])
        method = rng.choice(["cash", "wechat", "alipay"])
        invoice[0] += 1
        return ContactDraft(kind=kind, channel="walk_in", person_name=person_name(rng), person_phone=mobile(rng),
                            address=f"{area}新建小区{rng.randint(1, 9)}栋", area=area, package=package, cycle=cycle,
                            amount_fen=PRICES[(package, cycle)], method=method, invoice_no=f"FP{invoice[0]:08d}",
                            done="已签约，待派工安装", at=at)
    if kind in ("renewal", "payment"):
        c = s.get(Customer, cid)
        cycle = c.cycle if rng.random() < 0.8 else rng.choice(["monthly", "half_year", "yearly"])
        package = c.package
        if kind == "renewal" and rng.random() < 0.12:
            package = {"3.0": "6.0", "6.0": "8.2", "8.2": "10.3"}.get(c.package, c.package)
        amount = PRICES[(package, cycle)] if kind == "renewal" else rng.choice([1000, 2000, 5000])
        method = _weighted(rng, (("cash", 45), ("wechat", 35), ("alipay", 15), ("card", 5)))
        no = ""
        if method == "cash" or rng.random() < 0.9:
            invoice[0] += 1 + (1 if rng.random() < 0.01 else 0)  # a rare spoilt invoice leaves a gap
            no = f"FP{invoice[0]:08d}"
        return ContactDraft(kind=kind, channel="walk_in", customer_id=cid, cycle=cycle, package_after=package,
                            amount_fen=amount, method=method, invoice_no=no,
                            asked="补交欠费" if kind == "payment" else "", at=at)
    asked = {"inquiry": QUESTIONS, "fault": FAULTS, "complaint": COMPLAINTS}.get(kind, ["咨询营业时间", "取回身份证复印件"])
    done = {"inquiry": "已解答", "fault": "已登记，转维护", "complaint": "已记录，报经理处理"}.get(kind, "已处理")
    result = "done"
    reply = None
    if kind == "inquiry" and rng.random() < 0.08:
        result, reply, done = "pending", at.date() + dt.timedelta(days=1), "需问公司，明天回复"
    if kind in ("fault", "complaint"):
        result = "forwarded"
    use_customer = kind != "inquiry" or rng.random() < 0.6
    return ContactDraft(kind=kind, channel=channel, customer_id=cid if use_customer else None,
                        person_name="" if use_customer else person_name(rng),
                        person_phone="" if use_customer else mobile(rng), asked=rng.choice(asked), done=done,
                        result=result, reply_by=reply, at=at)


def populate(demo: DemoContext) -> None:
    rng = demo.rng
    clerks = _clerks(demo)
    manager = demo.manager
    invoice = [10_000_000]
    waiting: list = []
    now_box = [dt.datetime.combine(demo.start, dt.time(8, 30))]
    real_now = demo.now  # today's contacts stop here: the demo never shows the future
    with clock.fake_time(lambda: now_box[0]):  # each step happens at its own station time
        day = demo.start
        while day <= demo.end:
            month_end = min(demo.end, (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                            - dt.timedelta(days=1))
            with demo.db.session() as s:
                while day <= month_end:
                    n = rng.randint(3, 7) if day.weekday() < 5 else rng.randint(2, 4)
                    span = 11 * 3600
                    if day == demo.end:
                        opened = dt.datetime.combine(day, dt.time(8, 30))
                        span = int(max(0, min(span, (real_now - opened).total_seconds())))
                        n = min(6, span // 1200)
                    times = sorted(rng.randint(0, span) for _ in range(n))
                    for secs in times:
                        at = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(seconds=secs)
                        now_box[0] = at
                        actor = demo.actor_for(rng.choice(clerks))
                        kind = _weighted(rng, KIND_WEIGHTS)
                        try:
                            row = record_contact_in(s, actor=actor, draft=_draft(demo, s, kind, at, invoice))
                        except DomainError as exc:
                            if exc.code != "contact.similar_customer":
                                raise
                            continue
                        if row.result != "done":
                            waiting.append(row)
                    # the day after: the desk calls back (fault fixed, question answered); a few stay open
                    now_box[0] = min(dt.datetime.combine(day, dt.time(16, 30)), max(real_now, now_box[0]))
                    for row in [w for w in waiting if w.at.date() < day]:
                        waiting.remove(row)
                        if rng.random() < 0.92 or day < demo.end - dt.timedelta(days=7):
                            answer_pending_in(s, actor=demo.actor_for(rng.choice(clerks)), contact_id=row.id,
                                              done=rng.choice(ANSWERS[row.kind]))
                    if day < demo.end:  # today stays open
                        now_box[0] = dt.datetime.combine(day, dt.time(20, 5))
                        from station_desk.takings.service import day_summary_in

                        expected = day_summary_in(s, day).expected_cash_fen
                        short = expected >= 100 and rng.random() < 0.06
                        close_day_in(s, actor=demo.actor_for(rng.choice(clerks)), approver=manager, day=day,
                                     counted_cash_fen=expected - (100 if short else 0),
                                     reason="找零时多给了用户 1 元" if short else "")
                    day += dt.timedelta(days=1)
        _expiry_calls(demo, clerks, now_box)


def _expiry_calls(demo: DemoContext, clerks: list[int], now_box: list) -> None:
    """The renewal follow-up: about half of the customers expiring in the next weeks were already called."""
    from sqlmodel import select

    from station_desk.audit import service as audit
    from station_desk.customers.models import ExpiryCall

    rng = demo.rng
    outcomes = (("will_renew", 40), ("thinking", 20), ("no_answer", 20), ("not_home", 10), ("refused", 10))
    end = demo.end
    with demo.db.session() as s:
        due = s.exec(select(Customer).where(Customer.expiry_date >= end - dt.timedelta(days=7),
                                            Customer.expiry_date <= end + dt.timedelta(days=30))).all()
        for c in due:
            if rng.random() > 0.5:
                continue
            actor = demo.actor_for(rng.choice(clerks))
            now_box[0] = demo.at(end - dt.timedelta(days=rng.randint(0, 5)), dt.time(15, rng.randint(0, 59)))
            outcome = _weighted(rng, outcomes)
            call = ExpiryCall(customer_id=c.id, at=now_box[0], expiry_date=c.expiry_date, outcome=outcome,
                              note="已留上门条" if outcome == "not_home" else "", by_staff_id=actor.staff_id,
                              by_name=actor.name)
            s.add(call)
            s.flush()
            audit.record(s, actor=actor, action="customer.expiry_call", entity="customer_expiry_call",
                         entity_id=call.id, after=audit.snapshot(call))
