"""Issuing gifts: promotion rules, duplicates, manager override, returns (SPEC §4; issue 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.actor import ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, PeriodLocked, WrongPin
from station_desk.gift_stock import service as gifts
from station_desk.gift_stock.service import GiftRuleRefused

D = dt.date


@pytest.fixture
def promo(station):
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=10, day=D(2026, 11, 1), delivery_note="SH-001")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=2, day=D(2026, 11, 1), delivery_note="SH-001")
    yearly = gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="包年续费送保温杯",
                                 action="renewal", cycle="yearly", item_id=st.mug, qty=1,
                                 valid_from=D(2026, 11, 1), valid_to=D(2026, 12, 31))
    install = gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="新装送电饭煲",
                                  action="new_install", item_id=st.cooker, qty=1,
                                  valid_from=D(2026, 11, 1), valid_to=D(2026, 12, 31))
    return yearly.id, install.id


def test_issue_for_renewal_and_duplicate_refused(station, promo):
    st, (yearly, _install) = station, promo
    row = gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a,
                           promotion_id=yearly, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    assert row.qty == -1 and row.customer_name == "张三" and row.promotion_name == "包年续费送保温杯"
    assert gifts.on_hand(st.db, st.mug) == 9
    with pytest.raises(GiftRuleRefused, match="已经领过") as err:
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                         entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    assert "李晓燕" in err.value.message
    assert gifts.on_hand(st.db, st.mug) == 9


def test_contact_linked_to_renewal_is_the_same_entitlement(station, promo, db):
    from station_desk.customers.models import Renewal

    st, (yearly, _) = station, promo
    with db.session() as s:
        r = s.get(Renewal, st.renewal_a)
        r.contact_id = 77
        s.add(r)
    gifts.issue_gift(db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                     entitlement_ref="contact:77", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="已经领过"):
        gifts.issue_gift(db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                         entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    assert gifts.list_moves(db, kind="issue")[0].entitlement_ref == f"renewal:{st.renewal_a}"


def test_not_entitled_wrong_item_no_promotion(station, promo):
    st, (yearly, install) = station, promo
    with pytest.raises(GiftRuleRefused, match="不符合促销活动“新装送电饭煲”的条件"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_a,
                         promotion_id=install, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="赠送的是“保温杯”"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_a,
                         promotion_id=yearly, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="乱送促销品"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a,
                         promotion_id=None, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="每笔业务只送 1个"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=2, customer_id=st.cust_a,
                         promotion_id=yearly, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    with pytest.raises(DomainError, match="另一位用户"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_b,
                         promotion_id=yearly, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="有效期"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a,
                         promotion_id=yearly, entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 10, 31))
    assert gifts.list_moves(st.db, kind="issue") == []


def test_new_install_by_signup_and_claimed_action(station, promo):
    st, (_y, install) = station, promo
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_b, promotion_id=install,
                     entitlement_ref=f"signup:{st.signup_b}", day=D(2026, 11, 20))
    # a contact with no record behind it: the clerk's chosen action counts; without one it is unknown
    with pytest.raises(GiftRuleRefused, match="不知道该用户办理了什么业务"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_a,
                         promotion_id=install, entitlement_ref="contact:900", day=D(2026, 11, 20))
    row = gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_a,
                           promotion_id=install, entitlement_ref="contact:900", action="new_install",
                           day=D(2026, 11, 20))
    assert row.entitlement_ref == "contact:900"
    assert gifts.on_hand(st.db, st.cooker) == 0


def test_manager_override_recorded(station, promo):
    st, (yearly, _) = station, promo
    ref = f"renewal:{st.renewal_a}"
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                     entitlement_ref=ref, day=D(2026, 11, 20))
    with pytest.raises(DomainError, match="必须填写原因"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                         entitlement_ref=ref, day=D(2026, 11, 20), override=st.approval)
    with pytest.raises(WrongPin):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                         entitlement_ref=ref, day=D(2026, 11, 20), override=ManagerApproval(st.manager.staff_id, "0"),
                         override_reason="x")
    row = gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a,
                           promotion_id=yearly, entitlement_ref=ref, day=D(2026, 11, 20), override=st.approval,
                           override_reason="第一个杯子破损")
    assert row.override_reason == "第一个杯子破损" and row.approved_by == "王经理"
    entry = audit.list_entries(st.db, entity="gift_stock_move")[0]
    assert "经理特批" in entry.reason and "已经领过" in entry.reason
    assert audit.verify_chain(st.db) is None


def test_override_cannot_beat_stock(station, promo):
    st, (_y, install) = station, promo
    gifts.transfer_out(st.db, actor=st.clerk, item_id=st.cooker, qty=2, day=D(2026, 11, 5), counterparty="公司仓库")
    with pytest.raises(DomainError, match="库存不足"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_b,
                         promotion_id=install, entitlement_ref=f"signup:{st.signup_b}", day=D(2026, 11, 20),
                         override=st.approval, override_reason="特批")


def test_return_frees_entitlement(station, promo):
    st, (yearly, _) = station, promo
    ref = f"renewal:{st.renewal_a}"
    issued = gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a,
                              promotion_id=yearly, entitlement_ref=ref, day=D(2026, 11, 10))
    with pytest.raises(DomainError, match="早于发放日期"):
        gifts.return_gift(st.db, actor=st.clerk, issue_move_id=issued.id, qty=1, day=D(2026, 11, 9))
    gifts.return_gift(st.db, actor=st.clerk, issue_move_id=issued.id, qty=1, day=D(2026, 11, 12), note="换颜色")
    with pytest.raises(DomainError, match="超过"):
        gifts.return_gift(st.db, actor=st.clerk, issue_move_id=issued.id, qty=1, day=D(2026, 11, 12))
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                     entitlement_ref=ref, day=D(2026, 11, 12))
    assert gifts.on_hand(st.db, st.mug) == 9


def test_write_off_needs_manager_and_reason(station, promo):
    st = station
    with pytest.raises(DomainError, match="经理的密码"):
        gifts.write_off(st.db, actor=st.clerk, approval=None, item_id=st.mug, qty=1, day=D(2026, 11, 5),
                        reason="摔坏")
    with pytest.raises(DomainError, match="请填写原因"):
        gifts.write_off(st.db, actor=st.clerk, approval=st.approval, item_id=st.mug, qty=1, day=D(2026, 11, 5),
                        reason=" ")
    row = gifts.write_off(st.db, actor=st.clerk, approval=st.approval, item_id=st.mug, qty=1, day=D(2026, 11, 5),
                          reason="摔坏")
    assert row.approved_by == "王经理" and row.qty == -1


def test_receive_needs_delivery_note_future_and_locked_month(station, promo):
    st = station
    with pytest.raises(DomainError, match="送货单号"):
        gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 11, 5), delivery_note="")
    with pytest.raises(DomainError, match="还没到"):
        gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 11, 21), delivery_note="x")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 10, 5), delivery_note="x")
    gifts.lock_gift_month(st.db, actor=st.manager, approval=st.approval, month="2026-10")
    with pytest.raises(PeriodLocked):
        gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 10, 6), delivery_note="x")


def test_back_dated_issue_checked_against_later_balances(station):
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=5, day=D(2026, 11, 1), delivery_note="a")
    gifts.transfer_out(st.db, actor=st.clerk, item_id=st.mug, qty=4, day=D(2026, 11, 10), counterparty="二站")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=10, day=D(2026, 11, 15), delivery_note="b")
    # on 11-05 there are 5, but on 11-10 only 1 would be left: a back-dated transfer of 2 would go to -1
    with pytest.raises(DomainError, match="2026-11-10 的结存只有 1个") as err:
        gifts.transfer_out(st.db, actor=st.clerk, item_id=st.mug, qty=2, day=D(2026, 11, 5), counterparty="三站")
    assert err.value.code == "gift.later_negative"
    gifts.transfer_out(st.db, actor=st.clerk, item_id=st.mug, qty=1, day=D(2026, 11, 5), counterparty="三站")
    assert gifts.on_hand(st.db, st.mug) == 10


def test_low_stock_items(station):
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=3, day=D(2026, 11, 1), delivery_note="a")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=6, day=D(2026, 11, 1), delivery_note="a")
    assert [r.name for r in gifts.low_stock_items(st.db)] == ["保温杯"]  # 3 ≤ 3; cooker 6 > policy default 5
    gifts.transfer_out(st.db, actor=st.clerk, item_id=st.cooker, qty=1, day=D(2026, 11, 2), counterparty="x")
    assert {r.name for r in gifts.low_stock_items(st.db)} == {"保温杯", "电饭煲"}


def test_item_validation_and_promotion_needs_manager(station):
    st = station
    with pytest.raises(DomainError, match="已经登记过"):
        gifts.add_item(st.db, actor=st.clerk, name="保温杯", unit="个")
    with pytest.raises(DomainError, match="负数"):
        gifts.add_item(st.db, actor=st.clerk, name="雨伞", unit="把", unit_cost_fen=-1)
    with pytest.raises(DomainError, match="经理的密码"):
        gifts.add_promotion(st.db, actor=st.clerk, approval=None, name="x", action="renewal", item_id=st.mug,
                            valid_from=D(2026, 11, 1), valid_to=D(2026, 11, 30))
    with pytest.raises(DomainError, match="必须指定套餐"):
        gifts.add_promotion(st.db, actor=st.clerk, approval=st.approval, name="x", action="package",
                            item_id=st.mug, valid_from=D(2026, 11, 1), valid_to=D(2026, 11, 30))
    p = gifts.add_promotion(st.db, actor=st.clerk, approval=st.approval, name="办10.3送杯", action="package",
                            package="10.3", item_id=st.mug, valid_from=D(2026, 11, 1), valid_to=D(2026, 11, 30))
    assert p.condition == "办理套餐 10.3"
    assert [r.name for r in gifts.list_promotions(st.db, include_ended=False)] == ["办10.3送杯"]


def test_business_not_on_record_once_per_customer_and_promotion(station, promo):
    st, (yearly, _install) = station, promo
    ref = f"customer:{st.cust_a}"
    with pytest.raises(GiftRuleRefused, match="不知道该用户办理了什么业务"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                         entitlement_ref=ref, day=D(2026, 11, 20))
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                     entitlement_ref=ref, action="renewal", day=D(2026, 11, 20))  # customer A pays yearly
    with pytest.raises(GiftRuleRefused, match="该用户未登记的业务"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                         entitlement_ref=ref, action="renewal", day=D(2026, 11, 20))
    with pytest.raises(DomainError, match="另一位用户"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_b, promotion_id=yearly,
                         entitlement_ref=ref, action="renewal", day=D(2026, 11, 20))


def test_stored_action_fits_its_column_for_an_upgrading_renewal(station, promo):
    """Given a renewal that is also an upgrade (two actions), when a gift is issued for it, then the move stores
    one action code that fits ``gift_stock_move.action`` (VARCHAR(12): 'renewal,upgrade' did not; PostgreSQL
    refuses it, SQLite kept it silently) — the promotion's action, or the most specific one without a promotion."""
    from sqlmodel import select

    from station_desk.gift_stock.models import StockMove

    st, (yearly, _install) = station, promo
    width = StockMove.__table__.c.action.type.length
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=yearly,
                     entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=None,
                     entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20), override=st.approval,
                     override_reason="老用户升级")
    with st.db.read() as s:
        actions = [m.action for m in s.exec(select(StockMove).where(StockMove.kind == "issue")
                                            .order_by(StockMove.id))]
    assert actions == ["renewal", "upgrade"]
    assert all(len(a) <= width for a in actions)
