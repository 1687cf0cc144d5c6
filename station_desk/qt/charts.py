"""The program's one chart helper, drawn with QPainter in the UI font: grouped bars (``BarChart``) or lines over
the same categories (``LineChart``), sharing the title, the note (暂定), the legend, the round grid, an optional
threshold line (e.g. the points transfer-warning line), tooltips, and a click — or Enter on the focused category
(← → move) — that reports the category, so a chart opens the rows behind it like any number.

    chart = BarChart()            # or LineChart(); LineChart.set_highlight(series_index or None)
    chart.set_data(title, categories, [(series_label, values), ...], unit="%", threshold=280,
                   threshold_label="转岗预警线 280", note="暂定")
    chart.activated.connect(lambda index: ...)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# distinguishable on screen and on a grey printout: last month light, this month dark; then more for many lines
PALETTE = ("#9DB4CF", "#2F6DB3", "#E3A33B", "#5B9E5B", "#C0504D", "#8064A2", "#4BACC6", "#F79646", "#7F7F7F",
           "#9BBB59", "#1F497D", "#B65708", "#2C4D75", "#772C2A", "#5F497A", "#276A7C")
LINE_PALETTE = PALETTE[1:]  # the light first colour is for "last month" bars; lines need every colour to show
THRESHOLD = "#C0392B"
# more series than this: the legend stands in a column on the right instead of a row above the plot
LEGEND_ROW_MAX = 4


def nice_top(value: float) -> float:
    """The smallest 1/2/2.5/5 × 10ⁿ × 4 at or above ``value``, so the four grid steps read as round numbers."""
    if value <= 0:
        return 4.0
    step = value / 4
    magnitude = 10 ** math.floor(math.log10(step))
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= step:
            return 4 * m * magnitude
    return 4 * 10 * magnitude


def _label(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class _Chart(QWidget):
    """What every chart shares; a subclass draws its series in ``paint_series``."""

    activated = Signal(int)  # category index
    palette_colours: Sequence[str] = PALETTE
    # where the threshold's label stands on its line (a line chart's newest values sit at the right)
    threshold_label_side = Qt.AlignmentFlag.AlignRight

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
        self.empty_text = self.tr("No data yet")
        self.current = -1

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

    def colour(self, s: int) -> QColor:
        return QColor(self.palette_colours[s % len(self.palette_colours)])

    def value(self, s: int, c: int) -> float | None:
        values = self.series[s][1]
        return values[c] if c < len(values) else None

    # -- geometry ---------------------------------------------------------------------------------------------------
    def _values(self) -> list[float]:
        values = [v for _, vals in self.series for v in vals if v is not None]
        return values + ([self.threshold] if self.threshold is not None else [])

    def axis(self) -> tuple[float, float, int]:
        """The value axis as (bottom, step, steps): 0 (or a round value under a negative one) up to a round top."""
        if self.unit == "%":
            return 0.0, 25.0, 4
        values = self._values() + [0.0]
        lo, hi = min(values), max(values)
        if lo >= 0:
            return 0.0, nice_top(hi * 1.05) / 4, 4
        step = nice_top((hi - lo) * 1.05) / 4
        bottom = math.floor(lo / step) * step
        return bottom, step, max(1, math.ceil((hi - bottom) / step))

    def scale(self) -> tuple[float, float]:
        bottom, step, steps = self.axis()
        return bottom, bottom + step * steps

    def _legend_right(self) -> bool:
        return len(self.series) > LEGEND_ROW_MAX

    def _legend_width(self) -> float:
        fm = QFontMetrics(self.font())
        return min(160, max([fm.horizontalAdvance(label) for label, _ in self.series] or [0]) + fm.height() * 1.6)

    def plot_rect(self) -> QRectF:
        fm = QFontMetrics(self.font())
        h = fm.height()
        lo, hi = self.scale()
        left = max(fm.horizontalAdvance(_label(hi)), fm.horizontalAdvance(_label(lo))) + 12
        legend_row = h * 1.2 if 1 < len(self.series) <= LEGEND_ROW_MAX else 0
        right = self._legend_width() + 12 if self._legend_right() else 10
        return QRectF(left, h * 2.0 + legend_row, self.width() - left - right, self.height() - h * 3.8 - legend_row)

    def y_of(self, value: float, plot: QRectF) -> float:
        lo, hi = self.scale()
        return plot.bottom() - plot.height() * (value - lo) / (hi - lo)

    # -- painting ---------------------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        h = fm.height()
        text = self.palette().windowText().color()
        self._paint_title(p, h, text)
        plot = self.plot_rect()
        self._paint_legend(p, fm, plot, text)
        if plot.height() < 20 or not self.categories or not any(v is not None for _, vs in self.series for v in vs):
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self._paint_grid(p, plot, h, text)
        self.paint_series(p, plot)
        slot = plot.width() / len(self.categories)
        for c, category in enumerate(self.categories):
            if c == self.current and self.hasFocus():
                p.setPen(QPen(self.palette().highlight().color(), 2))
                p.drawRect(QRectF(plot.left() + slot * c + 1, plot.top(), slot - 2, plot.height()))
            p.setPen(text)  # category label, elided to its slot
            label = fm.elidedText(category, Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.drawText(QRectF(plot.left() + slot * c, plot.bottom() + 2, slot, h + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        if self.threshold is not None:
            y = self.y_of(self.threshold, plot)
            p.setPen(QPen(QColor(THRESHOLD), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.drawText(QRectF(plot.left() + 2, y - h - 1, plot.width() - 4, h),
                       self.threshold_label_side | Qt.AlignmentFlag.AlignBottom, self.threshold_label)
        p.setPen(QPen(text, 1))
        y0 = self.y_of(0, plot)
        p.drawLine(QPointF(plot.left(), y0), QPointF(plot.right(), y0))

    def _paint_title(self, p: QPainter, h: int, text: QColor) -> None:
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

    def legend_dimmed(self, s: int) -> bool:
        return False

    def _paint_legend(self, p: QPainter, fm: QFontMetrics, plot: QRectF, text: QColor) -> None:
        if len(self.series) < 2:
            return
        h = fm.height()
        x, y = (self.width() - self._legend_width(), plot.top()) if self._legend_right() else (plot.left(), h * 1.5)
        for s, (label, _) in enumerate(self.series):
            colour = self.colour(s)
            if self.legend_dimmed(s):
                colour.setAlpha(70)
            p.fillRect(QRectF(x, y + 3, h * 0.8, h * 0.8), colour)
            p.setPen(QColor("#999999") if self.legend_dimmed(s) else text)
            if self._legend_right():
                if y + h > self.height():
                    break
                p.drawText(QPointF(x + h, y + h * 0.85), fm.elidedText(label, Qt.TextElideMode.ElideRight,
                                                                         int(self._legend_width() - h)))
                y += h + 2
            else:
                p.drawText(QPointF(x + h, y + h * 0.85), label)
                x += h + fm.horizontalAdvance(label) + h

    def _paint_grid(self, p: QPainter, plot: QRectF, h: int, text: QColor) -> None:
        lo, step, steps = self.axis()
        grid = QPen(QColor("#D0D0D0"))
        for k in range(steps + 1):
            value = lo + step * k
            y = self.y_of(value, plot)
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - h / 2, plot.left() - 6, h), Qt.AlignmentFlag.AlignRight |
                       Qt.AlignmentFlag.AlignVCenter, _label(value))

    def paint_series(self, p: QPainter, plot: QRectF) -> None:
        raise NotImplementedError

    # -- interaction --------------------------------------------------------------------------------------------------
    def category_at(self, pos) -> int:
        plot = self.plot_rect()
        if not self.categories or not (plot.left() <= pos.x() <= plot.right()):
            return -1
        return min(int((pos.x() - plot.left()) / (plot.width() / len(self.categories))), len(self.categories) - 1)

    def tip(self, c: int) -> str:
        parts = [self.categories[c]]
        for s, (label, _) in enumerate(self.series):
            v = self.value(s, c)
            parts.append(f"{label}: {'—' if v is None else f'{v:,.1f}{self.unit}'}")
        return "\n".join(parts)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        c = self.category_at(event.position())
        if c >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.tip(c), self)

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
            self.setToolTip(self.tip(self.current))
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


class BarChart(_Chart):
    """Grouped bars, one group a category; with one series and a threshold in a final month (no note), a bar
    under the line is drawn red."""

    def paint_series(self, p: QPainter, plot: QRectF) -> None:
        h = QFontMetrics(self.font()).height()
        n, m = len(self.categories), max(len(self.series), 1)
        slot = plot.width() / n
        bar_w = max(min(slot * 0.8 / m, h * 2.2), 2.0)
        y0 = self.y_of(0, plot)
        for c in range(n):
            x0 = plot.left() + slot * c + (slot - bar_w * m) / 2
            for s in range(len(self.series)):
                v = self.value(s, c)
                if v is None:
                    continue
                y = self.y_of(v, plot)
                rect = QRectF(x0 + s * bar_w, min(y, y0), bar_w - 1, abs(y0 - y))
                colour = self.colour(s)
                if self.threshold is not None and v < self.threshold and m == 1 and not self.note:
                    colour = QColor("#D98880")  # under the line in a final month (a provisional one only shows it)
                p.fillRect(rect, colour)


class LineChart(_Chart):
    """One line a series over the categories (e.g. months); ``set_highlight(index)`` draws one series thick and
    fades the others, as the points tab's "highlight" picker does."""

    palette_colours = LINE_PALETTE
    threshold_label_side = Qt.AlignmentFlag.AlignLeft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlight: int | None = None

    def set_highlight(self, series_index: int | None) -> None:
        self.highlight = series_index
        self.update()

    def legend_dimmed(self, s: int) -> bool:
        return self.highlight is not None and self.highlight != s

    def paint_series(self, p: QPainter, plot: QRectF) -> None:
        slot = plot.width() / len(self.categories)
        order = [s for s in range(len(self.series)) if s != self.highlight]
        if self.highlight is not None and 0 <= self.highlight < len(self.series):
            order.append(self.highlight)  # drawn last, on top
        for s in order:
            colour = self.colour(s)
            if self.legend_dimmed(s):
                colour.setAlpha(70)
            p.setPen(QPen(colour, 3 if s == self.highlight else 1.5))
            p.setBrush(colour)
            prev = None
            for c in range(len(self.categories)):
                v = self.value(s, c)
                if v is None:
                    prev = None
                    continue
                pt = QPointF(plot.left() + slot * (c + 0.5), self.y_of(v, plot))
                if prev is not None:
                    p.drawLine(prev, pt)
                p.drawEllipse(pt, 2.5, 2.5)
                prev = pt
        p.setBrush(Qt.BrushStyle.NoBrush)
