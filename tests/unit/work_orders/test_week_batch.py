"""facts.week_summaries (one pass for a month's weeks) gives exactly what the per-person, per-week summaries give."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert
from sqlmodel import Session

from station_desk.work_orders import facts
from station_desk.work_orders.models import WorkOrderEvent

from tests.fixtures.work_orders import make_staff

D = dt.datetime
MONDAYS = [dt.date(2026, 10, 26) + dt.timedelta(days=7 * k) for k in range(5)]


def _orders(rng: random.Random, techs: list[int], clerks: list[int]) -> list[dict]:
    recs = []
    for _ in range(260):
        created = D(2026, 10, 20, 8, 0) + dt.timedelta(minutes=rng.randrange(0, 45 * 24 * 60, 7))
        tech, clerk = rng.choice(techs), rng.choice(clerks)
        r = dict(kind=rng.choice(["repair", "repair", "repair", "new_install", "fee_collection"]), service_class="C",
                 created_at=created, customer_name="用户", area=rng.choice(["简易片区", "城区"]), description="断网",
                 technician_id=tech, dispatched_by_id=clerk)
        fate = rng.random()
        if fate < 0.06:
            r["cancelled_at"] = created + dt.timedelta(minutes=20)
        elif fate < 0.95:
            t = created + dt.timedelta(minutes=rng.choice([3, 10, 40, 150, 600]))
            r["dispatched_at"] = t
            if rng.random() < 0.85:
                t += dt.timedelta(minutes=rng.choice([5, 30, 200]))
                r["responded_at"] = t
            if rng.random() < 0.75:
                t += dt.timedelta(minutes=rng.choice([20, 120, 400, 3000]))
                r["finished_at"] = t
                if rng.random() < 0.2:
                    r["recorded_finished_at"] = t + dt.timedelta(hours=rng.choice([5, 30, 80]))
                    r["late_reason"] = "补录"
                if rng.random() < 0.7:
                    t += dt.timedelta(hours=rng.choice([2, 20]))
                    r["called_at"] = t
                    r["solved"] = rng.random() < 0.85
                    r["attitude"] = rng.choice(["satisfied", "satisfied", "unsatisfied"])
                    if r["solved"] and rng.random() < 0.8:
                        r["closed_at"] = t + dt.timedelta(minutes=5)
            elif rng.random() < 0.3:
                r["cancelled_at"] = t + dt.timedelta(days=2)
        recs.append(r)
    return recs


def test_week_summaries_equal_the_per_week_ones(db, station, fake_now):
    fake_now(D(2026, 12, 2, 9, 0))
    rng = random.Random(20261123)
    techs = [station.tech1, station.tech2, make_staff(db, "T03", "赵师傅", "technician").staff_id]
    clerks = [station.clerk.staff_id, make_staff(db, "D02", "钱内勤", "dispatch_clerk").staff_id]
    with db.session() as s:
        ids = facts.load_order_facts_in(s, actor=station.clerk, records=_orders(rng, techs, clerks))
        # complaints raised from some orders; some orders handed over to another technician mid-cycle
        parents = rng.sample(ids, 40)
        facts.load_order_facts_in(s, actor=station.clerk, records=[
            dict(kind="complaint", service_class="C", created_at=D(2026, 11, 28, 10, 0), customer_name="用户",
                 area="城区", description="投诉", parent_id=p, dispatched_by_id=rng.choice(clerks))
            for p in parents])
        handed = rng.sample(ids, 50)
        s.execute(insert(WorkOrderEvent), [dict(
            order_id=oid, kind="dispatched", at=D(2026, 10, 20) + dt.timedelta(hours=rng.randrange(0, 45 * 24)),
            recorded_at=D(2026, 12, 1), technician_id=rng.choice(techs), actor_id=None, actor_name="", note="",
            reason="", data="", sub="") for oid in handed])
    with Session(db.engine) as s:
        batch = facts.week_summaries(s, MONDAYS, techs, clerks)
        expected = {}
        for w in MONDAYS:
            for sid in techs:
                expected[("repair", sid, w)] = facts.repair_week_summary(s, sid, w)
            for sid in clerks:
                expected[("dispatch", sid, w)] = facts.dispatch_week_summary(s, sid, w)
    assert batch == expected
    # the data exercises every count (else the comparison proves little)
    for field in ("orders", "overdue", "dragged", "forms_late"):
        assert sum(v[field] for k, v in expected.items() if k[0] == "repair") > 0, field
    for field in ("orders", "dispatched_late", "overdue", "complaints"):
        assert sum(v[field] for k, v in expected.items() if k[0] == "dispatch") > 0, field


def test_week_summaries_of_nobody_or_no_week(db, station):
    with Session(db.engine) as s:
        assert facts.week_summaries(s, [], [station.tech1], []) == {}
        assert facts.week_summaries(s, MONDAYS[:1], [], []) == {}
        assert facts.week_summaries(s, MONDAYS[:1], [station.tech1], []) == {
            ("repair", station.tech1, MONDAYS[0]): {"orders": 0, "overdue": 0, "dragged": 0, "forms_late": 0,
                                                        "open": 0}}
