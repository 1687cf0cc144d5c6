"""Customer register (SPEC §2): find-as-you-type, the register, renewals and sign-ups. What a customer row is lives in
``customers.rows``, the expiring-customer list in ``customers.expiring``; both are re-exported here.

Other modules call ``search_customers`` / ``get_customer`` to read, and ``record_renewal_in``,
``record_signup_in``, ``mark_installed_in`` inside their own transactions. Phone numbers come out unmasked; a view
masks them with :func:`mask_phone` unless the viewer is the manager or the record is being edited.
"""

from __future__ import annotations

import calendar
import datetime as dt

from sqlalchemy import text as sql_text
from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.customers import search as _search
from station_desk.customers.expiring import (CALL_OUTCOMES, ExpiringRow, count_expiring,  # noqa: F401 - re-exported
                                             list_expiring, record_call_outcome)
from station_desk.customers.models import Customer, Renewal, SignUp
from station_desk.customers.pinyin import initials as pinyin_initials
from station_desk.customers.rows import (ROW_COLUMNS, CustomerRow, customer_row, get_customer_in,  # noqa: F401
                                         row_from_tuple)
from station_desk.errors import DomainError, NotFound
from station_desk.privacy import mask_phone  # noqa: F401 - views mask through the customer service
from station_desk.validate import PHONE

CYCLE_MONTHS = {"monthly": 1, "half_year": 6, "yearly": 12}



# -- reads ----------------------------------------------------------------------------------------------------------
def search_customers(db, text: str, *, limit: int = 50) -> list[CustomerRow]:
    """Customers matching every word of ``text`` in name / phone / account / address / pinyin initials."""
    query = text
    if not (query or "").strip():
        return []
    _search.ensure_search_index(db)
    with db.engine.connect() as conn:
        raw = _search.search_ids_and_rows(conn, query, limit)
    rows = [row_from_tuple(r) for r in raw]
    rows.sort(key=_search.rank_key(query))
    return rows[:limit]


def get_customer(db, customer_id: int) -> CustomerRow:
    with db.read() as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound(what="用户", id=customer_id)
        return customer_row(c)


def find_by_account(db, account_no: str) -> CustomerRow | None:
    with db.read() as s:
        c = s.exec(select(Customer).where(Customer.account_no == account_no.strip())).first()
        return customer_row(c) if c else None


