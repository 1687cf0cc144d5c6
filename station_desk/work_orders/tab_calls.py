"""工单 tab, follow-up page: returned orders waiting for their follow-up call (回访), and called ones waiting to be
closed; late ones in red."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from station_desk.qt.ops import Loader
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, selected_row
from station_desk.work_orders import queries
from station_desk.work_orders.tab_board import select_order


class CallsPage(QWidget):
    detailRequested = Signal()  # noqa: N815 - Qt signal name

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loads = Loader(self)
        self.model = RowTableModel([
            Column(self.tr("No."), lambda r: r.id, "right"),
            Column(self.tr("Registered"), lambda r: r.created_at.strftime("%m-%d %H:%M")),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Technician"), lambda r: r.technician),
            Column(self.tr("Late"), lambda r: self.tr("late") if r.late else ""),
        ], foreground=lambda r: "#B00000" if r.late else None)
        self.table = make_table(self.model, name="callsTable", row_height=22)
        self.table.activated.connect(lambda _i: self.detailRequested.emit())  # Enter or a double click
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        db = self.ctx.db
        self.loads.load(lambda: queries.list_orders(db, statuses=("returned", "called")), self._show)

    def _show(self, rows) -> None:
        selected = self.selected_id()
        self.model.set_rows(rows)
        select_order(self.table, selected)

    def selected_id(self) -> int | None:
        row = selected_row(self.table)
        return row.id if row is not None else None

    def select(self, order_id: int | None) -> None:
        select_order(self.table, order_id)
