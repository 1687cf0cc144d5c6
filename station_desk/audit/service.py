"""Audit log service.

:func:`record` is called by every mutating service *inside its own transaction*, so the audit row commits or
rolls back with the change it describes. Each row carries ``hash = sha256(prev_hash + content)``;
:func:`verify_chain` walks the log and reports the first row whose content or link does not match.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor
from station_desk.audit.models import AuditEntry

GENESIS = "0" * 64
ROWS_ACTION, ROWS_ENTITY = "audit.rows", "rows"  # the row log's entries (station_desk.audit.rows)


def _json_default(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return str(value)


def to_json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def snapshot(obj, *, exclude: tuple[str, ...] = ()) -> dict:
    """Column values of a SQLModel row as a plain dict (for before/after)."""
    table = obj.__table__
    return {c.name: getattr(obj, c.name) for c in table.columns if c.name not in exclude}


def _content(entry: AuditEntry) -> str:
    at = entry.at.replace(microsecond=0).isoformat() if entry.at else ""
    parts = [at, str(entry.actor_id), entry.actor_name, entry.action, entry.entity, entry.entity_id,
             entry.before or "", entry.after or "", entry.reason or ""]
    return "\x1f".join(parts)


def _digest(prev_hash: str, content: str) -> str:
    # text that is not valid Unicode (a lone surrogate in a reason no form checked) is refused as bad input here,
    # where it is first encoded — the statement check (``validate.refuse_unstorable``) would refuse it later
    validate.refuse_unstorable([content])
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def record(
    s: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = "",
    before: object = None,
    after: object = None,
    reason: str | None = None,
) -> AuditEntry:
    """Append one audit row in the caller's transaction."""
    last = s.exec(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()  # type: ignore[union-attr]
    prev_hash = last or GENESIS
    entry = AuditEntry(
        at=clock.now(),
        actor_id=actor.staff_id,
        actor_name=actor.name,
        action=action,
        entity=entity,
        entity_id="" if entity_id is None else str(entity_id),
        before=to_json(before),
        after=to_json(after),
        reason=reason,
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = _digest(prev_hash, _content(entry))
    s.add(entry)
    s.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    at: dt.datetime
    problem: str  # "content" (row edited) or "link" (row removed or inserted)


def add_new(s: Session, row, *, actor: Actor, action: str, reason: str | None = None):
    """Insert ``row`` in the caller's transaction and audit its creation: the entity is its table, the id the one
    it was given, ``after`` its values. Returns the row."""
    s.add(row)
    s.flush()
    record(s, actor=actor, action=action, entity=row.__table__.name, entity_id=row.id, after=snapshot(row),
           reason=reason)
    return row


def verify_chain(db) -> ChainProblem | None:
    """Return the first broken link, or None when the whole log verifies."""
    prev = GENESIS
    with db.read() as s:
        for entry in s.exec(select(AuditEntry).order_by(AuditEntry.id)):
            if entry.prev_hash != prev:
                return ChainProblem(entry.id, entry.at, "link")
            if _digest(entry.prev_hash, _content(entry)) != entry.hash:
                return ChainProblem(entry.id, entry.at, "content")
            prev = entry.hash
    return None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor_name: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    reason: str | None


def list_entries(
    db,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor_id: int | None = None,
    entity: str | None = None,
    text: str | None = None,
    limit: int = 2000,
    before_id: int | None = None,
) -> list[AuditRow]:
    """Newest first, filtered. ``until`` is inclusive. The row log's entries (``audit.rows``: the rows each
    transaction wrote, :mod:`station_desk.audit.rows`) are left out unless ``entity="rows"`` asks for them.
    ``before_id``: the next page, the entries older than that one."""
    e = AuditEntry
    q = select(e.id, e.at, e.actor_name, e.action, e.entity, e.entity_id, e.before, e.after, e.reason) \
        .order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(AuditEntry.id < before_id)
    if since:
        q = q.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until:
        q = q.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    if actor_id is not None:
        q = q.where(AuditEntry.actor_id == actor_id)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity != ROWS_ENTITY:
        q = q.where(AuditEntry.action != ROWS_ACTION)
    if text:
        like = f"%{text}%"
        q = q.where(AuditEntry.after.like(like) | AuditEntry.before.like(like) | AuditEntry.action.like(like))
    with db.read() as s:
        return [AuditRow(*r) for r in s.exec(q).all()]
