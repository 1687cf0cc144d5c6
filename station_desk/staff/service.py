"""Staff register service (SPEC §1).

All changes need a manager's approval (PIN), except creating the very first manager of an empty station.
Nobody who has records is ever deleted: they are set to 'left' (离职) with a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, text
from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.staff import auth
from station_desk.staff.models import RoleAssignment, Staff
from station_desk.staff.roles import Role, parse_role, role_label
from station_desk.validate import PHONE


@dataclass(frozen=True)
class StaffRow:
    id: int
    emp_no: str
    name: str
    phone: str
    role: str
    role_label: str
    hire_date: dt.date
    active: bool
    left_date: dt.date | None
    has_pin: bool


# -- reads ----------------------------------------------------------------------------------------------------------
def role_on(s: Session, staff_id: int, day: dt.date) -> str | None:
    """The role a person held on ``day`` (the latest assignment effective on or before it)."""
    return s.exec(
        select(RoleAssignment.role)
        .where(RoleAssignment.staff_id == staff_id, RoleAssignment.effective_from <= day)
        .order_by(RoleAssignment.effective_from.desc(), RoleAssignment.id.desc())
        .limit(1)
    ).first()


def roles_on(s: Session, day: dt.date) -> dict[int, str]:
    """Everyone's role on ``day`` in one query: {staff_id: role}."""
    rows = s.exec(
        select(RoleAssignment.staff_id, RoleAssignment.role, RoleAssignment.effective_from, RoleAssignment.id)
        .where(RoleAssignment.effective_from <= day)
        .order_by(RoleAssignment.staff_id, RoleAssignment.effective_from, RoleAssignment.id)
    ).all()
    result: dict[int, str] = {}
    for staff_id, role, _eff, _id in rows:
        result[staff_id] = role
    return result


def _row(p: Staff, role: str | None) -> StaffRow:
    return StaffRow(p.id, p.emp_no, p.name, p.phone, role or "", role_label(role or ""), p.hire_date, p.active,
                    p.left_date, bool(p.pin_hash))


def list_staff(db, *, include_left: bool = False, on: dt.date | None = None) -> list[StaffRow]:
    day = on or clock.today()
    with db.read() as s:
        roles = roles_on(s, day)
        q = select(Staff).order_by(Staff.active.desc(), Staff.emp_no)
        if not include_left:
            q = q.where(Staff.active == True)  # noqa: E712
        return [_row(p, roles.get(p.id)) for p in s.exec(q)]


def staff_with_role(s: Session, role: str, day: dt.date, *, active_only: bool = True) -> list[int]:
    roles = roles_on(s, day)
    ids = [sid for sid, r in roles.items() if r == role]
    if active_only and ids:
        actives = set(s.exec(select(Staff.id).where(Staff.id.in_(ids), Staff.active == True)).all())  # noqa: E712
        ids = [i for i in ids if i in actives]
    return ids


def get_staff(db, staff_id: int) -> StaffRow:
    with db.read() as s:
        return _row(person_in(s, staff_id), role_on(s, staff_id, clock.today()))


def role_history(db, staff_id: int) -> list[tuple[dt.date, str, str]]:
    with db.read() as s:
        rows = s.exec(select(RoleAssignment).where(RoleAssignment.staff_id == staff_id)
                      .order_by(RoleAssignment.effective_from)).all()
        return [(r.effective_from, r.role, r.note) for r in rows]


def person_in(s: Session, staff_id: int) -> Staff:
    """The staff row, or NotFound (员工 + id)."""
    person = s.get(Staff, staff_id)
    if person is None:
        raise NotFound(what="员工", id=staff_id)
    return person


def has_any_staff(db) -> bool:
    with db.read() as s:
        return s.exec(select(func.count()).select_from(Staff)).one() > 0


# -- validation -----------------------------------------------------------------------------------------------------
def _clean(emp_no: str, name: str, phone: str) -> tuple[str, str, str]:
    emp_no, name, phone = (emp_no or "").strip(), (name or "").strip(), (phone or "").strip()
    if not name:
        raise DomainError("staff.name_required")
    name = validate.text(name, field="姓名", max_len=20)
    if not emp_no:
        raise DomainError("staff.emp_no_required")
    emp_no = validate.text(emp_no, field="工号", max_len=20)
    if phone and not PHONE.match(phone):
        raise DomainError("staff.phone_invalid", phone=phone)
    return emp_no, name, phone


