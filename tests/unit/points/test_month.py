"""A month of points from the records (SPEC §6): each role's formula, ranks, transfer warning, review and lock."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk import clock
from station_desk.errors import DomainError, PeriodLocked
from station_desk.month_close import service as close
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.policy.models import PolicyVersion
from station_desk.policy.service import DEFAULT
from station_desk.settings.service import set_policy
from tests.fixtures.points import customer, points, renewal, signup

OCT = "2026-10"
D = dt.date(2026, 10, 15)


def _renewals_68_of_100(s, specialist):
    for i in range(100):
        cid = customer(s, expiry=dt.date(2026, 10, 20) if i >= 68 else dt.date(2026, 11, 20))
        if i < 68:
            renewal(s, cid, day=dt.date(2026, 10, 10), expiry_before=dt.date(2026, 10, 20), handled_by=specialist,
                    amount_fen=10000)


def test_renewal_specialist_68_percent_gives_80_points_plus_package_changes(station):
    with station.db.session() as s:
        _renewals_68_of_100(s, station.ids["R01"])
        for before, after in (("6.0", "3.0"), ("3.0", "6.0"), ("3.0", "8.2")):
            cid = customer(s, expiry=dt.date(2026, 12, 1))
            renewal(s, cid, day=dt.date(2026, 10, 5), expiry_before=dt.date(2026, 9, 25), before=before, after=after)
    mp = M.month_points(station.db, OCT)
    r = mp.person(station.ids["R01"])
    rate = next(ln for ln in r.lines if ln.rule == "points.renewal_rate")
    assert rate.points_x100 == 8000 and "68%" in rate.text and len(rate.facts) == 68
    change = next(ln for ln in r.lines if ln.rule == "points.package_change")
    assert change.points_x100 == 200 and len(change.facts) == 3  # −1 + 1 + 2
    assert r.auxiliary_x100 == 8200 and r.total_x100 == 8200


def test_renewal_late_payment_is_not_counted_and_below_base_is_zero(station):
    with station.db.session() as s:
        for i in range(10):
            cid = customer(s, expiry=dt.date(2026, 10, 20))
            if i < 5:  # paid in November for an October expiry: due in October, not renewed by its end
                renewal(s, cid, day=dt.date(2026, 11, 2), expiry_before=dt.date(2026, 10, 20))
    rate = next(ln for ln in M.month_points(station.db, OCT).person(station.ids["R01"]).lines
                if ln.rule == "points.renewal_rate")
    assert rate.points_x100 == 0 and "0%" in rate.text


def test_supervisors_manager_rank_and_average(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        points(s, ids["T01"], D, 30000)
        points(s, ids["T02"], D, 20000)
        points(s, ids["X01"], D, 25000)
        points(s, ids["X02"], D, 35050)
        points(s, ids["D01"], D, 10000)
        points(s, ids["T02"], D, -500, kind="deduction", rule="attendance.late", source="attendance")
        for _ in range(4):
            signup(s, by=ids["X01"], day=D, installed_on=D)
    P.record_fact(db, actor=station.actor, kind="training", day=D, note="光猫安装培训")
    P.record_fact(db, actor=station.actor, kind="dept_penalty", day=D, body="运维技术部", note="施工不规范")
    P.set_month_input(db, actor=station.actor, approval=station.approval, month=OCT, new_install_target=4,
                      manager_coefficient_x1000=1200, money_per_point_fen=150)
    mp = M.month_points(db, OCT)
    t2 = mp.person(ids["T02"])
    assert (t2.order_x100, t2.deductions_x100, t2.total_x100) == (20000, 500, 19500)
    sup = mp.person(ids["S01"])
    # technicians' average (300 + 195) / 2 = 247.50 → × 1.5 = 371.25; 1 training short −10; 1 penalty −5
    assert sup.auxiliary_x100 == 37125 and sup.deductions_x100 == 1500 and sup.total_x100 == 35625
    mkt = mp.person(ids["K01"])
    assert mkt.total_x100 == 45038  # reps (250 + 350.50) / 2 = 300.25 × 1.5 (4 of 4 installs) = 450.375 → 450.38
    acc = mp.person(ids["A01"])
    assert acc.total_x100 == 5000
    others = [p.total_x100 for p in mp.people if p.role != "manager"]
    avg = round(sum(others) / len(others))
    mgr = mp.person(ids["M001"])
    assert mgr.total_x100 == round(avg * 1.2)
    assert mp.people[0].rank == 1 and [p.rank for p in mp.people] == sorted(p.rank for p in mp.people)
    assert mp.average_x100 == round(sum(p.total_x100 for p in mp.people) / len(mp.people))
    assert mgr.pay_fen == mgr.total_x100 * 150 // 100 + (1 if mgr.total_x100 * 150 % 100 >= 50 else 0)
    js = mp.to_json()
    assert js["people"][0]["total"].count(".") == 1 and len(js["people"][0]["total"].split(".")[1]) == 2


def test_marketing_supervisor_half_when_target_missed_and_two_month_warning(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        points(s, ids["X01"], D, 30000)
        points(s, ids["X02"], D, 30000)
        points(s, ids["X01"], dt.date(2026, 9, 10), 30000)
    for month in ("2026-09", OCT):
        P.set_month_input(db, actor=station.actor, approval=station.approval, month=month, new_install_target=10)
    mp = M.month_points(db, OCT)
    assert mp.person(ids["K01"]).total_x100 == 15000  # 300 × 0.5
    assert any("市场销售主管" in w and "连续两个月" in w for w in mp.warnings)


def test_transfer_warning_two_consecutive_months(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        # T01 under 280 both months; T02 under only in October; X01: enough points but no installs (quota 8%)
        for day in (dt.date(2026, 9, 10), D):
            points(s, ids["T01"], day, 27999)
            points(s, ids["X01"], day, 40000)
            points(s, ids["X02"], day, 40000)
            for _ in range(10):
                signup(s, by=ids["X02"], day=day, installed_on=day)
            signup(s, by=ids["T01"], day=day, installed_on=day)
            signup(s, by=ids["T02"], day=day, installed_on=day)
        points(s, ids["T02"], dt.date(2026, 9, 10), 30000)
        points(s, ids["T02"], D, 10000)
    warnings = M.month_points(db, OCT).warnings
    text = "\n".join(warnings)
    assert "田技一" in text and "萧销一" in text and "唐技二" not in text and "谢销二" not in text
    assert "建议转为销售代表" in text and "建议转为基础宣传员" in text


def test_confirm_day_review_lists_late_change_and_lock_freezes_month(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        points(s, ids["T01"], D, 1000)
    day = P.confirm_day(db, actor=station.clerk, day=D)
    assert day.confirmed and day.confirmed_by == "丁内勤"
    with pytest.raises(DomainError, match="已经确认"):
        P.confirm_day(db, actor=station.clerk, day=D)
    clock.set_fake_now(dt.datetime(2026, 11, 3, 19, 0))
    eid = P.add_manual_points(db, actor=station.clerk, staff_id=ids["T01"], day=D, points_x100=500,
                              note="参加公司培训")
    items = close.review_month(db, OCT)
    kinds = {i.kind for i in items}
    assert {"after_confirm", "no_points", "unconfirmed", "missing_input"} <= kinds
    assert any(i.kind == "after_confirm" and "田技一" in i.text for i in items)
    assert P.day_points(db, D).people[0].entries[-1].after_confirmation

    before = M.month_points(db, OCT).to_json()
    with pytest.raises(DomainError):
        close.lock_month(db, actor=station.actor, approval=None, month=OCT)
    locked = close.lock_month(db, actor=station.actor, approval=station.approval, month=OCT)
    assert locked.locked
    # a later policy version (from November) and even a tampered version dated October do not change it
    set_policy(db, actor=station.actor, approval=station.approval, effective_from=dt.date(2026, 11, 1),
               policy=DEFAULT.model_copy(update={"points": DEFAULT.points.model_copy(
                   update={"accounts_clerk_asset_points": 80})}))
    with db.session() as s:
        s.add(PolicyVersion(effective_from=dt.date(2026, 10, 1), data=DEFAULT.model_copy(update={
            "points": DEFAULT.points.model_copy(update={"accounts_clerk_asset_points": 99})}).model_dump_json(),
            created_at=clock.now(), created_by="x"))
    after = M.month_points(db, OCT).to_json()
    assert {k: v for k, v in after.items() if k != "locked"} == {k: v for k, v in before.items() if k != "locked"}
    assert after["locked"]
    with pytest.raises(PeriodLocked):
        P.add_manual_points(db, actor=station.clerk, staff_id=ids["T01"], day=D, points_x100=100, note="晚了")
    rid = P.reverse_entry(db, actor=station.clerk, entry_id=eid, reason="录错")  # dated today, an open month
    today = P.day_points(db, clock.today())
    assert next(p for p in today.people if p.staff_id == ids["T01"]).entries[0].id == rid
    assert M.month_points(db, OCT).person(ids["T01"]).total_x100 == 1500


def test_adjustment_after_lock_shows_on_next_sheet(station):
    db, ids = station.db, station.ids
    with db.session() as s:
        points(s, ids["T01"], D, 30000)
    close.lock_month(db, actor=station.actor, approval=station.approval, month=OCT)
    with pytest.raises(DomainError):
        P.add_adjustment(db, actor=station.actor, approval=station.approval, staff_id=ids["T01"], for_month="2026-11",
                         points_x100=100, reason="x")
    P.add_adjustment(db, actor=station.actor, approval=station.approval, staff_id=ids["T01"], for_month=OCT,
                     points_x100=-1000, reason="10-12 工单重复计分")
    assert M.month_points(db, OCT).person(ids["T01"]).total_x100 == 30000
    nov = M.month_points(db, "2026-11")
    t1 = nov.person(ids["T01"])
    assert t1.adjustments_x100 == -1000 and t1.total_x100 == -1000
    assert any("工单重复计分" in n for n in nov.notes)


def test_month_not_over_cannot_be_locked(station):
    with pytest.raises(DomainError, match="还没有结束"):
        close.lock_month(station.db, actor=station.actor, approval=station.approval, month="2026-11")


def test_bad_month_text(station):
    with pytest.raises(DomainError, match="格式不对"):
        M.month_points(station.db, "2026/10")


def test_review_flags_a_month_left_open_after_the_deadline(station):
    clock.set_fake_now(dt.datetime(2026, 11, 6, 9, 0))
    items = close.review_month(station.db, OCT)
    assert any(i.kind == "deadline" and "2026-11-05" in i.text for i in items)
    clock.set_fake_now(dt.datetime(2026, 11, 5, 9, 0))
    assert not any(i.kind == "deadline" for i in close.review_month(station.db, OCT))


def test_closing_a_month_takes_a_verified_backup_first(db, station, fake_now):
    """An irreversible step takes a listed, verified local copy first (the integrity issue, 6a)."""
    from station_desk.backup.listing import read_manifest_sorted
    from station_desk.month_close import service as close

    fake_now(dt.datetime(2026, 11, 3, 10, 0))
    close.lock_month(db, actor=station.actor, approval=station.approval, month="2026-10")
    reasons = [e.reason for e in read_manifest_sorted(db.address)]
    assert "month_close" in reasons
