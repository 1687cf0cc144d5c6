"""The stocktake (盘点) page of the gift tab: start a count on a date, print the count sheet, type the counted
quantities (Enter moves down), see the variance by item with its value, and post it with the manager's PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.gift_stock import stocktake as stk
from station_desk.money import fmt_fen
from station_desk.qt.feedback import show_error, show_info
from station_desk.qt.ops import Op
from station_desk.qt.widgets import DateEdit

COUNT_COL = 4


class StocktakePage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: stk.StocktakeView | None = None
        self._filling = False
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.day = DateEdit(clock.today())
        self.day.setObjectName("stocktakeDay")
        self.start_button = QPushButton(self.tr("Start stocktake"), objectName="stocktakeStart")
        self.start_button.clicked.connect(self.start)
        self.print_button = QPushButton(self.tr("Print count sheet"), objectName="stocktakePrint")
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.post_button = QPushButton(self.tr("Post variances…"), objectName="stocktakePost")
        self.post_button.clicked.connect(self.post)
        self.cancel_button = QPushButton(self.tr("Cancel stocktake…"), objectName="stocktakeCancel")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(QLabel(self.tr("Count date")))
        for w in (self.day, self.start_button, self.print_button, self.post_button, self.cancel_button):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.state = QLabel(objectName="stocktakeState")
        lay.addWidget(self.state)
        self.table = QTableWidget(0, 7, objectName="stocktakeTable")
        self.table.setHorizontalHeaderLabels([self.tr("Gift"), self.tr("Unit"), self.tr("Unit cost"),
                                              self.tr("Book qty"), self.tr("Counted"), self.tr("Variance"),
                                              self.tr("Variance value")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._edited)
        lay.addWidget(self.table, 1)
        self.totals = QLabel(objectName="stocktakeTotals")
        lay.addWidget(self.totals)

    # -- showing ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_view(stk.open_stocktake(self.ctx.db))

    def show_view(self, view: stk.StocktakeView | None) -> None:
        self.view = view
        is_open = view is not None and view.status == "open"
        self.start_button.setEnabled(view is None)
        self.day.setEnabled(view is None)
        for b in (self.print_button, self.post_button, self.cancel_button):
            b.setEnabled(is_open)
        self.state.setText(self.tr("No stocktake in progress. Choose the count date and start one.") if view is None
                           else self.tr("Stocktake No. %1 on %2: type the counted quantities, then post.")
                           .replace("%1", str(view.id)).replace("%2", view.day.isoformat()))
        self._filling = True
        lines = view.lines if view else []
        self.table.setRowCount(len(lines))
        for r, ln in enumerate(lines):
            cells = [ln.item_name, ln.unit, fmt_fen(ln.unit_cost_fen), str(ln.book_qty),
                     "" if ln.counted_qty is None else str(ln.counted_qty),
                     "" if ln.variance is None else f"{ln.variance:+d}" if ln.variance else "0",
                     fmt_fen(ln.variance_value_fen) if ln.variance else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c != COUNT_COL:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, ln.item_id)
                if c in (5, 6) and ln.variance:
                    item.setForeground(QBrush(QColor("#8a1c1c" if ln.variance < 0 else "#1b5e20")))
                self.table.setItem(r, c, item)
        self._filling = False
        if view is not None:
            self.totals.setText(self.tr("Surplus %1 yuan, shortage %2 yuan.")
                                .replace("%1", fmt_fen(view.surplus_value_fen))
                                .replace("%2", fmt_fen(-view.shortage_value_fen)))
        else:
            self.totals.clear()
        self.table.resizeColumnsToContents()

    # -- actions ------------------------------------------------------------------------------------------------------
    def start(self) -> None:
        day = self.day.value()
        Op(self, lambda: stk.start_stocktake(self.ctx.db, actor=self.ctx.actor, day=day),
           ctx=self.ctx).success(self._started).run()

    def _started(self, view) -> None:
        self.show_view(view)
        if self.table.rowCount():
            self.table.setCurrentCell(0, COUNT_COL)
            self.table.setFocus()

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != COUNT_COL or self.view is None:
            return
        item_id = self.table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        text = item.text().strip()
        if text and not text.isdigit():
            show_error(self, self.tr("Type the counted quantity as a whole number."))
            return
        qty = int(text) if text else None
        sid, row = self.view.id, item.row()

        def after(view):
            self.show_view(view)
            if row + 1 < self.table.rowCount():
                self.table.setCurrentCell(row + 1, COUNT_COL)

        Op(self, lambda: stk.set_counts(self.ctx.db, actor=self.ctx.actor, stocktake_id=sid, counts={item_id: qty}),
           ctx=self.ctx).success(after).run()

    def set_count(self, row: int, qty: int | None) -> None:
        """Type a count into a row (as the keyboard does)."""
        self.table.item(row, COUNT_COL).setText("" if qty is None else str(qty))

    def print_sheet(self, path: str | None = None, *, blind: bool = False) -> None:
        from station_desk.reports.stocktake_sheet import write_stocktake_pdf

        if self.view is None:
            return
        sid = self.view.id
        path = path or QFileDialog.getSaveFileName(self, self.tr("Save count sheet"), f"礼品盘点表-{sid}.pdf",
                                                   "PDF (*.pdf)")[0]
        if path:
            Op(self, lambda: write_stocktake_pdf(self.ctx.db, path, sid, blind=blind)).success(
                lambda p: show_info(self, self.tr("Saved: %1").replace("%1", str(p)))).run()

    def post(self, approval=None, reason: str | None = None) -> None:
        from station_desk.qt.dialogs.approval import ask_manager_approval

        if self.view is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Post stocktake"),
                                              self.tr("Cause of the variances (optional):"))
            if not ok:
                return
        approval = approval or ask_manager_approval(self, self.ctx, "盘点过账")
        if approval is None:
            return
        sid = self.view.id
        Op(self, lambda: stk.post_stocktake(self.ctx.db, actor=self.ctx.actor, approval=approval, stocktake_id=sid,
                                            reason=reason), ctx=self.ctx).success(
            lambda _v: (show_info(self, self.tr("Stocktake posted.")), self.show_view(None))).run()

    def cancel(self) -> None:
        if self.view is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Cancel stocktake"), self.tr("Reason:"))
        if not ok or not reason.strip():
            return
        sid = self.view.id
        Op(self, lambda: stk.cancel_stocktake(self.ctx.db, actor=self.ctx.actor, stocktake_id=sid, reason=reason),
           ctx=self.ctx).success(lambda _r: self.show_view(None)).run()
