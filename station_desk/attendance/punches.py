"""Attendance punches (SPEC §5 考勤): clock in / out at the desk, the manager's entered and voided punches, and the
punches of a period (voided ones left out). Append-only: a wrong punch is voided by a new row with a reason.
Exceptions and decisions built on them live in :mod:`.service` (which re-exports these names).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.attendance.models import ClockEvent
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.rest_roster.service import require_manager_or_self
from station_desk.staff import auth
from station_desk.staff.models import Staff


@dataclass(frozen=True)
class Punch:
    id: int
    staff_id: int
    name: str
    at: dt.datetime
    kind: str  # in | out
    source: str
    note: str


# -- punches --------------------------------------------------------------------------------------------------------
def _person(s: Session, staff_id: int) -> Staff:
    person = s.get(Staff, staff_id)
    if person is None:
        raise NotFound(what="员工", id=staff_id)
    return person


def punch_in(s: Session, *, actor: Actor, staff_id: int, at: dt.datetime, kind: str, source: str,
             note: str = "") -> ClockEvent:
    if kind not in ("in", "out"):
        raise DomainError("attendance.bad_kind")
    person = _person(s, staff_id)
    if not person.active:
        raise DomainError("attendance.inactive", name=person.name)
    if at > clock.now() + dt.timedelta(minutes=1):
        raise DomainError("attendance.future_punch", at=at.strftime("%Y-%m-%d %H:%M"))
    row = ClockEvent(staff_id=staff_id, at=at.replace(microsecond=0), kind=kind, source=source, note=note[:100],
                     created_at=clock.now(), created_by=actor.name)
    audit.add_new(s, row, actor=actor, action=f"attendance.clock_{kind}")
    return row


def clock_at_desk(db, *, staff_id: int, kind: str, pin: str | None = None) -> Punch:
    """Clock in or out now at the desk PC. The person's PIN is checked when they have one."""
    with db.read() as s:
        person = _person(s, staff_id)
        has_pin = bool(person.pin_hash)
        name = person.name
    if has_pin:
        auth.verify_pin(db, staff_id, pin or "")
    me = Actor(staff_id, name)
    with db.session() as s:
        row = punch_in(s, actor=me, staff_id=staff_id, at=clock.now(), kind=kind, source="desk")
        return Punch(row.id, staff_id, name, row.at, row.kind, row.source, row.note)


def enter_punch(db, *, actor: Actor, approval: ManagerApproval | None = None, staff_id: int, at: dt.datetime,
                kind: str, note: str = "") -> Punch:
    """The manager enters a punch from the time clock (or a forgotten one, with a note)."""
    approver = require_manager_or_self(db, actor, approval, "补录打卡")
    with db.session() as s:
        row = punch_in(s, actor=actor, staff_id=staff_id, at=at, kind=kind, source="manager",
                       note=note or ("" if approver is actor else f"批准人：{approver.name}"))
        return Punch(row.id, staff_id, _person(s, staff_id).name, row.at, row.kind, row.source, row.note)


def void_punch(db, *, actor: Actor, approval: ManagerApproval | None = None, punch_id: int, reason: str) -> None:
    if not reason.strip():
        raise DomainError("attendance.void_reason_required")
    require_manager_or_self(db, actor, approval, "作废打卡")
    with db.session() as s:
        row = s.get(ClockEvent, punch_id)
        if row is None or row.kind == "void":
            raise NotFound(what="打卡记录", id=punch_id)
        if s.exec(select(ClockEvent.id).where(ClockEvent.voids_id == punch_id)).first():
            raise DomainError("attendance.already_voided")
        void = ClockEvent(staff_id=row.staff_id, at=row.at, kind="void", source="manager", voids_id=row.id,
                          note=reason.strip()[:100], created_at=clock.now(), created_by=actor.name)
        s.add(void)
        s.flush()
        audit.record(s, actor=actor, action="attendance.void", entity="attendance_clock", entity_id=row.id,
                     before=audit.snapshot(row), reason=reason)


def _punches_in(s: Session, start: dt.datetime, end: dt.datetime, staff_id: int | None = None) -> list[ClockEvent]:
    q = select(ClockEvent).where(ClockEvent.at >= start, ClockEvent.at < end)
    if staff_id is not None:
        q = q.where(ClockEvent.staff_id == staff_id)
    rows = s.exec(q.order_by(ClockEvent.at, ClockEvent.id)).all()
    voided = {r.voids_id for r in rows if r.kind == "void"}
    return [r for r in rows if r.kind != "void" and r.id not in voided]


def punches_by_day_in(s: Session, first: dt.date, last: dt.date) -> dict[dt.date, list[ClockEvent]]:
    """:func:`_punches_in` of each day from ``first`` to ``last``, read in one query (a month summary)."""
    start = dt.datetime.combine(first, dt.time())
    rows = s.exec(select(ClockEvent).where(ClockEvent.at >= start,
                                           ClockEvent.at < dt.datetime.combine(last, dt.time()) + dt.timedelta(days=1))
                  .order_by(ClockEvent.at, ClockEvent.id)).all()
    by_day: dict[dt.date, list[ClockEvent]] = {}
    for r in rows:
        by_day.setdefault(r.at.date(), []).append(r)
    out = {}
    for day, day_rows in by_day.items():  # a void counts on its own day, as _punches_in reads one day
        voided = {r.voids_id for r in day_rows if r.kind == "void"}
        out[day] = [r for r in day_rows if r.kind != "void" and r.id not in voided]
    return out


def punches_on(db, *, day: dt.date, staff_id: int | None = None) -> list[Punch]:
    start = dt.datetime.combine(day, dt.time())
    with db.read() as s:
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
        return [Punch(r.id, r.staff_id, names.get(r.staff_id, ""), r.at, r.kind, r.source, r.note)
                for r in _punches_in(s, start, start + dt.timedelta(days=1), staff_id)]
