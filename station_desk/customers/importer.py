"""Customers from the station's spreadsheet (SPEC §2: the station keeps customers in spreadsheets today): the
columns a customer row may have, the rules every row must pass, and the import of every row or none.

    sheet = xlsx.read_sheet(path)
    mapping = xlsx.guess_mapping(sheet.headers, CUSTOMER_FIELDS)
    check = check_customers(db, sheet, mapping)               # per-row errors, rows ready to import
    import_customers(db, actor=actor, sheet=sheet, mapping=mapping)   # all or nothing
"""

from __future__ import annotations

from sqlalchemy import text

from station_desk import xlsx
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.backup.service import backup_before
from station_desk.customers.service import create_customer_in
from station_desk.policy.service import current_policy
from station_desk.validate import PHONE
from station_desk.xlsx import ImportCheck, Sheet, cell_text, parse_date, read_sheet  # noqa: F401

#: field → (Chinese label, header words that map to it automatically)
CUSTOMER_FIELDS: xlsx.Fields = {
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
ACCOUNT = xlsx.RowKey("account_no", label="账号", missing="缺少用户账号")


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    return xlsx.guess_mapping(headers, CUSTOMER_FIELDS)


def _policy_maps(db):
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
    pol, packages, cycles = _policy_maps(db)
    with db.engine.connect() as conn:
        existing = {r[0] for r in conn.execute(text("SELECT account_no FROM customer"))}

    def rules(out: dict[str, str], values: dict[str, object], problems: list[str]) -> dict:
        if not out.get("name"):
            problems.append("缺少姓名")
        if out.get("phone") and not PHONE.match(out["phone"]):
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
        return dict(account_no=out.get("account_no"), name=out.get("name"), area=out.get("area", ""),
                    building=out.get("building", ""), unit=out.get("unit", ""), address=out.get("address", ""),
                    phone=out.get("phone", ""), package=packages.get(pkg, "3.0"), cycle=cycles.get(cyc, "monthly"),
                    expiry_date=expiry, notes=out.get("notes", ""))

    return xlsx.check_rows(sheet, mapping, CUSTOMER_FIELDS, REQUIRED, key=ACCOUNT, existing=existing,
                           dates=("expiry_date",), rules=rules)


def import_customers(db, *, actor: Actor, sheet: Sheet, mapping: dict[str, int | None], progress=None) -> int:
    """Import every row or none: any row error refuses the whole file (the errors are listed by the preview)."""
    check = check_customers(db, sheet, mapping)
    xlsx.refuse_if_not_ok(check)
    backup_before(db, "import")  # a bulk step: a verified copy first (raises: nothing is imported)
    with db.session() as s:
        for i, data in enumerate(check.ready):
            create_customer_in(s, actor=actor, **data)
            if progress and i % 200 == 0:
                progress(i, len(check.ready), "import")
        audit.record(s, actor=actor, action="customer.import", entity="customer", entity_id="",
                     after={"file": sheet.path.name, "sheet": sheet.sheet_name, "rows": len(check.ready)})
    return len(check.ready)
