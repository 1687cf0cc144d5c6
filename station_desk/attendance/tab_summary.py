"""考勤请假, last page: the month's attendance summary per person (read on the database worker when shown)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from station_desk.attendance import summary
from station_desk.attendance.tab_common import AttendancePage
from station_desk.attendance.tab_exceptions import points_text
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import MonthPicker, make_table


class SummaryPage(AttendancePage):
    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.month = MonthPicker(name="summaryMonth")
        self.add_to_bar(self.month, buddy_label=self.tr("&Month"))
        self.bar.addWidget(QLabel(self.tr("Counted up to yesterday; excused exceptions are not counted.")))
        self.bar.addStretch(1)
        self.model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Role"), lambda r: r.role_label),
            Column(self.tr("Rostered"), lambda r: r.rostered, align="right"),
            Column(self.tr("Worked"), lambda r: r.worked, align="right"),
            Column(self.tr("Rest days"), lambda r: r.rest, align="right"),
            Column(self.tr("Personal"), lambda r: r.personal or "", align="right"),
            Column(self.tr("Sick"), lambda r: r.sick or "", align="right"),
            Column(self.tr("Annual"), lambda r: r.annual or "", align="right"),
            Column(self.tr("Late / early / missing"), lambda r: r.late or "", align="right"),
            Column(self.tr("Absent"), lambda r: r.absent or "", align="right"),
            Column(self.tr("Violations"), lambda r: r.violations or "", align="right"),
            Column(self.tr("Deductions"), lambda r: points_text(r.deductions_x100), align="right"),
        ], foreground=lambda r: "#b00020" if r.absent or r.violations else None)
        self.calendar_note = QLabel()  # the month's year has no holiday arrangement
        self.calendar_note.setObjectName("summaryCalendarWarning")
        self.calendar_note.setWordWrap(True)
        self.calendar_note.setStyleSheet("color: #b00020; font-weight: bold;")
        self.calendar_note.hide()
        self.layout_.addWidget(self.calendar_note)
        self.table = make_table(self.model, name="summaryTable")
        self.layout_.addWidget(self.table, 1)
        self.month.monthChanged.connect(lambda _m: self.refresh())

    def refresh(self) -> None:
        m, db = self.month.month(), self.ctx.db
        self.loads.load(lambda: (summary.month_summary(db, month=m), summary.month_warning(db, month=m)), self._show)

    def _show(self, result) -> None:
        rows, warning = result
        self.calendar_note.setText(warning)
        self.calendar_note.setVisible(bool(warning))
        self.show_rows(rows)
