"""工单 tab: the dispatch clerk's board with live countdowns, the follow-up call list, the SLA report with a
weekly chart, and the major-outage log.

Deadlines are computed once per order when the board loads (``queries.board``); the 1-second ``tick`` only
compares ``clock.now()`` with those datetimes and recolours (amber near the deadline, red when late).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.feedback import show_error
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.work_orders import queries
from station_desk.work_orders import service as wo
from station_desk.work_orders.sla import fmt_minutes

AMBER, RED, GREY = "#FFD966", "#F4A6A6", "#DDEBF7"


def _table(name: str, model) -> QTableView:
    t = QTableView()
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setDefaultSectionSize(22)
    return t


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


class WorkOrdersTab(ModuleTab):
    watches = frozenset({"work_orders", "staff", "customers", "policy"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._board: queries.Board | None = None
        self._state: dict[int, tuple[str, str]] = {}
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, shortcut, slot in (
                ("new", self.tr("&New (Ctrl+N)"), "Ctrl+N", self.new_order),
                ("dispatch", self.tr("&Dispatch (F2)"), "F2", self.dispatch),
                ("respond", self.tr("&Responded (F3)"), "F3", self.respond),
                ("follow", self.tr("F&ollow (F4)"), "F4", self.follow),
                ("return", self.tr("Re&turn (F6)"), "F6", self.return_order),
                ("call", self.tr("&Call back (F7)"), "F7", self.call),
                ("close", self.tr("C&lose (F8)"), "F8", self.close_order),
                ("book", self.tr("Call &later…"), "", self.book_call),
                ("late", self.tr("Late &reason…"), "", self.explain_late),
                ("cancel", self.tr("Cancel order"), "Ctrl+Del", self.cancel),
                ("reopen", self.tr("Reo&pen"), "", self.reopen)):
            b = QPushButton(text)
            b.setObjectName(f"wo_{key}")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, activated=slot)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)
        self._build_board()
        self._build_calls()
        self._build_report()
        self._build_outages()
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    # -- pages ---------------------------------------------------------------------------------------------------
    def _build_board(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.board_summary = QLabel()
        box.addWidget(self.board_summary)
        split = QSplitter()
        self.board_model = RowTableModel([
            Column(self.tr("No."), lambda r: r.id, "right"),
            Column(self.tr("Countdown"), self._countdown_text, "right"),
            Column(self.tr("Status"), lambda r: r.status_label + (self.tr(" (yesterday)") if r.carried_over else "")),
            Column(self.tr("Kind"), lambda r: r.kind_label + (self.tr(" urgent") if r.priority else "")
                   + (self.tr(" (manager)") if r.for_manager else "")),
            Column(self.tr("Class"), lambda r: r.service_class, "center"),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Area"), lambda r: r.area),
            Column(self.tr("Address"), lambda r: r.address),
            Column(self.tr("Technician"), lambda r: r.technician),
            Column(self.tr("Expires"), lambda r: r.expiry_date.isoformat() if r.expiry_date else ""),
            Column(self.tr("Description"), lambda r: r.description),
        ], background=self._row_colour)
        self.board_table = _table("boardTable", self.board_model)
        self.board_table.doubleClicked.connect(lambda _i: self.show_detail())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.board_table, activated=self.show_detail)
        for col, width in enumerate((56, 130, 130, 70, 40, 70, 90, 230, 70, 86)):
            self.board_table.horizontalHeader().resizeSection(col, width)
        split.addWidget(self.board_table)
        self.load_model = RowTableModel([
            Column(self.tr("Technician"), lambda t: t.name),
            Column(self.tr("Open"), lambda t: t.open_orders, "right"),
            Column(self.tr("Today"), lambda t: t.dispatched_today, "right"),
        ])
        self.load_table = _table("loadTable", self.load_model)
        for col, width in enumerate((80, 50, 60)):
            self.load_table.horizontalHeader().resizeSection(col, width)
        self.load_table.setMinimumWidth(240)
        split.addWidget(self.load_table)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        box.addWidget(split, 1)
        self.pages.addTab(page, self.tr("Dispatch board"))

    def _build_calls(self) -> None:
        self.calls_model = RowTableModel([
            Column(self.tr("No."), lambda r: r.id, "right"),
            Column(self.tr("Registered"), lambda r: r.created_at.strftime("%m-%d %H:%M")),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Technician"), lambda r: r.technician),
            Column(self.tr("Late"), lambda r: self.tr("late") if r.late else ""),
        ], foreground=lambda r: "#B00000" if r.late else None)
        self.calls_table = _table("callsTable", self.calls_model)
        self.calls_table.doubleClicked.connect(lambda _i: self.show_detail())
        self.pages.addTab(self.calls_table, self.tr("Returned — to call back"))

    def _build_report(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        self.month_edit = QLineEdit(clock.month_key(clock.today()))
        self.month_edit.setObjectName("slaMonth")
        self.month_edit.setMaximumWidth(100)
        self.month_edit.returnPressed.connect(self.refresh)
        row.addWidget(QLabel(self.tr("&Month")))
        row.itemAt(0).widget().setBuddy(self.month_edit)
        row.addWidget(self.month_edit)
        for text, slot in ((self.tr("Show"), self.refresh), (self.tr("Export &Excel…"), self.export_xlsx),
                           (self.tr("&Print sheet…"), self.export_pdf)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.sla_model = RowTableModel([
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
        ])
        self.sla_table = _table("slaTable", self.sla_model)
        self.sla_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.sla_table, 1)
        self.chart = WeeklyChart()
        box.addWidget(self.chart, 1)
        self.sla_table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._chart_for_selection())
        self.pages.addTab(page, self.tr("SLA report"))

    def _build_outages(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        for text, slot in ((self.tr("Log &outage…"), self.log_outage),
                           (self.tr("Mark &recovered"), self.mark_recovered)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addWidget(QLabel(self.tr("Link orders (nos.):")))
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("12, 13, 15")
        self.link_edit.returnPressed.connect(self.link_orders)
        row.addWidget(self.link_edit)
        row.addStretch(1)
        box.addLayout(row)
        self.outage_model = RowTableModel([
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
        self.outage_table = _table("outageTable", self.outage_model)
        box.addWidget(self.outage_table, 2)
        box.addWidget(QLabel(self.tr("Repair orders by fault type, per week")))
        self.fault_model = RowTableModel([Column(self.tr("Week"), lambda r: r[0].strftime("%m-%d")),
                                          Column(self.tr("Orders"), lambda r: sum(r[1].values()), "right"),
                                          Column(self.tr("By fault type"), lambda r: "，".join(
                                              f"{k} {v}" for k, v in sorted(r[1].items(), key=lambda kv: -kv[1])))])
        box.addWidget(_table("faultTable", self.fault_model), 1)
        self.pages.addTab(page, self.tr("Major outages"))

    # -- refresh and tick ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        page = self.pages.currentIndex()
        try:
            if page == 0:
                self.load_board()
            elif page == 1:
                self.calls_model.set_rows(queries.list_orders(self.ctx.db, statuses=("returned", "called")))
            elif page == 2:
                y, m = clock.parse_month(self.month_edit.text())
                self.sla_model.set_rows(queries.sla_report(self.ctx.db, year=y, month=m))
                self.chart.title = self.tr("Station")
                self.chart.set_points(queries.sla_weekly(self.ctx.db, year=y, month=m))
            else:
                self.outage_model.set_rows(queries.list_outages(self.ctx.db))
                self.fault_model.set_rows(list(reversed(queries.fault_type_weekly(self.ctx.db))))
        except ValueError:
            self.message_bar.show_error(self.tr("Month must look like 2026-11."))

    def _chart_for_selection(self) -> None:
        """The chart follows the technician selected in the report (the whole station when none)."""
        index = self.sla_table.currentIndex()
        row = self.sla_model.row_at(index.row()) if index.isValid() else None
        try:
            y, m = clock.parse_month(self.month_edit.text())
        except ValueError:
            return
        self.chart.title = row.name if row else self.tr("Station")
        self.chart.set_points(queries.sla_weekly(self.ctx.db, year=y, month=m,
                                                 technician_id=row.staff_id if row else None))

    def load_board(self) -> None:
        selected = self.selected_id()
        self._board = queries.board(self.ctx.db)
        self._compute_states(clock.now())
        self.board_model.set_rows(self._board.orders)
        self.load_model.set_rows(self._board.loads)
        self._update_summary()
        self._select(self.board_table, self.board_model, selected)

    def _update_summary(self) -> None:
        orders = self._board.orders if self._board else []
        waiting = sum(1 for o in orders if o.status in ("new", "reopened"))
        late = sum(1 for v in self._state.values() if v[0] == "late")
        self.board_summary.setText(self.tr("%1 open orders, %2 waiting for dispatch, %3 late")
                                   .replace("%1", str(len(orders))).replace("%2", str(waiting))
                                   .replace("%3", str(late)))

    def _compute_states(self, now: dt.datetime) -> None:
        self._state = queries.countdowns(self._board, now) if self._board else {}

    def _countdown_text(self, r) -> str:
        state, which, left = self._state.get(r.id, ("", "", 0))
        if not which:
            return ""
        label = self.tr("respond") if which == "respond" else self.tr("resolve")
        if state == "late":
            return self.tr("%1 late %2").replace("%1", label).replace("%2", fmt_minutes(-left))
        return f"{label} {fmt_minutes(left)}"

    def tick(self) -> None:
        """Recolour the countdowns for the (possibly fake) current time. No database access."""
        if self._board is None:
            return
        old = self._state
        self._compute_states(clock.now())
        # repaint only the rows whose colour or minute changed (most ticks change none)
        rows = self.board_model.rows()
        last_col = self.board_model.columnCount() - 1
        changed = False
        for i in range(self.board_model.rowCount()):
            oid = rows[i].id
            if old.get(oid) != self._state.get(oid):
                changed = True
                self.board_model.dataChanged.emit(self.board_model.index(i, 0), self.board_model.index(i, last_col))
        if changed:
            self._update_summary()

    def _row_colour(self, r) -> str | None:
        s = self._state.get(r.id, ("", "", 0))[0]
        if s == "late":
            return RED
        if s == "amber":
            return AMBER
        if s == "waiting" and r.carried_over:
            return GREY
        return None

    def row_state(self, order_id: int) -> str:
        """'ok' | 'amber' | 'late' | 'waiting' (tests and the status line)."""
        return self._state.get(order_id, ("", "", 0))[0]

    # -- selection ---------------------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        table, model = ((self.board_table, self.board_model) if self.pages.currentIndex() == 0
                        else (self.calls_table, self.calls_model))
        index = table.currentIndex()
        row = model.row_at(index.row()) if index.isValid() else None
        return row.id if row is not None else None

    @staticmethod
    def _select(table, model, order_id) -> None:
        rows = model.rows()
        for i, r in enumerate(rows):
            if r.id == order_id:
                table.selectRow(i)
                return
        if rows:
            table.selectRow(0)

    def focus_default(self) -> None:
        self.board_table.setFocus()

    # -- actions ---------------------------------------------------------------------------------------------------
    def _done(self, text: str) -> None:
        self.ctx.bus.changed.emit({"work_orders"}, self)
        self.message_bar.show_info(text)

    def _run(self, dialog, text: str) -> bool:
        if dialog.exec():
            self._done(text)
            return True
        return False

    def _need(self) -> int | None:
        oid = self.selected_id()
        if oid is None:
            self.message_bar.show_error(self.tr("Select an order first."))
        return oid

    def new_order(self) -> None:
        oid = dialogs.open_new_order_dialog(self, self.ctx)
        if oid:
            self.pages.setCurrentIndex(0)
            self.refresh()
            self._select(self.board_table, self.board_model, oid)
            self.message_bar.show_info(self.tr("Order %1 registered.").replace("%1", str(oid)))

    def dispatch(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.DispatchDialog(self, self.ctx, oid), self.tr("Order %1 dispatched.")
                      .replace("%1", str(oid)))

    def respond(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.RespondDialog(self, self.ctx, oid), self.tr("Response recorded."))

    def follow(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.FollowDialog(self, self.ctx, oid), self.tr("Follow-up note recorded."))

    def return_order(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.ReturnDialog(self, self.ctx, oid), self.tr("Order %1 returned; it now waits for the "
                                                                         "follow-up call.").replace("%1", str(oid)))

    def call(self) -> None:
        if (oid := self._need()) is None:
            return
        try:
            amount = queries.get_order(self.ctx.db, oid).amount_fen
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        d = dialogs.CallDialog(self, self.ctx, oid, amount)
        if d.exec():
            res = d.result_value
            text = self.tr("Follow-up call recorded.")
            if res.reopened:
                text += self.tr(" Not solved: the order is reopened for dispatch.")
            if res.complaint_order_id:
                text += self.tr(" Unsatisfied: complaint %1 raised for the manager.").replace(
                    "%1", str(res.complaint_order_id))
            if res.pay_reminder:
                text += self.tr(" Remind the customer to pay.")
            self._done(text)

    def close_order(self) -> None:
        if (oid := self._need()) is None:
            return
        fn = lambda reason: wo.close_order(self.ctx.db, actor=self.ctx.actor, order_id=oid, reason=reason)  # noqa
        status = queries.get_order(self.ctx.db, oid).status
        if status == "called":
            try:
                fn("")
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
                return
            self._done(self.tr("Order %1 closed; points credited.").replace("%1", str(oid)))
            return
        self._run(dialogs.ReasonDialog(self, self.tr("Close without a follow-up call"),
                                       self.tr("&Reason (why no call)"), fn),
                  self.tr("Order %1 closed; points credited.").replace("%1", str(oid)))

    def cancel(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.ReasonDialog(self, self.tr("Cancel order %1").replace("%1", str(oid)),
                                           self.tr("&Reason"), lambda r: wo.cancel_order(
                                               self.ctx.db, actor=self.ctx.actor, order_id=oid, reason=r)),
                      self.tr("Order cancelled."))

    def reopen(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.ReasonDialog(self, self.tr("Reopen order %1").replace("%1", str(oid)),
                                           self.tr("&Reason"), lambda r: wo.reopen_order(
                                               self.ctx.db, actor=self.ctx.actor, order_id=oid, reason=r)),
                      self.tr("Order reopened."))

    def book_call(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.CallBackDialog(self, self.ctx, oid), self.tr("Call-back time booked."))

    def explain_late(self) -> None:
        if (oid := self._need()) is not None:
            self._run(dialogs.ReasonDialog(self, self.tr("Late reason: order %1").replace("%1", str(oid)),
                                           self.tr("&Reason"), lambda r: wo.explain_late(
                                               self.ctx.db, actor=self.ctx.actor, order_id=oid, reason=r)),
                      self.tr("Late reason recorded."))

    def show_detail(self) -> None:
        if (oid := self._need()) is None:
            return
        d = queries.get_order(self.ctx.db, oid)
        lines = [f"{d.kind_label} · {d.class_label} · {d.status_label}", f"{d.customer_name} {d.phone}",
                 f"{d.area}{d.address}", d.description]
        if d.expiry_date:
            lines.append(self.tr("Customer's service expires %1").replace("%1", d.expiry_date.isoformat()))
        lines += [f"{e.at:%m-%d %H:%M} {e.label} {e.technician} {e.note} {e.reason}".rstrip() for e in d.events]
        from station_desk.qt.feedback import show_info

        show_info(self, "\n".join(lines))

    # -- report files and outages ------------------------------------------------------------------------------------
    def _month(self) -> tuple[int, int] | None:
        try:
            return clock.parse_month(self.month_edit.text())
        except ValueError:
            self.message_bar.show_error(self.tr("Month must look like 2026-11."))
            return None

    def export_xlsx(self) -> None:
        if (ym := self._month()) is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export SLA report"),
                                              f"工单时效-{ym[0]}-{ym[1]:02d}.xlsx", "Excel (*.xlsx)")
        if path:
            from station_desk.reports.sla_sheet import write_sla_xlsx

            write_sla_xlsx(self.ctx.db, path, year=ym[0], month=ym[1])
            self.message_bar.show_info(self.tr("Saved %1").replace("%1", path))

    def export_pdf(self) -> None:
        if (ym := self._month()) is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Print SLA sheet"),
                                              f"工单时效-{ym[0]}-{ym[1]:02d}.pdf", "PDF (*.pdf)")
        if path:
            from station_desk.reports.sla_sheet import write_sla_pdf

            write_sla_pdf(self.ctx.db, path, year=ym[0], month=ym[1])
            self.message_bar.show_info(self.tr("Saved %1").replace("%1", path))
            open_document(self, path)

    def log_outage(self) -> None:
        self._run(dialogs.OutageDialog(self, self.ctx), self.tr("Outage logged."))

    def _outage_id(self) -> int | None:
        index = self.outage_table.currentIndex()
        row = self.outage_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.message_bar.show_error(self.tr("Select an outage first."))
        return row.id if row else None

    def mark_recovered(self) -> None:
        if (out := self._outage_id()) is None:
            return
        try:
            wo.update_outage(self.ctx.db, actor=self.ctx.actor, outage_id=out, recovered_at=clock.now())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self._done(self.tr("Recovery recorded."))

    def link_orders(self) -> None:
        if (out := self._outage_id()) is None:
            return
        ids = [int(p) for p in self.link_edit.text().replace("，", ",").split(",") if p.strip().isdigit()]
        try:
            wo.link_orders_to_outage(self.ctx.db, actor=self.ctx.actor, outage_id=out, order_ids=ids)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.link_edit.clear()
        self._done(self.tr("%1 orders linked.").replace("%1", str(len(ids))))


class _LazyDialogs:
    """``dialogs`` imported on first use (opening the tab does not need them)."""

    def __getattr__(self, name):
        from station_desk.work_orders import dialogs as module

        return getattr(module, name)


dialogs = _LazyDialogs()


def _mins(v: float | None) -> str:
    return "" if v is None else fmt_minutes(round(v))
