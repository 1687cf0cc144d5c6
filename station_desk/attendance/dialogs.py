"""The attendance forms: a leave request, approving one, a punch entered by the manager, a work-discipline
violation. Each submits through the shared FormDialog (on the database worker; a refusal keeps the form open)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from station_desk.attendance import discipline, leave
from station_desk.attendance import service as att
from station_desk.qt.dialogs.approval import approval_unless_manager
from station_desk.qt.form_dialog import FormDialog, datetime_of
from station_desk.qt.views import people_combo
from station_desk.qt.widgets import wrapped
from station_desk.staff import service as staff


class ManagerForm(FormDialog):
    """A form whose action needs the manager: the signed-in manager, or a manager's PIN asked on Save."""

    def approval(self, action: str):
        """The approval to pass to the service; ``False`` (and the form closes) when the PIN is cancelled."""
        approval = approval_unless_manager(self, self.ctx, action)
        if approval is False:
            self.reject()
        return approval


class LeaveRequestDialog(FormDialog):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent, ctx, self.tr("New leave request"), name="LeaveRequestDialog")
        self.person = self.row(self.tr("&Person"), people_combo(staff.list_staff(ctx.db)))
        self.kind = self.combo(self.tr("&Kind"), leave.KIND_LABELS)
        self.start = self.date(self.tr("&From"))
        self.end = self.date(self.tr("&To (inclusive)"))
        self.half = self.combo(self.tr("&Half day"), {"": self.tr("Whole day(s)"), "am": self.tr("Morning (上午)"),
                                                     "pm": self.tr("Afternoon (下午)")}, name="leaveHalf")
        self.half.currentIndexChanged.connect(self._half_changed)
        self.reason = self.line(self.tr("&Reason"))
        self.certificate = self.line(self.tr("Doctor's &certificate"),
                                     placeholder=self.tr("hospital, date (sick leave over the limit)"))
        self.start.dateChanged.connect(lambda _d: self.end.set_value(max(self.end.value(), self.start.value())))

    def _half_changed(self, _index: int) -> None:
        """Half a day is one date: the end follows the start."""
        half = bool(self.half.currentData())
        if half:
            self.end.set_value(self.start.value())
        self.end.setEnabled(not half)

    def work(self):
        db, actor = self.ctx.db, self.ctx.actor
        sid, kind, start, end = self.person.currentData(), self.kind.currentData(), self.start.value(), self.end.value()
        reason, certificate, half = self.reason.text(), self.certificate.text(), self.half.currentData()
        if half:
            end = start
        return lambda: leave.request_leave(db, actor=actor, staff_id=sid, kind=kind, start=start, end=end,
                                           reason=reason, certificate=certificate, half=half)


class LeaveApproveDialog(ManagerForm):
    def __init__(self, parent, ctx, row) -> None:
        super().__init__(parent, ctx, self.tr("Approve leave"), name="LeaveApproveDialog")
        self.leave_row = row
        text = self.tr("%1: %2, %3 to %4 (%5 day(s)). Approver: %6.").replace("%1", row.name) \
            .replace("%2", row.kind_label).replace("%3", row.start.isoformat()).replace("%4", row.end.isoformat()) \
            .replace("%5", row.days_text).replace("%6", row.level_label)
        intro = wrapped(text)
        self.form.addRow(intro)
        needs = leave.approval_needs(row)
        self.external = self.line(self.tr("Centre general &manager")) if needs.centre else None
        self.external_on = self.date(self.tr("Approved &on")) if needs.centre else None
        self.certificate = self.line(self.tr("Doctor's &certificate"), row.certificate) \
            if needs.certificate else None

    def work(self):
        approval = self.approval(self.tr("Approve leave"))
        if approval is False:
            return None
        db, actor, leave_id = self.ctx.db, self.ctx.actor, self.leave_row.id
        external = self.external.text() if self.external is not None else ""
        external_on = self.external_on.value() if self.external_on is not None else None
        certificate = self.certificate.text() if self.certificate is not None else self.leave_row.certificate
        return lambda: leave.approve_leave(db, actor=actor, approval=approval, leave_id=leave_id,
                                           external_approver=external, external_approved_on=external_on,
                                           certificate=certificate)


class PunchDialog(ManagerForm):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent, ctx, self.tr("Enter punch"), name="PunchDialog")
        self.person = self.row(self.tr("&Person"), people_combo(staff.list_staff(ctx.db)))
        self.at = self.when(self.tr("&Time"))
        self.kind = self.combo(self.tr("&Kind"), {"in": self.tr("Clock in"), "out": self.tr("Clock out")})
        self.note = self.line(self.tr("&Note"))

    def work(self):
        approval = self.approval(self.tr("Enter punch"))
        if approval is False:
            return None
        db, actor = self.ctx.db, self.ctx.actor
        sid, at, kind, note = self.person.currentData(), datetime_of(self.at), self.kind.currentData(), \
            self.note.text()
        return lambda: att.enter_punch(db, actor=actor, approval=approval, staff_id=sid, at=at, kind=kind,
                                       note=note)


class ViolationDialog(ManagerForm):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent, ctx, self.tr("Record violation"), name="ViolationDialog")
        self.person = self.row(self.tr("&Person"), people_combo(staff.list_staff(ctx.db)))
        self.day = self.date(self.tr("&Date"))
        self.description = self.line(self.tr("&What happened"),
                                     placeholder=self.tr("e.g. playing games in working hours"))

    def work(self):
        approval = self.approval(self.tr("Record violation"))
        if approval is False:
            return None
        db, actor = self.ctx.db, self.ctx.actor
        sid, day, text = self.person.currentData(), self.day.value(), self.description.text()
        return lambda: discipline.record_violation(db, actor=actor, approval=approval, staff_id=sid, day=day,
                                                   description=text)
