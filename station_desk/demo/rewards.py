"""Demo instant rewards: the clerk's upgrade calls, the locked months' rewards approved, and the oldest month's
rewards paid into the cash book (in the category 即时奖励)."""

from __future__ import annotations

from station_desk import clock
from station_desk.demo import DemoContext
from station_desk.periods.service import locked_months
from station_desk.rewards import service as RW
from station_desk.staff.roles import Role


def populate(demo: DemoContext) -> None:
    if demo.manager is None:
        return
    db, rng, manager = demo.db, demo.rng, demo.manager
    clerk_id = (demo.staff_by_role.get(Role.DISPATCH_CLERK) or [manager.staff_id])[0]
    clerk = demo.staff_actors.get(clerk_id, manager)
    for rid, _name, day, _b, _a in RW.pending_upgrades(db):
        when = min(demo.end, day + __import__("datetime").timedelta(days=rng.randint(1, 4)))
        try:
            RW.confirm_upgrade(db, actor=clerk, renewal_id=rid, confirmed=rng.random() < 0.8,
                               note="电话回访：用户确认", day=when)
        except Exception:  # noqa: BLE001 - a call dated in a locked month: left for the clerk
            continue
    with db.read() as s:
        months = [m for scope, m in locked_months(s, "rewards")]
    for i, month in enumerate(months):
        RW.approve_rewards(db, actor=manager, approval=demo.approval, month=month)
        if i == 0:
            keys = [ln.key for ln in RW.month_rewards(db, month).lines if ln.status == "approved"]
            try:
                RW.pay_rewards(db, actor=manager, approval=demo.approval, keys=keys, day=clock.today())
            except Exception:  # noqa: BLE001 - e.g. the cash book's month closed in the demo: left unpaid
                pass
