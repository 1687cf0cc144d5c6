"""One desk of the concurrency test, in its own process: ``python -m tests.concurrency.desk TARGET DESK ROUNDS
STATION_TIME ITEM_ID`` writes contacts, receipts (invoice numbers every desk also tries), gift stock moves (more
than the stock holds, across all desks) and work orders with their events, then tries the day's till close.
Prints one JSON line: what succeeded and what the rules refused."""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    target, desk, rounds, when, item_id = argv[0], int(argv[1]), int(argv[2]), argv[3], int(argv[4])
    from station_desk import clock
    from station_desk.actor import Actor, ManagerApproval
    from station_desk.contact_log.service import ContactDraft, record_contact
    from station_desk.db.engine import Database
    from station_desk.errors import DomainError
    from station_desk.gift_stock.service import transfer_out
    from station_desk.staff import auth
    from station_desk.staff.roles import Role
    from station_desk.takings.service import close_day, day_summary, record_receipt
    from station_desk.work_orders.service.closing import cancel_order
    from station_desk.work_orders.service.orders import create_order

    clock.set_fake_now(clock.parse_station_time(when))
    auth.PIN_KDF = auth.TEST_KDF
    actor = Actor(staff_id=1, name="王经理", role=Role.MANAGER)
    db = Database(target)
    out = {"contacts": 0, "receipts": [], "receipt_refused": 0, "stock_out": 0, "stock_refused": 0,
           "orders": 0, "events": 0, "closed": False, "close_refused": ""}
    try:
        for i in range(rounds):
            record_contact(db, actor=actor, draft=ContactDraft(kind="inquiry", person_name=f"台{desk}客{i}",
                                                               asked="宽带资费", done="已解答"))
            out["contacts"] += 1
            invoice = f"F{i:04d}"  # every desk tries the same numbers: each may be used once
            try:
                record_receipt(db, actor=actor, amount_fen=100 + desk, method="cash", invoice_no=invoice)
                out["receipts"].append(invoice)
            except DomainError:
                out["receipt_refused"] += 1
            try:
                transfer_out(db, actor=actor, item_id=item_id, qty=1, day=clock.today(), counterparty="分公司")
                out["stock_out"] += 1
            except DomainError:
                out["stock_refused"] += 1
            order = create_order(db, actor=actor, kind="repair", customer_name=f"台{desk}户{i}", area="东区",
                                 description="无信号")
            cancel_order(db, actor=actor, order_id=order, reason="客户来电取消")
            out["orders"] += 1
            out["events"] += 1
        expected = day_summary(db, clock.today()).expected_cash_fen
        try:
            close_day(db, actor=actor, approval=ManagerApproval(1, "2468"), day=clock.today(),
                      counted_cash_fen=expected, reason="")
            out["closed"] = True
        except DomainError as exc:
            out["close_refused"] = exc.code
    finally:
        db.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
