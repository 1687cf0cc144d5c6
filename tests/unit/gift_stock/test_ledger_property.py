"""Property: any sequence of moves (in any date order) keeps on hand = sum of moves, no running balance ever goes
negative, a move is accepted exactly when a model of the ledger says it may be, and a refused move changes nothing
(not a move, not an audit row) — including back-dated ones."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sqlalchemy import func
from sqlmodel import select

from station_desk.audit.models import AuditEntry
from station_desk.gift_stock.models import Promotion
from station_desk.errors import DomainError
from station_desk.gift_stock import service as gifts

_names = itertools.count()


def _audit_count(db) -> int:
    with db.read() as s:
        return s.exec(select(func.count()).select_from(AuditEntry)).one()
OPS = st.lists(
    st.tuples(st.sampled_from(["receive", "issue", "transfer", "return"]), st.integers(1, 4), st.integers(1, 6)),
    min_size=1, max_size=14,
)


def _model_accepts(model: list[tuple[dt.date, int, int]], day: dt.date, qty: int) -> bool:
    """Would inserting ``qty`` on ``day`` (after that day's moves) keep every running balance ≥ 0?"""
    rows = sorted(model + [(day, 10**9, qty)], key=lambda r: (r[0], r[1]))
    bal = 0
    for _d, _i, q in rows:
        bal += q
        if bal < 0:
            return False
    return True


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
@example(ops=[("receive", 4, 1), ("transfer", 3, 5), ("issue", 2, 3), ("issue", 1, 3), ("return", 1, 2)])
def test_moves_keep_ledger_consistent(station, ops):
    st_ = station
    db = st_.db
    item = gifts.add_item(db, actor=st_.clerk, name=f"测试礼品{next(_names)}", unit="个").id
    with db.session() as s:  # direct insert: add_promotion's PIN check (scrypt) is tested elsewhere
        p = Promotion(name="新装送", action="new_install", item_id=item, qty=50, valid_from=dt.date(2026, 1, 1),
                      valid_to=dt.date(2026, 12, 31), created_at=dt.datetime(2026, 1, 1))
        s.add(p)
        s.flush()
        promo = p.id
    model: list[tuple[dt.date, int, int]] = []
    issues: list[tuple[int, dt.date]] = []
    for n, (kind, qty, d) in enumerate(ops):
        day = dt.date(2026, 11, d)
        before_moves = len(gifts.list_moves(db, item_id=item))
        before_audit = _audit_count(db)
        signed = -qty if kind in ("issue", "transfer") else qty
        try:
            if kind == "receive":
                gifts.receive_stock(db, actor=st_.clerk, item_id=item, qty=qty, day=day, delivery_note=f"N{n}")
            elif kind == "transfer":
                gifts.transfer_out(db, actor=st_.clerk, item_id=item, qty=qty, day=day, counterparty="公司")
            elif kind == "issue":
                row = gifts.issue_gift(db, actor=st_.clerk, item_id=item, qty=qty, customer_id=st_.cust_b,
                                       promotion_id=promo, entitlement_ref=f"contact:{1000 + n}",
                                       action="new_install", day=day)
                issues.append((row.id, day))
            else:
                if not issues:
                    continue
                issue_id, issue_day = issues.pop()
                day = max(day, issue_day)
                signed = qty = 1
                gifts.return_gift(db, actor=st_.clerk, issue_move_id=issue_id, qty=1, day=day)
            accepted = True
        except DomainError as exc:
            assert exc.code in ("gift.insufficient", "gift.later_negative"), exc.message
            accepted = False
        assert accepted == _model_accepts(model, day, signed), (kind, qty, day, model)
        moves = gifts.list_moves(db, item_id=item)
        if accepted:
            model.append((day, max(m.id for m in moves), signed))
        else:
            assert len(moves) == before_moves
            assert _audit_count(db) == before_audit
        # on hand = sum of moves, and no running balance (day, id order) is negative
        assert gifts.on_hand(db, item) == sum(m.qty for m in moves) == sum(q for _d, _i, q in model)
        bal = 0
        for m in sorted(moves, key=lambda m: (m.day, m.id)):
            bal += m.qty
            assert bal >= 0