def count_customers(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM customer").scalar()


def list_customers(db, *, area: str | None = None, offset: int = 0, limit: int = 500) -> list[CustomerRow]:
    with db.read() as s:
        q = select(*ROW_COLUMNS).order_by(Customer.account_no).offset(offset).limit(limit)
        if area:
            q = q.where(Customer.area == area)
        return [row_from_tuple(tuple(r)) for r in s.exec(q)]


def similar_customers(db, *, name: str = "", phone: str = "", address: str = "",
                      within_days: int | None = None) -> list[CustomerRow]:
    """Existing customers with the same name, phone or address (anti-gaming check on a new install, SPEC §2).

    With ``within_days`` only those whose service expires within that many days of today (or has expired)."""
    with db.read() as s:
        return similar_customers_in(s, name=name, phone=phone, address=address, within_days=within_days)


def similar_customers_in(s: Session, *, name: str = "", phone: str = "", address: str = "",
                         within_days: int | None = None) -> list[CustomerRow]:
    name, phone, address = (name or "").strip(), (phone or "").strip(), (address or "").strip()
    conds, params = [], {}
    if name:
        conds.append("name = :name")
        params["name"] = name
    if phone:
        conds.append("phone = :phone")
        params["phone"] = phone
    if address and len(address) >= 4:
        conds.append("(area || building || unit || address) = :addr OR (building || unit || address) = :addr")
        params["addr"] = address
    if not conds:
        return []
    sql = "SELECT id FROM customer WHERE " + " OR ".join(f"({c})" for c in conds) + " LIMIT 20"
    ids = [r[0] for r in s.connection().execute(sql_text(sql), params)]
    rows = [customer_row(s.get(Customer, i)) for i in ids]
    if within_days is not None:
        limit_day = clock.today() + dt.timedelta(days=within_days)
        rows = [r for r in rows if r.expiry_date is not None and r.expiry_date <= limit_day]
    return rows


# -- register -------------------------------------------------------------------------------------------------------
def _policy(s: Session):
    from station_desk.policy.service import policy_on

    return policy_on(s, clock.today()).customers


def _check_package_cycle(s: Session, package: str, cycle: str) -> None:
    pol = _policy(s)
    if package not in {p.code for p in pol.packages}:
        raise DomainError("customer.unknown_package", package=package)
    if cycle not in pol.cycles:
        raise DomainError("customer.unknown_cycle", cycle=cycle)


def _clean(s: Session, data: dict) -> dict:
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    if not out.get("account_no"):
        raise DomainError("required", field="用户账号")
    if not out.get("name"):
        raise DomainError("required", field="用户姓名")
    for field, label, limit in (("account_no", "用户账号", 30), ("name", "用户姓名", 40), ("address", "门牌", 120),
                                ("building", "楼栋", 40), ("unit", "单元", 40), ("notes", "备注", 500)):
        validate.text(out.get(field), field=label, max_len=limit, multiline=field == "notes")
    if out.get("phone") and not PHONE.match(out["phone"]):
        raise DomainError("customer.phone_invalid", phone=out["phone"])
    pol = _policy(s)
    if out.get("area") and out["area"] not in pol.areas:
        raise DomainError("customer.unknown_area", area=out["area"])
    _check_package_cycle(s, out.get("package") or "3.0", out.get("cycle") or "monthly")
    return out


_FIELDS = ("account_no", "name", "area", "building", "unit", "address", "phone", "package", "cycle", "expiry_date",
           "notes")


def create_customer_in(s: Session, *, actor: Actor, account_no: str, name: str, area: str = "", building: str = "",
                       unit: str = "", address: str = "", phone: str = "", package: str = "3.0",
                       cycle: str = "monthly", expiry_date: dt.date | None = None, notes: str = "") -> Customer:
    data = _clean(s, dict(account_no=account_no, name=name, area=area, building=building, unit=unit,
                          address=address, phone=phone, package=package, cycle=cycle, expiry_date=expiry_date,
                          notes=notes))
    other = s.exec(select(Customer).where(Customer.account_no == data["account_no"])).first()
    if other is not None:
        raise DomainError("customer.account_taken", account=data["account_no"], name=other.name)
    c = Customer(**data, initials=pinyin_initials(data["name"]), created_at=clock.now())
    audit.add_new(s, c, actor=actor, action="customer.create")
    return c


def create_customer(db, *, actor: Actor, **fields) -> CustomerRow:
    with db.session() as s:
        return customer_row(create_customer_in(s, actor=actor, **fields))


def update_customer(db, *, actor: Actor, customer_id: int, **fields) -> CustomerRow:
    """Change a customer's details. Fields not given keep their values. Audited with before/after."""
    unknown = set(fields) - set(_FIELDS) - {"active"}
    if unknown:
        raise DomainError("validation", field=",".join(sorted(unknown)), problem="未知字段")
    with db.session() as s:
        c = get_customer_in(s, customer_id)
        merged = {f: getattr(c, f) for f in _FIELDS} | {k: v for k, v in fields.items() if k in _FIELDS}
        data = _clean(s, merged)
        other = s.exec(select(Customer).where(Customer.account_no == data["account_no"])).first()
        if other is not None and other.id != customer_id:
            raise DomainError("customer.account_taken", account=data["account_no"], name=other.name)
        before = audit.snapshot(c)
        for k, v in data.items():
            setattr(c, k, v)
        if "active" in fields:
            c.active = bool(fields["active"])
        c.initials = pinyin_initials(c.name)
        c.updated_at = clock.now()
        s.add(c)
        s.flush()
        after = audit.snapshot(c)
        changed = {k for k in after if before.get(k) != after.get(k)} - {"updated_at"}
        if changed:
            audit.record(s, actor=actor, action="customer.update", entity="customer", entity_id=c.id,
                         before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
        return customer_row(c)


# -- renewals and sign-ups (called inside other transactions) --------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def renewal_expiry(expiry_before: dt.date | None, day: dt.date, cycle: str) -> dt.date:
    """Service runs on from the current expiry, or from the renewal day when it had already lapsed."""
    base = expiry_before if expiry_before is not None and expiry_before >= day else day
    return add_months(base, CYCLE_MONTHS[cycle])


def record_renewal_in(s: Session, *, actor: Actor, customer_id: int, day: dt.date, cycle: str, package_after: str,
                      amount_fen: int, handled_by_id: int | None, recommended_by_id: int | None = None,
                      contact_id: int | None = None, note: str = "") -> Renewal:
    """A paid renewal: moves the customer's expiry on by the cycle, records any package change."""
    c = get_customer_in(s, customer_id)
    _check_package_cycle(s, package_after, cycle)
    if int(amount_fen) < 0:
        raise DomainError("money.not_positive")
    expiry_after = renewal_expiry(c.expiry_date, day, cycle)
    r = Renewal(customer_id=customer_id, day=day, handled_by_id=handled_by_id,
                recommended_by_id=recommended_by_id, cycle=cycle, package_before=c.package,
                package_after=package_after, amount_fen=int(amount_fen), expiry_before=c.expiry_date,
                expiry_after=expiry_after, contact_id=contact_id, note=(note or "")[:200], created_at=clock.now())
    s.add(r)
    before = {"package": c.package, "cycle": c.cycle, "expiry_date": c.expiry_date}
    c.package, c.cycle, c.expiry_date, c.updated_at = package_after, cycle, expiry_after, clock.now()
    s.add(c)
    s.flush()
    audit.record(s, actor=actor, action="customer.renew", entity="customer_renewal", entity_id=r.id,
                 before=before, after=audit.snapshot(r))
    return r


def record_signup_in(s: Session, *, actor: Actor, day: dt.date, signed_by_id: int | None, area: str, package: str,
                     cycle: str, income_fen: int, customer_id: int | None = None, team: str = "",
                     contact_id: int | None = None, note: str = "") -> SignUp:
    """A new-install sign-up, pending until installed (``mark_installed_in``)."""
    _check_package_cycle(s, package, cycle)
    if customer_id is not None:
        get_customer_in(s, customer_id)
    if int(income_fen) < 0:
        raise DomainError("money.not_positive")
    su = SignUp(customer_id=customer_id, day=day, signed_by_id=signed_by_id, team=team or "", area=area or "",
                package=package, cycle=cycle, income_fen=int(income_fen), contact_id=contact_id,
                note=(note or "")[:200], created_at=clock.now())
    audit.add_new(s, su, actor=actor, action="customer.signup")
    return su


def mark_installed_in(s: Session, *, actor: Actor, signup_id: int, installed_on: dt.date, installed_by_id: int | None,
                      work_order_id: int | None = None) -> SignUp:
    su = s.get(SignUp, signup_id)
    if su is None:
        raise NotFound(what="新装签约", id=signup_id)
    if su.status != "pending":
        raise DomainError("customer.signup_not_pending", id=signup_id, status=su.status)
    if installed_on < su.day:
        raise DomainError("customer.install_before_signup", day=su.day.isoformat())
    before = audit.snapshot(su)
    su.status, su.installed_on, su.installed_by_id = "installed", installed_on, installed_by_id
    if work_order_id is not None:
        su.work_order_id = work_order_id
    s.add(su)
    s.flush()
    audit.record(s, actor=actor, action="customer.installed", entity="customer_signup", entity_id=su.id,
                 before=before, after=audit.snapshot(su))
    return su


def signup_for_contact(db, contact_id: int) -> int | None:
    """The pending sign-up a front-desk contact created (so a work order made from it can carry ``signup_id``)."""
    with db.read() as s:
        return s.exec(select(SignUp.id).where(SignUp.contact_id == contact_id, SignUp.status == "pending")
                      .order_by(SignUp.id.desc())).first()


def renewals_of(db, customer_id: int) -> list[Renewal]:
    with db.read() as s:
        return list(s.exec(select(Renewal).where(Renewal.customer_id == customer_id)
                           .order_by(Renewal.day.desc(), Renewal.id.desc())))
