"""Demo points: the months' renewals and sign-ups (when the customer demo did not make them), daily work points of
the sales reps and clerks, trainings and penalties, the company's figures, every past working day confirmed but
yesterday, and every complete month locked but the last (left for the reader to review and lock)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert
from sqlmodel import select

from station_desk import clock
from station_desk.demo import DemoContext
from station_desk.month_close import service as close
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.points.models import PointEntry, PointsDay
from station_desk.staff.roles import Role

AREAS = ("简易片区", "肖家地片区")
INCOME = {"简易片区": (70000, 90000), "肖家地片区": (60000, 80000)}


def _months(demo: DemoContext) -> list[str]:
    out, key = [], clock.month_key(demo.start)
    while key <= clock.month_key(demo.end):
        out.append(key)
        key = M.prev_month(key, -1)
    return out


def _workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    return [d for d in (start + dt.timedelta(days=i) for i in range((end - start).days)) if d.weekday() < 6]


def _customer_facts(demo: DemoContext) -> None:
    """Renewals: about 70 % of the customers whose expiry passed in the demo's months renew (the customer demo's
    own renewals stay); sign-ups over the months unless the customer demo already made a fair number."""
    from station_desk.customers.models import Customer, Renewal, SignUp

    rng, now = demo.rng, clock.now()
    with demo.db.session() as s:
        spec_ids = demo.staff_by_role.get(Role.RENEWAL_SPECIALIST, [None])
        recommenders = demo.staff_by_role.get(Role.TECHNICIAN, []) + demo.staff_by_role.get(Role.SALES_REP, [])
        months_of = {"monthly": 1, "half_year": 6, "yearly": 12}
        past = s.exec(select(Customer).where(Customer.expiry_date >= demo.start,
                                             Customer.expiry_date < demo.end)).all()
        renewals = []
        for c in past:  # about 70 % renew (most on time, some late); the rest stay expired
            expiry = c.expiry_date
            while expiry < demo.end and rng.random() < 0.74:
                late = rng.random() < 0.08
                day = expiry + dt.timedelta(days=rng.randint(3, 12)) if late else \
                    expiry - dt.timedelta(days=rng.randint(0, 7))
                if day >= demo.end:
                    break
                m = months_of.get(c.cycle, 1)
                y, mo = divmod(expiry.month - 1 + m, 12)
                after = expiry.replace(year=expiry.year + y, month=mo + 1, day=min(expiry.day, 28))
                before = c.package
                if rng.random() < 0.08:
                    before = rng.choice(["3.0", "6.0"])
                amount = {"monthly": 10000, "half_year": 55000, "yearly": 100000}.get(c.cycle, 10000)
                renewals.append(dict(customer_id=c.id, day=max(day, demo.start), handled_by_id=spec_ids[0],
                                     recommended_by_id=rng.choice(recommenders) if before == "3.0" and c.package in
                                     ("8.2", "10.3") and recommenders else None, cycle=c.cycle,
                                     package_before=before, package_after=c.package, amount_fen=amount,
                                     expiry_before=expiry, expiry_after=after, note="", created_at=now))
                expiry = after
            if expiry != c.expiry_date:
                c.expiry_date = expiry
                s.add(c)
        if renewals:
            s.execute(insert(Renewal), renewals)
        installed = s.exec(select(func.count()).select_from(SignUp).where(SignUp.status == "installed")).one()
        if installed >= 100:
            return
        signers = [(sid, 0.9) for sid in demo.staff_by_role.get(Role.SALES_REP, [])] + \
                  [(sid, 0.35) for sid in demo.staff_by_role.get(Role.TECHNICIAN, [])]
        techs = demo.staff_by_role.get(Role.TECHNICIAN, []) or [None]
        signups = []
        for d in _workdays(demo.start, demo.end + dt.timedelta(days=1)):
            for sid, p in signers:
                if rng.random() > p:
                    continue
                n = rng.choices([1, 2, 3, 4], [50, 30, 15, 5])[0]
                area = rng.choice(AREAS)
                for _ in range(n):
                    inst = d + dt.timedelta(days=rng.randint(0, 3))
                    status = "installed" if inst < demo.end else "pending"
                    if rng.random() < 0.04:
                        status = "cancelled"
                    lo, hi = INCOME[area]
                    signups.append(dict(day=d, signed_by_id=sid, team="", area=area,
                                        package=rng.choice(["3.0", "6.0", "8.2"]), cycle="yearly",
                                        income_fen=rng.randrange(lo, hi, 5000), status=status,
                                        installed_on=inst if status == "installed" else None,
                                        installed_by_id=rng.choice(techs) if status == "installed" else None,
                                        note="", created_at=now))
            if rng.random() < 0.3:  # the promotion team's day in a community
                for _ in range(rng.randint(3, 8)):
                    signups.append(dict(day=d, signed_by_id=None, team="promotion", area=rng.choice(AREAS),
                                        package="3.0", cycle="monthly", income_fen=30000, status="pending",
                                        installed_on=None, installed_by_id=None, note="宣传组", created_at=now))
        if signups:
            s.execute(insert(SignUp), signups)


def populate(demo: DemoContext) -> None:
    if demo.manager is None:
        return
    rng, db, manager = demo.rng, demo.db, demo.manager
    _customer_facts(demo)
    clerk_id = (demo.staff_by_role.get(Role.DISPATCH_CLERK) or [manager.staff_id])[0]
    clerk = demo.actor_for(clerk_id) if clerk_id in demo.staff_actors else manager
    workers = demo.staff_by_role.get(Role.SALES_REP, []) + demo.staff_by_role.get(Role.DISPATCH_CLERK, [])
    techs = demo.staff_by_role.get(Role.TECHNICIAN, [])
    entries, n = [], 0
    real_now = clock.now()
    for d in _workdays(demo.start, demo.end + dt.timedelta(days=1)):
        at = dt.datetime.combine(d, dt.time(18, 30))
        if at > real_now:  # today's points are entered in the evening: not yet
            continue
        for sid in workers:
            if rng.random() < 0.2:  # rest days
                continue
            n += 1
            entries.append(dict(staff_id=sid, day=d, kind="order", rule="points.daily_work",
                                points_x100=rng.randint(1000, 1600), source_kind="daily_work", source_id=f"demo{n}",
                                note="当日工作量", created_at=at, created_by=clerk.name))
        for sid in techs:  # fee collection and inspection rounds, besides the work orders' points
            if rng.random() < 0.6:
                n += 1
                entries.append(dict(staff_id=sid, day=d, kind="order", rule="points.daily_work",
                                    points_x100=rng.choice([300, 400, 500, 600]), source_kind="daily_work",
                                    source_id=f"demo{n}", note="收费、巡检", created_at=at, created_by=clerk.name))
    with db.session() as s:
        s.execute(insert(PointEntry), entries)
    months = _months(demo)
    leader = (demo.staff_by_role.get(Role.SALES_REP) or [None])[-1]
    for i, key in enumerate(months):
        start, end = M.bounds(key)
        with db.session() as s:
            P.set_month_input_in(s, actor=manager, month=key, new_install_target=rng.choice([60, 70, 80]),
                                 manager_coefficient_x1000=rng.choice([980, 1000, 1050, 1100]),
                                 money_per_point_fen=150, failure_rate_permille=rng.randint(8, 16),
                                 promotion_leader_id=leader)
            held = rng.choice([1, 2, 2, 3])
            for k in range(held):
                day = min(start + dt.timedelta(days=7 + 8 * k), demo.end)
                P.record_fact_in(s, actor=manager, kind="training", day=day, note=rng.choice(
                    ["光猫安装规范", "故障排查流程", "服务礼仪", "新资费政策"]))
            if rng.random() < 0.5:
                P.record_fact_in(s, actor=manager, kind="dept_penalty", day=min(start + dt.timedelta(days=17),
                                                                                demo.end),
                                 body=rng.choice(["运维技术部", "客服调度中心"]), note="施工未按规范挂牌")
            if i == 1 and start + dt.timedelta(days=11) <= demo.end:
                P.record_fact_in(s, actor=manager, kind="accounts_error", day=start + dt.timedelta(days=11),
                                 note="发票登记号码错一位")
    # a training bonus now and then, through the service the clerk uses
    for sid in (demo.staff_by_role.get(Role.TECHNICIAN, []) + workers)[:4]:
        P.add_manual_points(db, actor=clerk, staff_id=sid, day=max(demo.start, demo.end - dt.timedelta(days=3)),
                            points_x100=500, note="参加公司组织的培训")
    # every past working day confirmed before going home, except yesterday (left for the clerk)
    days = [d for d in _workdays(demo.start, demo.end - dt.timedelta(days=1))]
    with db.session() as s:
        totals = dict(s.exec(select(PointEntry.day, func.sum(PointEntry.points_x100)).group_by(PointEntry.day)).all())
        counts = dict(s.exec(select(PointEntry.day, func.count()).group_by(PointEntry.day)).all())
        latest = dict(s.exec(select(PointEntry.day, func.max(PointEntry.created_at)).group_by(PointEntry.day)).all())

        def confirmed_at(d: dt.date) -> dt.datetime:
            evening = dt.datetime.combine(d, dt.time(19, 45))
            last = latest.get(d)
            if isinstance(last, str):
                last = dt.datetime.fromisoformat(last[:19])
            return min(max(evening, last + dt.timedelta(minutes=1)) if last else evening, demo.now)

        s.execute(insert(PointsDay), [dict(day=d, confirmed_at=confirmed_at(d),
                                           confirmed_by_id=clerk.staff_id, confirmed_by=clerk.name,
                                           entries=counts.get(d, 0), total_x100=int(totals.get(d, 0) or 0))
                                      for d in days])
    # every complete month locked but the last one
    complete = [k for k in months if M.bounds(k)[1] <= demo.end]
    for key in complete[:-1]:
        close.lock_month(db, actor=manager, approval=demo.approval, month=key, note="演示：月度复核后结账")
