"""The station's own holiday marks (节假日设置): a date made a holiday, a 调休 workday, or an ordinary day against
the statutory calendar (the entered day wins over the library's). Manager only."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.rest_roster import holidays
from station_desk.rest_roster.models import HolidayOverride
from station_desk.rest_roster.service import require_manager_or_self


def set_holiday_override(db, *, actor: Actor, approval: ManagerApproval | None = None, day: dt.date, kind: str,
                         name: str = "") -> None:
    """The station's own mark for a date: ``holiday``, ``workday`` or ``normal`` (clears the statutory one)."""
    if kind not in holidays.KIND_LABELS:
        raise DomainError("roster.unknown_holiday_kind")
    require_manager_or_self(db, actor, approval, "修改节假日")
    with db.session() as s:
        row = s.exec(select(HolidayOverride).where(HolidayOverride.day == day)).first()
        before = audit.snapshot(row) if row else None
        if row is None:
            row = HolidayOverride(day=day, kind=kind, name=name.strip()[:20], updated_at=clock.now(),
                                  updated_by=actor.name)
        else:
            row.kind, row.name, row.updated_at, row.updated_by = kind, name.strip()[:20], clock.now(), actor.name
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="roster.holiday_override", entity="roster_holiday_override",
                     entity_id=row.id, before=before, after=audit.snapshot(row))


def clear_holiday_override(db, *, actor: Actor, approval: ManagerApproval | None = None, day: dt.date) -> None:
    require_manager_or_self(db, actor, approval, "修改节假日")
    with db.session() as s:
        row = s.exec(select(HolidayOverride).where(HolidayOverride.day == day)).first()
        if row is None:
            return
        audit.record(s, actor=actor, action="roster.holiday_override_cleared", entity="roster_holiday_override",
                     entity_id=row.id, before=audit.snapshot(row))
        s.delete(row)
