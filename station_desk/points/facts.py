"""The facts of a month of points (SPEC §6): who was on the staff, the renewals and new installs, the company's
figures, the recorded facts (trainings, penalties, errors) and a locked month's snapshot. Reads only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, exists, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from station_desk import clock
from station_desk.customers.models import Customer, Renewal, SignUp
from station_desk.actor import Actor
from station_desk.errors import DomainError
from station_desk.month import Month
from station_desk.points import formulas as F
from station_desk.points.models import MonthInput, MonthSnapshot, PointEntry, PointsFact
from station_desk.staff.models import Staff
from station_desk.staff.service import role_on, roles_on


def month_of(month: Month | str) -> Month:
    """The Month of ``month`` (a Month or its "YYYY-MM" text); the points' refusal for anything else."""
    try:
        return Month.parse(month)
    except DomainError:
        raise DomainError("points.bad_month", month=str(month)[:20]) from None


def bounds(month: Month | str) -> tuple[dt.date, dt.date]:
    return month_of(month).bounds()


def prev_month(month: Month | str, n: int = 1) -> str:
    """The text key of the month ``n`` months before ``month``."""
    return month_of(month).plus(-n).key


@dataclass(frozen=True)
class Member:
    staff_id: int
    emp_no: str
    name: str
    role: str


def members(s: Session, month: Month | str) -> list[Member]:
    """Everyone employed at some time in the month, with their role on its last day (or on their last day)."""
    start, end = bounds(month)
    last = end - dt.timedelta(days=1)
    roles = roles_on(s, last)
    out = []
    for p in s.exec(select(Staff).where(Staff.hire_date < end).order_by(Staff.emp_no)).all():
        if p.left_date is not None and p.left_date < start:
            continue
        role = roles.get(p.id) if p.left_date is None or p.left_date >= last else role_on(s, p.id, p.left_date)
        if role:
            out.append(Member(p.id, p.emp_no, p.name, role))
    return out


@dataclass
class RenewalFacts:
    """A month's renewal facts. ``due`` holds only the due customers that have a renewal in the month's rows (the
    others are counted in SQL, by cycle, in ``due_elsewhere``: a month of a big station has thousands of them)."""

    due: dict[int, str] = field(default_factory=dict)  # customer id → cycle, for customers with a live renewal
    renewed: dict[int, int] = field(default_factory=dict)  # customer id → renewal id
    income_fen: int = 0
    month_renewals: list = field(default_factory=list)  # live renewals dated in the month (rows of Renewal's columns)
    due_elsewhere: dict[str, int] = field(default_factory=dict)  # cycle → due customers without such a renewal

    def rate(self, cycle: str | None = None) -> tuple[int | None, int, int]:
        """(rate %, renewed, due) overall or for one billing cycle; cycles longer than a year count as yearly."""
        due = [c for c, cy in self.due.items() if cycle is None or cycle_bucket(cy) == cycle]
        done = sum(1 for c in due if c in self.renewed)
        n = len(due) + sum(k for cy, k in self.due_elsewhere.items() if cycle is None or cycle_bucket(cy) == cycle)
        return F.renewal_rate_pct(done, n), done, n


def cycle_bucket(cycle: str) -> str:
    """§7.3 groups: 月费 (monthly), 半年费 (half_year), 年费以上 (yearly and anything longer)."""
    return cycle if cycle in ("monthly", "half_year") else "yearly"


def live_renewal(r=Renewal):
    """SQL condition: ``r`` (Renewal or an alias of it) is neither a reversal nor reversed (reversals may be dated
    any time later)."""
    reversal = aliased(Renewal)
    # "reverses_id + 0 IS NULL" is "reverses_id IS NULL" that SQLite will not answer from the index on reverses_id
    # (nearly every row: it would read the whole table through the index instead of the month's rows by date)
    return and_((r.reverses_id + 0).is_(None), ~exists().where(reversal.reverses_id == r.id))


def due_without_renewal(start: dt.date, end: dt.date):
    """SQL condition on Customer: its expiry is in [start, end) and it has no live renewal whose expiry before the
    renewal was in [start, end) (those are due through their renewal)."""
    r = aliased(Renewal)
    return and_(Customer.expiry_date >= start, Customer.expiry_date < end,
                ~exists().where(r.customer_id == Customer.id, r.expiry_before >= start, r.expiry_before < end,
                                live_renewal(r)))


