"""Customer register (SPEC §2): find-as-you-type, the register, renewals, sign-ups and the expiring-customer list.

Other modules call ``search_customers`` / ``get_customer`` to read, and ``record_renewal_in``,
``record_signup_in``, ``mark_installed_in`` inside their own transactions. Phone numbers come out unmasked; a view
masks them with :func:`mask_phone` unless the viewer is the manager or the record is being edited.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text as sql_text
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.customers import search as _search
from station_desk.customers.models import Customer, ExpiryCall, Renewal, SignUp
from station_desk.customers.pinyin import initials as pinyin_initials
from station_desk.errors import DomainError, NotFound
from station_desk.privacy import mask_phone  # noqa: F401 - views mask through the customer service
from station_desk.validate import PHONE

CYCLE_MONTHS = {"monthly": 1, "half_year": 6, "yearly": 12}
CALL_OUTCOMES = {
    "will_renew": "愿意续费",
    "renewed": "已续费",
    "thinking": "考虑中",
    "refused": "不再续费",
    "no_answer": "无人接听",
    "not_home": "不在家（已留上门条）",
    "other": "其他",
}


@dataclass(frozen=True)
class CustomerRow:
    id: int
    account_no: str
    name: str
    area: str
    address: str  # the full address: area + building + unit + room
    phone: str  # unmasked: views call mask_phone()
    package: str
    cycle: str
    expiry_date: dt.date | None
    building: str = ""
    unit: str = ""
    room: str = ""  # Customer.address (room / street number)
    notes: str = ""
    active: bool = True
    initials: str = ""

    def days_to_expiry(self, today: dt.date) -> int | None:
        return None if self.expiry_date is None else (self.expiry_date - today).days


def customer_row(c: Customer) -> CustomerRow:
    return CustomerRow(c.id, c.account_no, c.name, c.area, c.full_address, c.phone, c.package, c.cycle,
                       c.expiry_date, c.building, c.unit, c.address, c.notes, c.active, c.initials)


#: the columns of a register row, in the order :func:`_row_from_tuple` reads them (a read of thousands of rows
#: builds no ORM objects: issue #15)
_ROW_COLUMNS = (Customer.id, Customer.account_no, Customer.name, Customer.initials, Customer.area, Customer.building,
                Customer.unit, Customer.address, Customer.phone, Customer.package, Customer.cycle,
                Customer.expiry_date, Customer.notes, Customer.active)


def _row_from_tuple(r: tuple) -> CustomerRow:
    (cid, account_no, name, initials, area, building, unit, room, phone, package, cycle, expiry, notes,
     active) = r
    if isinstance(expiry, str):
        expiry = dt.date.fromisoformat(expiry)
    full = "".join(p for p in (area, building, unit, room) if p)
    return CustomerRow(cid, account_no, name, area, full, phone, package, cycle, expiry, building, unit, room,
                       notes, bool(active), initials)


# -- reads ----------------------------------------------------------------------------------------------------------
def search_customers(db, text: str, *, limit: int = 50) -> list[CustomerRow]:
    """Customers matching every word of ``text`` in name / phone / account / address / pinyin initials."""
    query = text
    if not (query or "").strip():
        return []
    _search.ensure_search_index(db)
    with db.engine.connect() as conn:
        raw = _search.search_ids_and_rows(conn, query, limit)
    rows = [_row_from_tuple(r) for r in raw]
    rows.sort(key=_search.rank_key(query))
    return rows[:limit]


def get_customer(db, customer_id: int) -> CustomerRow:
    with db.read() as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound(what="用户", id=customer_id)
        return customer_row(c)


def get_customer_in(s: Session, customer_id: int) -> Customer:
    c = s.get(Customer, customer_id)
    if c is None:
        raise NotFound(what="用户", id=customer_id)
    return c


def find_by_account(db, account_no: str) -> CustomerRow | None:
    with db.read() as s:
        c = s.exec(select(Customer).where(Customer.account_no == account_no.strip())).first()
        return customer_row(c) if c else None


def count_customers(db) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM customer").scalar()


def list_customers(db, *, area: str | None = None, offset: int = 0, limit: int = 500) -> list[CustomerRow]:
    with db.read() as s:
        q = select(*_ROW_COLUMNS).order_by(Customer.account_no).offset(offset).limit(limit)
        if area:
            q = q.where(Customer.area == area)
        return [_row_from_tuple(tuple(r)) for r in s.exec(q)]


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
        if len(out.get(field) or "") > limit:
            raise DomainError("too_long", field=label, max=limit)
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


# -- expiring-customer follow-up (到期用户回访表) ------------------------------------------------------------------------
@dataclass(frozen=True)
class ExpiringRow:
    customer: CustomerRow
    days_left: int
    last_call_at: dt.datetime | None
    last_outcome: str  # code; label via CALL_OUTCOMES
    last_note: str
    last_by: str

    @property
    def outcome_label(self) -> str:
        return CALL_OUTCOMES.get(self.last_outcome, self.last_outcome)


def _expiring_where(start: dt.date, end: dt.date, area: str | None) -> list:
    where = [Customer.expiry_date >= start, Customer.expiry_date <= end, Customer.active == True]  # noqa: E712
    return where + ([Customer.area == area] if area else [])


def count_expiring(db, *, start: dt.date, end: dt.date, area: str | None = None) -> tuple[int, int]:
    """(customers :func:`list_expiring` lists without a limit, those of them already called about this expiry),
    counted in SQL: a screen reads one page of the list, not all of it (issue #15)."""
    from sqlalchemy import case, func, or_
    from sqlalchemy.orm import aliased

    latest = aliased(ExpiryCall)
    last_id = (select(latest.id).where(latest.customer_id == Customer.id)
               .order_by(latest.at.desc(), latest.id.desc()).limit(1).correlate(Customer).scalar_subquery())
    called = (select(ExpiryCall.id).where(ExpiryCall.id == last_id, or_(ExpiryCall.expiry_date.is_(None),
                                                                        ExpiryCall.expiry_date == Customer.expiry_date))
              .correlate(Customer).exists())
    where = _expiring_where(start, end, area)
    with db.read() as s:  # one pass over the window
        total, done = s.exec(select(func.count(), func.sum(case((called, 1), else_=0))).select_from(Customer)
                             .where(*where)).one()
    return int(total or 0), int(done or 0)


def list_expiring(db, *, start: dt.date, end: dt.date, area: str | None = None,
                  limit: int = 5000, offset: int = 0) -> list[ExpiringRow]:
    """Active customers whose service expires in [start, end], soonest first, with their latest call (``limit``
    rows from ``offset``: a screen reads a page at a time)."""
    today = clock.today()
    with db.read() as s:
        q = (select(*_ROW_COLUMNS).where(*_expiring_where(start, end, None))
             .order_by(Customer.expiry_date, Customer.account_no, Customer.id).offset(offset).limit(limit))
        if area:
            q = q.where(Customer.area == area)
        customers = [_row_from_tuple(tuple(r)) for r in s.exec(q)]
        ids = [c.id for c in customers]
        last: dict[int, ExpiryCall] = {}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk:chunk + 900]
            for call in s.exec(select(ExpiryCall).where(ExpiryCall.customer_id.in_(part))
                               .order_by(ExpiryCall.at, ExpiryCall.id)):
                last[call.customer_id] = call
        out = []
        for c in customers:
            call = last.get(c.id)
            if call is not None and call.expiry_date is not None and call.expiry_date != c.expiry_date:
                call = None  # a call about an earlier expiry does not count for this one
            out.append(ExpiringRow(c, (c.expiry_date - today).days,
                                   call.at if call else None, call.outcome if call else "",
                                   call.note if call else "", call.by_name if call else ""))
        return out


def record_call_outcome(db, *, actor: Actor, customer_id: int, outcome: str, note: str = "",
                        at: dt.datetime | None = None) -> int:
    if outcome not in CALL_OUTCOMES:
        raise DomainError("customer.unknown_outcome", outcome=outcome)
    with db.session() as s:
        c = get_customer_in(s, customer_id)
        call = ExpiryCall(customer_id=customer_id, at=at or clock.now(), expiry_date=c.expiry_date, outcome=outcome,
                          note=(note or "").strip()[:200], by_staff_id=actor.staff_id, by_name=actor.name)
        audit.add_new(s, call, actor=actor, action="customer.expiry_call")
        return call.id


def renewals_of(db, customer_id: int) -> list[Renewal]:
    with db.read() as s:
        return list(s.exec(select(Renewal).where(Renewal.customer_id == customer_id)
                           .order_by(Renewal.day.desc(), Renewal.id.desc())))
