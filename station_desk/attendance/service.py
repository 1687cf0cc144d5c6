"""Attendance service (SPEC §5 考勤): clock in / out, derived exceptions, the manager's decisions, deductions.

* Punches are append-only: at the desk the person picks their name (their PIN is asked when they have one), or the
  manager enters them from the time clock. A wrong punch is voided by a new row with a reason.
* Exceptions are derived on read from the roster (``rest_roster.service``), the punches and the policy in force
  that day: late (first in after shift start + grace), early leave (last out before shift end − grace), missing
  punch (an in without an out after the shift, or an out without an in), absent (a rostered working day with no
  punch at all once the shift is over). A rest day, an approved leave (written into the roster) or a month
  without a plan expects nothing. Nor does a day before the person's start (:func:`starts_in`): their hire date, or
  later, the day the program first knew them (added to the register, or their first punch, whichever came first) —
  a person added with a past hire date was not absent in the months before; and on the first day nothing counts
  before the first clock-in (no lateness on the first morning).
* The manager confirms or excuses each exception. A confirmed one credits a deduction to the points ledger
  (``AttendancePolicy``: lateness, early leave and missing punch at the lateness value, absence at the
  absenteeism value), idempotent per decision.

Contract for the points module: :func:`attendance_deductions` (a month file's facts are loaded by
:mod:`station_desk.attendance.importer`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.attendance.models import AttendanceDecision, ClockEvent, Violation
from station_desk.attendance.punches import (Punch, _person, _punches_in, clock_at_desk,  # noqa: F401
                                             enter_punch, punch_in, punches_on, void_punch)
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.month import Month
from station_desk.points_ledger import service as ledger
from station_desk.policy.service import policy_on
from station_desk.rest_roster import planner
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.service import require_manager_or_self
from station_desk.staff.models import Staff

KIND_LABELS = {"late": "迟到", "early": "早退", "missing_in": "上班未打卡", "missing_out": "下班未打卡",
               "absent": "旷工"}
RULE_OF_KIND = {"late": "attendance.late", "early": "attendance.late", "missing_in": "attendance.late",
                "missing_out": "attendance.late", "absent": "attendance.absent"}
STATUS_LABELS = {"open": "待处理", "confirmed": "已确认", "excused": "已免责"}


HALF_OFF_LABELS = {"am": "（上午请假）", "pm": "（下午请假）"}


@dataclass(frozen=True)
class DayStatus:
    """One person's day: what the roster expected and what the punches show."""

    staff_id: int
    name: str
    day: dt.date
    code: str  # roster code ('' = no plan)
    shift: str  # "08:30–16:30" or ''
    first_in: dt.datetime | None
    last_out: dt.datetime | None
    exceptions: tuple[str, ...]
    half_off: str = ""  # 'am' / 'pm': half a day of approved leave; ``shift`` is then the working half


@dataclass(frozen=True)
class ExceptionRow:
    staff_id: int
    name: str
    day: dt.date
    kind: str
    kind_label: str
    minutes: int
    shift: str
    punches: str
    status: str  # open | confirmed | excused
    status_label: str
    reason: str
    points_x100: int


@dataclass(frozen=True)
class AttendanceDeduction:
    staff_id: int
    day: dt.date
    rule: str  # attendance.late | attendance.absent | discipline.violation
    points_x100: int  # negative
    source_kind: str
    source_id: str
    note: str


# -- derivation -----------------------------------------------------------------------------------------------------
def starts_in(s: Session, staff_ids=None) -> dict[int, dt.date]:
    """Each person's first day of attendance: the later of the hire date and the day the program first knew them
    (the earlier of the day they were added to the register and the day of their first punch)."""
    from sqlalchemy import func

    # each person's first punch through the index on (staff_id, at): not a scan of years of punches (issue #15)
    first = (select(func.min(ClockEvent.at)).where(ClockEvent.staff_id == Staff.id,
                                                   ClockEvent.kind.in_(("in", "out")))
             .correlate(Staff).scalar_subquery())
    people = select(Staff.id, Staff.hire_date, Staff.created_at, first)
    if staff_ids is not None:
        people = people.where(Staff.id.in_(list(staff_ids)))
    out = {}
    for sid, hire, created, first_punch in s.exec(people).all():
        known = created.date() if created else hire
        if first_punch is not None:
            known = min(known, first_punch.date())
        out[sid] = max(hire, known)
    return out


