"""工单 tab, dispatch board page: open orders with live countdowns and each technician's load.

Deadlines are computed once per order when the board loads (``queries.board``); the 1-second ``tick`` only
compares ``clock.now()`` with those datetimes and recolours (amber near the deadline, red when late).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.qt.ops import Loader
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, selected_row
from station_desk.work_orders import queries
from station_desk.work_orders.sla import fmt_minutes

AMBER, RED, GREY = "#FFD966", "#F4A6A6", "#DDEBF7"
PAUSED = "#E2E2E2"  # the clock stands still (SLA pause)


def select_order(table, order_id: int | None) -> None:
    """Select the row of ``order_id`` (else the first row) in a table of order rows."""
    rows = table.model().rows()
    for i, r in enumerate(rows):
        if r.id == order_id:
            table.selectRow(i)
            return
    if rows:
        table.selectRow(0)


class BoardPage(QWidget):
    detailRequested = Signal()  # noqa: N815 - Qt signal name

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._board: queries.Board | None = None
        self._state: dict[int, tuple[str, str, int]] = {}
        self.loads = Loader(self)
        box = QVBoxLayout(self)
        self.summary = QLabel()
        box.addWidget(self.summary)
        split = QSplitter()
        split.addWidget(self._build_orders())
        split.addWidget(self._build_loads())
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        box.addWidget(split, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _build_orders(self):
        self.model = RowTableModel([
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
        self.table = make_table(self.model, name="boardTable", row_height=22)
        # Enter or a double click on a row (the view's own key handling: a Return shortcut would also catch the
        # Return typed into a dialog whose window is not active yet)
        self.table.activated.connect(lambda _i: self.detailRequested.emit())
        # the countdown column holds its longest text whole ("暂停至 12-31 23:59" is wider than a countdown)
        widest = self.table.fontMetrics().horizontalAdvance(
            self.tr("paused until %1").replace("%1", "12-31 23:59")) + 24
        for col, width in enumerate((56, max(130, widest), 130, 70, 40, 70, 90, 230, 70, 86)):
            self.table.horizontalHeader().resizeSection(col, width)
        return self.table

    def _build_loads(self):
        self.load_model = RowTableModel([
            Column(self.tr("Technician"), lambda t: t.name),
            Column(self.tr("Open"), lambda t: t.open_orders, "right"),
            Column(self.tr("Today"), lambda t: t.dispatched_today, "right"),
        ])
        self.load_table = make_table(self.load_model, name="loadTable", row_height=22)
        for col, width in enumerate((80, 50, 60)):
            self.load_table.horizontalHeader().resizeSection(col, width)
        self.load_table.setMinimumWidth(240)
        return self.load_table

    # -- loading and the tick --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The board, read on the database worker (the newest read wins); the selected order stays selected."""
        db = self.ctx.db
        self.loads.load(lambda: queries.board(db), self._show)

    def _show(self, board: queries.Board) -> None:
        selected = self.selected_id()
        self._board = board
        self._state = queries.countdowns(self._board, clock.now())
        self.model.set_rows(self._board.orders)
        self.load_model.set_rows(self._board.loads)
        self._update_summary()
        select_order(self.table, selected)

    def tick(self) -> None:
        """Recolour the countdowns for the (possibly fake) current time. No database access."""
        if self._board is None:
            return
        old, self._state = self._state, queries.countdowns(self._board, clock.now())
        # repaint only the rows whose colour or minute changed (most ticks change none)
        rows = self.model.rows()
        last_col = self.model.columnCount() - 1
        changed = False
        for i, row in enumerate(rows):
            if old.get(row.id) != self._state.get(row.id):
                changed = True
                self.model.dataChanged.emit(self.model.index(i, 0), self.model.index(i, last_col))
        if changed:
            self._update_summary()

    def _update_summary(self) -> None:
        orders = self._board.orders if self._board else []
        waiting = sum(1 for o in orders if o.status in ("new", "reopened"))
        late = sum(1 for v in self._state.values() if v[0] == "late")
        self.summary.setText(self.tr("%1 open orders, %2 waiting for dispatch, %3 late")
                             .replace("%1", str(len(orders))).replace("%2", str(waiting)).replace("%3", str(late)))

    def _countdown_text(self, r) -> str:
        state, which, left = self._state.get(r.id, ("", "", 0))
        if not which:
            return ""
        label = self.tr("respond") if which == "respond" else self.tr("resolve")
        if state == "paused":
            if r.paused_until is None:
                return self.tr("paused until recovery")
            return self.tr("paused until %1").replace("%1", r.paused_until.strftime("%m-%d %H:%M"))
        if state == "late":
            return self.tr("%1 late %2").replace("%1", label).replace("%2", fmt_minutes(-left))
        return f"{label} {fmt_minutes(left)}"

    def _row_colour(self, r) -> str | None:
        s = self.row_state(r.id)
        if s == "late":
            return RED
        if s == "amber":
            return AMBER
        if s == "waiting" and r.carried_over:
            return GREY
        if s == "paused":
            return PAUSED
        return None

    def row_state(self, order_id: int) -> str:
        """'ok' | 'amber' | 'late' | 'waiting' | 'paused' (tests and the status line)."""
        return self._state.get(order_id, ("", "", 0))[0]

    # -- selection ---------------------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        row = selected_row(self.table)
        return row.id if row is not None else None

    def select(self, order_id: int | None) -> None:
        select_order(self.table, order_id)
