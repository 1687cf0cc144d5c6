"""Daily points and the month's inputs (SPEC §6).

* the dispatch clerk reviews each person's points of a day (``day_points``), adds manual items (training,
  penalties: ``add_manual_points``), reverses a wrong one with a reason, and confirms the day (``confirm_day``);
* the manager enters what the company gives for a month (``set_month_input``: new-install target, assessment
  coefficient, money per point) and records the facts of the formulas (``record_fact``: trainings held, errors by
  trained staff, other departments' penalties, accounts-clerk errors);
* after a month is locked, a correction is a dated, approved adjustment (``add_adjustment``) posted in an open
  month and listed on that month's sheet.

The month itself is in :mod:`station_desk.points.month` (facts, compute, review); its lock is in
:mod:`station_desk.month_close`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.periods.service import adjusting, ensure_open, is_locked
from station_desk.points import formulas as F
from station_desk.month import Month
from station_desk.points.facts import facts_of, members, month_of
from station_desk.points.models import MonthInput, PayInput, PointEntry, PointsDay, PointsFact
from station_desk.points.results import RULE_TEXT, source_text
from station_desk.points_ledger.service import credit_in, reverse_in
from station_desk.staff import auth
from station_desk.staff.models import Staff
from station_desk.staff.roles import Role, role_label
from station_desk.staff.service import role_on
from station_desk.work_orders import queries as work_orders

CONFIRM_ROLES = {Role.DISPATCH_CLERK, Role.FRONT_DESK_LEAD, Role.ACCOUNTS_CLERK, Role.MANAGER}
MANUAL_KINDS = {"manual": "辅助积分", "deduction": "扣分"}
FACT_KINDS = {"training": "培训", "trained_error": "已培训员工差错", "dept_penalty": "其他部门处罚",
              "accounts_error": "税控专员差错"}


@dataclass(frozen=True)
class EntryRow:
    id: int
    staff_id: int
    kind: str
    rule: str
    rule_text: str
    points_x100: int
    source: str  # 'work_order:12' — what to open
    note: str
    created_at: dt.datetime
    created_by: str
    reverses_id: int | None
    after_confirmation: bool


@dataclass(frozen=True)
class DayPerson:
    staff_id: int
    name: str
    role_label: str
    order_x100: int
    other_x100: int
    deductions_x100: int  # positive
    total_x100: int
    entries: tuple[EntryRow, ...]


@dataclass(frozen=True)
class DayPoints:
    day: dt.date
    confirmed: bool
    confirmed_by: str
    confirmed_at: dt.datetime | None
    people: tuple[DayPerson, ...]

    @property
    def total_x100(self) -> int:
        return sum(p.total_x100 for p in self.people)


def day_points(db, day: dt.date) -> DayPoints:
    """Everyone employed on ``day`` with the day's entries (people without points are listed too)."""
    with db.read() as s:
        conf = s.exec(select(PointsDay).where(PointsDay.day == day)).first()
        entries = s.exec(select(PointEntry).where(PointEntry.day == day).order_by(PointEntry.id)).all()
        by_staff = defaultdict(list)
        for e in entries:
            by_staff[e.staff_id].append(e)
        people = []
        listed = set()
        for m in members(s, clock.month_key(day)):
            person = s.get(Staff, m.staff_id)
            if person.hire_date > day or (person.left_date and person.left_date < day):
                continue
            listed.add(m.staff_id)
            people.append((m.staff_id, m.name, role_on(s, m.staff_id, day) or m.role))
        for sid in by_staff:
            if sid not in listed:
                p = s.get(Staff, sid)
                people.append((sid, p.name if p else str(sid), role_on(s, sid, day) or ""))
        out = []
        for sid, name, role in people:
            rows = []
            order = other = ded = 0
            for e in by_staff.get(sid, []):
                after = conf is not None and e.created_at > conf.confirmed_at
                rows.append(EntryRow(e.id, sid, e.kind, e.rule, RULE_TEXT.get(e.rule, e.rule), e.points_x100,
                                     f"{e.source_kind}:{e.source_id}" if e.source_kind else "", e.note,
                                     e.created_at, e.created_by, e.reverses_id, after))
                if e.kind == "order":
                    order += e.points_x100
                elif e.kind == "deduction":
                    ded -= e.points_x100
                else:
                    other += e.points_x100
            out.append(DayPerson(sid, name, role_label(role), order, other, ded, order + other - ded, tuple(rows)))
        out.sort(key=lambda p: (-p.total_x100, p.name))
        return DayPoints(day, conf is not None, conf.confirmed_by if conf else "",
                         conf.confirmed_at if conf else None, tuple(out))


