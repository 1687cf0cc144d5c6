"""The new-order dialog as the front desk opens it ("turn into work order"): the customer is copied in and a
near expiry date is shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from station_desk.customers.models import Customer
from station_desk.work_orders import queries
from station_desk.work_orders.dialogs import open_new_order_dialog
from tests.gui_helpers import on_modal
from tests.fixtures.work_orders import make_staff

MODAL_WAIT_MS = 30000  # a loaded shared machine can take seconds to show a process's first dialog


def test_turn_contact_into_order_with_customer_and_expiry(qtbot, db, fake_now, make_ctx):
    fake_now(dt.datetime(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    with db.session() as s:
        c = Customer(account_no="GW1", name="陈大爷", area="简易片区", building="3栋", unit="2单元", address="501",
                     phone="13800001111", expiry_date=dt.date(2026, 11, 30), created_at=dt.datetime(2026, 1, 1))
        s.add(c)
        s.flush()
        cid = c.id
    seen = {}

    def check(d):
        seen["name"] = d.customer_name.text()
        seen["expiry"] = d.expiry.text()
        seen["kind"] = d.kind.currentData()
        qtbot.keyClick(d.customer_name, Qt.Key.Key_Return)

    on_modal(check, name="NewOrderDialog", timeout_ms=MODAL_WAIT_MS)
    oid = open_new_order_dialog(None, make_ctx(clerk), contact_id=77, customer_id=cid, kind="repair",
                                description="电视无信号")
    assert seen["name"] == "陈大爷" and "2026-11-30" in seen["expiry"] and seen["kind"] == "repair"
    d = queries.get_order(db, oid)
    assert d.customer_id == cid and d.description == "电视无信号" and d.expiry_date == dt.date(2026, 11, 30)
    board = queries.board(db)
    assert board.orders[0].expiry_date == dt.date(2026, 11, 30)
