"""Demo rest roster: each month of the demo planned by the suggester after the month's approved leave and a few
requested days off, as the manager does it; next month is left for the person trying the program to plan."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.attendance import leave
from station_desk.demo import DemoContext
from station_desk.month import Month
from station_desk.rest_roster import requests
from station_desk.rest_roster import service as roster
from station_desk.staff.roles import Role


def _months(start: dt.date, end: dt.date):
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def populate(demo: DemoContext) -> None:
    rng, db, manager = demo.rng, demo.db, demo.manager
    people = [sid for sid in demo.staff_actors if sid != manager.staff_id]
    technicians = demo.staff_by_role.get(Role.TECHNICIAN, []) or people
    now_box = [dt.datetime.combine(demo.start, dt.time(9, 0))]
    with clock.fake_time(lambda: now_box[0]):  # each step happens at its own station time
        for i, month in enumerate(_months(demo.start, demo.end)):
            planning_day = month - dt.timedelta(days=6)
            now_box[0] = dt.datetime.combine(planning_day, dt.time(10, 0))
            # leave known before planning: a day of personal leave, sometimes two days with the centre's approval
            who = rng.choice(people)
            day = month + dt.timedelta(days=rng.randint(3, 24))
            req = leave.request_leave(db, actor=demo.actor_for(who), staff_id=who, kind="personal", start=day,
                                      end=day, reason=rng.choice(["孩子开家长会", "家中有事", "办理证件"]))
            leave.approve_leave(db, actor=manager, leave_id=req.id)
            if i % 2 == 1:
                who = rng.choice(technicians)
                day = month + dt.timedelta(days=rng.randint(5, 20))
                req = leave.request_leave(db, actor=demo.actor_for(who), staff_id=who, kind="personal",
                                          start=day, end=day + dt.timedelta(days=1), reason="回老家办事")
                leave.approve_leave(db, actor=manager, leave_id=req.id, external_approver="刘总经理",
                                    external_approved_on=planning_day)
            if i % 3 == 2:
                who = rng.choice(people)
                day = month + dt.timedelta(days=rng.randint(8, 18))
                req = leave.request_leave(db, actor=manager, staff_id=who, kind="sick", start=day,
                                          end=day + dt.timedelta(days=1), reason="感冒发烧")
                leave.approve_leave(db, actor=manager, leave_id=req.id, certificate="社区医院病假条")
            for who in rng.sample(people, k=min(4, len(people))):
                day = month + dt.timedelta(days=rng.randint(0, 27))
                requests.add_rest_request(db, actor=demo.actor_for(who), staff_id=who, day=day, note="家里有事")
            roster.apply_suggestion(db, actor=manager, month=Month.of(month))
        # next month: two requested days off are waiting for the manager's plan
        nxt = (demo.end.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        now_box[0] = demo.at(demo.end, dt.time(9, 0))
        for who in rng.sample(people, k=min(2, len(people))):
            requests.add_rest_request(db, actor=demo.actor_for(who), staff_id=who,
                                    day=nxt + dt.timedelta(days=rng.randint(0, 20)), note="孩子期末考试陪考")
