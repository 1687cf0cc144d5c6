"""The staff register from a spreadsheet (员工名册): the columns a row may have, the rules every row must pass, and
the import of every row or none, with the manager's PIN once."""

from __future__ import annotations

from sqlalchemy import text

from station_desk import clock, xlsx
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.staff import auth
from station_desk.staff.models import RoleAssignment, Staff
from station_desk.staff.roles import parse_role
from station_desk.validate import PHONE
from station_desk.xlsx import ImportCheck, Sheet, parse_date

STAFF_FIELDS: xlsx.Fields = {
    "emp_no": ("工号", ("工号", "员工编号", "编号", "emp_no")),
    "name": ("姓名", ("姓名", "员工姓名", "name")),
    "role": ("岗位", ("岗位", "职务", "岗位名称", "role")),
    "hire_date": ("入职日期", ("入职日期", "入职时间", "入职", "hire")),
    "phone": ("电话", ("电话", "手机", "联系电话", "phone")),
}
STAFF_REQUIRED = ("emp_no", "name", "role", "hire_date")
EMP_NO = xlsx.RowKey("emp_no", label="工号", missing="缺少工号")


def check_staff(db, sheet: Sheet, mapping: dict[str, int | None]) -> ImportCheck:
    with db.engine.connect() as conn:
        existing = {r[0] for r in conn.execute(text("SELECT emp_no FROM staff"))}

    def rules(out: dict[str, str], values: dict[str, object], problems: list[str]) -> dict:
        if not out.get("name"):
            problems.append("缺少姓名")
        elif len(out["name"]) > 20:
            problems.append("姓名太长（最多 20 字）")
        role = None
        try:
            role = parse_role(out.get("role") or "")
        except DomainError:
            problems.append(f"未知岗位“{out.get('role') or ''}”")
        try:
            hire = parse_date(values.get("hire_date"))
            if hire is None:
                problems.append("缺少入职日期")  # never "today": a wrong hire date changes attendance and points
        except ValueError as exc:
            problems.append(f"入职日期“{exc}”不是日期")
            hire = None
        if out.get("phone") and not PHONE.match(out["phone"]):
            problems.append(f"电话“{out['phone']}”格式不对")
        return dict(emp_no=out.get("emp_no"), name=out.get("name"), role=role, hire_date=hire,
                    phone=out.get("phone", ""))

    return xlsx.check_rows(sheet, mapping, STAFF_FIELDS, STAFF_REQUIRED, key=EMP_NO, existing=existing,
                           dates=("hire_date",), rules=rules)


def import_staff(db, *, actor: Actor, approval, sheet: Sheet, mapping: dict[str, int | None]) -> int:
    """The staff register from a spreadsheet: manager's PIN once, every row or none."""
    check = check_staff(db, sheet, mapping)
    xlsx.refuse_if_not_ok(check)
    approver = auth.require_manager(db, approval, "导入员工名册")
    with db.session() as s:
        for data in check.ready:
            person = Staff(emp_no=data["emp_no"], name=data["name"], phone=data["phone"],
                           hire_date=data["hire_date"], created_at=clock.now())
            s.add(person)
            s.flush()
            s.add(RoleAssignment(staff_id=person.id, role=data["role"], effective_from=data["hire_date"]))
            audit.record(s, actor=actor, action="staff.add", entity="staff", entity_id=person.id,
                         after=audit.snapshot(person, exclude=("pin_hash",)) | {"role": data["role"]},
                         reason=f"从表格导入（批准人：{approver.name}）")
    return len(check.ready)
