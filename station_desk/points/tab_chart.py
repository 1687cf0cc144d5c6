"""积分 › 12-month chart: each person's monthly points over the last 12 complete months, drawn with QPainter (no
QtCharts); one person can be highlighted."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.month import Month
from station_desk.points import month as M
from station_desk.qt.feedback import show_error
from station_desk.qt.ops import Op

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"]


class PointsChart(QWidget):
    """``set_data(months, series)``: months as 'YYYY-MM', series {name: [total ×100 or None per month]}.
    A highlighted person (``set_highlight``) is drawn thick; the others thin."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.months: list[str] = []
        self.series: dict[str, list[int | None]] = {}
        self.highlight: str | None = None
        self.threshold_x100: int | None = None
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, months: list[str], series: dict[str, list[int | None]], threshold_x100: int | None = None):
        self.months, self.series, self.threshold_x100 = months, series, threshold_x100
        self.update()

    def set_highlight(self, name: str | None) -> None:
        self.highlight = name
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        p.setFont(font)
        fm = p.fontMetrics()
        legend_w = min(150, max([fm.horizontalAdvance(n) for n in self.series] or [0]) + 28)
        left, right, top, bottom = fm.horizontalAdvance("0000.0") + 14, legend_w + 12, 14, fm.height() + 14
        plot = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        values = [v for vs in self.series.values() for v in vs if v is not None]
        if self.threshold_x100 is not None:
            values.append(self.threshold_x100)
        if not self.months or not values:
            p.setPen(QColor("#666666"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No points recorded in these months"))
            return
        lo, hi = min(0, min(values)), max(values)
        if hi <= lo:
            hi = lo + 100
        step = _nice_step((hi - lo) / 5)
        hi = (hi // step + 1) * step
        lo = (lo // step) * step
        n = len(self.months)

        def xy(i: int, v: int) -> QPointF:
            x = plot.left() + (plot.width() * (i + 0.5) / n)
            y = plot.bottom() - plot.height() * (v - lo) / (hi - lo)
            return QPointF(x, y)

        grid = QPen(QColor("#e0e0e0"))
        p.setPen(grid)
        v = lo
        while v <= hi:
            y = xy(0, v).y()
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#444444"))
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{v / 100:g}")
            v += step
        for i, m in enumerate(self.months):
            x = xy(i, lo).x()
            p.drawText(QRectF(x - 30, plot.bottom() + 4, 60, fm.height()), Qt.AlignmentFlag.AlignCenter, m[2:])
        if self.threshold_x100 is not None:
            pen = QPen(QColor("#c00000"), 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            y = xy(0, self.threshold_x100).y()
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        for k, (name, vs) in enumerate(sorted(self.series.items())):
            colour = QColor(PALETTE[k % len(PALETTE)])
            strong = self.highlight is None or self.highlight == name
            if not strong:
                colour.setAlpha(70)
            p.setPen(QPen(colour, 3 if self.highlight == name else 1.5))
            prev = None
            for i, v in enumerate(vs):
                if v is None:
                    prev = None
                    continue
                pt = xy(i, v)
                if prev is not None:
                    p.drawLine(prev, pt)
                p.drawEllipse(pt, 2.5, 2.5)
                prev = pt
            ly = top + k * (fm.height() + 2)
            if ly + fm.height() < self.height():
                p.fillRect(QRectF(self.width() - legend_w, ly + 4, 12, fm.height() - 8), colour)
                p.setPen(QColor("#222222") if strong else QColor("#999999"))
                p.drawText(QRectF(self.width() - legend_w + 16, ly, legend_w - 16, fm.height()),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        p.end()


def _nice_step(raw: float) -> int:
    """A round grid step (×100 points): 1, 2, 5 × 10^k points."""
    raw = max(raw, 100)
    mag = 100
    while mag * 10 <= raw:
        mag *= 10
    for f in (1, 2, 5, 10):
        if mag * f >= raw:
            return mag * f
    return mag * 10


class ChartPage(QWidget):
    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
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
        self.chart = PointsChart()
        v.addWidget(self.chart, 1)
        self.chart_person.currentIndexChanged.connect(
            lambda _i: self.chart.set_highlight(self.chart_person.currentData()))

    def refresh(self) -> None:
        db, last = self.ctx.db, Month.of(clock.today()).prev().key  # the last 12 complete months
        threshold = self.ctx.policy().points.transfer_points_threshold * 100
        Op(self, lambda: M.monthly_totals(db, last, 12)).success(lambda data: self._show(*data, threshold)) \
            .failure(lambda exc: show_error(self.tab, exc)).run()

    def _show(self, keys, series, threshold) -> None:
        current = self.chart_person.currentData()
        self.chart_person.blockSignals(True)
        self.chart_person.clear()
        self.chart_person.addItem(self.tr("(everyone)"), None)
        for name in sorted(series):
            self.chart_person.addItem(name, name)
        self.chart_person.setCurrentIndex(max(0, self.chart_person.findData(current)))
        self.chart_person.blockSignals(False)
        self.chart.set_data(keys, series, threshold)
        self.chart.set_highlight(self.chart_person.currentData())
