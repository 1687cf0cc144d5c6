"""The JSON month loader: a station's month of activity in one file (``station-desk points load FILE.json``).

The format is documented in the README (points section) with the example ``tests/data/month_example.json``.
Everything is loaded in one transaction: an error names the first bad item and nothing is kept. People are
referred to by their 工号 (``emp_no``), customers by their account number. The file is first checked against its
schema (``month_schema``): an unknown key, a wrong type or an unknown person refuses it with the key path named.

A month is loaded once: the same file again is refused (nothing changes); a different file for a month already
loaded replaces that load's facts (its rows are removed, its points reversed) and loads the new one, in the same
transaction. Which rows a load made is kept in its audit row (``points.load_month``: the file's SHA-256 and, per
table, the range of ids it inserted, the load holding the database's write lock).

Top-level keys (all optional except ``month``): ``month``, ``staff``, ``customers``, ``renewals``, ``signups``,
``points``, ``work_orders``, ``attendance``, ``facts``, ``weeks``, ``upgrade_checks``, ``company``, ``pay``.

It sits in ``exchange`` because a month reaches across modules (staff, customers, points, work orders,
attendance, rewards); each stage below loads one key through its module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.attendance import importer as attendance
from station_desk.audit import service as audit
from station_desk.audit.models import AuditEntry
from station_desk.db.registry import load_all_models
from station_desk.customers.models import Customer, Renewal, SignUp
from station_desk.errors import DomainError
from station_desk.money import parse_yuan
from station_desk.month import Month
from station_desk.points.facts import month_of
from station_desk.points.service import FACT_KINDS, record_fact_in, set_month_input_in, set_pay_in
from station_desk.exchange import month_schema
from station_desk.points_ledger.models import PointEntry
from station_desk.points_ledger.service import credit_in, reverse_in
from station_desk.rewards.models import UpgradeCheck, WeekFact
from station_desk.rewards.service import check_week
from station_desk.staff.models import RoleAssignment, Staff
from station_desk.staff.roles import parse_role
from station_desk.work_orders import facts as work_order_facts
from station_desk.work_orders.queries.sla import forget_evaluations


class _Bad(Exception):
    pass


def _date(v, what):
    try:
        return dt.date.fromisoformat(str(v))
    except (TypeError, ValueError):
        raise _Bad(f"{what}“{v}”不是日期（YYYY-MM-DD）") from None


def _opt_date(v, what):
    return None if v in (None, "") else _date(v, what)


def _fen(v, what) -> int:
    try:
        return parse_yuan(str(v))
    except DomainError:
        raise _Bad(f"{what}“{v}”不是金额") from None


def points_x100(v, what="积分") -> int:
    """'12.5' → 1250 (at most two decimals)."""
    try:
        return parse_yuan(str(v))  # same rules: a number with at most 2 decimals, ×100
    except DomainError:
        raise _Bad(f"{what}“{v}”不是最多两位小数的数") from None


def read_file(path: str | Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DomainError("points.load_file", detail=str(exc)) from None
    if not isinstance(data, dict):
        raise DomainError("points.load_file", detail="文件最外层应是一个 JSON 对象")
    return data


def load_month(db, *, actor: Actor, data: dict) -> dict[str, int]:
    """Load one month of activity. Returns the number of items loaded per key."""
    with db.session() as s:
        return load_month_in(s, actor=actor, data=data)


class _MonthLoad:
    """One load: the session, the people and customers known so far, and where in the file we are (for the error)."""

    def __init__(self, s: Session, actor: Actor, data: dict) -> None:
        self.s, self.actor, self.data, self.month = s, actor, data, data.get("month")
        self.where = "month"
        self.counts: dict[str, int] = {}
        self.staff_ids: dict[str, int] = {}
        self.customers: dict[str, int] = {}
        self.renewal_ids: dict[tuple[str, dt.date], int] = {}

    def items(self, key: str):
        """The key's items numbered from 1, keeping ``where`` on the current one."""
        for i, item in enumerate(self.data.get(key, []), 1):
            self.where = f"{key}[{i}]"
            yield i, item

    def person(self, emp, what="工号"):
        if emp in (None, ""):
            return None
        if str(emp) not in self.staff_ids:
            raise _Bad(f"{what}“{emp}”不在员工名册里")
        return self.staff_ids[str(emp)]

    def load_staff(self) -> None:
        s = self.s
        self.staff_ids = dict(s.exec(select(Staff.emp_no, Staff.id)).all())
        for _, st in self.items("staff"):
            if st["emp_no"] in self.staff_ids:
                continue
            hire = _date(st.get("hire_date", f"{self.month}-01"), "入职日期")
            p = Staff(emp_no=str(st["emp_no"]), name=st["name"], phone=st.get("phone", ""), hire_date=hire,
                      created_at=clock.now())
            s.add(p)
            s.flush()
            s.add(RoleAssignment(staff_id=p.id, role=parse_role(st["role"]), effective_from=hire, note="导入"))
            self.staff_ids[p.emp_no] = p.id
            audit.record(s, actor=self.actor, action="points.load_staff", entity="staff", entity_id=p.id,
                         after=audit.snapshot(p, exclude=("pin_hash",)) | {"role": st["role"]})
        self.counts["staff"] = len(self.data.get("staff", []))

    def load_customers(self) -> None:
        s = self.s
        self.customers = dict(s.exec(select(Customer.account_no, Customer.id)).all())
        for _, c in self.items("customers"):
            if c["account_no"] in self.customers:
                continue
            row = Customer(account_no=c["account_no"], name=c.get("name", c["account_no"]),
                           area=c.get("area", ""), package=str(c.get("package", "3.0")),
                           cycle=c.get("cycle", "monthly"), expiry_date=_opt_date(c.get("expiry_date"), "到期日"),
                           address=c.get("address", ""), created_at=clock.now())
            s.add(row)
            s.flush()
            self.customers[row.account_no] = row.id
        self.counts["customers"] = len(self.data.get("customers", []))

    def load_renewals(self) -> None:
        for _, r in self.items("renewals"):
            if r["account_no"] not in self.customers:
                raise _Bad(f"用户“{r['account_no']}”不在 customers 里")
            day = _date(r["day"], "续费日期")
            row = Renewal(customer_id=self.customers[r["account_no"]], day=day,
                          handled_by_id=self.person(r.get("handled_by")),
                          recommended_by_id=self.person(r.get("recommended_by")), cycle=r.get("cycle", "monthly"),
                          package_before=str(r.get("package_before", "3.0")),
                          package_after=str(r.get("package_after", r.get("package_before", "3.0"))),
                          amount_fen=_fen(r.get("amount_yuan", 0), "续费金额"),
                          expiry_before=_opt_date(r.get("expiry_before"), "续费前到期日"),
                          expiry_after=_opt_date(r.get("expiry_after"), "续费后到期日"),
                          note=r.get("note", ""), created_at=clock.now())
            self.s.add(row)
            self.s.flush()
            self.renewal_ids[(r["account_no"], day)] = row.id
        self.counts["renewals"] = len(self.data.get("renewals", []))

    def load_signups(self) -> None:
        for _, r in self.items("signups"):
            installed = _opt_date(r.get("installed_on"), "安装日期")
            status = r.get("status") or ("installed" if installed else "pending")
            if status not in ("pending", "installed", "cancelled"):
                raise _Bad(f"状态“{status}”不对")
            self.s.add(SignUp(customer_id=self.customers.get(r.get("account_no", "")),
                              day=_date(r["day"], "报装日期"), signed_by_id=self.person(r.get("signed_by")), team=r.get("team", ""),
                              area=r.get("area", ""), package=str(r.get("package", "3.0")),
                              cycle=r.get("cycle", "monthly"), income_fen=_fen(r.get("income_yuan", 0), "收入"),
                              status=status, installed_on=installed, installed_by_id=self.person(r.get("installed_by")),
                              note=r.get("note", ""), created_at=clock.now()))
        self.counts["signups"] = len(self.data.get("signups", []))

    def load_upgrade_checks(self) -> None:
        if not self.data.get("upgrade_checks"):
            return
        for _, u in self.items("upgrade_checks"):
            key = (u["account_no"], _date(u["renewal_day"], "续费日期"))
            rid = self.renewal_ids.get(key) or self.s.exec(select(Renewal.id).where(
                Renewal.customer_id == self.customers.get(key[0], -1), Renewal.day == key[1])).first()
            if rid is None:
                raise _Bad(f"找不到 {key[0]} 在 {key[1]} 的续费")
            self.s.add(UpgradeCheck(renewal_id=rid, confirmed=bool(u.get("confirmed", True)),
                                    day=_date(u.get("day", u["renewal_day"]), "核实日期"),
                                    note=u.get("note", ""), checked_by=self.actor.name, created_at=clock.now()))
        self.counts["upgrade_checks"] = len(self.data["upgrade_checks"])

    def load_points(self) -> None:
        for i, pt in self.items("points"):
            kind = pt.get("kind", "order")
            if kind not in ("order", "auxiliary", "manual", "deduction"):
                raise _Bad(f"积分类别“{kind}”不对")
            value = points_x100(pt["points"])
            if kind == "deduction" and value > 0:
                value = -value
            credit_in(self.s, actor=self.actor, staff_id=self.person(pt["emp_no"]), day=_date(pt["day"], "日期"),
                      points_x100=value, kind=kind,
                      rule=pt.get("rule", "work_order.closed" if kind == "order" else "points.manual"),
                      source_kind=pt.get("source_kind", "import"), source_id=pt.get("source_id", f"{self.month}:{i}"),
                      note=pt.get("note", ""))
        self.counts["points"] = len(self.data.get("points", []))

    def load_work_orders(self) -> None:
        if not self.data.get("work_orders"):
            return
        self.where = "work_orders"
        records = []
        for rec in self.data["work_orders"]:
            r = dict(rec)
            for k, v in list(r.items()):
                if k.endswith("_at") and isinstance(v, str):
                    r[k] = dt.datetime.fromisoformat(v)
            for k in ("technician", "dispatched_by"):
                if k in r:
                    r[k + "_id"] = self.person(r.pop(k))
            if "account_no" in r:
                r["customer_id"] = self.customers.get(r.pop("account_no"))
            records.append(r)
        self.counts["work_orders"] = len(work_order_facts.load_order_facts_in(self.s, actor=self.actor,
                                                                              records=records))

    def load_attendance(self) -> None:
        if not self.data.get("attendance"):
            return
        self.where = "attendance"
        attendance.load_attendance_facts_in(self.s, actor=self.actor, events=list(self.data["attendance"]))
        self.counts["attendance"] = len(self.data["attendance"])

    def load_facts(self) -> None:
        for _, f in self.items("facts"):
            if f.get("kind") not in FACT_KINDS:
                raise _Bad(f"记录类别“{f.get('kind')}”不对")
            record_fact_in(self.s, actor=self.actor, kind=f["kind"], day=_date(f["day"], "日期"),
                           staff_id=self.person(f.get("emp_no")), body=f.get("body", ""), note=f.get("note", ""))
        self.counts["facts"] = len(self.data.get("facts", []))

    def load_weeks(self) -> None:
        if not self.data.get("weeks"):
            return
        for _, w in self.items("weeks"):
            monday = _date(w["week_start"], "周一日期")
            try:  # the same rule as a week entered by hand: a Monday, a known kind, a week that is over
                check_week(w.get("kind"), monday)
            except DomainError as exc:
                raise _Bad(exc.message) from None
            self.s.add(WeekFact(kind=w["kind"], staff_id=self.person(w["emp_no"]), week_start=monday,
                                ok=bool(w["ok"]), detail=w.get("detail", ""), created_at=clock.now()))
        self.counts["weeks"] = len(self.data["weeks"])

    def load_company(self) -> None:
        company = self.data.get("company") or {}
        if not company:
            return
        self.where = "company"
        values = {}
        if "new_install_target" in company:
            values["new_install_target"] = int(company["new_install_target"])
        if "manager_coefficient" in company:
            values["manager_coefficient_x1000"] = int(round(float(str(company["manager_coefficient"])) * 1000))
        if "money_per_point_yuan" in company:
            values["money_per_point_fen"] = _fen(company["money_per_point_yuan"], "每分金额")
        if "renovation_done" in company:
            values["renovation_done"] = bool(company["renovation_done"])
        if "failure_rate_per_100" in company:
            values["failure_rate_permille"] = int(round(float(str(company["failure_rate_per_100"])) * 10))
        if "promotion_leader" in company:
            values["promotion_leader_id"] = self.person(company["promotion_leader"])
        set_month_input_in(self.s, actor=self.actor, month=self.month, **values)

    def load_pay(self) -> None:
        for _, p in self.items("pay"):
            set_pay_in(self.s, actor=self.actor, month=self.month, staff_id=self.person(p["emp_no"]),
                       base_fen=_fen(p.get("base_yuan", 0), "基本工资"),
                       seniority_fen=_fen(p.get("seniority_yuan", 0), "工龄工资"))