def _check_emp_no_free(s: Session, emp_no: str, except_id: int | None = None) -> None:
    other = s.exec(select(Staff).where(Staff.emp_no == emp_no)).first()
    if other is not None and other.id != except_id:
        raise DomainError("staff.emp_no_taken", emp_no=emp_no, name=other.name)


def check_staff(db, *, emp_no: str, name: str, phone: str = "", role: str | None = None, pin: str | None = None,
                staff_id: int | None = None) -> None:
    """Raise the DomainError that ``add_staff`` (``staff_id`` None) or ``update_staff`` would raise for these
    values, without asking for a PIN or writing: a form can refuse before the manager types the PIN."""
    emp_no, name, phone = _clean(emp_no, name, phone)
    if role is not None:
        parse_role(role)
    if pin:
        auth.check_pin_length(pin, min_length=auth.min_pin_length_for(db, staff_id, role))
    with db.read() as s:
        _check_emp_no_free(s, emp_no, except_id=staff_id)


# -- writes ---------------------------------------------------------------------------------------------------------
def create_first_manager(db, *, emp_no: str, name: str, pin: str, phone: str = "",
                         hire_date: dt.date | None = None) -> Actor:
    """Set up an empty station: the first person is the manager and must have a PIN."""
    emp_no, name, phone = _clean(emp_no, name, phone)
    pin_hash = auth.hash_pin(pin)
    with db.session() as s:
        if s.exec(select(func.count()).select_from(Staff)).one() > 0:
            raise DomainError("auth.permission_denied", action="创建第一位经理")
        person = Staff(emp_no=emp_no, name=name, phone=phone, hire_date=hire_date or clock.today(),
                       pin_hash=pin_hash, created_at=clock.now())
        s.add(person)
        s.flush()
        s.add(RoleAssignment(staff_id=person.id, role=Role.MANAGER, effective_from=person.hire_date))
        actor = Actor(person.id, person.name, Role.MANAGER)
        audit.record(s, actor=actor, action="staff.create_first_manager", entity="staff", entity_id=person.id,
                     after=audit.snapshot(person, exclude=("pin_hash",)))
    return actor


def add_staff(db, *, actor: Actor, approval: ManagerApproval | None, emp_no: str, name: str, role: str,
              hire_date: dt.date, phone: str = "", pin: str | None = None) -> StaffRow:
    """Register a person with their first role (from the hire date). Manager approval required."""
    emp_no, name, phone = _clean(emp_no, name, phone)
    role_code = parse_role(role)
    pin_hash = auth.hash_pin(pin, min_length=auth.min_pin_length_for(db, None, role_code)) if pin else None
    approver = auth.require_manager(db, approval, "添加员工")
    with db.session() as s:
        _check_emp_no_free(s, emp_no)
        person = Staff(emp_no=emp_no, name=name, phone=phone, hire_date=hire_date, pin_hash=pin_hash,
                       created_at=clock.now())
        s.add(person)
        s.flush()
        s.add(RoleAssignment(staff_id=person.id, role=role_code, effective_from=hire_date))
        after = audit.snapshot(person, exclude=("pin_hash",)) | {"role": role_code}
        audit.record(s, actor=actor, action="staff.add", entity="staff", entity_id=person.id, after=after,
                     reason=f"批准人：{approver.name}")
        return _row(person, role_code)


def update_staff(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int, emp_no: str, name: str,
                 phone: str, hire_date: dt.date) -> StaffRow:
    emp_no, name, phone = _clean(emp_no, name, phone)
    approver = auth.require_manager(db, approval, "修改员工资料")
    with db.session() as s:
        person = person_in(s, staff_id)
        _check_emp_no_free(s, emp_no, except_id=staff_id)
        before = audit.snapshot(person, exclude=("pin_hash",))
        person.emp_no, person.name, person.phone, person.hire_date = emp_no, name, phone, hire_date
        s.add(person)
        s.flush()
        after = audit.snapshot(person, exclude=("pin_hash",))
        if before != after:
            audit.record(s, actor=actor, action="staff.update", entity="staff", entity_id=staff_id,
                         before=before, after=after, reason=f"批准人：{approver.name}")
        return _row(person, role_on(s, staff_id, clock.today()))


def _active_managers(s: Session, day: dt.date) -> list[int]:
    return staff_with_role(s, Role.MANAGER, day)


