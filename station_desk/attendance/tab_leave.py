"""考勤请假, leave page: requests (Ctrl+N), approval (with the centre general manager's name and date when the
request needs it), refusal with a reason shown beside what was asked, withdrawal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton

from station_desk.attendance import leave
from station_desk.attendance.dialogs import LeaveApproveDialog, LeaveRequestDialog
from station_desk.attendance.tab_common import AttendancePage
from station_desk.errors import DomainError
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, selected_row


def approved_by_text(r) -> str:
    external = r.external_approver + (f" {r.external_approved_on}" if r.external_approved_on else "")
    return " / ".join(x for x in (r.approved_by, external) if x.strip())


class LeavePage(AttendancePage):
    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.new_button = QPushButton(self.tr("&New request… (Ctrl+N)"))
        self.approve_button = QPushButton(self.tr("&Approve…"))
        self.refuse_button = QPushButton(self.tr("&Refuse…"))
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"))
        self.add_to_bar(self.new_button, self.approve_button, self.refuse_button, self.withdraw_button)
        self.bar.addStretch(1)
        self.model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("From"), lambda r: r.start.isoformat()),
            Column(self.tr("To"), lambda r: r.end.isoformat()),
            Column(self.tr("Days"), lambda r: r.days_text, align="right"),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Approver"), lambda r: r.level_label),
            Column(self.tr("Approved by"), approved_by_text),
            Column(self.tr("Certificate"), lambda r: r.certificate),
            Column(self.tr("Reason"), lambda r: r.reason),
            Column(self.tr("Decision note"), lambda r: r.decision_note),
        ], foreground=lambda r: "#b00020" if r.status == "pending" else None)
        self.table = make_table(self.model, name="leaveTable")
        self.layout_.addWidget(self.table, 1)
        self.new_button.clicked.connect(lambda: self.new_leave())
        self.approve_button.clicked.connect(lambda: self.approve_selected())
        self.refuse_button.clicked.connect(self.refuse_selected)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        sc = QShortcut(QKeySequence("Ctrl+N"), self, activated=lambda: self.new_leave())
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def refresh(self) -> None:
        db = self.ctx.db
        self.loads.load(lambda: leave.list_leave(db), self.show_rows)

    def _checked(self, check):
        """The selected request if ``check`` lets it through; a refusal is shown before any form opens."""
        row = selected_row(self.table)
        if row is None:
            return None
        try:
            return check(self.ctx.db, leave_id=row.id)
        except DomainError as exc:
            self.refusal(exc)
            return None

    def new_leave(self, fill=None) -> None:
        dialog = LeaveRequestDialog(self, self.ctx)
        if fill is not None:
            fill(dialog)
        if dialog.exec():
            row = dialog.result_value
            self.info(self.tr("Request filed: %1, %2 day(s); to be approved by: %3.")
                      .replace("%1", row.name).replace("%2", row.days_text).replace("%3", row.level_label))

    def approve_selected(self, fill=None) -> None:
        row = self._checked(leave.check_decidable)
        if row is None:
            return
        dialog = LeaveApproveDialog(self, self.ctx, row)
        if fill is not None:
            fill(dialog)
        if dialog.exec():
            self.info(self.tr("Leave approved and written into the rest roster."))

    def refuse_selected(self) -> None:
        row = self._checked(leave.check_decidable)
        if row is None:
            return
        self.manager_step(self.tr("Refuse leave"), lambda db, actor, approval, why: leave.refuse_leave(
            db, actor=actor, approval=approval, leave_id=row.id, reason=why))

    def withdraw_selected(self) -> None:
        row = self._checked(leave.check_cancellable)
        if row is None:
            return
        self.manager_step(self.tr("Withdraw leave"), lambda db, actor, approval, why: leave.cancel_leave(
            db, actor=actor, approval=approval, leave_id=row.id, reason=why))