def derive_day_in(s: Session, day: dt.date, now: dt.datetime | None = None,
                  schedule: dict[int, str] | None = None, *, day_punches: list[ClockEvent] | None = None,
                  names: dict[int, str] | None = None, starts: dict[int, dt.date] | None = None) -> list[DayStatus]:
    """Everybody's expected shift and punches on ``day``, with the exceptions derived so far. ``schedule``
    (``{staff_id: roster code}``) may be passed when the caller already has the month's plan; a caller deriving a
    month passes what it read once (``day_punches`` as :func:`punches.punches_by_day_in` gives them, ``names``,
    ``starts`` of everyone as :func:`starts_in` gives them)."""
    now = now or clock.now()
    pol = policy_on(s, day)
    grace = dt.timedelta(minutes=pol.attendance.grace_minutes)
    if schedule is None:
        schedule = roster.schedule_for_day_in(s, day)
    start_of_day = dt.datetime.combine(day, dt.time())
    punches: dict[int, list[ClockEvent]] = {}
    if day_punches is None:
        day_punches = _punches_in(s, start_of_day, start_of_day + dt.timedelta(days=1))
    for p in day_punches:
        punches.setdefault(p.staff_id, []).append(p)
    if names is None:
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
    if starts is None:
        starts = starts_in(s, set(schedule) | set(punches))
    halves = roster.half_off_on_in(s, day)
    out: list[DayStatus] = []
    for sid in sorted(set(schedule) | set(punches), key=lambda i: (names.get(i, ""), i)):
        code = schedule.get(sid, "")
        mine = punches.get(sid, [])
        start_day = starts.get(sid, day)
        if day < start_day or (day == start_day and not mine):
            code = ""  # not started yet: nothing is expected (the roster's cell may predate the register)
        ins = [p.at for p in mine if p.kind == "in"]
        outs = [p.at for p in mine if p.kind == "out"]
        first_in, last_out = (min(ins) if ins else None), (max(outs) if outs else None)
        shift = pol.roster.shift(code) if planner.is_shift(code) else None
        found: list[str] = []
        text = ""
        if shift is not None:
            start = dt.datetime.combine(day, shift.start)
            end = dt.datetime.combine(day, shift.end)
            half = halves.get(sid, "")
            if half:  # half a day of leave: only the other half of the shift is expected
                middle = start + (end - start) / 2
                middle = middle.replace(second=0, microsecond=0)
                start, end = (middle, end) if half == "am" else (start, middle)
            text = f"{start:%H:%M}–{end:%H:%M}"
            ended = now >= end
            if not ins and not outs:
                if ended:
                    found.append("absent")
            else:
                first_day = day == start_day  # the first day starts at the first clock-in
                if first_in is not None and first_in > start + grace and not first_day:
                    found.append("late")
                if first_in is None and not first_day:
                    found.append("missing_in")
                if last_out is None and ended:
                    found.append("missing_out")
                if last_out is not None and last_out < end - grace and (first_in is None or last_out > first_in):
                    found.append("early")
        out.append(DayStatus(sid, names.get(sid, ""), day, code, text, first_in, last_out, tuple(found),
                             halves.get(sid, "") if shift is not None else ""))
    return out


