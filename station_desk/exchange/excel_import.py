"""Import the station's customer spreadsheet (.xlsx): read, map columns, preview, check every row, then import all
rows in one transaction or none (SPEC §2: the station keeps customers in spreadsheets today). Qt-free.

    sheet = read_sheet(path)                                  # headers + rows (text)
    mapping = guess_mapping(sheet.headers, CUSTOMER_FIELDS)   # {field: column index or None}, the clerk adjusts
    check = check_customers(db, sheet, mapping)               # per-row errors, rows ready to import
    import_customers(db, actor=actor, sheet=sheet, mapping=mapping)   # all or nothing
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from station_desk.actor import Actor
from station_desk.errors import DomainError

#: field → (Chinese label, header words that map to it automatically)
CUSTOMER_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "account_no": ("用户账号", ("账号", "用户账号", "帐号", "用户编号", "宽带账号", "account")),
    "name": ("姓名", ("姓名", "用户名", "用户姓名", "户名", "客户名称", "name")),
    "area": ("片区", ("片区", "区域", "area")),
    "building": ("楼栋/小区", ("楼栋", "小区", "楼盘", "building")),
    "unit": ("单元", ("单元", "unit")),
    "address": ("门牌/地址", ("门牌", "地址", "房号", "住址", "address")),
    "phone": ("电话", ("电话", "手机", "联系电话", "手机号", "phone")),
    "package": ("套餐", ("套餐", "产品", "package")),
    "cycle": ("缴费周期", ("周期", "缴费周期", "付费方式", "cycle")),
    "expiry_date": ("到期日", ("到期", "到期日", "到期时间", "截止日期", "expiry")),
    "notes": ("备注", ("备注", "说明", "notes")),
}
REQUIRED = ("account_no", "name")


@dataclass
class Sheet:
    path: Path
    sheet_name: str
    headers: list[str]
    rows: list[list[object]]  # raw cell values, one list per data row
    first_row: int  # the spreadsheet row number of rows[0]


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number
    message: str


@dataclass
class ImportCheck:
    ready: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.ready)


def read_sheet(path: str | Path, *, sheet_name: str | None = None) -> Sheet:
    """The first non-empty row is the header; empty rows are skipped."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same message to the clerk
        raise DomainError("customer.import_unreadable", path=str(path), detail=type(exc).__name__) from None
    try:
        ws = wb[sheet_name] if sheet_name else wb.worksheets[0]
        headers: list[str] | None = None
        rows: list[list[object]] = []
        first = 0
        for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = list(values)
            if not any(v not in (None, "") for v in cells):
                continue
            if headers is None:
                headers = [("" if v is None else str(v)).strip() for v in cells]
                continue
            if not first:
                first = i
            rows.append(cells + [None] * (len(headers) - len(cells)))
        return Sheet(Path(path), ws.title, headers or [], rows, first)
    finally:
        wb.close()


def guess_mapping(headers: list[str], fields: dict = CUSTOMER_FIELDS) -> dict[str, int | None]:
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for key, (_label, words) in fields.items():
        mapping[key] = None
        for i, h in enumerate(headers):
            if i not in taken and any(w.lower() == h.lower() for w in words):
                mapping[key] = i
                taken.add(i)
                break
        if mapping[key] is None:
            for i, h in enumerate(headers):
                if i not in taken and h and any(w.lower() in h.lower() for w in words):
                    mapping[key] = i
                    taken.add(i)
                    break
    return mapping


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(_text(value))
    if not m:
        raise ValueError(_text(value))
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _policy_maps(db):
    from station_desk.policy.service import current_policy

    pol = current_policy(db).customers
    packages = {}
    for p in pol.packages:
        for alias in (p.code, p.name, p.name.replace("闪影", "闪影 "), f"闪影{p.code}"):
            packages[alias.replace(" ", "").lower()] = p.code
    cycles = {}
    for code, label in pol.cycles.items():
        cycles[code] = code
        cycles[label] = code
    cycles.update({"月": "monthly", "月付": "monthly", "半年付": "half_year", "年": "yearly", "年付": "yearly",
                   "一年": "yearly"})
    return pol, packages, cycles


