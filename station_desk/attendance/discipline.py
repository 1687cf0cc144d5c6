"""Work-discipline violations (SPEC §5 违纪: games or chess in working hours and the like).

The n-th violation of a person in a month costs n absenteeism deductions (``AttendancePolicy.absent_deduction_
points`` each, credited as ``discipline.violation``); from the ``violation_flag_at``-th (3rd) on, the person is
flagged for the centre instead (上报硚口营维中心), which decides the penalty. A cancelled violation reverses its
points; the ordinals of the others are kept as recorded (the record shows what was decided then).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.attendance.models import Violation
from station_desk.audit import service as audit
from station_desk.db.ledger import require_reason
from station_desk.errors import DomainError, NotFound
from station_desk.month import Month
from station_desk.points_ledger import service as ledger
from station_desk.policy.service import policy_on
from station_desk.rest_roster.service import require_manager_or_self
from station_desk.staff.models import Staff


@dataclass(frozen=True)
class ViolationRow:
    id: int
    staff_id: int
    name: str
    day: dt.date
    description: str
    ordinal: int
    deduction_units: int
    points_x100: int
    flagged: bool
    cancelled: bool
    cancel_reason: str


def _row(v: Violation, name: str) -> ViolationRow:
    return ViolationRow(v.id, v.staff_id, name, v.day, v.description, v.ordinal, v.deduction_units, v.points_x100,
                        v.flagged, v.cancelled, v.cancel_reason)


def record_violation_in(s: Session, *, actor: Actor, staff_id: int, day: dt.date, description: str) -> Violation:
    from station_desk.policy.service import check_day_in

    if not description.strip():
        raise DomainError("discipline.description_required")
    check_day_in(s, day, field="违纪日期")
    person = s.get(Staff, staff_id)
    if person is None:
        raise NotFound(what="员工", id=staff_id)
    start, end = Month.of(day).bounds()
    earlier = s.exec(select(func.count()).select_from(Violation).where(
        Violation.staff_id == staff_id, Violation.day >= start, Violation.day < end,
        Violation.cancelled == False)).one()  # noqa: E712
    ordinal = earlier + 1
    pol = policy_on(s, day).attendance
    flagged = ordinal >= pol.violation_flag_at
    units = 0 if flagged else ordinal
    points_x100 = -(pol.absent_deduction_points * units * 100)
    row = Violation(staff_id=staff_id, day=day, description=description.strip()[:200], ordinal=ordinal,
                    deduction_units=units, flagged=flagged, points_x100=points_x100, created_at=clock.now(),
                    created_by=actor.name)
    s.add(row)
    s.flush()
    if points_x100:
        entry = ledger.credit_in(s, actor=actor, staff_id=staff_id, day=day, points_x100=points_x100,
                                 kind="deduction", rule="discipline.violation", source_kind="attendance",
                                 source_id=f"violation:{row.id}", note=f"违纪第{ordinal}次：{row.description}")
        row.point_entry_id = entry.id
        s.add(row)
    audit.record(s, actor=actor, action="discipline.record", entity="attendance_violation", entity_id=row.id,
                 after=audit.snapshot(row))
    return row


def record_violation(db, *, actor: Actor, approval: ManagerApproval | None = None, staff_id: int, day: dt.date,
                     description: str) -> ViolationRow:
    """Record a violation (manager). Returns it with its ordinal, deduction and flag."""
    require_manager_or_self(db, actor, approval, "登记违纪")
    with db.session() as s:
        row = record_violation_in(s, actor=actor, staff_id=staff_id, day=day, description=description)
        return _row(row, s.get(Staff, staff_id).name)


def cancel_violation(db, *, actor: Actor, approval: ManagerApproval | None = None, violation_id: int,
                     reason: str) -> ViolationRow:
    note = require_reason(reason, verb="撤销")
    require_manager_or_self(db, actor, approval, "撤销违纪")
    with db.session() as s:
        row = s.get(Violation, violation_id)
        if row is None:
            raise NotFound(what="违纪记录", id=violation_id)
        if row.cancelled:
            raise DomainError("discipline.already_cancelled")
        before = audit.snapshot(row)
        if row.point_entry_id:
            ledger.reverse_in(s, actor=actor, entry_id=row.point_entry_id, reason=f"撤销违纪：{reason}")
        row.cancelled, row.cancel_reason = True, note
        s.add(row)
        audit.record(s, actor=actor, action="discipline.cancel", entity="attendance_violation", entity_id=row.id,
                     before=before, after=audit.snapshot(row), reason=reason)
        return _row(row, s.get(Staff, row.staff_id).name)


def list_violations(db, *, month: Month | str, staff_id: int | None = None) -> list[ViolationRow]:
    start, end = Month.parse(month).bounds()
    with db.read() as s:
        q = select(Violation).where(Violation.day >= start, Violation.day < end)
        if staff_id is not None:
            q = q.where(Violation.staff_id == staff_id)
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
        return [_row(v, names.get(v.staff_id, "")) for v in s.exec(q.order_by(Violation.day, Violation.id)).all()]
