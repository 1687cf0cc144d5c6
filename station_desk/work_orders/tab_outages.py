"""工单 tab, major-outage page (大网故障): log an outage, link the orders it caused, record the recovery; and the
weekly repair orders by fault type."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.qt.ops import Loader, Op
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, selected_row
from station_desk.work_orders import dialogs, queries
from station_desk.work_orders import service as wo
from station_desk.work_orders.tab_board import RED


class OutagesPage(QWidget):
    def __init__(self, ctx, message_bar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loads = Loader(self)
        self.message_bar = message_bar
        box = QVBoxLayout(self)
        box.addLayout(self._build_bar())
        self.model = RowTableModel([
            Column(self.tr("No."), lambda r: r.id, "right"),
            Column(self.tr("Area"), lambda r: r.area),
            Column(self.tr("Fault type"), lambda r: r.fault_type),
            Column(self.tr("Cause"), lambda r: r.cause),
            Column(self.tr("Started"), lambda r: r.started_at.strftime("%m-%d %H:%M")),
            Column(self.tr("Expected"), lambda r: r.expected_recovery_at.strftime("%m-%d %H:%M")
                   if r.expected_recovery_at else ""),
            Column(self.tr("Recovered"), lambda r: r.recovered_at.strftime("%m-%d %H:%M") if r.recovered_at else ""),
            Column(self.tr("Orders"), lambda r: r.linked_orders, "right"),
        ], background=lambda r: None if r.recovered_at else RED)
        self.table = make_table(self.model, name="outageTable", row_height=22)
        box.addWidget(self.table, 2)
        box.addWidget(QLabel(self.tr("Repair orders by fault type, per week")))
        self.fault_model = RowTableModel([
            Column(self.tr("Week"), lambda r: r[0].strftime("%m-%d")),
            Column(self.tr("Orders"), lambda r: sum(r[1].values()), "right"),
            Column(self.tr("By fault type"), lambda r: "，".join(
                f"{k} {v}" for k, v in sorted(r[1].items(), key=lambda kv: -kv[1])))])
        box.addWidget(make_table(self.fault_model, name="faultTable", row_height=22), 1)

    def _build_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in ((self.tr("Lo&g outage…"), self.log_outage),
                           (self.tr("Mark reco&vered"), self.mark_recovered)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addWidget(QLabel(self.tr("Link orders (nos.):")))
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("linkOrders")
        self.link_edit.setPlaceholderText("12, 13, 15")
        self.link_edit.returnPressed.connect(self.link_orders)
        row.addWidget(self.link_edit)
        row.addStretch(1)
        return row

    def refresh(self) -> None:
        db = self.ctx.db
        self.loads.load(lambda: (queries.list_outages(db), list(reversed(queries.fault_type_weekly(db)))),
                        lambda result: self._show(*result))

    def _show(self, outages, weekly) -> None:
        selected = selected_row(self.table)
        self.model.set_rows(outages)
        self.fault_model.set_rows(weekly)
        if selected is not None:
            for i, r in enumerate(self.model.rows()):
                if r.id == selected.id:
                    self.table.selectRow(i)

    # -- actions ----------------------------------------------------------------------------------------------------
    def log_outage(self) -> None:
        if dialogs.OutageDialog(self, self.ctx).exec():
            self.message_bar.show_info(self.tr("Outage logged."))

    def _outage_id(self) -> int | None:
        row = selected_row(self.table)
        if row is None:
            self.message_bar.show_error(self.tr("Select an outage first."))
        return row.id if row else None

    def mark_recovered(self) -> None:
        if (out := self._outage_id()) is None:
            return
        db, actor, now = self.ctx.db, self.ctx.actor, clock.now()
        Op(self, lambda: wo.update_outage(db, actor=actor, outage_id=out, recovered_at=now)).success(
            lambda _r: self.message_bar.show_info(self.tr("Recovery recorded."))).run()

    def link_orders(self) -> None:
        if (out := self._outage_id()) is None:
            return
        ids = [int(p) for p in self.link_edit.text().replace("，", ",").split(",") if p.strip().isdigit()]
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: wo.link_orders_to_outage(db, actor=actor, outage_id=out, order_ids=ids)).success(
            lambda _r: self._linked(len(ids))).run()

    def _linked(self, n: int) -> None:
        self.link_edit.clear()
        self.message_bar.show_info(self.tr("%1 orders linked.").replace("%1", str(n)))
