"""Stocktake (盘点): a count sheet, counted quantities, the variance by item with its value, and the posting of all
adjustments in one transaction with the manager's approval (SPEC §4, R-4.13 账实相符).

The variance is always counted against the book balance at the end of the stocktake day *when it is computed*,
so a move entered after the count sheet was printed is not counted twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.gift_stock.models import GiftItem, Stocktake, StocktakeLine
from station_desk.gift_stock.service import SCOPE, check_day, add_move_in, balance_on, balances_on
from station_desk.periods.service import ensure_open
from station_desk.staff import auth

STATUS = {"open": "未过账", "posted": "已过账", "cancelled": "已作废"}


@dataclass(frozen=True)
class CountLine:
    item_id: int
    item_name: str
    unit: str
    unit_cost_fen: int
    book_qty: int  # book balance at the end of the stocktake day, now
    counted_qty: int | None
    note: str

    @property
    def variance(self) -> int | None:
        return None if self.counted_qty is None else self.counted_qty - self.book_qty

    @property
    def variance_value_fen(self) -> int:
        return (self.variance or 0) * self.unit_cost_fen


@dataclass(frozen=True)
class StocktakeView:
    id: int
    day: dt.date
    status: str
    status_label: str
    note: str
    created_by: str
    lines: list[CountLine]

    @property
    def surplus_value_fen(self) -> int:
        return sum(ln.variance_value_fen for ln in self.lines if (ln.variance or 0) > 0)

    @property
    def shortage_value_fen(self) -> int:
        return sum(ln.variance_value_fen for ln in self.lines if (ln.variance or 0) < 0)


def _view(s: Session, st: Stocktake) -> StocktakeView:
    lines = s.exec(select(StocktakeLine).where(StocktakeLine.stocktake_id == st.id)
                   .order_by(StocktakeLine.id)).all()
    items = {i.id: i for i in s.exec(select(GiftItem))}
    bal = balances_on(s, st.day)
    out = []
    for ln in lines:
        it = items[ln.item_id]
        book = ln.book_qty if st.status != "open" else bal.get(ln.item_id, 0)
        out.append(CountLine(it.id, it.name, it.unit, it.unit_cost_fen, book, ln.counted_qty, ln.note))
    return StocktakeView(st.id, st.day, st.status, STATUS.get(st.status, st.status), st.note, st.created_by, out)


def _open(s: Session, stocktake_id: int) -> Stocktake:
    st = s.get(Stocktake, stocktake_id)
    if st is None:
        raise NotFound(what="盘点单", id=stocktake_id)
    if st.status != "open":
        raise DomainError("gift.stocktake_not_open", id=stocktake_id, status=STATUS.get(st.status, st.status))
    return st


def start_stocktake(db, *, actor: Actor, day: dt.date, note: str = "") -> StocktakeView:
    """A count sheet for every active item (and any inactive one still in stock) on ``day``."""
    with db.session() as s:
        check_day(s, day)
        existing = s.exec(select(Stocktake).where(Stocktake.status == "open")).first()
        if existing is not None:
            raise DomainError("gift.stocktake_open_exists", day=existing.day.isoformat())
        st = Stocktake(day=day, note=(note or "").strip()[:200], created_at=clock.now(), created_by=actor.name)
        s.add(st)
        s.flush()
        bal = balances_on(s, day)
        for it in s.exec(select(GiftItem).order_by(GiftItem.name)):
            if it.active or bal.get(it.id, 0):
                s.add(StocktakeLine(stocktake_id=st.id, item_id=it.id, book_qty=bal.get(it.id, 0)))
        s.flush()
        audit.record(s, actor=actor, action="gift.start_stocktake", entity="gift_stocktake", entity_id=st.id,
                     after={"day": day, "note": st.note})
        return _view(s, st)


def set_counts(db, *, actor: Actor, stocktake_id: int, counts: dict[int, int | None],
               notes: dict[int, str] | None = None) -> StocktakeView:
    """Enter counted quantities ({item_id: qty}; None clears a count)."""
    with db.session() as s:
        st = _open(s, stocktake_id)
        lines = {ln.item_id: ln for ln in s.exec(select(StocktakeLine).where(StocktakeLine.stocktake_id == st.id))}
        changed = {}
        for item_id, qty in counts.items():
            ln = lines.get(item_id)
            if ln is None:
                raise DomainError("gift.stocktake_item_missing", item_id=item_id)
            if qty is not None and (not isinstance(qty, int) or qty < 0):
                raise DomainError("gift.stocktake_count_negative")
            if ln.counted_qty != qty:
                changed[item_id] = {"before": ln.counted_qty, "after": qty}
                ln.counted_qty = qty
                s.add(ln)
        for item_id, text in (notes or {}).items():
            if item_id in lines:
                lines[item_id].note = (text or "").strip()[:100]
                s.add(lines[item_id])
        if changed:
            audit.record(s, actor=actor, action="gift.count", entity="gift_stocktake", entity_id=st.id,
                         after=changed)
        s.flush()
        return _view(s, st)


def get_stocktake(db, stocktake_id: int) -> StocktakeView:
    with db.read() as s:
        st = s.get(Stocktake, stocktake_id)
        if st is None:
            raise NotFound(what="盘点单", id=stocktake_id)
        return _view(s, st)


def open_stocktake(db) -> StocktakeView | None:
    with db.read() as s:
        st = s.exec(select(Stocktake).where(Stocktake.status == "open")).first()
        return _view(s, st) if st else None


def list_stocktakes(db, *, limit: int = 100) -> list[tuple[int, dt.date, str, str]]:
    with db.read() as s:
        rows = s.exec(select(Stocktake).order_by(Stocktake.day.desc(), Stocktake.id.desc()).limit(limit)).all()
        return [(r.id, r.day, STATUS.get(r.status, r.status), r.note) for r in rows]


def post_stocktake(db, *, actor: Actor, approval: ManagerApproval | None, stocktake_id: int,
                   reason: str = "") -> StocktakeView:
    """Post every counted line's variance as one adjustment move each, all in one transaction. Uncounted lines
    are not adjusted. Needs the manager's approval; if any adjustment would make a later balance negative,
    nothing is posted."""
    with db.read() as s:
        st = _open(s, stocktake_id)
        if all(ln.counted_qty is None for ln in s.exec(select(StocktakeLine)
                                                       .where(StocktakeLine.stocktake_id == st.id))):
            raise DomainError("gift.stocktake_nothing_counted")
    approver = auth.require_manager(db, approval, "盘点过账")
    text = (reason or "").strip()
    with db.session() as s:
        st = _open(s, stocktake_id)
        ensure_open(s, SCOPE, st.day)
        for ln in s.exec(select(StocktakeLine).where(StocktakeLine.stocktake_id == st.id)).all():
            book = balance_on(s, ln.item_id, st.day)
            ln.book_qty = book  # what the posting was measured against
            s.add(ln)
            if ln.counted_qty is None or ln.counted_qty == book:
                continue
            item = s.get(GiftItem, ln.item_id)
            add_move_in(s, actor=actor, item=item, day=st.day, kind="adjust", qty=ln.counted_qty - book,
                        stocktake_id=st.id, approved_by_id=approver.staff_id,
                        note=(ln.note or text or ("盘盈" if ln.counted_qty > book else "盘亏"))[:200],
                        reason=text or None)
        st.status, st.posted_at, st.approved_by_id = "posted", clock.now(), approver.staff_id
        s.add(st)
        s.flush()
        audit.record(s, actor=actor, action="gift.post_stocktake", entity="gift_stocktake", entity_id=st.id,
                     after={"status": "posted"}, reason=f"批准人：{approver.name}" + (f"；{text}" if text else ""))
        return _view(s, st)


def cancel_stocktake(db, *, actor: Actor, stocktake_id: int, reason: str) -> None:
    if not (reason or "").strip():
        raise DomainError("gift.reason_required")
    with db.session() as s:
        st = _open(s, stocktake_id)
        st.status = "cancelled"
        s.add(st)
        audit.record(s, actor=actor, action="gift.cancel_stocktake", entity="gift_stocktake", entity_id=st.id,
                     after={"status": "cancelled"}, reason=reason.strip())
