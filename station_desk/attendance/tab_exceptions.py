"""考勤请假, second page: the day's exceptions (late, early, missing punch, absent) for the manager to confirm (a
points deduction), excuse with a reason, or take back."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from station_desk.attendance import service as att
from station_desk.attendance.tab_common import AttendancePage
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, selected_row
from station_desk.qt.widgets import DateEdit


def points_text(points_x100: int) -> str:
    return f"{points_x100 / 100:g}" if points_x100 else ""


class ExceptionsPage(AttendancePage):
    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.day = DateEdit()
        self.day.setObjectName("exceptionDay")
        self.confirm_button = QPushButton(self.tr("&Confirm (deduct points)"))
        self.excuse_button = QPushButton(self.tr("E&xcuse…"))
        self.withdraw_button = QPushButton(self.tr("&Take back decision…"))
        self.add_to_bar(self.day, self.confirm_button, self.excuse_button, self.withdraw_button,
                        buddy_label=self.tr("&Day"))
        self.bar.addStretch(1)
        self.model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Exception"), lambda r: r.kind_label),
            Column(self.tr("Minutes"), lambda r: r.minutes or "", align="right"),
            Column(self.tr("Shift"), lambda r: r.shift),
            Column(self.tr("In / out"), lambda r: r.punches),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Points"), lambda r: points_text(r.points_x100), align="right"),
            Column(self.tr("Reason"), lambda r: r.reason),
        ], foreground=lambda r: "#b00020" if r.status == "open" else "#555555")
        self.table = make_table(self.model, name="exceptionTable")
        self.layout_.addWidget(self.table, 1)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.excuse_button.clicked.connect(self.excuse_selected)
        self.withdraw_button.clicked.connect(self.withdraw_decision)

    def refresh(self) -> None:
        db, day = self.ctx.db, self.day.value()
        self.loads.load(lambda: att.day_exceptions(db, day=day), self._show)

    def _show(self, rows) -> None:
        current = selected_row(self.table)
        self.show_rows(rows)
        keep = None if current is None else (current.staff_id, current.day, current.kind)
        at = next((i for i, r in enumerate(rows) if (r.staff_id, r.day, r.kind) == keep), 0)
        if self.model.rowCount():
            self.table.selectRow(at)

    def confirm_selected(self) -> None:
        row = selected_row(self.table)
        if row is None or row.status != "open":
            return
        approval = self.approval(self.tr("Confirm attendance exception"))
        if approval is False:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.run_op(lambda: att.confirm_exception(db, actor=actor, approval=approval, staff_id=row.staff_id,
                                               day=row.day, kind=row.kind),
                 lambda r: self.info(self.tr("Confirmed: %1 %2, %3 points.").replace("%1", r.name)
                                     .replace("%2", r.kind_label).replace("%3", f"{r.points_x100 / 100:g}")))

    def excuse_selected(self, reason: str | None = None) -> None:
        row = selected_row(self.table)
        if row is None or row.status != "open":
            return
        self.manager_step(self.tr("Excuse"), lambda db, actor, approval, why: att.excuse_exception(
            db, actor=actor, approval=approval, staff_id=row.staff_id, day=row.day, kind=row.kind, reason=why),
            action=self.tr("Excuse attendance exception"), prompt=self.tr("Reason (e.g. sent out on a job):"),
            reason=reason)

    def withdraw_decision(self) -> None:
        row = selected_row(self.table)
        if row is None or row.status == "open":
            return
        self.manager_step(self.tr("Take back decision"), lambda db, actor, approval, why: att.withdraw_decision(
            db, actor=actor, approval=approval, staff_id=row.staff_id, day=row.day, kind=row.kind, reason=why),
            action=self.tr("Take back attendance decision"))
