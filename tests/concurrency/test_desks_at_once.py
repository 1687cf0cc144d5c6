"""Several desks writing at once (issue #17): N processes record contacts, receipts, gift stock moves and work-order
events on one station at the same time. Every rule still holds (stock never below zero, an invoice number on one
standing receipt, one till close a day), both hash chains verify, and nothing is lost. Runs on the engine of the
run: SQLite (one file, processes on one PC) and PostgreSQL (the desks of a LAN)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from station_desk import clock
from station_desk.audit import service as audit
from station_desk.cash_book.chain import verify_cash_chain
from station_desk.contact_log.models import Contact
from station_desk.gift_stock import service as gifts
from station_desk.gift_stock.models import StockMove
from station_desk.takings.models import Receipt, TillClose
from station_desk.work_orders.models import WorkOrder, WorkOrderEvent

ROOT = Path(__file__).resolve().parents[2]
DESKS = 4
ROUNDS = 6
STOCK = 10  # fewer than DESKS * ROUNDS transfers are tried


def test_desks_writing_at_once_break_no_rule_and_lose_nothing(db, manager):
    actor, _approval = manager
    item = gifts.add_item(db, actor=actor, name="保温杯", unit="个", unit_cost_fen=1500)
    gifts.receive_stock(db, actor=actor, item_id=item.id, qty=STOCK, day=clock.today(), delivery_note="SD-1")
    with db.read() as s:
        orders_before = s.exec(select(func.count()).select_from(WorkOrder)).one()
        events_before = s.exec(select(func.count()).select_from(WorkOrderEvent)).one()
    target = db.address
    when = clock.now().isoformat(timespec="minutes")
    procs = [subprocess.Popen([sys.executable, "-m", "tests.concurrency.desk", target, str(d), str(ROUNDS), when,
                               str(item.id)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in range(DESKS)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    with db.read() as s:
        contacts = s.exec(select(func.count()).select_from(Contact)).one()
        receipts = s.exec(select(Receipt.invoice_no).where(Receipt.reverses_id.is_(None))).all()
        closes = s.exec(select(TillClose)).all()
        moves = s.exec(select(StockMove).where(StockMove.item_id == item.id)).all()
        orders = s.exec(select(func.count()).select_from(WorkOrder)).one() - orders_before
        events = s.exec(select(func.count()).select_from(WorkOrderEvent)).one() - events_before

    # nothing lost: every success a desk saw is in the database, once
    assert contacts == sum(r["contacts"] for r in results) == DESKS * ROUNDS
    assert orders == sum(r["orders"] for r in results) == DESKS * ROUNDS
    assert events >= DESKS * ROUNDS * 2  # created + cancelled, at least
    assert sorted(receipts) == sorted(sum((r["receipts"] for r in results), []))
    # an invoice number on one standing receipt, each tried number used exactly once
    assert max(Counter(receipts).values()) == 1 and len(receipts) == ROUNDS
    # stock never below zero: exactly the stock went out, the rest was refused
    assert sum(m.qty for m in moves) == 0
    assert sum(r["stock_out"] for r in results) == STOCK
    assert sum(r["stock_refused"] for r in results) == DESKS * ROUNDS - STOCK
    # one till close for the day (the database's unique day, and the rule before it)
    assert len(closes) == 1 and sum(r["closed"] for r in results) == 1
    # both hash chains hold across the interleaved writers
    assert audit.verify_chain(db) is None
    assert verify_cash_chain(db) is None