def confirm_day(db, *, actor: Actor, day: dt.date) -> DayPoints:
    """The clerk confirms the day's points before going home. Once per day; later entries show in the review."""
    if day > clock.today():
        raise DomainError("points.day_in_future", day=day.isoformat())
    with db.session() as s:
        if actor.staff_id is not None and role_on(s, actor.staff_id, day) not in CONFIRM_ROLES \
                and role_on(s, actor.staff_id, clock.today()) not in CONFIRM_ROLES:
            raise DomainError("auth.permission_denied", action="确认当天积分")
        ensure_open(s, "points", day)
        if s.exec(select(PointsDay).where(PointsDay.day == day)).first():
            raise DomainError("points.day_confirmed", day=day.isoformat())
        n, total = s.exec(select(func.count(), func.coalesce(func.sum(PointEntry.points_x100), 0))
                          .where(PointEntry.day == day)).one()
        row = PointsDay(day=day, confirmed_at=clock.now(), confirmed_by_id=actor.staff_id, confirmed_by=actor.name,
                        entries=n, total_x100=int(total))
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="points.confirm_day", entity="points_day", entity_id=day.isoformat(),
                     after=audit.snapshot(row))
    return day_points(db, day)


def add_manual_points(db, *, actor: Actor, staff_id: int, day: dt.date, points_x100: int, kind: str = "manual",
                      note: str, rule: str = "points.manual", source_kind: str = "manual",
                      source_id: str = "") -> int:
    """A manual item of a day (training +, penalty −). ``kind``: manual (auxiliary) or deduction (negative)."""
    if kind not in MANUAL_KINDS:
        raise DomainError("points.bad_kind", kind=kind)
    if not note.strip():
        raise DomainError("required", field="说明")
    if points_x100 == 0:
        raise DomainError("points.zero")
    if kind == "deduction" and points_x100 > 0:
        points_x100 = -points_x100
    with db.session() as s:
        if s.get(Staff, staff_id) is None:
            raise NotFound(what="员工", id=staff_id)
        sid = source_id or f"{day.isoformat()}#{s.exec(select(func.count()).select_from(PointEntry)).one() + 1}"
        entry = credit_in(s, actor=actor, staff_id=staff_id, day=day, points_x100=points_x100, kind=kind,
                          rule=rule, source_kind=source_kind, source_id=sid, note=note.strip())
        return entry.id


def reverse_entry(db, *, actor: Actor, entry_id: int, reason: str) -> int:
    """Cancel a wrong entry (same day if that month is open, else today) with a reason."""
    with db.session() as s:
        original = s.get(PointEntry, entry_id)
        if original is None:
            raise NotFound(what="积分记录", id=entry_id)
        day = original.day if not is_locked(s, "points", clock.month_key(original.day)) else None
        return reverse_in(s, actor=actor, entry_id=entry_id, reason=reason, day=day).id


