"""Requested days off (求休): anyone may ask for a day; the suggester keeps it when the rules allow."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import NotFound
from station_desk.periods.service import ensure_open
from station_desk.rest_roster.models import RestRequest
from station_desk.staff.models import Staff


def add_rest_request(db, *, actor: Actor, staff_id: int, day: dt.date, note: str = "") -> int:
    """Record a requested day off (anyone may ask; the suggester keeps it when the rules allow)."""
    with db.session() as s:
        ensure_open(s, "roster", day)
        person = s.get(Staff, staff_id)
        if person is None:
            raise NotFound(what="员工", id=staff_id)
        row = s.exec(select(RestRequest).where(RestRequest.staff_id == staff_id, RestRequest.day == day)).first()
        if row is not None:
            return row.id
        row = RestRequest(staff_id=staff_id, day=day, note=note.strip()[:100], created_at=clock.now(),
                          created_by=actor.name)
        audit.add_new(s, row, actor=actor, action="roster.request_rest")
        return row.id


def remove_rest_request(db, *, actor: Actor, staff_id: int, day: dt.date) -> None:
    with db.session() as s:
        row = s.exec(select(RestRequest).where(RestRequest.staff_id == staff_id, RestRequest.day == day)).first()
        if row is None:
            return
        ensure_open(s, "roster", day)
        audit.record(s, actor=actor, action="roster.withdraw_rest_request", entity="roster_rest_request",
                     entity_id=row.id, before=audit.snapshot(row))
        s.delete(row)
