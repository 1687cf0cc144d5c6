"""Demo attendance: punches from the time clock for every rostered day (a few late arrivals, forgotten punches,
one absence), the manager's decisions on the older exceptions (the last two days are left open), and a couple of
work-discipline violations. Punches are bulk-inserted like a time-clock import, one audit row per month."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from station_desk import clock
from station_desk.attendance import discipline
from station_desk.attendance import service as att
from station_desk.attendance.models import ClockEvent
from station_desk.audit import service as audit
from station_desk.demo import DemoContext
from station_desk.month import Month
from station_desk.policy.service import policy_on
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.planner import is_shift
from station_desk.staff.roles import Role

EXCUSES = ["外出上门维修", "到中心开会", "路上堵车，已提前电话报告"]


def _punches(demo: DemoContext, now: dt.datetime) -> None:
    rng, db = demo.rng, demo.db
    day = demo.start
    month_rows: list[dict] = []
    month_plan: dict = {}
    while day <= now.date():
        with db.read() as s:
            if day not in month_plan:
                month_plan = roster.schedule_for_month_in(s, Month.of(day))
            schedule = month_plan.get(day, {})
            shifts = {x.code: x for x in policy_on(s, day).roster.shifts}
        for sid, code in sorted(schedule.items()):
            if not is_shift(code) or code not in shifts:
                continue
            sh = shifts[code]
            start, end = dt.datetime.combine(day, sh.start), dt.datetime.combine(day, sh.end)
            roll = rng.random()
            if roll < 0.004:
                continue  # absent
            if roll < 0.04:
                t_in = start + dt.timedelta(minutes=rng.randint(3, 35))  # late
            else:
                t_in = start - dt.timedelta(minutes=rng.randint(2, 25))
            t_out = end + dt.timedelta(minutes=rng.randint(0, 25))
            if rng.random() < 0.01:
                t_out = end - dt.timedelta(minutes=rng.randint(10, 40))  # left early
            for at, kind in ((t_in, "in"), (t_out, "out")):
                if at <= now and not (kind == "out" and rng.random() < 0.008):
                    month_rows.append(dict(staff_id=sid, at=at.replace(second=0), kind=kind, source="import",
                                           voids_id=None, note="考勤机导入", created_at=at, created_by="考勤机"))
        nxt = day + dt.timedelta(days=1)
        if nxt.month != day.month or nxt > now.date():
            with db.session() as s:
                if month_rows:  # a time-clock import: bulk rows, one audit entry for the month
                    s.connection().execute(insert(ClockEvent.__table__), month_rows)
                audit.record(s, actor=demo.manager, action="attendance.import", entity="attendance_clock",
                             entity_id=f"{day:%Y-%m}", after={"punches": len(month_rows), "source": "考勤机"})
            month_rows = []
        day = nxt


def populate(demo: DemoContext) -> None:
    rng, db, manager = demo.rng, demo.db, demo.manager
    now = clock.now()
    if now.date() > demo.end:
        now = dt.datetime.combine(demo.end, dt.time(18, 0))
    _punches(demo, now)
    now_box = [now]
    with clock.fake_time(lambda: now_box[0]):  # each step happens at its own station time
        # the manager goes through the exceptions every evening, except the last two days (one transaction a
        # month here, for speed; the GUI does one per decision)
        day = demo.start
        last = now.date() - dt.timedelta(days=1)
        while day < last:
            with db.session() as s:
                plan = roster.schedule_for_month_in(s, Month.of(day))
                while day < last:
                    now_box[0] = dt.datetime.combine(day, dt.time(20, 30))
                    for row in att.exceptions_in(s, day, schedule=plan.get(day, {})):
                        if row.status != "open":
                            continue
                        confirm = row.kind in ("late", "absent") and rng.random() < 0.75
                        att.decide_in(s, actor=manager, staff_id=row.staff_id, day=day, kind=row.kind,
                                      status="confirmed" if confirm else "excused",
                                      reason="" if confirm else rng.choice(EXCUSES), minutes=row.minutes,
                                      check_derived=False)
                    day += dt.timedelta(days=1)
                    if day.day == 1:
                        break
        # work-discipline violations: a sales rep caught twice in one month
        reps = demo.staff_by_role.get(Role.SALES_REP) or [sid for sid in demo.staff_actors]
        first = demo.start.replace(day=1) + dt.timedelta(days=40)
        first = first.replace(day=9)
        if first < now.date():
            who = rng.choice(reps)
            for offset, what in ((0, "上班时间在店内玩手机游戏"), (7, "上班时间与人下棋")):
                d = first + dt.timedelta(days=offset)
                if d < now.date():
                    now_box[0] = dt.datetime.combine(d, dt.time(17, 0))
                    discipline.record_violation(db, actor=manager, staff_id=who, day=d, description=what)
