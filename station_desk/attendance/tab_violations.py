"""考勤请假, violations page: work-discipline violations of a month (SPEC §5 工作纪律), the points each cost and
those to report to the centre; record one or cancel one with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from station_desk.attendance import discipline
from station_desk.attendance.dialogs import ViolationDialog
from station_desk.attendance.tab_common import AttendancePage
from station_desk.attendance.tab_exceptions import points_text
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import MonthPicker, make_table, selected_row


class ViolationsPage(AttendancePage):
    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.month = MonthPicker(name="violationMonth")
        self.record_button = QPushButton(self.tr("&Record violation…"))
        self.cancel_button = QPushButton(self.tr("&Cancel violation…"))
        self.add_to_bar(self.month, self.record_button, self.cancel_button, buddy_label=self.tr("&Month"))
        self.bar.addStretch(1)
        self.model = RowTableModel([
            Column(self.tr("Date"), lambda r: r.day.isoformat()),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("What happened"), lambda r: r.description),
            Column(self.tr("No. in month"), lambda r: r.ordinal, align="right"),
            Column(self.tr("Points"), lambda r: points_text(r.points_x100), align="right"),
            Column(self.tr("Centre"), lambda r: self.tr("report to the centre") if r.flagged else ""),
            Column(self.tr("Cancelled"), lambda r: r.cancel_reason if r.cancelled else ""),
        ], foreground=lambda r: "#999999" if r.cancelled else ("#b00020" if r.flagged else None))
        self.table = make_table(self.model, name="violationTable")
        self.layout_.addWidget(self.table, 1)
        self.month.monthChanged.connect(lambda _m: self.refresh())
        self.record_button.clicked.connect(self.record_violation)
        self.cancel_button.clicked.connect(self.cancel_violation)

    def refresh(self) -> None:
        m, db = self.month.month(), self.ctx.db
        self.loads.load(lambda: discipline.list_violations(db, month=m), self.show_rows)

    def record_violation(self) -> None:
        dialog = ViolationDialog(self, self.ctx)
        if not dialog.exec():
            return
        v = dialog.result_value
        if v.flagged:
            msg = self.tr("%1: violation no. %2 this month — report to the centre.")
        else:
            msg = self.tr("%1: violation no. %2 this month, %3 points.")
        self.info(msg.replace("%1", v.name).replace("%2", str(v.ordinal)).replace("%3", f"{v.points_x100 / 100:g}"))

    def cancel_violation(self) -> None:
        row = selected_row(self.table)
        if row is None or row.cancelled:
            return
        self.manager_step(self.tr("Cancel violation"), lambda db, actor, approval, why: discipline.cancel_violation(
            db, actor=actor, approval=approval, violation_id=row.id, reason=why))
