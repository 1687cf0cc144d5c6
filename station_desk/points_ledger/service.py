"""The points ledger that other modules write to (work orders, attendance, manual items).

A low-level package: it imports only the foundation (audit, periods), so work orders and attendance can credit
points without importing the monthly engine (``station_desk.points``), which reads them.

``credit_in`` is idempotent per (person, source, rule): crediting the same closed order twice adds nothing.
Both functions run inside the caller's transaction and refuse a day in a locked points month.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.periods.service import ensure_open
from station_desk.points_ledger.models import PointEntry


def _existing(s: Session, staff_id: int, source_kind: str, source_id: str, rule: str) -> PointEntry | None:
    """The live (not reversed) entry for this source and rule, if any."""
    rows = s.exec(select(PointEntry).where(
        PointEntry.staff_id == staff_id, PointEntry.source_kind == source_kind,
        PointEntry.source_id == source_id, PointEntry.rule == rule)).all()
    reversed_ids = {r.reverses_id for r in rows if r.reverses_id}
    live = [r for r in rows if r.reverses_id is None and r.id not in reversed_ids]
    return live[0] if live else None


def credit_in(s: Session, *, actor: Actor, staff_id: int, day: dt.date, points_x100: int, kind: str, rule: str,
              source_kind: str = "", source_id: object = "", note: str = "") -> PointEntry:
    ensure_open(s, "points", day)
    sid = "" if source_id is None else str(source_id)
    if source_kind:
        found = _existing(s, staff_id, source_kind, sid, rule)
        if found is not None:
            return found
    entry = PointEntry(staff_id=staff_id, day=day, kind=kind, rule=rule, points_x100=int(points_x100),
                       source_kind=source_kind, source_id=sid, note=note[:200], created_at=clock.now(),
                       created_by=actor.name)
    audit.add_new(s, entry, actor=actor, action="points.credit")
    return entry


def reverse_in(s: Session, *, actor: Actor, entry_id: int, reason: str, day: dt.date | None = None) -> PointEntry:
    """Cancel an entry by a new row of the opposite sign, dated ``day`` (default: today, an open month)."""
    if not reason.strip():
        raise DomainError("required", field="冲正原因")
    original = s.get(PointEntry, entry_id)
    if original is None:
        raise NotFound(what="积分记录", id=entry_id)
    if s.exec(select(PointEntry.id).where(PointEntry.reverses_id == entry_id)).first():
        raise DomainError("points.already_reversed", id=entry_id)
    when = day or clock.today()
    ensure_open(s, "points", when)
    entry = PointEntry(staff_id=original.staff_id, day=when, kind=original.kind, rule=original.rule,
                       points_x100=-original.points_x100, source_kind=original.source_kind,
                       source_id=original.source_id, note=reason[:200], reverses_id=original.id,
                       created_at=clock.now(), created_by=actor.name)
    audit.add_new(s, entry, actor=actor, action="points.reverse", reason=reason)
    return entry
