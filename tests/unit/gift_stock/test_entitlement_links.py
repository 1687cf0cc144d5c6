"""The entitlement behind a front-desk contact or a work order: read from the record when the module exists, and
one customer action is one entitlement whichever record names it."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.contact_log.models import Contact
from station_desk.gift_stock import service as gifts
from station_desk.gift_stock.service import GiftRuleRefused
from station_desk.work_orders.models import WorkOrder

D = dt.date


def _contact(db, customer_id, kind, **kw) -> int:
    with db.session() as s:
        c = Contact(at=dt.datetime(2026, 11, 20, 9), day=D(2026, 11, 20), channel="walk_in", kind=kind,
                    customer_id=customer_id, created_at=dt.datetime(2026, 11, 20, 9), **kw)
        s.add(c)
        s.flush()
        return c.id


@pytest.fixture
def promos(station):
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=10, day=D(2026, 11, 1), delivery_note="a")
    renewal = gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="续费送杯", action="renewal",
                                  item_id=st.mug, valid_from=D(2026, 11, 1), valid_to=D(2026, 11, 30)).id
    install = gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="新装送杯",
                                  action="new_install", item_id=st.mug, valid_from=D(2026, 11, 1),
                                  valid_to=D(2026, 11, 30)).id
    return renewal, install


def test_contact_kind_is_the_customers_action(station, promos):
    st, (renewal, install) = station, promos
    cid = _contact(st.db, st.cust_b, "renewal")
    ent, fits = gifts.entitlement_for(st.db, customer_id=st.cust_b, entitlement_ref=f"contact:{cid}")
    assert ent.from_record and ent.actions == {"renewal"} and [p.id for p in fits] == [renewal]
    # the clerk cannot claim a new install for a contact that was a renewal
    with pytest.raises(GiftRuleRefused, match="不符合"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_b, promotion_id=install,
                         entitlement_ref=f"contact:{cid}", action="new_install", day=D(2026, 11, 20))
    assert gifts.customer_of_ref(st.db, f"contact:{cid}") == st.cust_b


def test_contact_pointing_at_a_renewal_is_that_renewal(station, promos):
    st, (renewal, _i) = station, promos
    cid = _contact(st.db, st.cust_a, "renewal", renewal_id=st.renewal_a)
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=renewal,
                     entitlement_ref=f"contact:{cid}", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="续费记录第 1 号"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=renewal,
                         entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 20))


def test_new_install_work_order(station, promos):
    st, (renewal, install) = station, promos
    with st.db.session() as s:
        wo = WorkOrder(kind="new_install", customer_id=st.cust_b, created_at=dt.datetime(2026, 11, 10, 9))
        s.add(wo)
        s.flush()
        wid = wo.id
    listed = gifts.customer_entitlements(st.db, customer_id=st.cust_b)
    assert [ref for ref, _label in listed] == [f"work_order:{wid}", f"signup:{st.signup_b}"]
    ent, fits = gifts.entitlement_for(st.db, customer_id=st.cust_b, entitlement_ref=f"work_order:{wid}")
    assert ent.actions == {"new_install"} and [p.id for p in fits] == [install]
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_b, promotion_id=install,
                     entitlement_ref=f"work_order:{wid}", day=D(2026, 11, 20))
    with pytest.raises(GiftRuleRefused, match="工单第 .* 号"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_b, promotion_id=install,
                         entitlement_ref=f"work_order:{wid}", day=D(2026, 11, 20))
    with pytest.raises(Exception, match="另一位用户"):
        gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=install,
                         entitlement_ref=f"work_order:{wid}", day=D(2026, 11, 20))
