"""积分 › 12-month chart: each person's monthly points over the last 12 complete months, with the transfer-warning
line, drawn by the program's one chart helper (:class:`station_desk.qt.charts.LineChart`); one person can be
highlighted, and a month (click, or ← → and Enter) opens that month on the Month page."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.month import Month
from station_desk.points import month as M
from station_desk.qt.charts import LineChart
from station_desk.qt.ops import Loader


class ChartPage(QWidget):
    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        self.loads = Loader(self)
        v = QVBoxLayout(self)
        self.chart_person = QComboBox()
        self.chart_person.setObjectName("chartPerson")
        self.chart_person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar = QHBoxLayout()
        label = QLabel(self.tr("Hi&ghlight"))
        label.setBuddy(self.chart_person)
        bar.addWidget(label)
        bar.addWidget(self.chart_person)
        bar.addStretch(1)
        v.addLayout(bar)
        self.chart = LineChart()
        self.chart.setObjectName("pointsChart")
        self.chart.setMinimumHeight(260)
        self.chart.empty_text = self.tr("No points recorded in these months")
        v.addWidget(self.chart, 1)
        self.chart_person.currentIndexChanged.connect(lambda _i: self.chart.set_highlight(self._highlighted()))
        self.chart.activated.connect(self._open_month)
        self.keys: list[str] = []

    def refresh(self) -> None:
        db, last = self.ctx.db, Month.of(clock.today()).prev().key  # the last 12 complete months
        threshold = self.ctx.policy().points.transfer_points_threshold
        self.loads.load(lambda: M.monthly_totals(db, last, 12), lambda data: self._show(*data, threshold))

    def _show(self, keys, series, threshold) -> None:
        current = self.chart_person.currentData()
        names = sorted(series)
        self.chart_person.blockSignals(True)
        self.chart_person.clear()
        self.chart_person.addItem(self.tr("(everyone)"), None)
        for name in names:
            self.chart_person.addItem(name, name)
        self.chart_person.setCurrentIndex(max(0, self.chart_person.findData(current)))
        self.chart_person.blockSignals(False)
        self.keys = list(keys)
        self.chart.set_data(self.tr("Points per month"), keys,
                            [(name, [None if v is None else v / 100 for v in series[name]]) for name in names],
                            threshold=threshold, threshold_label=self.tr("Transfer warning line %1")
                            .replace("%1", f"{threshold:g}"))
        self.chart.set_highlight(self._highlighted())

    def _highlighted(self) -> int | None:
        index = self.chart_person.currentIndex()
        return index - 1 if index > 0 else None

    def _open_month(self, index: int) -> None:
        """A month on the chart opens it on the Month page, like any number opens its rows."""
        self.tab.month_page.select_month(Month.parse(self.keys[index]))
        self.tab.pages.setCurrentWidget(self.tab.month_page)