#: the stages in the order they load (later ones refer to what earlier ones made: people, customers, renewals)
STAGES = (_MonthLoad.load_staff, _MonthLoad.load_customers, _MonthLoad.load_renewals, _MonthLoad.load_signups,
          _MonthLoad.load_upgrade_checks, _MonthLoad.load_points, _MonthLoad.load_work_orders,
          _MonthLoad.load_attendance, _MonthLoad.load_facts, _MonthLoad.load_weeks, _MonthLoad.load_company,
          _MonthLoad.load_pay)


#: tables a load may add to that are the station's register, not the month's facts: a replacing load keeps them
_KEPT = {"staff", "staff_role", "customer", "audit_log"}


def file_digest(data: dict) -> str:
    """The file's fingerprint: SHA-256 of its JSON with sorted keys (spacing and key order do not matter)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _fact_tables() -> list:
    """Every table with an integer ``id`` whose rows a load may add, parents before children."""
    tables = load_all_models().sorted_tables
    return [t for t in tables if t.name not in _KEPT and "id" in t.c and t.c.id.primary_key]


def _max_ids(s: Session) -> dict[str, int]:
    return {t.name: int(s.execute(select(func.max(t.c.id))).scalar() or 0) for t in _fact_tables()}


def last_load_in(s: Session, month: Month | str) -> AuditEntry | None:
    """The audit row of the load now standing for ``month`` (None if the month was never loaded)."""
    key = month_of(month).key
    row = s.exec(select(AuditEntry).where(AuditEntry.action.in_(("points.load_month",)),  # type: ignore[union-attr]
                                          AuditEntry.entity == "points_month", AuditEntry.entity_id == key)
                 .order_by(AuditEntry.id.desc()).limit(1)).first()
    return row if row is not None and row.after and "rows" in json.loads(row.after) else None


def _unload_in(s: Session, *, actor: Actor, month: Month, previous: AuditEntry) -> dict[str, int]:
    """Remove what the previous load of ``month`` added: its point entries are reversed on their own day (the
    ledger is append-only), every other row it inserted is deleted. Refused if later work refers to them."""
    ranges = json.loads(previous.after)["rows"]
    removed: dict[str, int] = {}
    entries = ranges.pop("point_entry", None)
    if entries:
        lo, hi = entries
        live = s.exec(select(PointEntry).where(PointEntry.id > lo, PointEntry.id <= hi,
                                               PointEntry.reverses_id == None)).all()  # noqa: E711
        done = set(s.exec(select(PointEntry.reverses_id).where(PointEntry.reverses_id.in_(  # type: ignore[union-attr]
            [e.id for e in live] or [-1]))).all())
        for e in live:
            if e.id not in done:
                reverse_in(s, actor=actor, entry_id=e.id, reason=f"月度文件重新载入 {month}", day=e.day)
        removed["point_entry"] = len(live)
    by_name = {t.name: t for t in _fact_tables()}
    try:
        for table in reversed(_fact_tables()):
            if table.name in ranges and table.name in by_name:
                lo, hi = ranges[table.name]
                result = s.execute(delete(table).where(table.c.id > lo, table.c.id <= hi))
                removed[table.name] = result.rowcount
        s.flush()
        if {"work_order", "work_order_event"} & set(removed):
            forget_evaluations()  # the event log is rewritten, not appended to: the remembered evaluations go
    except IntegrityError:
        raise DomainError("points.load_replace_used", month=month.key) from None
    audit.record(s, actor=actor, action="points.unload_month", entity="points_month", entity_id=month.key,
                 before={"load_audit_id": previous.id}, after=removed)
    return removed


def check_file(data: dict, known_staff: set[str]) -> Month:
    """The file's month, once its contents pass the schema (``month_schema``); refused with the key path named.
    Nothing is read from the database: a command can check a file before it computes anything from it."""
    if not isinstance(data.get("month"), str):
        raise DomainError("points.load_invalid", where="month", detail="缺少月份或不是文本（YYYY-MM）")
    month = month_of(data["month"])
    month_schema.check(data, known_staff)
    return month


def load_month_in(s: Session, *, actor: Actor, data: dict) -> dict[str, int]:
    """Load one month inside the caller's transaction; a bad item raises ``points.load_invalid`` naming it.

    The same file twice: ``points.load_same`` (nothing changes). Another file for a loaded month replaces it."""
    month = check_file(data, set(s.exec(select(Staff.emp_no)).all()))
    digest = file_digest(data)
    previous = last_load_in(s, month)
    if previous is not None:
        before = json.loads(previous.after)
        if before.get("sha256") == digest:
            raise DomainError("points.load_same", month=month.key, at=previous.at.strftime("%Y-%m-%d %H:%M"),
                              by=previous.actor_name)
        _unload_in(s, actor=actor, month=month, previous=previous)
    first = _max_ids(s)
    load = _MonthLoad(s, actor, data)
    try:
        for stage in STAGES:
            stage(load)
    except _Bad as exc:
        raise DomainError("points.load_invalid", where=load.where, detail=str(exc)) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError("points.load_invalid", where=load.where, detail=f"缺少或错误的字段 {exc}") from None
    last = _max_ids(s)
    rows = {name: [first[name], last[name]] for name in last if last[name] > first[name]}
    audit.record(s, actor=actor, action="points.load_month", entity="points_month", entity_id=month.key,
                 after=load.counts | {"sha256": digest, "replaced": previous is not None, "rows": rows})
    return load.counts