def _minutes(kind: str, st: DayStatus, day: dt.date, shift_text: str) -> int:
    if not shift_text:
        return 0
    a, b = shift_text.split("–")
    start = dt.datetime.combine(day, dt.time.fromisoformat(a))
    end = dt.datetime.combine(day, dt.time.fromisoformat(b))
    if kind == "late" and st.first_in:
        return int((st.first_in - start).total_seconds() // 60)
    if kind == "early" and st.last_out:
        return int((end - st.last_out).total_seconds() // 60)
    return 0


def exceptions_in(s: Session, day: dt.date, now: dt.datetime | None = None,
                  schedule: dict[int, str] | None = None,
                  statuses: list[DayStatus] | None = None) -> list[ExceptionRow]:
    """The day's exceptions with the manager's decisions; ``statuses``: the day as :func:`derive_day_in` gave it
    already (not derived a second time)."""
    decisions = {(d.staff_id, d.kind): d for d in s.exec(
        select(AttendanceDecision).where(AttendanceDecision.day == day,
                                         AttendanceDecision.status != "withdrawn")).all()}
    rows: list[ExceptionRow] = []
    seen = set()
    for st in (statuses if statuses is not None else derive_day_in(s, day, now, schedule)):
        punches = " / ".join(x.strftime("%H:%M") if x else "—" for x in (st.first_in, st.last_out))
        for kind in st.exceptions:
            d = decisions.get((st.staff_id, kind))
            status = d.status if d else "open"
            seen.add((st.staff_id, kind))
            shown = st.shift + (HALF_OFF_LABELS[st.half_off] if st.half_off else "")
            rows.append(ExceptionRow(st.staff_id, st.name, day, kind, KIND_LABELS[kind],
                                     _minutes(kind, st, day, st.shift), shown, punches, status,
                                     STATUS_LABELS[status], d.reason if d else "", d.points_x100 if d else 0))
    names = dict(s.exec(select(Staff.id, Staff.name)).all())
    for (sid, kind), d in decisions.items():  # decided, but no longer derived (e.g. a punch added later)
        if (sid, kind) not in seen:
            rows.append(ExceptionRow(sid, names.get(sid, ""), day, kind, KIND_LABELS[kind], d.minutes, "", "",
                                     d.status, STATUS_LABELS[d.status], d.reason, d.points_x100))
    return rows


def day_exceptions(db, *, day: dt.date) -> list[ExceptionRow]:
    """The day's exceptions for the manager to confirm or excuse (open ones first)."""
    with db.read() as s:
        rows = exceptions_in(s, day)
    return sorted(rows, key=lambda r: (r.status != "open", r.name, r.kind))


def day_status(db, *, day: dt.date) -> list[DayStatus]:
    with db.read() as s:
        return derive_day_in(s, day)


# -- decisions ------------------------------------------------------------------------------------------------------
def decide_in(s: Session, *, actor: Actor, staff_id: int, day: dt.date, kind: str, status: str, reason: str = "",
              minutes: int | None = None, check_derived: bool = True) -> AttendanceDecision:
    person = _person(s, staff_id)
    if kind not in KIND_LABELS:
        raise DomainError("attendance.no_such_exception", name=person.name, day=planner.day_label(day), kind=kind)
    if status == "excused" and not reason.strip():
        raise DomainError("attendance.reason_required")
    old = s.exec(select(AttendanceDecision).where(AttendanceDecision.staff_id == staff_id,
                                                  AttendanceDecision.day == day,
                                                  AttendanceDecision.kind == kind)).first()
    if old is not None and old.status != "withdrawn":
        raise DomainError("attendance.already_decided", name=person.name, day=planner.day_label(day),
                          kind=KIND_LABELS[kind], status=STATUS_LABELS[old.status])
    if check_derived:
        match = [r for r in exceptions_in(s, day) if r.staff_id == staff_id and r.kind == kind]
        if not match:
            raise DomainError("attendance.no_such_exception", name=person.name, day=planner.day_label(day),
                              kind=KIND_LABELS[kind])
        minutes = match[0].minutes
    pol = policy_on(s, day).attendance
    points = 0
    if status == "confirmed":
        points = pol.absent_deduction_points if kind == "absent" else pol.late_deduction_points
    row = old or AttendanceDecision(staff_id=staff_id, day=day, kind=kind)  # a withdrawn decision is reused
    row.minutes, row.status, row.reason = minutes or 0, status, reason.strip()[:200]
    row.points_x100, row.point_entry_id, row.decided_at, row.decided_by = -points * 100, None, clock.now(), actor.name
    s.add(row)
    s.flush()
    if points:
        entry = ledger.credit_in(s, actor=actor, staff_id=staff_id, day=day, points_x100=-(points * 100),
                                 kind="deduction", rule=RULE_OF_KIND[kind], source_kind="attendance",
                                 source_id=f"decision:{row.id}",
                                 note=f"{KIND_LABELS[kind]} {day.isoformat()}")
        row.point_entry_id = entry.id
        s.add(row)
    audit.record(s, actor=actor, action="attendance.confirm" if status == "confirmed" else "attendance.excuse",
                 entity="attendance_decision", entity_id=row.id, after=audit.snapshot(row), reason=reason or None)
    return row


def confirm_exception(db, *, actor: Actor, approval: ManagerApproval | None = None, staff_id: int, day: dt.date,
                      kind: str) -> ExceptionRow:
    """Confirm a derived exception: a deduction is credited to the points ledger (lateness or absenteeism)."""
    require_manager_or_self(db, actor, approval, "确认考勤异常")
    with db.session() as s:
        decide_in(s, actor=actor, staff_id=staff_id, day=day, kind=kind, status="confirmed")
        return next(r for r in exceptions_in(s, day) if r.staff_id == staff_id and r.kind == kind)


def excuse_exception(db, *, actor: Actor, approval: ManagerApproval | None = None, staff_id: int, day: dt.date,
                     kind: str, reason: str) -> ExceptionRow:
    """Excuse a derived exception with a reason: no deduction."""
    require_manager_or_self(db, actor, approval, "考勤异常免责")
    with db.session() as s:
        decide_in(s, actor=actor, staff_id=staff_id, day=day, kind=kind, status="excused", reason=reason)
        return next(r for r in exceptions_in(s, day) if r.staff_id == staff_id and r.kind == kind)


def withdraw_decision(db, *, actor: Actor, approval: ManagerApproval | None = None, staff_id: int, day: dt.date,
                      kind: str, reason: str) -> None:
    """Take back a confirmation or an excuse given by mistake (the exception is open again). A confirmed
    deduction is reversed in the points ledger (a new row, dated today); the decision's removal is audited."""
    if not reason.strip():
        raise DomainError("attendance.reason_required")
    require_manager_or_self(db, actor, approval, "撤回考勤处理")
    with db.session() as s:
        row = s.exec(select(AttendanceDecision).where(AttendanceDecision.staff_id == staff_id,
                                                      AttendanceDecision.day == day,
                                                      AttendanceDecision.kind == kind)).first()
        if row is None:
            raise NotFound(what="考勤处理记录", id=f"{day} {KIND_LABELS.get(kind, kind)}")
        if row.status == "withdrawn":
            raise NotFound(what="考勤处理记录", id=f"{day} {KIND_LABELS.get(kind, kind)}")
        before = audit.snapshot(row)
        if row.point_entry_id:
            ledger.reverse_in(s, actor=actor, entry_id=row.point_entry_id, reason=f"撤回考勤处理：{reason}")
        row.status, row.points_x100, row.point_entry_id = "withdrawn", 0, None
        row.reason, row.decided_at, row.decided_by = reason.strip()[:200], clock.now(), actor.name
        s.add(row)
        audit.record(s, actor=actor, action="attendance.withdraw", entity="attendance_decision", entity_id=row.id,
                     before=before, after=audit.snapshot(row), reason=reason)


# -- the contract for the points module ------------------------------------------------------------------------------
def attendance_deductions(s: Session, staff_id: int, month: Month | str) -> list[AttendanceDeduction]:
    """Confirmed attendance exceptions and discipline violations of one person in a month, as deductions
    (``points_x100`` negative, the values credited at the time from ``AttendancePolicy``)."""
    start, end = Month.parse(month).bounds()
    out: list[AttendanceDeduction] = []
    for d in s.exec(select(AttendanceDecision).where(
            AttendanceDecision.staff_id == staff_id, AttendanceDecision.day >= start, AttendanceDecision.day < end,
            AttendanceDecision.status == "confirmed").order_by(AttendanceDecision.day)).all():
        if d.points_x100:
            out.append(AttendanceDeduction(staff_id, d.day, RULE_OF_KIND[d.kind], d.points_x100, "attendance",
                                           f"decision:{d.id}", KIND_LABELS[d.kind]))
    for v in s.exec(select(Violation).where(
            Violation.staff_id == staff_id, Violation.day >= start, Violation.day < end,
            Violation.cancelled == False).order_by(Violation.day, Violation.id)).all():  # noqa: E712
        if v.points_x100:
            out.append(AttendanceDeduction(staff_id, v.day, "discipline.violation", v.points_x100, "attendance",
                                           f"violation:{v.id}", f"违纪第{v.ordinal}次：{v.description}"))
    return sorted(out, key=lambda x: (x.day, x.source_id))
