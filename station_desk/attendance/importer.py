"""A month's attendance facts from the JSON month file (``station-desk points load``): punches, decided
exceptions, violations and leave, written through the attendance rules in the caller's transaction."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from station_desk.actor import Actor
from station_desk.attendance import discipline, leave
from station_desk.attendance.service import decide_in, punch_in
from station_desk.errors import DomainError
from station_desk.staff.models import Staff


def load_attendance_facts_in(s: Session, *, actor: Actor, events: list[dict]) -> dict[str, int]:
    """Load a month's attendance facts (the JSON month loader) in the caller's transaction.

    Each event is a dict with ``type`` and ``staff_id`` (or ``emp_no``):

    * ``{"type": "clock", "at": "2026-11-03T08:41", "kind": "in"|"out"}``
    * ``{"type": "exception", "day": "2026-11-03", "kind": "late"|"early"|"missing_in"|"missing_out"|"absent",
      "status": "confirmed"|"excused", "minutes": 11, "reason": "..."}`` (not re-derived: taken as given)
    * ``{"type": "violation", "day": "2026-11-05", "description": "..."}``
    * ``{"type": "leave", "kind": "personal"|"sick"|"annual", "start": "...", "end": "...",
      "status": "approved", "external_approver": "...", "external_approved_on": "...", "certificate": "..."}``

    Returns counts per type. Raises ``attendance.unknown_event`` naming the first bad row (nothing is kept)."""
    counts = {"clock": 0, "exception": 0, "violation": 0, "leave": 0}
    by_emp = dict(s.exec(select(Staff.emp_no, Staff.id)).all())
    for i, ev in enumerate(events, start=1):
        try:
            kind_of = ev["type"]
            sid = int(ev["staff_id"]) if ev.get("staff_id") is not None else by_emp[str(ev["emp_no"])]
            if kind_of == "clock":
                punch_in(s, actor=actor, staff_id=sid, at=dt.datetime.fromisoformat(ev["at"]), kind=ev["kind"],
                         source="import", note=ev.get("note", ""))
            elif kind_of == "exception":
                decide_in(s, actor=actor, staff_id=sid, day=dt.date.fromisoformat(ev["day"]), kind=ev["kind"],
                          status=ev.get("status", "confirmed"), reason=ev.get("reason", ""),
                          minutes=int(ev.get("minutes", 0)), check_derived=False)
            elif kind_of == "violation":
                discipline.record_violation_in(s, actor=actor, staff_id=sid, day=dt.date.fromisoformat(ev["day"]),
                                               description=ev.get("description", "违纪"))
            elif kind_of == "leave":
                leave.import_leave_in(s, actor=actor, staff_id=sid, event=ev)
            else:
                raise KeyError(kind_of)
        except DomainError:
            raise
        except (KeyError, ValueError, TypeError) as exc:
            raise DomainError("attendance.unknown_event", row=i, detail=f"{type(exc).__name__}: {exc}") from None
        counts[kind_of] += 1
    return counts
