"""考勤请假 tab (SPEC §5): clock in / out at the desk, the day's exceptions for the manager, leave requests and
approvals, work-discipline violations, the month summary — one page each (``tab_clock.py``, ``tab_exceptions.py``,
``tab_leave.py``, ``tab_violations.py``, ``tab_summary.py``). F5 clock in, F6 clock out on the first page; every
button has a mnemonic; the tables open on Enter."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from station_desk.attendance.tab_clock import ClockPage
from station_desk.attendance.tab_exceptions import ExceptionsPage
from station_desk.attendance.tab_leave import LeavePage
from station_desk.attendance.tab_summary import SummaryPage
from station_desk.attendance.tab_violations import ViolationsPage
from station_desk.qt.tab_base import ModuleTab


class AttendanceTab(ModuleTab):
    watches = frozenset({"attendance", "leave", "roster", "staff", "points"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.clock_page = ClockPage(self)
        self.exceptions_page = ExceptionsPage(self)
        self.leave_page = LeavePage(self)
        self.violations_page = ViolationsPage(self)
        self.summary_page = SummaryPage(self)
        self.add_pages(layout, ((self.clock_page, self.tr("Clock in/out")),
                                (self.exceptions_page, self.tr("Exceptions")), (self.leave_page, self.tr("Leave")),
                                (self.violations_page, self.tr("Violations")),
                                (self.summary_page, self.tr("Monthly summary"))))

    def refresh(self) -> None:
        """The page shown reads on the database worker; another page reads when it is shown."""
        self.pages.currentWidget().refresh()

    def focus_default(self) -> None:
        self.clock_page.person.setFocus()