def add_adjustment(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int,
                   for_month: Month | str, points_x100: int, reason: str, day: dt.date | None = None) -> int:
    """After a month is locked: a dated, approved adjustment, counted in (and listed on) the month of ``day``."""
    with adjusting(db, "points", approval=approval, action="积分结账后调整", for_month=month_of(for_month),
                   amount=points_x100, zero_code="points.zero", reason=reason, day=day) as (s, adj):
        n = s.exec(select(func.count()).select_from(PointEntry).where(PointEntry.kind == "adjustment")).one()
        entry = credit_in(s, actor=actor, staff_id=staff_id, day=adj.day, points_x100=points_x100,
                          kind="adjustment", rule="points.adjustment", source_kind="adjustment",
                          source_id=f"{adj.for_month}#{n + 1}",
                          note=f"调整 {adj.for_month}：{adj.reason}（{adj.approver.name}批准）")
        return entry.id


# ---------------------------------------------------------------------------------------------------- month inputs
@dataclass(frozen=True)
class MonthInputs:
    month: str
    new_install_target: int | None
    manager_coefficient_x1000: int | None
    money_per_point_fen: int | None
    renovation_done: bool
    failure_rate_permille: int | None
    promotion_leader_id: int | None


def month_inputs(db, month: Month | str) -> MonthInputs:
    month = month_of(month)
    with db.read() as s:
        r = s.exec(select(MonthInput).where(MonthInput.month == month.key)).first()
        if r is None:
            return MonthInputs(month.key, None, None, None, True, None, None)
        return MonthInputs(month.key, r.new_install_target, r.manager_coefficient_x1000, r.money_per_point_fen,
                           r.renovation_done, r.failure_rate_permille, r.promotion_leader_id)


def set_month_input_in(s, *, actor: Actor, month: Month | str, **values) -> None:
    month = month_of(month)
    ensure_open(s, "points", month.first)
    allowed = {"new_install_target", "manager_coefficient_x1000", "money_per_point_fen", "renovation_done",
               "failure_rate_permille", "promotion_leader_id"}
    for k, v in values.items():
        if k not in allowed:
            raise DomainError("points.bad_input", field=k)
        if isinstance(v, int) and not isinstance(v, bool) and v < 0:
            raise DomainError("points.negative_input", field=k)
    row = s.exec(select(MonthInput).where(MonthInput.month == month.key)).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = MonthInput(month=month.key, updated_at=clock.now(), updated_by=actor.name)
    for k, v in values.items():
        setattr(row, k, v)
    row.updated_at, row.updated_by = clock.now(), actor.name
    s.add(row)
    s.flush()
    audit.record(s, actor=actor, action="points.set_month_input", entity="points_month_input", entity_id=month.key,
                 before=before, after=audit.snapshot(row))


def set_month_input(db, *, actor: Actor, approval: ManagerApproval | None, month: Month | str,
                    **values) -> MonthInputs:
    """The manager enters the company's figures for a month (keyword values; None clears a figure)."""
    month = month_of(month)
    auth.require_manager(db, approval, "录入月度考核数据")
    with db.session() as s:
        set_month_input_in(s, actor=actor, month=month, **values)
    return month_inputs(db, month)


def set_pay_in(s, *, actor: Actor, month: Month | str, staff_id: int, base_fen: int,
               seniority_fen: int = 0) -> None:
    month = month_of(month)
    ensure_open(s, "points", month.first)
    row = s.exec(select(PayInput).where(PayInput.month == month.key, PayInput.staff_id == staff_id)).first()
    before = audit.snapshot(row) if row else None
    row = row or PayInput(month=month.key, staff_id=staff_id)
    row.base_fen, row.seniority_fen = base_fen, seniority_fen
    s.add(row)
    s.flush()
    audit.record(s, actor=actor, action="points.set_pay", entity="points_pay_input", entity_id=row.id,
                 before=before, after=audit.snapshot(row))


