"""工单 tab, SLA report page: per technician for a month (on-time %, average minutes in opening hours, call
scores), a weekly on-time chart that follows the selected technician, and the sheet as Excel or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from station_desk.month import Month
from station_desk.qt.ops import Loader
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import MonthPicker, make_table, save_sheet, selected_row
from station_desk.work_orders import queries
from station_desk.work_orders.sla import fmt_minutes


class WeeklyChart(QWidget):
    """On-time % by week (respond and resolve), drawn with QPainter."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.points: list[queries.WeekPoint] = []
        self.title = ""
        self.setMinimumHeight(180)

    def set_points(self, points) -> None:
        self.points = list(points)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        left, right, top, bottom = 44, 16, 24, 28
        plot = QRectF(left, top, max(10, w - left - right), max(10, h - top - bottom))
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor("#BBBBBB"), 1))
        for pct in (0, 50, 80, 100):
            y = plot.bottom() - plot.height() * pct / 100
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight, f"{pct}%")
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(left, 2, 200, 18), Qt.AlignmentFlag.AlignLeft,
                   self.tr("On time by week") + (f" — {self.title}" if self.title else ""))
        x = left + 210
        for colour, text in (("#2F6EBA", self.tr("responded on time")), ("#E07B24", self.tr("resolved on time"))):
            p.setPen(QPen(QColor(colour), 3))
            p.drawLine(QPointF(x, 11), QPointF(x + 22, 11))
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x + 28, 2, 150, 18), Qt.AlignmentFlag.AlignLeft, text)
            x += 180
        n = len(self.points)
        if not n:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No orders"))
            return
        step = plot.width() / max(1, n - 1) if n > 1 else 0

        def xy(i, pct):
            x = plot.left() + (step * i if n > 1 else plot.width() / 2)
            return QPointF(x, plot.bottom() - plot.height() * pct / 100)

        for colour, get in (("#2F6EBA", lambda q: q.responded_on_time_pct),
                            ("#E07B24", lambda q: q.resolved_on_time_pct)):
            p.setPen(QPen(QColor(colour), 2))
            pts = [xy(i, get(q)) for i, q in enumerate(self.points) if q.orders]
            for a, b in zip(pts, pts[1:]):
                p.drawLine(a, b)
            for pt in pts:
                p.drawEllipse(pt, 3, 3)
        p.setPen(QColor("#333333"))
        for i, q in enumerate(self.points):
            pt = xy(i, 0)
            p.drawText(QRectF(pt.x() - 30, plot.bottom() + 4, 60, 18), Qt.AlignmentFlag.AlignCenter,
                       q.week_start.strftime("%m-%d"))
        p.end()



class SlaPage(QWidget):
    def __init__(self, ctx, message_bar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loads = Loader(self)
        self.message_bar = message_bar  # save_sheet reports here
        self.last_file: Path | None = None
        box = QVBoxLayout(self)
        box.addLayout(self._build_bar())
        self.model = RowTableModel([
            Column(self.tr("Technician"), lambda r: r.name),
            Column(self.tr("Orders"), lambda r: r.orders, "right"),
            Column(self.tr("Responded on time"), lambda r: f"{r.responded_on_time_pct:.1f}%", "right"),
            Column(self.tr("Resolved on time"), lambda r: f"{r.resolved_on_time_pct:.1f}%", "right"),
            Column(self.tr("Avg. response"), lambda r: _mins(r.avg_response_minutes), "right"),
            Column(self.tr("Avg. resolution"), lambda r: _mins(r.avg_resolution_minutes), "right"),
            Column(self.tr("Call score"), lambda r: "" if r.follow_up_avg_score is None
                   else f"{r.follow_up_avg_score:.1f}", "right"),
            Column(self.tr("Unsatisfied"), lambda r: r.unsatisfied, "right"),
            Column(self.tr("Late orders"), lambda r: r.late_orders, "right"),
            Column(self.tr("Paused (orders / time)"), lambda r: "" if not r.paused_orders
                   else f"{r.paused_orders} / {_mins(r.paused_minutes)}", "right"),
        ])
        self.table = make_table(self.model, name="slaTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.table, 1)
        self.chart = WeeklyChart()
        box.addWidget(self.chart, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.chart_for_selection())

    def _build_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.month_box = MonthPicker(self, name="slaMonth")
        self.month_box.monthChanged.connect(lambda _m: self.refresh())
        label = QLabel(self.tr("&Month"))
        label.setBuddy(self.month_box)
        row.addWidget(label)
        row.addWidget(self.month_box)
        for text, slot in ((self.tr("Export &Excel…"), self.export_xlsx), (self.tr("&Print sheet…"), self.export_pdf)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        return row

    def month(self) -> Month:
        return self.month_box.month()

    def refresh(self) -> None:
        db, m = self.ctx.db, self.month()
        self.loads.load(lambda: (queries.sla_report(db, month=m), queries.sla_weekly(db, month=m)),
                        lambda result: self._show(*result))

    def _show(self, report, weekly) -> None:
        self.model.set_rows(report)
        self.chart.title = self.tr("Station")
        self.chart.set_points(weekly)

    def chart_for_selection(self) -> None:
        """The chart follows the technician selected in the report (the whole station when none)."""
        row = selected_row(self.table)
        db, m = self.ctx.db, self.month()
        title = row.name if row else self.tr("Station")
        self.loads.load(lambda: queries.sla_weekly(db, month=m, technician_id=row.staff_id if row else None),
                        lambda points: (setattr(self.chart, "title", title), self.chart.set_points(points)),
                        key="chart")

    def export_xlsx(self) -> None:
        self._export("xlsx", self.tr("Export SLA report"), "Excel (*.xlsx)")

    def export_pdf(self) -> None:
        self._export("pdf", self.tr("Print SLA sheet"), "PDF (*.pdf)")

    def _export(self, suffix: str, title: str, filt: str) -> None:
        """The month's SLA sheet as ``suffix`` (pdf, xlsx), where the user chooses."""
        m = self.month()
        path, _ = QFileDialog.getSaveFileName(self, title, f"工单时效-{m.key}.{suffix}", filt)
        if path:
            # reportlab and openpyxl load only when a sheet is made (start-up speed)
            from station_desk.reports import sla_sheet

            write = {"pdf": sla_sheet.write_sla_pdf, "xlsx": sla_sheet.write_sla_xlsx}[suffix]
            save_sheet(self, lambda p: write(self.ctx.db, p, month=m), Path(path), self.tr("Saved %1"))


def _mins(v: float | None) -> str:
    return "" if v is None else fmt_minutes(round(v))
