"""Append-only ledgers (contacts, receipts, the cash book, stock moves, points): a correction is a new row that
points at the original (``reverses_id``) with a reason, never an edit. This is the one rule for which row may be
reversed, used by every ledger before it writes its reversing row."""

from __future__ import annotations

from sqlmodel import Session, select

from station_desk.errors import DomainError, NotFound


def require_reason(reason: str, *, verb: str = "冲正") -> str:
    """The reason, stripped and cut to what the column holds; a refusal when it is empty."""
    text = (reason or "").strip()
    if not text:
        raise DomainError("required", field=f"{verb}原因")
    return text[:200]


def row_to_reverse(s: Session, model, row_id: int, *, what: str, verb: str = "冲正"):
    """The row a reversing entry will cancel: it exists, is not itself a reversal, and has not been reversed.
    ``what`` names the row in the refusal (收款记录, 账目, 登记…); ``verb`` is 冲正 or 作废."""
    original = s.get(model, row_id)
    if original is None:
        raise NotFound(what=what, id=row_id)
    if original.reverses_id is not None:
        raise DomainError("ledger.reverse_a_reversal", what=what, id=row_id, verb=verb)
    if s.exec(select(model.id).where(model.reverses_id == row_id)).first():
        raise DomainError("ledger.already_reversed", what=what, id=row_id, verb=verb)
    return original
