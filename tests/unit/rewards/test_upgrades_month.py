"""§7.4 upgrades read from the month's rows (issue #15: every upgrade the station ever had, and every reversal,
were read for each month) give the lines the old definition gave, on a generated station: upgrades pending,
confirmed in their month or a later one, refused, reversed, not from 3.0, not recommended."""

from __future__ import annotations

import datetime as dt
import random

from sqlmodel import select

from station_desk import clock
from station_desk.customers.models import Renewal
from station_desk.rewards import compute
from station_desk.rewards import rules as R
from station_desk.rewards.models import UpgradeCheck
from tests.fixtures.points import customer, renewal


def _old_upgrades(c) -> None:
    """The definition as it was."""
    s = c.s
    ren = s.exec(select(Renewal).where(Renewal.recommended_by_id.is_not(None), Renewal.package_before == "3.0",
                                       Renewal.reverses_id.is_(None), Renewal.day <= c.last)).all()
    reversed_ids = set(s.exec(select(Renewal.reverses_id).where(Renewal.reverses_id.is_not(None))).all())
    checks = {ch.renewal_id: ch for ch in s.exec(select(UpgradeCheck).where(
        UpgradeCheck.renewal_id.in_([r.id for r in ren] or [0]))).all()}
    for r in ren:
        if r.id in reversed_ids:
            continue
        amount, text = R.upgrade_reward(r.package_before, r.package_after, r.cycle, c.pol)
        check = checks.get(r.id)
        if check is None:
            if c.start <= r.day < c.end:
                c.add(f"upgrade:{r.id}", r.recommended_by_id, "rewards.upgrade", r.day, amount, "pending",
                      f"{text}（待内勤电话核实）", [f"renewal:{r.id}"], final_on=None)
        elif check.confirmed and c.start <= check.day < c.end:
            c.add(f"upgrade:{r.id}", r.recommended_by_id, "rewards.upgrade", check.day, amount, "due",
                  f"{r.day:%m-%d} {text}；{check.day:%m-%d} 内勤电话核实为员工推荐",
                  [f"renewal:{r.id}", f"upgrade_check:{check.id}"], final_on=None)


def test_upgrades_of_the_month_equal_the_old_definition(station, monkeypatch):
    db, ids = station.db, station.ids
    rng = random.Random(74)
    staff = [ids[k] for k in ("T01", "T02", "X01", "X02")]
    with db.session() as s:
        for _ in range(160):
            day = dt.date(2026, 8, 1) + dt.timedelta(days=rng.randrange(95))
            rid = renewal(s, customer(s), day=day, expiry_before=day, before=rng.choice(("3.0", "3.0", "6.0")),
                          after=rng.choice(("6.0", "8.2", "3.0")), cycle=rng.choice(("monthly", "yearly")),
                          recommended_by=rng.choice(staff + [None]))
            roll = rng.random()
            if roll < 0.5:  # called: the same month or later, confirmed or not
                s.add(UpgradeCheck(renewal_id=rid, confirmed=rng.random() < 0.7,
                                   day=day + dt.timedelta(days=rng.randrange(0, 40)), checked_by="丁内勤",
                                   created_at=clock.now()))
            elif roll < 0.6:
                r = s.get(Renewal, rid)
                s.add(Renewal(customer_id=r.customer_id, day=day + dt.timedelta(days=rng.randrange(0, 40)),
                              cycle=r.cycle, package_before=r.package_after, package_after=r.package_before,
                              amount_fen=-r.amount_fen, expiry_before=r.expiry_after, reverses_id=rid,
                              created_at=clock.now()))
    old_kinds = tuple(_old_upgrades if k is compute._upgrades else k for k in compute.KINDS)
    seen = set()
    for month in ("2026-08", "2026-09", "2026-10"):
        with db.read() as s:
            new = [ln for ln in compute.compute_rewards_in(s, month) if ln.rule == "rewards.upgrade"]
            with monkeypatch.context() as m:
                m.setattr(compute, "KINDS", old_kinds)
                old = [ln for ln in compute.compute_rewards_in(s, month) if ln.rule == "rewards.upgrade"]
        assert new == old, month
        seen |= {ln.status for ln in new}
    assert seen == {"pending", "due"}
