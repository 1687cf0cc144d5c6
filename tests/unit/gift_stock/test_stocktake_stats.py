"""Stocktake posts exactly the variances; the gift statistics table balances for every item and month."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from station_desk.errors import DomainError
from station_desk.gift_stock import service as gifts
from station_desk.gift_stock import stocktake as stk
from station_desk.gift_stock.stats import gift_statistics

D = dt.date


def test_stocktake_posts_exactly_the_variances(station):
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=10, day=D(2026, 11, 1), delivery_note="a")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=4, day=D(2026, 11, 1), delivery_note="a")
    sheet = stk.start_stocktake(st.db, actor=st.clerk, day=D(2026, 11, 15))
    assert [(ln.item_name, ln.book_qty) for ln in sheet.lines] == [("保温杯", 10), ("电饭煲", 4)]
    with pytest.raises(DomainError, match="未完成的盘点单"):
        stk.start_stocktake(st.db, actor=st.clerk, day=D(2026, 11, 15))
    with pytest.raises(DomainError, match="还没有录入"):
        stk.post_stocktake(st.db, actor=st.clerk, approval=st.approval, stocktake_id=sheet.id)
    # a move entered after the sheet was printed, dated before the count, is not counted twice
    gifts.transfer_out(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 11, 14), counterparty="二站")
    view = stk.set_counts(st.db, actor=st.clerk, stocktake_id=sheet.id, counts={st.mug: 7, st.cooker: 5})
    assert [(ln.book_qty, ln.variance, ln.variance_value_fen) for ln in view.lines] == [(9, -2, -5100),
                                                                                        (4, 1, 12000)]
    assert view.shortage_value_fen == -5100 and view.surplus_value_fen == 12000
    with pytest.raises(DomainError, match="经理的密码"):
        stk.post_stocktake(st.db, actor=st.clerk, approval=None, stocktake_id=sheet.id)
    before = {m.id for m in gifts.list_moves(st.db)}
    posted = stk.post_stocktake(st.db, actor=st.clerk, approval=st.approval, stocktake_id=sheet.id, reason="月末盘点")
    new = [m for m in gifts.list_moves(st.db) if m.id not in before]
    assert sorted((m.item_name, m.kind, m.qty, m.day) for m in new) == [
        ("保温杯", "adjust", -2, D(2026, 11, 15)), ("电饭煲", "adjust", 1, D(2026, 11, 15))]
    assert posted.status == "posted"
    assert gifts.on_hand(st.db, st.mug, D(2026, 11, 15)) == 7 and gifts.on_hand(st.db, st.cooker) == 5
    with pytest.raises(DomainError, match="已已过账|已过账"):
        stk.set_counts(st.db, actor=st.clerk, stocktake_id=sheet.id, counts={st.mug: 1})


def test_stocktake_refused_whole_when_a_later_balance_would_go_negative(station):
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=5, day=D(2026, 11, 1), delivery_note="a")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=5, day=D(2026, 11, 1), delivery_note="a")
    sheet = stk.start_stocktake(st.db, actor=st.clerk, day=D(2026, 11, 10))
    gifts.transfer_out(st.db, actor=st.clerk, item_id=st.mug, qty=4, day=D(2026, 11, 12), counterparty="二站")
    stk.set_counts(st.db, actor=st.clerk, stocktake_id=sheet.id, counts={st.cooker: 3, st.mug: 2})
    with pytest.raises(DomainError, match="之后的库存会变成负数"):
        stk.post_stocktake(st.db, actor=st.clerk, approval=st.approval, stocktake_id=sheet.id)
    assert gifts.on_hand(st.db, st.cooker) == 5  # the cooker line was not posted either
    assert stk.get_stocktake(st.db, sheet.id).status == "open"
    stk.cancel_stocktake(st.db, actor=st.clerk, stocktake_id=sheet.id, reason="数错了")
    assert stk.open_stocktake(st.db) is None


def test_statistics_balance_for_every_item_and_month(station, fake_now):
    st = station
    rng = random.Random(5)
    promo = gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="新装送杯", action="new_install",
                                item_id=st.mug, qty=1, valid_from=D(2026, 8, 1), valid_to=D(2026, 12, 31)).id
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=40, day=D(2026, 8, 1), delivery_note="a")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=9, day=D(2026, 8, 1), delivery_note="a")
    issues = []
    for n in range(40):
        day = D(2026, rng.randint(8, 11), rng.randint(1, 19))
        kind = rng.choice(["issue", "issue", "transfer", "receive", "write_off", "return", "override"])
        item = rng.choice([st.mug, st.cooker])
        try:
            if kind == "issue":
                issues.append(gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_b,
                                               promotion_id=promo, entitlement_ref=f"contact:{n}",
                                               action="new_install", day=day))
            elif kind == "override":
                gifts.issue_gift(st.db, actor=st.clerk, item_id=item, qty=1, customer_id=st.cust_a,
                                 promotion_id=None, entitlement_ref=f"contact:{n}", day=day,
                                 override=st.approval, override_reason="老用户投诉安抚")
            elif kind == "transfer":
                gifts.transfer_out(st.db, actor=st.clerk, item_id=item, qty=rng.randint(1, 3), day=day,
                                   counterparty="公司")
            elif kind == "receive":
                gifts.receive_stock(st.db, actor=st.clerk, item_id=item, qty=rng.randint(1, 5), day=day,
                                    delivery_note=f"N{n}")
            elif kind == "write_off":
                gifts.write_off(st.db, actor=st.clerk, approval=st.approval, item_id=item, qty=1, day=day,
                                reason="破损")
            elif issues:
                mv = issues.pop(0)
                gifts.return_gift(st.db, actor=st.clerk, issue_move_id=mv.id, qty=1, day=max(day, mv.day))
        except DomainError as exc:
            assert exc.code in ("gift.insufficient", "gift.later_negative")
    sheet = stk.start_stocktake(st.db, actor=st.clerk, day=D(2026, 11, 19))
    stk.set_counts(st.db, actor=st.clerk, stocktake_id=sheet.id,
                   counts={ln.item_id: max(0, ln.book_qty - 1) for ln in sheet.lines})
    stk.post_stocktake(st.db, actor=st.clerk, approval=st.approval, stocktake_id=sheet.id)

    prev_closing = {}
    for month in ("2026-08", "2026-09", "2026-10", "2026-11"):
        stats = gift_statistics(st.db, month)
        for row in stats.items + [stats.total]:
            assert row.balances, (month, row)
        for row in stats.items:
            assert row.opening == prev_closing.get(row.item_id, 0)
            assert row.closing == gifts.on_hand(st.db, row.item_id, D(2026, int(month[5:]), 28) if month != "2026-11"
                                                else None)
            assert row.closing_value_fen - row.opening_value_fen == (
                (row.closing - row.opening) * row.unit_cost_fen)
            prev_closing[row.item_id] = row.closing
        # issues by promotion and by staff add up to the issued column, net of returns
        net_issued = sum(r.issued - r.returned for r in stats.items)
        assert sum(g.qty for g in stats.by_promotion) == net_issued == sum(g.qty for g in stats.by_staff)
    nov = gift_statistics(st.db, "2026-11")
    assert sum(r.adjusted for r in nov.items) == -len([ln for ln in sheet.lines if ln.book_qty > 0])
    all_overrides = sum(len(gift_statistics(st.db, m).overrides) for m in ("2026-08", "2026-09", "2026-10", "2026-11"))
    assert all_overrides == len([m for m in gifts.list_moves(st.db, kind="issue") if m.override_reason])