def check_customers(db, sheet: Sheet, mapping: dict[str, int | None]) -> ImportCheck:
    """Every row checked; ``ready`` holds clean values for rows without errors."""
    from sqlalchemy import text

    from station_desk.customers.service import _PHONE

    check = ImportCheck()
    for key in REQUIRED:
        if mapping.get(key) is None:
            check.errors.append(RowError(0, f"没有指定“{CUSTOMER_FIELDS[key][0]}”对应的列"))
    if check.errors:
        return check
    pol, packages, cycles = _policy_maps(db)
    with db.engine.connect() as conn:
        existing = {r[0] for r in conn.execute(text("SELECT account_no FROM customer"))}
    seen: dict[str, int] = {}
    for offset, raw in enumerate(sheet.rows):
        row_no = sheet.first_row + offset
        values = {k: (raw[i] if i is not None and i < len(raw) else None) for k, i in mapping.items()}
        out = {k: _text(v) for k, v in values.items() if k != "expiry_date"}
        problems = []
        if not out.get("account_no"):
            problems.append("缺少用户账号")
        elif out["account_no"] in existing:
            problems.append(f"账号 {out['account_no']} 已存在")
        elif out["account_no"] in seen:
            problems.append(f"账号 {out['account_no']} 与第 {seen[out['account_no']]} 行重复")
        if not out.get("name"):
            problems.append("缺少姓名")
        if out.get("phone") and not _PHONE.match(out["phone"]):
            problems.append(f"电话“{out['phone']}”格式不对")
        pkg = (out.get("package") or "").replace(" ", "").lower()
        if pkg and pkg not in packages:
            problems.append(f"未知套餐“{out['package']}”")
        cyc = out.get("cycle") or ""
        if cyc and cyc not in cycles:
            problems.append(f"未知缴费周期“{cyc}”")
        if out.get("area") and out["area"] not in pol.areas:
            problems.append(f"未知片区“{out['area']}”")
        try:
            expiry = parse_date(values.get("expiry_date"))
        except ValueError as exc:
            problems.append(f"到期日“{exc}”不是日期")
            expiry = None
        for key, limit in (("name", 40), ("address", 120), ("building", 40), ("unit", 40), ("notes", 500)):
            if len(out.get(key) or "") > limit:
                problems.append(f"{CUSTOMER_FIELDS[key][0]}太长（最多 {limit} 字）")
        if problems:
            check.errors.append(RowError(row_no, "；".join(problems)))
            continue
        seen[out["account_no"]] = row_no
        check.ready.append(dict(
            account_no=out["account_no"], name=out["name"], area=out.get("area", ""),
            building=out.get("building", ""), unit=out.get("unit", ""), address=out.get("address", ""),
            phone=out.get("phone", ""), package=packages.get(pkg, "3.0"), cycle=cycles.get(cyc, "monthly"),
            expiry_date=expiry, notes=out.get("notes", "")))
    return check


def import_customers(db, *, actor: Actor, sheet: Sheet, mapping: dict[str, int | None], progress=None) -> int:
    """Import every row or none: any row error refuses the whole file (the errors are listed by the preview)."""
    from station_desk.audit import service as audit
    from station_desk.customers.service import create_customer_in

    check = check_customers(db, sheet, mapping)
    if check.errors:
        first = check.errors[0]
        raise DomainError("customer.import_errors", count=len(check.errors), row=first.row, detail=first.message)
    if not check.ready:
        raise DomainError("customer.import_empty")
    with db.session() as s:
        for i, data in enumerate(check.ready):
            create_customer_in(s, actor=actor, **data)
            if progress and i % 200 == 0:
                progress(i, len(check.ready), "import")
        audit.record(s, actor=actor, action="customer.import", entity="customer", entity_id="",
                     after={"file": sheet.path.name, "sheet": sheet.sheet_name, "rows": len(check.ready)})
    return len(check.ready)


# -- staff (员工名册) -------------------------------------------------------------------------------------------------
STAFF_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "emp_no": ("工号", ("工号", "员工编号", "编号", "emp_no")),
    "name": ("姓名", ("姓名", "员工姓名", "name")),
    "role": ("岗位", ("岗位", "职务", "岗位名称", "role")),
    "hire_date": ("入职日期", ("入职日期", "入职时间", "入职", "hire")),
    "phone": ("电话", ("电话", "手机", "联系电话", "phone")),
}
STAFF_REQUIRED = ("emp_no", "name", "role")


def check_staff(db, sheet: Sheet, mapping: dict[str, int | None]) -> ImportCheck:
    from sqlalchemy import text

    from station_desk import clock
    from station_desk.staff.roles import parse_role

    check = ImportCheck()
    for key in STAFF_REQUIRED:
        if mapping.get(key) is None:
            check.errors.append(RowError(0, f"没有指定“{STAFF_FIELDS[key][0]}”对应的列"))
    if check.errors:
        return check
    with db.engine.connect() as conn:
        existing = {r[0] for r in conn.execute(text("SELECT emp_no FROM staff"))}
    seen: dict[str, int] = {}
    for offset, raw in enumerate(sheet.rows):
        row_no = sheet.first_row + offset
        values = {k: (raw[i] if i is not None and i < len(raw) else None) for k, i in mapping.items()}
        out = {k: _text(v) for k, v in values.items() if k != "hire_date"}
        problems = []
        if not out.get("emp_no"):
            problems.append("缺少工号")
        elif out["emp_no"] in existing:
            problems.append(f"工号 {out['emp_no']} 已存在")
        elif out["emp_no"] in seen:
            problems.append(f"工号 {out['emp_no']} 与第 {seen[out['emp_no']]} 行重复")
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
            hire = parse_date(values.get("hire_date")) or clock.today()
        except ValueError as exc:
            problems.append(f"入职日期“{exc}”不是日期")
            hire = None
        if out.get("phone") and not re.match(r"^[0-9][0-9\-]{6,15}$", out["phone"]):
            problems.append(f"电话“{out['phone']}”格式不对")
        if problems:
            check.errors.append(RowError(row_no, "；".join(problems)))
            continue
        seen[out["emp_no"]] = row_no
        check.ready.append(dict(emp_no=out["emp_no"], name=out["name"], role=role, hire_date=hire,
                                phone=out.get("phone", "")))
    return check


def import_staff(db, *, actor: Actor, approval, sheet: Sheet, mapping: dict[str, int | None]) -> int:
    """The staff register from a spreadsheet: manager's PIN once, every row or none."""
    from station_desk import clock
    from station_desk.audit import service as audit
    from station_desk.staff import auth
    from station_desk.staff.models import RoleAssignment, Staff

    check = check_staff(db, sheet, mapping)
    if check.errors:
        first = check.errors[0]
        raise DomainError("customer.import_errors", count=len(check.errors), row=first.row, detail=first.message)
    if not check.ready:
        raise DomainError("customer.import_empty")
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
