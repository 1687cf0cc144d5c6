"""Leave service (SPEC §5 请假): personal, sick and annual leave with the station's approval path.

* Personal leave (事假) up to ``station_approves_up_to_days`` (1) is approved by the station manager; longer,
  up to ``centre_approves_up_to_days`` (3) — and, since the regulation names nobody else, up to the maximum —
  needs the centre general manager: the station manager records that external approval (name and date).
  Personal leave over ``personal_max_days`` (6) is refused when asked for.
* Sick leave (病假) over ``sick_max_days_without_certificate`` (3) days needs a doctor's certificate recorded.
* Annual leave (年假) needs ``annual_min_service_years`` (1) of service at its start and ``annual_notice_days``
  (30) of notice.
* An approved leave is written into the roster (``rest_roster.service.apply_leave_in``); a cancelled one gives the
  days back. Absence on a rostered day without approved leave is derived as absenteeism (旷工).
* Leave is taken in whole days or one half day (``half``: ``am`` 上午 / ``pm`` 下午, on one date). Routing and caps
  count the days taken (``LeaveRequest.amount``): half a day of 事假 is within the station manager's 1 day; 5½
  days of 事假 are within the 6-day cap. On a half day the person keeps the shift and works its other half: the
  roster marks which half is off and attendance expects the punches of the working half only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.attendance.models import LeaveRequest
from station_desk.audit import service as audit
from station_desk.db.ledger import require_reason
from station_desk.errors import DomainError, NotFound
from station_desk.policy.service import policy_on
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.service import require_manager_or_self
from station_desk.staff.models import Staff

KIND_LABELS = {"personal": "事假", "sick": "病假", "annual": "年假"}
STATUS_LABELS = {"pending": "待审批", "approved": "已批准", "refused": "不批准", "cancelled": "已撤销"}
LEVEL_LABELS = {"station": "站经理", "centre": "中心总经理"}
HALF_LABELS = {"": "全天", "am": "上午", "pm": "下午"}


def fmt_days(amount: float) -> str:
    """0.5 → '0.5', 2.0 → '2' (days of leave as a person reads them)."""
    return f"{amount:g}"


@dataclass(frozen=True)
class LeaveRow:
    id: int
    staff_id: int
    name: str
    kind: str
    kind_label: str
    start: dt.date
    end: dt.date
    days: float  # days taken: 0.5 for a half day
    status: str
    status_label: str
    level: str
    level_label: str
    approved_by: str
    external_approver: str
    external_approved_on: dt.date | None
    certificate: str
    reason: str
    decision_note: str
    requested_at: dt.datetime
    half: str = ""  # '' | 'am' | 'pm'

    @property
    def half_label(self) -> str:
        return HALF_LABELS.get(self.half, self.half)

    @property
    def days_text(self) -> str:
        """'0.5（上午）', '3'."""
        return fmt_days(self.days) + (f"（{self.half_label}）" if self.half else "")


def parse_half(text: str | None) -> str:
    """'' / 'am' / 'pm' from a code or its label (全天 / 上午 / 下午)."""
    value = (text or "").strip()
    for code, label in HALF_LABELS.items():
        if value in (code, label):
            return code
    raise DomainError("leave.bad_half", half=text)


def parse_kind(text: str) -> str:
    value = (text or "").strip()
    for code, label in KIND_LABELS.items():
        if value in (code, label, label[0]):
            return code
    raise DomainError("leave.unknown_kind", kind=text)


def _row(r: LeaveRequest, name: str) -> LeaveRow:
    amount = r.amount
    return LeaveRow(r.id, r.staff_id, name, r.kind, KIND_LABELS[r.kind], r.start, r.end,
                    int(amount) if amount == int(amount) else amount, r.status,
                    STATUS_LABELS[r.status], r.level, LEVEL_LABELS.get(r.level, r.level), r.approved_by,
                    r.external_approver, r.external_approved_on, r.certificate, r.reason, r.decision_note,
                    r.requested_at, r.half)


def _years_of_service(hire: dt.date, on: dt.date) -> int:
    years = on.year - hire.year
    if (on.month, on.day) < (hire.month, hire.day):
        years -= 1
    return years


def level_needed(s: Session, kind: str, days: float, day: dt.date) -> str:
    """Who approves ``days`` of leave (a half day counts 0.5: within the station manager's 1 day)."""
    pol = policy_on(s, day).leave
    if kind in pol.tiered_kinds and days > pol.station_approves_up_to_days:
        return "centre"
    return "station"


def _check_request_in(s: Session, person: Staff, kind: str, start: dt.date, end: dt.date, asked_on: dt.date,
                      exclude_id: int | None = None, half: str = "") -> float:
    """The days of leave asked for (0.5 for a half day), or the refusal."""
    if end < start:
        raise DomainError("leave.bad_range")
    if half not in HALF_LABELS:
        raise DomainError("leave.bad_half", half=half)
    if half and end != start:
        raise DomainError("leave.half_one_day")
    days = 0.5 if half else float((end - start).days + 1)
    pol = policy_on(s, start).leave
    if kind == "personal" and days > pol.personal_max_days:
        raise DomainError("leave.personal_too_long", days=fmt_days(days), max=pol.personal_max_days)
    if kind == "annual":
        if _years_of_service(person.hire_date, start) < pol.annual_min_service_years:
            raise DomainError("leave.annual_service_too_short", name=person.name, years=pol.annual_min_service_years,
                              hire_date=person.hire_date.isoformat())
        earliest = asked_on + dt.timedelta(days=pol.annual_notice_days)
        if start < earliest:
            raise DomainError("leave.annual_notice_too_short", days=pol.annual_notice_days,
                              earliest=earliest.isoformat())
    for other in s.exec(select(LeaveRequest).where(
            LeaveRequest.staff_id == person.id, LeaveRequest.status.in_(("pending", "approved")),
            LeaveRequest.start <= end, LeaveRequest.end >= start)).all():
        if other.id != exclude_id and not (half and other.half and other.half != half):  # 上午 + 下午 of one day
            raise DomainError("leave.overlaps", name=person.name, start=other.start.isoformat(),
                              end=other.end.isoformat(), kind=KIND_LABELS[other.kind])
    return days


def request_leave(db, *, actor: Actor, staff_id: int, kind: str, start: dt.date, end: dt.date, reason: str = "",
                  certificate: str = "", half: str = "") -> LeaveRow:
    """File a leave request (pending). Refused now: personal leave over the maximum, annual leave without the
    service years or the notice, dates overlapping another request of the same person. ``half``: 'am' / 'pm' for
    half a day (``start`` == ``end``)."""
    kind, half = parse_kind(kind), parse_half(half)
    with db.session() as s:
        person = s.get(Staff, staff_id)
        if person is None:
            raise NotFound(what="员工", id=staff_id)
        days = _check_request_in(s, person, kind, start, end, clock.today(), half=half)
        row = LeaveRequest(staff_id=staff_id, kind=kind, start=start, end=end, days=(end - start).days + 1,
                           half=half, reason=reason.strip()[:200],
                           certificate=certificate.strip()[:200], status="pending",
                           level=level_needed(s, kind, days, start), requested_at=clock.now(),
                           requested_by=actor.name)
        audit.add_new(s, row, actor=actor, action="leave.request")
        return _row(row, person.name)


def _approve_in(s: Session, *, actor: Actor, row: LeaveRequest, approver_name: str, external_approver: str,
                external_approved_on: dt.date | None, certificate: str, check_dates: bool = True) -> None:
    pol = policy_on(s, row.start).leave
    if certificate.strip():
        row.certificate = certificate.strip()[:200]
    if row.kind == "sick" and row.amount > pol.sick_max_days_without_certificate and not row.certificate:
        raise DomainError("leave.sick_needs_certificate", max=pol.sick_max_days_without_certificate)
    row.level = level_needed(s, row.kind, row.amount, row.start)
    if row.level == "centre":
        if not external_approver.strip() or external_approved_on is None:
            raise DomainError("leave.needs_centre", days=fmt_days(row.amount))
        if check_dates and (external_approved_on > clock.today()
                            or external_approved_on < row.requested_at.date()):
            raise DomainError("leave.external_date_invalid")
        row.external_approver = external_approver.strip()[:20]
        row.external_approved_on = external_approved_on
    row.status, row.approved_by, row.decided_at = "approved", approver_name[:20], clock.now()
    s.add(row)
    s.flush()
    roster.apply_leave_in(s, actor=actor, leave_id=row.id, staff_id=row.staff_id, kind=row.kind, start=row.start,
                          end=row.end, half=row.half)


#: what may still happen to a request: the states it may be in, and the refusal otherwise
MAY_BE = {"decided": (("pending",), "leave.not_pending"), "cancelled": (("pending", "approved"), "leave.cannot_cancel")}


def _request_in(s: Session, leave_id: int, *, to_be: str) -> LeaveRequest:
    """The request, if it can still be ``to_be`` (decided: approved or refused; cancelled); else the refusal."""
    row = s.get(LeaveRequest, leave_id)
    if row is None:
        raise NotFound(what="请假单", id=leave_id)
    states, code = MAY_BE[to_be]
    if row.status not in states:
        raise DomainError(code, status=STATUS_LABELS[row.status])
    return row


def check_decidable(db, *, leave_id: int) -> LeaveRow:
    """The request, if it can still be approved or refused; else the DomainError those writes would raise."""
    with db.read() as s:
        row = _request_in(s, leave_id, to_be="decided")
        return _row(row, s.get(Staff, row.staff_id).name)


def check_cancellable(db, *, leave_id: int) -> LeaveRow:
    """The request, if it can still be withdrawn; else the DomainError ``cancel_leave`` would raise."""
    with db.read() as s:
        row = _request_in(s, leave_id, to_be="cancelled")
        return _row(row, s.get(Staff, row.staff_id).name)


def _decide(db, *, actor: Actor, approval: ManagerApproval | None, leave_id: int, to_be: str, action: str,
            label: str, change, reason: str | None = None) -> LeaveRow:
    """One decision on a request, by the manager or the person allowed to make it: ``change(s, row, approver)``
    sets the new state; the request before and after is audited as ``leave.<action>``."""
    approver = require_manager_or_self(db, actor, approval, label)
    with db.session() as s:
        row = _request_in(s, leave_id, to_be=to_be)
        before = audit.snapshot(row)
        change(s, row, approver)
        s.add(row)
        audit.record(s, actor=actor, action=f"leave.{action}", entity="leave_request", entity_id=row.id,
                     before=before, after=audit.snapshot(row), reason=reason)
        return _row(row, s.get(Staff, row.staff_id).name)


def approve_leave(db, *, actor: Actor, approval: ManagerApproval | None = None, leave_id: int,
                  external_approver: str = "", external_approved_on: dt.date | None = None,
                  certificate: str = "") -> LeaveRow:
    """Approve a pending request (station manager). Personal leave over the station manager's limit also needs the
    centre general manager's approval recorded (name and date); long sick leave needs a certificate. The days are
    written into the roster."""
    def approve(s, row, approver) -> None:
        _approve_in(s, actor=actor, row=row, approver_name=approver.name, external_approver=external_approver,
                    external_approved_on=external_approved_on, certificate=certificate)

    return _decide(db, actor=actor, approval=approval, leave_id=leave_id, to_be="decided", action="approve",
                   label="批准请假", change=approve)


@dataclass(frozen=True)
class ApprovalNeeds:
    centre: bool  # the centre general manager's name and date of approval are recorded
    certificate: bool  # a doctor's certificate may be recorded (needed over the sick-leave limit)


def approval_needs(row: LeaveRow) -> ApprovalNeeds:
    """What approving this request asks for besides the station manager (the approve form shows these fields)."""
    return ApprovalNeeds(centre=row.level == "centre", certificate=row.kind == "sick")


def refuse_leave(db, *, actor: Actor, approval: ManagerApproval | None = None, leave_id: int,
                 reason: str) -> LeaveRow:
    if not reason.strip():
        raise DomainError("leave.refusal_reason_required")

    def refuse(_s, row, approver) -> None:
        row.status, row.decision_note, row.decided_at = "refused", reason.strip()[:200], clock.now()
        row.approved_by = approver.name[:20]

    return _decide(db, actor=actor, approval=approval, leave_id=leave_id, to_be="decided", action="refuse",
                   label="不批准请假", change=refuse, reason=reason)


def cancel_leave(db, *, actor: Actor, approval: ManagerApproval | None = None, leave_id: int,
                 reason: str) -> LeaveRow:
    """Withdraw a pending or approved request; an approved one gives its roster days back (default shift)."""
    note = require_reason(reason, verb="撤销")

    def cancel(s, row, _approver) -> None:
        if row.status == "approved":
            roster.clear_leave_in(s, actor=actor, leave_id=row.id)
        row.status, row.decision_note, row.decided_at = "cancelled", note, clock.now()

    return _decide(db, actor=actor, approval=approval, leave_id=leave_id, to_be="cancelled", action="cancel",
                   label="撤销请假", change=cancel, reason=reason)


def list_leave(db, *, status: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, staff_id: int | None = None) -> list[LeaveRow]:
    """Requests, newest start first; ``since``/``until`` select requests overlapping that range."""
    with db.read() as s:
        q = select(LeaveRequest)
        if status:
            q = q.where(LeaveRequest.status == status)
        if since:
            q = q.where(LeaveRequest.end >= since)
        if until:
            q = q.where(LeaveRequest.start <= until)
        if staff_id is not None:
            q = q.where(LeaveRequest.staff_id == staff_id)
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
        rows = s.exec(q.order_by(LeaveRequest.start.desc(), LeaveRequest.id.desc())).all()
        return [_row(r, names.get(r.staff_id, "")) for r in rows]


def import_leave_in(s: Session, *, actor: Actor, staff_id: int, event: dict) -> LeaveRequest:
    """A leave from the month loader: validated like a request (without the notice rule), then approved or left
    with the given status."""
    kind, half = parse_kind(event["kind"]), parse_half(event.get("half") or "")
    start = dt.date.fromisoformat(event["start"])
    end = dt.date.fromisoformat(event.get("end") or event["start"])
    person = s.get(Staff, staff_id)
    if person is None:
        raise NotFound(what="员工", id=staff_id)
    days = _check_request_in(s, person, kind, start, end, asked_on=start - dt.timedelta(days=3650), half=half)
    row = LeaveRequest(staff_id=staff_id, kind=kind, start=start, end=end, days=(end - start).days + 1, half=half,
                       reason=str(event.get("reason", ""))[:200], certificate=str(event.get("certificate", ""))[:200],
                       status="pending", level=level_needed(s, kind, days, start), requested_at=clock.now(),
                       requested_by=actor.name)
    s.add(row)
    s.flush()
    if event.get("status", "approved") == "approved":
        ext_on = event.get("external_approved_on")
        _approve_in(s, actor=actor, row=row, approver_name=str(event.get("approved_by", actor.name)),
                    external_approver=str(event.get("external_approver", "")),
                    external_approved_on=dt.date.fromisoformat(ext_on) if ext_on else None,
                    certificate=str(event.get("certificate", "")), check_dates=False)
    audit.record(s, actor=actor, action="leave.import", entity="leave_request", entity_id=row.id,
                 after=audit.snapshot(row))
    return row