def change_role(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int, role: str,
                effective_from: dt.date, note: str = "") -> StaffRow:
    """A dated role change (转岗). The earlier role stays in the history."""
    role_code = parse_role(role)
    approver = auth.require_manager(db, approval, "调整岗位")
    with db.session() as s:
        person = person_in(s, staff_id)
        if effective_from < person.hire_date:
            raise DomainError("staff.role_date_before_hire", hire_date=person.hire_date.isoformat())
        old = role_on(s, staff_id, effective_from)
        if old == Role.MANAGER and role_code != Role.MANAGER and _active_managers(s, effective_from) == [staff_id]:
            raise DomainError("staff.last_manager", name=person.name)
        s.add(RoleAssignment(staff_id=staff_id, role=role_code, effective_from=effective_from, note=note.strip()))
        audit.record(s, actor=actor, action="staff.change_role", entity="staff", entity_id=staff_id,
                     before={"role": old}, after={"role": role_code, "effective_from": effective_from},
                     reason=note or f"批准人：{approver.name}")
        return _row(person, role_on(s, staff_id, clock.today()))


def deactivate(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int, left_date: dt.date) -> StaffRow:
    """Mark a person as left (离职). Their records stay; they can no longer sign in."""
    approver = auth.require_manager(db, approval, "设为离职")
    with db.session() as s:
        person = person_in(s, staff_id)
        if _active_managers(s, left_date) == [staff_id]:
            raise DomainError("staff.last_manager", name=person.name)
        before = audit.snapshot(person, exclude=("pin_hash",))
        person.active, person.left_date = False, left_date
        s.add(person)
        s.flush()
        audit.record(s, actor=actor, action="staff.deactivate", entity="staff", entity_id=staff_id,
                     before=before, after=audit.snapshot(person, exclude=("pin_hash",)),
                     reason=f"批准人：{approver.name}")
        return _row(person, role_on(s, staff_id, clock.today()))


def reactivate(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int) -> StaffRow:
    approver = auth.require_manager(db, approval, "恢复在职")
    with db.session() as s:
        person = person_in(s, staff_id)
        person.active, person.left_date = True, None
        s.add(person)
        audit.record(s, actor=actor, action="staff.reactivate", entity="staff", entity_id=staff_id,
                     reason=f"批准人：{approver.name}")
        return _row(person, role_on(s, staff_id, clock.today()))


def _reference_count(s: Session, staff_id: int) -> int:
    """Rows anywhere that point at this person (any foreign key to staff.id), plus audit rows they wrote."""
    from station_desk.db.registry import load_all_models

    total = 0
    for table in load_all_models().sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "staff" and table.name != "staff_role":
                total += s.exec(text(f'SELECT COUNT(*) FROM "{table.name}" WHERE "{fk.parent.name}" = :i'),
                                params={"i": staff_id}).one()[0]
    total += s.exec(text("SELECT COUNT(*) FROM audit_log WHERE actor_id = :i"), params={"i": staff_id}).one()[0]
    return total


def delete_staff(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int) -> None:
    """Remove a person entered by mistake. Refused as soon as they have any record (use :func:`deactivate`)."""
    approver = auth.require_manager(db, approval, "删除员工")
    with db.session() as s:
        person = person_in(s, staff_id)
        if _reference_count(s, staff_id) > 0:
            raise DomainError("staff.has_records", name=person.name)
        before = audit.snapshot(person, exclude=("pin_hash",))
        for ra in s.exec(select(RoleAssignment).where(RoleAssignment.staff_id == staff_id)).all():
            s.delete(ra)
        s.delete(person)
        audit.record(s, actor=actor, action="staff.delete", entity="staff", entity_id=staff_id, before=before,
                     reason=f"批准人：{approver.name}")


def set_pin(db, *, actor: Actor, staff_id: int, new_pin: str, old_pin: str | None = None,
            approval: ManagerApproval | None = None) -> None:
    """Change a PIN: your own with the old PIN (or none yet), anyone's with a manager's approval. A manager's new
    PIN needs the policy's manager minimum (6 digits)."""
    new_hash = auth.hash_pin(new_pin, min_length=auth.min_pin_length_for(db, staff_id))
    with db.read() as s:
        person = person_in(s, staff_id)
        had_pin = bool(person.pin_hash)
    if approval is not None:
        auth.require_manager(db, approval, "重设密码")
    elif actor.staff_id != staff_id:
        raise DomainError("auth.permission_denied", action="重设他人密码")
    elif had_pin:
        auth.verify_pin(db, staff_id, old_pin or "")
    with db.session() as s:
        person = person_in(s, staff_id)
        person.pin_hash, person.failed_pins, person.pin_locked_until = new_hash, 0, None
        s.add(person)
        audit.record(s, actor=actor, action="staff.set_pin", entity="staff", entity_id=staff_id,
                     after={"pin": "已更改"})
