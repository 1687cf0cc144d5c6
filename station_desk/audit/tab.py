"""审计日志 tab: browse and filter every change (manager only), verify the hash chain."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.audit import service as audit
from station_desk.audit.labels import action_label, entity_label
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, wants_next_page
from station_desk.qt.widgets import DateEdit


#: entries read at a time (older ones as the list scrolls down)
AUDIT_PAGE = 200


class AuditTab(ModuleTab):
    watches = frozenset({"*"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.unlocked = ctx.is_manager
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        layout.addWidget(self._build_gate())
        layout.addWidget(self._build_body(), 1)
        self.search_button.clicked.connect(self.refresh)
        self.text.returnPressed.connect(self.refresh)
        self.verify_button.clicked.connect(self._verify)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self._apply_gate()

    def _build_gate(self) -> QWidget:
        """What a non-manager sees: the log is the manager's."""
        self.gate = QWidget()
        gate_layout = QVBoxLayout(self.gate)
        gate_layout.addWidget(QLabel(self.tr("The audit log is for the station manager.")))
        self.unlock_button = QPushButton(self.tr("&Unlock with the manager's PIN"))
        self.unlock_button.clicked.connect(self._unlock)
        gate_layout.addWidget(self.unlock_button)
        gate_layout.addStretch(1)
        return self.gate

    def _build_body(self) -> QWidget:
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        today = clock.today()
        self.since = DateEdit(today - dt.timedelta(days=30))
        self.until = DateEdit(today)
        self.entity = QComboBox()
        self.entity.addItem(self.tr("All records"), None)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Text in the values…"))
        self.search_button = QPushButton(self.tr("Fi&lter"))
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        for label, w in ((self.tr("From"), self.since), (self.tr("to"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(w)
        filters.addWidget(self.entity)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.search_button)
        filters.addWidget(self.verify_button)
        body.addLayout(filters)
        self.model = RowTableModel([
            Column(self.tr("Time"), lambda r: r.at.strftime("%Y-%m-%d %H:%M:%S")),
            Column(self.tr("Who"), lambda r: r.actor_name),
            Column(self.tr("Action"), lambda r: action_label(r.action), tooltip=lambda r: r.action),
            Column(self.tr("Record"), lambda r: entity_label(r.entity), tooltip=lambda r: r.entity),
            Column(self.tr("No."), lambda r: r.entity_id, align="right"),
            Column(self.tr("Reason"), lambda r: r.reason or ""),
        ])
        self.table = make_table(self.model, name="auditTable", multi=True)
        self._query: tuple | None = None
        self._more = False
        self.table.verticalScrollBar().valueChanged.connect(self._next_page)
        # fixed starting widths (resizing to contents would read every cell of hundreds of rows on each reload)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for col, sample in enumerate(("2026-12-31 23:59:59", "欧阳某某某", "work_orders.credit_history",
                                      "reward_decision", "1234567-1234567")):
            header.resizeSection(col, max(metrics.horizontalAdvance(sample), header.sectionSizeHint(col)) + 16)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([500, 200])
        body.addWidget(split, 1)
        return self.body

    def _apply_gate(self) -> None:
        self.gate.setVisible(not self.unlocked)
        self.body.setVisible(self.unlocked)

    def on_actor_changed(self, actor) -> None:
        self.unlocked = self.ctx.is_manager
        self._apply_gate()
        super().on_actor_changed(actor)

    def _unlock(self) -> None:
        if ask_manager_approval(self, self.ctx, self.tr("View the audit log")) is not None:
            self.unlocked = True
            self._apply_gate()
            self.refresh()

    def focus_default(self) -> None:
        (self.text if self.unlocked else self.unlock_button).setFocus()

    def refresh(self) -> None:
        if not self.unlocked:
            return
        # read on the DB worker, a page at a time: the tab shows at once, its rows when they are read (a newer
        # filter wins), older entries as the list scrolls down (issue #15)
        db, since, until = self.ctx.db, self.since.value(), self.until.value()
        entity, text = self.entity.currentData(), self.text.text().strip() or None
        self._query = query = (since, until, entity, text)
        self._more = True
        self.load(lambda: audit.list_entries(db, since=since, until=until, entity=entity, text=text,
                                             limit=AUDIT_PAGE), lambda rows: self._show_rows(query, rows))

    def _show_rows(self, query, rows) -> None:
        if query != self._query:
            return
        self.model.set_rows(rows)
        self._more = len(rows) == AUDIT_PAGE
        self._add_entities(rows)

    def _next_page(self, _value: int = 0) -> None:
        rows = self.model.rows()
        if (not self._more or not rows or self.loads.busy("rows") or self.loads.busy("more")
                or not wants_next_page(self.table)):
            return
        (since, until, entity, text), db, query, last = self._query, self.ctx.db, self._query, rows[-1].id

        def show(more) -> None:
            if query != self._query or self.model.rows()[-1].id != last:
                return
            self._more = len(more) == AUDIT_PAGE
            self.model.append_rows(more)
            self._add_entities(more)

        self.load(lambda: audit.list_entries(db, since=since, until=until, entity=entity, text=text,
                                             limit=AUDIT_PAGE, before_id=last), show, key="more")

    def _add_entities(self, rows) -> None:
        known = {self.entity.itemData(i) for i in range(self.entity.count())}
        for entity in sorted({r.entity for r in rows} - known):
            self.entity.addItem(entity_label(entity), entity)

    def _show_detail(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        if row is None:
            self.detail.clear()
            return

        def pretty(text):
            if not text:
                return "—"
            try:
                return json.dumps(json.loads(text), ensure_ascii=False, indent=2)
            except ValueError:
                return text

        self.detail.setPlainText(self.tr("Before:") + "\n" + pretty(row.before) + "\n\n" +
                                 self.tr("After:") + "\n" + pretty(row.after))

    def _verify(self) -> None:
        def show(problem):
            if problem is None:
                self.message_bar.show_info(self.tr("The audit log is intact: no entry was altered."))
            else:
                self.message_bar.show_error(self.tr("Entry %1 (%2) was altered outside the program.")
                                            .replace("%1", str(problem.entry_id)).replace("%2", str(problem.at)))

        Op(self, lambda: audit.verify_chain(self.ctx.db)).success(show).run()
