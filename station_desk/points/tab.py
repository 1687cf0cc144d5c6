"""积分: the day's points (review, manual items, confirm), the month (breakdown, company figures, review, lock,
adjustments, the 积分公示表) and a 12-month chart; one file per page (``tab_day``, ``tab_month``, ``tab_chart``).
Reads call the services directly or on the database worker; writes go through Op."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from station_desk.points.tab_chart import ChartPage
from station_desk.points.tab_day import DayPage
from station_desk.points.tab_month import PointsMonthPage
from station_desk.qt.feedback import show_error
from station_desk.qt.tab_base import ModuleTab


class PointsTab(ModuleTab):
    watches = frozenset({"points", "staff", "work_orders", "attendance", "customers", "rewards"})
    # open printed sheets in the system viewer (tests switch it off)
    open_files = True

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_file = None
        self.last_detail: list[tuple[str, str]] = []
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.day = DayPage(ctx, self)
        self.month_page = PointsMonthPage(ctx, self)
        self.chart_page = ChartPage(ctx, self)
        self.add_pages(layout, ((self.day, self.tr("Daily points")), (self.month_page, self.tr("Month")),
                                (self.chart_page, self.tr("12-month chart"))), name="pointsPages")
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)

    def refresh(self) -> None:
        try:
            self.pages.currentWidget().refresh()
        except Exception as exc:  # noqa: BLE001 - shown inline
            show_error(self, exc)

    def focus_default(self) -> None:
        self.day.day_table.setFocus()