def renewal_facts(s: Session, month: Month | str) -> RenewalFacts:
    """Due = customers whose expiry fell in the month (for renewed ones: the expiry before the renewal); renewed =
    those of them with a renewal paid by the month's end. Cycle: the renewal's, else the customer's. The month's
    renewals are read as rows; the customers due without one are counted in SQL."""
    out = RenewalFacts()
    start, end = bounds(month)
    # the columns the rules read, as rows (building a thousand ORM objects cost more than the query: issue #15)
    live = s.exec(select(Renewal.id, Renewal.customer_id, Renewal.day, Renewal.expiry_before, Renewal.cycle,
                         Renewal.amount_fen, Renewal.package_before, Renewal.package_after).where(or_(and_(Renewal.expiry_before >= start, Renewal.expiry_before < end),
                                            and_(Renewal.day >= start, Renewal.day < end)),
                                        live_renewal()).order_by(Renewal.day, Renewal.id)).all()
    for r in live:
        if r.expiry_before is not None and start <= r.expiry_before < end:
            out.due.setdefault(r.customer_id, r.cycle)
            if r.day < end:
                out.renewed.setdefault(r.customer_id, r.id)
        if start <= r.day < end:
            out.month_renewals.append(r)
            out.income_fen += r.amount_fen
    for cycle, n in s.exec(select(Customer.cycle, func.count()).where(due_without_renewal(start, end))
                           .group_by(Customer.cycle)).all():
        out.due_elsewhere[cycle] = n
    return out


@dataclass(frozen=True)
class Install:
    id: int
    signed_by_id: int | None
    installed_by_id: int | None
    area: str
    income_fen: int
    installed_on: dt.date
    team: str


def installs(s: Session, month: Month | str) -> list[Install]:
    """Sign-ups installed in the month (the station's new installs)."""
    start, end = bounds(month)
    rows = s.exec(select(SignUp).where(SignUp.status == "installed", SignUp.installed_on >= start,
                                       SignUp.installed_on < end).order_by(SignUp.installed_on, SignUp.id)).all()
    return [Install(r.id, r.signed_by_id, r.installed_by_id, r.area, r.income_fen, r.installed_on, r.team)
            for r in rows]


def month_input(s: Session, month: Month | str) -> MonthInput | None:
    return s.exec(select(MonthInput).where(MonthInput.month == month_of(month).key)).first()


def facts_of(s: Session, month: Month | str, kind: str) -> list[PointsFact]:
    start, end = bounds(month)
    rows = s.exec(select(PointsFact).where(PointsFact.kind == kind, PointsFact.day >= start,
                                           PointsFact.day < end)).all()
    # reversals may be dated later: look the cancellations up by id
    ids = [r.id for r in rows]
    cancelled = set(s.exec(select(PointsFact.reverses_id).where(PointsFact.reverses_id.in_(ids or [0]))).all())
    return [r for r in rows if r.reverses_id is None and r.id not in cancelled]


def by_role(people: list[Member]) -> dict[str, list[Member]]:
    """The month's people grouped by role (a missing role gives an empty list)."""
    out: dict[str, list[Member]] = defaultdict(list)
    for m in people:
        out[m.role].append(m)
    return out


def snapshot_of(s: Session, scope: str, month: Month | str) -> MonthSnapshot | None:
    key = month_of(month).key
    return s.exec(select(MonthSnapshot).where(MonthSnapshot.scope == scope, MonthSnapshot.month == key)).first()


def save_snapshot_in(s: Session, scope: str, month: Month | str, data: str, approver: Actor) -> None:
    """Store a month's computed result (JSON) at its lock; ``snapshot_of`` reads it back."""
    s.add(MonthSnapshot(scope=scope, month=month_of(month).key, data=data, created_at=clock.now(),
                        created_by=approver.name))


def program_start_month(s: Session) -> str | None:
    """The first month the program holds points data (for the accounts clerk's streak)."""
    firsts = [s.exec(select(func.min(PointEntry.day))).first(), s.exec(select(func.min(PointsFact.day))).first()]
    months = [clock.month_key(d) for d in firsts if d]
    m = s.exec(select(func.min(MonthInput.month))).first()
    if m:
        months.append(m)
    return min(months) if months else None
