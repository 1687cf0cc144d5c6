"""The program's one chart widget: grouped bars drawn with QPainter in the UI font, an optional threshold line
(e.g. the points transfer-warning line), a note (暂定), a legend, tooltips, and a click — or Enter on the
focused bar (← → move) — that reports the category, so a chart opens the rows behind it like any number.

    chart = BarChart()
    chart.set_data(title, categories, [(series_label, values), ...], unit="%", threshold=280,
                   threshold_label="转岗预警线 280", note="暂定")
    chart.activated.connect(lambda index: ...)
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# distinguishable on screen and on a grey printout: last month light, this month dark
PALETTE = ("#9DB4CF", "#2F6DB3", "#E3A33B", "#5B9E5B")
THRESHOLD = "#C0392B"


def nice_top(value: float) -> float:
    """The smallest 1/2/2.5/5 × 10ⁿ × 4 at or above ``value``, so the four grid steps read as round numbers."""
    if value <= 0:
        return 4.0
    import math

    step = value / 4
    magnitude = 10 ** math.floor(math.log10(step))
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= step:
            return 4 * m * magnitude
    return 4 * 10 * magnitude


class BarChart(QWidget):
    activated = Signal(int)  # category index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float | None]]] = []
        self.unit = ""
        self.threshold: float | None = None
        self.threshold_label = ""
        self.note = ""
        self.current = -1
        self._bars: list[tuple[QRectF, int, int]] = []  # rect, category, series

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 240)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 180)

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
                 *, unit: str = "", threshold: float | None = None, threshold_label: str = "",
                 note: str = "") -> None:
        self.title, self.categories = title, list(categories)
        self.series = [(label, list(values)) for label, values in series]
        self.unit, self.threshold, self.threshold_label, self.note = unit, threshold, threshold_label, note
        self.current = min(self.current, len(self.categories) - 1)
        self.setAccessibleName(title)
        self.update()

    # -- geometry ---------------------------------------------------------------------------------------------------
    def _top(self) -> float:
        values = [v for _, vals in self.series for v in vals if v is not None]
        top = max(values + ([self.threshold] if self.threshold is not None else []) + [0.0])
        if self.unit == "%":
            return 100.0
        return nice_top(top * 1.05)

    def _plot_rect(self) -> QRectF:
        fm = QFontMetrics(self.font())
        h = fm.height()
        left = fm.horizontalAdvance(f"{self._top():,.0f}") + 12
        legend = h * 1.2 if len(self.series) > 1 else 0
        return QRectF(left, h * 2.0 + legend, self.width() - left - 10, self.height() - h * 3.8 - legend)

    # -- painting ---------------------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        h = fm.height()
        text = self.palette().windowText().color()
        title_font = self.font()
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(text)
        p.drawText(QRectF(0, 0, self.width(), h * 1.4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   self.title)
        p.setFont(self.font())
        if self.note:
            p.setPen(QColor("#8A6D1F"))
            p.drawText(QRectF(0, 0, self.width() - 4, h * 1.4),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.note)
        if len(self.series) > 1:  # legend
            x = float(self._plot_rect().left())
            for i, (label, _) in enumerate(self.series):
                p.fillRect(QRectF(x, h * 1.5 + 3, h * 0.8, h * 0.8), QColor(PALETTE[i % len(PALETTE)]))
                p.setPen(text)
                p.drawText(QPointF(x + h, h * 1.5 + h * 0.85), label)
                x += h + fm.horizontalAdvance(label) + h
        plot = self._plot_rect()
        if plot.height() < 20 or not self.categories:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No data yet"))
            return
        top = self._top()
        # grid and axis labels
        grid = QPen(QColor("#D0D0D0"))
        for k in range(5):
            value = top * k / 4
            y = plot.bottom() - plot.height() * k / 4
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - h / 2, plot.left() - 6, h), Qt.AlignmentFlag.AlignRight |
                       Qt.AlignmentFlag.AlignVCenter, f"{value:,.0f}")
        # bars
        n, m = len(self.categories), max(len(self.series), 1)
        slot = plot.width() / n
        bar_w = max(min(slot * 0.8 / m, h * 2.2), 2.0)
        self._bars = []
        for c in range(n):
            x0 = plot.left() + slot * c + (slot - bar_w * m) / 2
            for s, (_label, values) in enumerate(self.series):
                v = values[c] if c < len(values) else None
                if v is None:
                    continue
                height = plot.height() * max(v, 0) / top
                rect = QRectF(x0 + s * bar_w, plot.bottom() - height, bar_w - 1, height)
                colour = QColor(PALETTE[s % len(PALETTE)])
                if self.threshold is not None and v < self.threshold and m == 1 and not self.note:
                    colour = QColor("#D98880")  # under the line in a final month (a provisional one only shows it)
                p.fillRect(rect, colour)
                self._bars.append((rect, c, s))
            if c == self.current and self.hasFocus():
                p.setPen(QPen(self.palette().highlight().color(), 2))
                p.drawRect(QRectF(plot.left() + slot * c + 1, plot.top(), slot - 2, plot.height()))
            # category label, elided to its slot
            p.setPen(text)
            label = fm.elidedText(self.categories[c], Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.drawText(QRectF(plot.left() + slot * c, plot.bottom() + 2, slot, h + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        if self.threshold is not None:
            y = plot.bottom() - plot.height() * self.threshold / top
            pen = QPen(QColor(THRESHOLD), 2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.drawText(QRectF(plot.left(), y - h - 1, plot.width() - 2, h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, self.threshold_label)
        p.setPen(QPen(text, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    # -- interaction --------------------------------------------------------------------------------------------------
    def category_at(self, pos) -> int:
        plot = self._plot_rect()
        if not self.categories or not (plot.left() <= pos.x() <= plot.right()):
            return -1
        return min(int((pos.x() - plot.left()) / (plot.width() / len(self.categories))), len(self.categories) - 1)

    def _tip(self, c: int) -> str:
        parts = [self.categories[c]]
        for label, values in self.series:
            v = values[c] if c < len(values) else None
            parts.append(f"{label}: {'—' if v is None else f'{v:,.1f}{self.unit}'}")
        return "\n".join(parts)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        c = self.category_at(event.position())
        if c >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self._tip(c), self)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        c = self.category_at(event.position())
        if c >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.current = c
            self.update()
            self.activated.emit(c)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.categories:
            step = -1 if key == Qt.Key.Key_Left else 1
            self.current = max(0, min(len(self.categories) - 1, (self.current if self.current >= 0 else 0) + step))
            self.setToolTip(self._tip(self.current))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current >= 0:
            self.activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        if self.current < 0 and self.categories:
            self.current = 0
        super().focusInEvent(event)
        self.update()