def record_fact_in(s, *, actor: Actor, kind: str, day: dt.date, staff_id: int | None = None, body: str = "",
                   note: str = "") -> int:
    if kind not in FACT_KINDS:
        raise DomainError("points.bad_fact", kind=kind)
    ensure_open(s, "points", day)
    row = PointsFact(kind=kind, day=day, staff_id=staff_id, body=body[:30], note=note[:200], created_at=clock.now(),
                     created_by=actor.name)
    audit.add_new(s, row, actor=actor, action="points.record_fact")
    return row.id


def record_fact(db, *, actor: Actor, kind: str, day: dt.date, staff_id: int | None = None, body: str = "",
                note: str = "") -> int:
    """A training held, an error by a trained employee, a penalty from another department (``body``), or an error
    in the accounts clerk's work."""
    with db.session() as s:
        return record_fact_in(s, actor=actor, kind=kind, day=day, staff_id=staff_id, body=body, note=note)


def cancel_fact(db, *, actor: Actor, fact_id: int, reason: str) -> int:
    if not reason.strip():
        raise DomainError("required", field="撤销原因")
    with db.session() as s:
        f = s.get(PointsFact, fact_id)
        if f is None or f.reverses_id is not None:
            raise NotFound(what="记录", id=fact_id)
        ensure_open(s, "points", f.day)
        if s.exec(select(PointsFact.id).where(PointsFact.reverses_id == fact_id)).first():
            raise DomainError("points.fact_cancelled", id=fact_id)
        row = PointsFact(kind=f.kind, day=f.day, staff_id=f.staff_id, body=f.body, note=reason[:200],
                         reverses_id=f.id, created_at=clock.now(), created_by=actor.name)
        audit.add_new(s, row, actor=actor, action="points.cancel_fact", reason=reason)
        return row.id


def list_facts(db, month: Month | str) -> list[tuple[int, str, dt.date, str, str, str]]:
    """(id, kind label, day, person, body, note) of the month's live facts."""
    month = month_of(month)
    with db.read() as s:
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
        out = []
        for kind, label in FACT_KINDS.items():
            for f in facts_of(s, month, kind):
                out.append((f.id, label, f.day, names.get(f.staff_id, ""), f.body, f.note))
        return sorted(out, key=lambda r: (r[2], r[0]))


__all__ = ["day_points", "confirm_day", "add_manual_points", "reverse_entry", "add_adjustment", "month_inputs",
           "set_month_input", "record_fact", "cancel_fact", "list_facts", "F"]


def explain_entry(db, entry_id: int) -> list[tuple[str, str]]:
    """What one points entry is and where it came from, as (label, value) lines — for the work order behind order
    points, its kind, customer, fault and status."""
    with db.read() as s:
        e = s.get(PointEntry, entry_id)
        if e is None:
            raise NotFound(what="积分记录", id=entry_id)
        person = s.get(Staff, e.staff_id)
        lines = [("人员", person.name if person else str(e.staff_id)), ("日期", e.day.isoformat()),
                 ("规则", f"{RULE_TEXT.get(e.rule, e.rule)}（{e.rule}）"), ("积分", F.fmt_points(e.points_x100)),
                 ("来源", source_text(f"{e.source_kind}:{e.source_id}") if e.source_kind else "手工录入"),
                 ("说明", e.note or "—"), ("录入", f"{e.created_by} {e.created_at:%Y-%m-%d %H:%M}")]
        if e.reverses_id:
            lines.append(("冲正", f"冲正第 {e.reverses_id} 条"))
    if e.source_kind == "work_order" and e.source_id.isdigit():
        try:
            order = work_orders.get_order(db, int(e.source_id))
        except DomainError:  # the order is gone (e.g. a loaded history): show what we have
            order = None
        if order is not None:
            lines += [("工单", f"{order.id} {order.kind_label}（{order.status_label}）"),
                      ("用户", f"{order.customer_name} {order.area}{order.address}"),
                      ("故障", f"{order.fault_type} {order.description}".strip()),
                      ("服务人员", order.technician or "—")]
    return lines
