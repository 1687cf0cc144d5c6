"""积分 tab: the day's points (review, manual items, confirm), the month (breakdown, company figures, review, lock,
adjustments, the 积分公示表) and a 12-month chart. Reads call the services directly (fast); writes go through Op."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.month_close import service as close
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.points.dialogs import AdjustmentDialog, CompanyFiguresDialog, FactDialog, ManualItemDialog
from station_desk.points.formulas import fmt_points
from station_desk.points.tab_chart import PointsChart
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import show_error
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.widgets import DateEdit


def _table(model) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    return t


def month_keys(n: int = 24) -> list[str]:
    today = clock.today()
    key = clock.month_key(today)
    return [M.prev_month(key, k) for k in range(n)]


def sheets_dir():
    from station_desk.paths import data_dir

    d = data_dir() / "sheets"
    d.mkdir(parents=True, exist_ok=True)
    return d


def save_sheet(tab, write, path, saved_text: str) -> bool:
    """Write a sheet or workbook with ``write(path)``; a refusal is shown in ``tab`` and nothing opens. Otherwise
    remember it (``tab.last_file``), say where it is (``saved_text`` with %1) and show it when ``tab.open_files``.
    Shared by the points and rewards tabs."""
    try:
        write(path)
    except Exception as exc:  # noqa: BLE001 - shown to the person, in Chinese when it is a domain error
        show_error(tab, exc)
        return False
    tab.last_file = path
    tab.message_bar.show_info(saved_text.replace("%1", str(path)))
    if tab.open_files:
        open_document(tab, path)
    return True


class PointsTab(ModuleTab):
    watches = frozenset({"points", "staff", "work_orders", "attendance", "customers", "rewards"})
    #: open printed sheets in the system viewer (tests switch it off)
    open_files = True

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)
        self._build_day_page()
        self._build_month_page()
        self._build_chart_page()
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)

    # -- pages ---------------------------------------------------------------------------------------------------------
    def _build_day_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.day_edit = DateEdit()
        self.day_edit.setObjectName("dayEdit")
        self.day_status = QLabel()
        self.add_item_button = QPushButton(self.tr("&Add item (Ins)"))
        self.reverse_button = QPushButton(self.tr("&Reverse (Del)"))
        self.confirm_button = QPushButton(self.tr("&Confirm the day (Ctrl+Enter)"))
        self.day_xlsx_button = QPushButton(self.tr("Export day to E&xcel"))
        bar.addWidget(QLabel(self.tr("&Day")))
        bar.itemAt(0).widget().setBuddy(self.day_edit)
        bar.addWidget(self.day_edit)
        for w in (self.add_item_button, self.reverse_button, self.confirm_button, self.day_xlsx_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.day_status)
        v.addLayout(bar)
        self.day_model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Role"), lambda r: r.role_label),
            Column(self.tr("Order points"), lambda r: fmt_points(r.order_x100), "right"),
            Column(self.tr("Other"), lambda r: fmt_points(r.other_x100), "right"),
            Column(self.tr("Deductions"), lambda r: fmt_points(r.deductions_x100), "right"),
            Column(self.tr("Total"), lambda r: fmt_points(r.total_x100), "right"),
            Column(self.tr("Entries"), lambda r: len(r.entries), "right"),
        ], foreground=lambda r: "#999999" if not r.entries else None)
        self.entry_model = RowTableModel([
            Column(self.tr("Rule"), lambda e: e.rule_text),
            Column(self.tr("Points"), lambda e: fmt_points(e.points_x100), "right"),
            Column(self.tr("Source"), lambda e: e.source),
            Column(self.tr("Note"), lambda e: e.note),
            Column(self.tr("Entered by"), lambda e: e.created_by),
            Column(self.tr("At"), lambda e: e.created_at.strftime("%m-%d %H:%M")),
            Column(self.tr("After confirmation"), lambda e: self.tr("yes") if e.after_confirmation else ""),
        ], foreground=lambda e: "#c00000" if e.after_confirmation else ("#999999" if e.reverses_id else None))
        self.day_table = _table(self.day_model)
        self.day_table.setObjectName("dayTable")
        self.entry_table = _table(self.entry_model)
        self.entry_table.setObjectName("entryTable")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.day_table)
        split.addWidget(self.entry_table)
        v.addWidget(split, 1)
        self.pages.addTab(page, self.tr("Daily points"))
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.day_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_entries())
        self.entry_table.doubleClicked.connect(lambda _i: self.open_entry())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.entry_table, activated=self.open_entry)
        self.add_item_button.clicked.connect(self.add_item)
        self.reverse_button.clicked.connect(self.reverse_item)
        self.confirm_button.clicked.connect(self.confirm_day)
        self.day_xlsx_button.clicked.connect(self.export_day)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), page, activated=self.add_item)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.entry_table, activated=self.reverse_item)
        QShortcut(QKeySequence("Ctrl+Return"), page, activated=self.confirm_day)
        QShortcut(QKeySequence("Ctrl+D"), page, activated=self.day_edit.setFocus)

    def _build_month_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.month_box = QComboBox()
        self.month_box.setObjectName("monthBox")
        for key in month_keys():
            self.month_box.addItem(key, key)
        today = clock.today()
        if today.day <= self.ctx.policy().points.review_deadline_day:
            self.month_box.setCurrentIndex(1)  # before the 5th: last month is the one to review
        label = QLabel(self.tr("&Month"))
        label.setBuddy(self.month_box)
        bar.addWidget(label)
        bar.addWidget(self.month_box)
        self.inputs_button = QPushButton(self.tr("Company &figures…"))
        self.fact_button = QPushButton(self.tr("Record a fac&t…"))
        self.review_button = QPushButton(self.tr("Re&view"))
        self.lock_button = QPushButton(self.tr("&Lock month"))
        self.adjust_button = QPushButton(self.tr("Ad&justment…"))
        self.print_button = QPushButton(self.tr("&Print sheet (Ctrl+P)"))
        for w in (self.inputs_button, self.fact_button, self.review_button, self.lock_button, self.adjust_button,
                  self.print_button):
            bar.addWidget(w)
        bar.addStretch(1)
        v.addLayout(bar)
        self.month_status = QLabel()
        self.month_status.setObjectName("monthStatus")
        v.addWidget(self.month_status)
        self.month_model = RowTableModel([
            Column(self.tr("Rank"), lambda p: p.rank, "center"),
            Column(self.tr("Emp. no."), lambda p: p.emp_no),
            Column(self.tr("Name"), lambda p: p.name),
            Column(self.tr("Role"), lambda p: p.role_label),
            Column(self.tr("Order points"), lambda p: fmt_points(p.order_x100), "right"),
            Column(self.tr("Auxiliary points"), lambda p: fmt_points(p.auxiliary_x100), "right"),
            Column(self.tr("Deductions"), lambda p: fmt_points(p.deductions_x100), "right"),
            Column(self.tr("Adjustments"), lambda p: fmt_points(p.adjustments_x100), "right"),
            Column(self.tr("Total"), lambda p: fmt_points(p.total_x100), "right"),
            Column(self.tr("Pay (yuan)"), lambda p: "" if p.pay_fen is None else f"{p.pay_fen / 100:,.2f}", "right"),
        ])
        self.line_model = RowTableModel([
            Column(self.tr("Rule"), lambda ln: M.RULE_TEXT.get(ln.rule, ln.rule)),
            Column(self.tr("Points"), lambda ln: ln.points, "right"),
            Column(self.tr("How"), lambda ln: ln.text),
            Column(self.tr("Facts"), lambda ln: "、".join(ln.facts[:12]) + ("…" if len(ln.facts) > 12 else ""),
                   tooltip=lambda ln: "\n".join(ln.facts)),
        ])
        self.month_table = _table(self.month_model)
        self.month_table.setObjectName("monthTable")
        self.line_table = _table(self.line_model)
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(120)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.month_table)
        split.addWidget(self.line_table)
        split.addWidget(self.notes)
        split.setSizes([400, 180, 90])
        v.addWidget(split, 1)
        self.pages.addTab(page, self.tr("Month"))
        self.month_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.month_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_lines())
        self.inputs_button.clicked.connect(self.edit_inputs)
        self.fact_button.clicked.connect(self.record_fact)
        self.review_button.clicked.connect(self.review)
        self.lock_button.clicked.connect(self.lock)
        self.adjust_button.clicked.connect(self.adjust)
        self.print_button.clicked.connect(self.print_sheet)
        QShortcut(QKeySequence("Ctrl+P"), page, activated=self.print_sheet)

    def _build_chart_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.chart_person = QComboBox()
        self.chart_person.setObjectName("chartPerson")
        self.chart_person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar = QHBoxLayout()
        label = QLabel(self.tr("&Highlight"))
        label.setBuddy(self.chart_person)
        bar.addWidget(label)
        bar.addWidget(self.chart_person)
        bar.addStretch(1)
        v.addLayout(bar)
        self.chart = PointsChart()
        v.addWidget(self.chart, 1)
        self.pages.addTab(page, self.tr("12-month chart"))
        self.chart_person.currentIndexChanged.connect(
            lambda _i: self.chart.set_highlight(self.chart_person.currentData()))

    # -- refresh -------------------------------------------------------------------------------------------------------
    def month(self) -> str:
        return self.month_box.currentData()

    def refresh(self) -> None:
        try:
            page = self.pages.currentIndex()
            if page == 0:
                self._refresh_day()
            elif page == 1:
                self._refresh_month()
            else:
                self._refresh_chart()
        except Exception as exc:  # noqa: BLE001 - shown inline
            show_error(self, exc)

    def _refresh_day(self) -> None:
        dp = P.day_points(self.ctx.db, self.day_edit.value())
        self._day = dp
        keep = self._selected(self.day_table, self.day_model)
        self.day_model.set_rows(dp.people)
        self._reselect(self.day_table, self.day_model, keep)
        if dp.confirmed:
            self.day_status.setText(self.tr("Confirmed by %1 at %2").replace("%1", dp.confirmed_by)
                                    .replace("%2", dp.confirmed_at.strftime("%m-%d %H:%M")))
        else:
            self.day_status.setText(self.tr("Not confirmed yet — total %1").replace("%1", fmt_points(dp.total_x100)))
        self.confirm_button.setEnabled(not dp.confirmed)
        self._show_entries()

    def _refresh_month(self) -> None:
        mp = M.month_points(self.ctx.db, self.month())
        self._mp = mp
        keep = self._selected(self.month_table, self.month_model)
        self.month_model.set_rows(mp.people)
        self._reselect(self.month_table, self.month_model, keep)
        state = self.tr("locked") if mp.locked else self.tr("open")
        self.month_status.setText(self.tr("Station average %1 · %2").replace("%1", fmt_points(mp.average_x100))
                                  .replace("%2", state))
        self.lock_button.setEnabled(not mp.locked)
        self.adjust_button.setEnabled(mp.locked)
        self.notes.setPlainText("\n".join(list(mp.warnings) + list(mp.notes)))
        self._show_lines()

    def _refresh_chart(self) -> None:
        db, this = self.ctx.db, M.prev_month(clock.month_key(clock.today()))  # the last 12 complete months
        threshold = self.ctx.policy().points.transfer_points_threshold * 100
        Op(self, lambda: M.monthly_totals(db, this, 12)).success(lambda data: self._show_chart(*data, threshold)) \
            .failure(lambda exc: show_error(self, exc)).run()

    def _show_chart(self, keys, series, threshold) -> None:
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

    @staticmethod
    def _selected(table, model):
        row = model.row_at(table.currentIndex().row()) if table.currentIndex().isValid() else None
        return getattr(row, "staff_id", None)

    @staticmethod
    def _reselect(table, model, staff_id) -> None:
        rows = model.rows()
        idx = next((i for i, r in enumerate(rows) if r.staff_id == staff_id), 0)
        if rows:
            table.selectRow(min(idx, model.rowCount() - 1))

    def _show_entries(self) -> None:
        person = self.day_model.row_at(self.day_table.currentIndex().row())
        self.entry_model.set_rows(person.entries if person else [])

    def _show_lines(self) -> None:
        person = self.month_model.row_at(self.month_table.currentIndex().row())
        self.line_model.set_rows(person.lines if person else [])

    def focus_default(self) -> None:
        self.day_table.setFocus()

    # -- daily actions -------------------------------------------------------------------------------------------------
    def _people(self):
        return [p for p in getattr(self, "_day", None).people] if getattr(self, "_day", None) else []

    def add_item(self) -> None:
        current = self.day_model.row_at(self.day_table.currentIndex().row())
        dialog = ManualItemDialog(self, self._people(), self.day_edit.value(), current.staff_id if current else None)
        if not dialog.exec() or dialog.result_values is None:
            return
        v = dialog.result_values
        Op(self, lambda: P.add_manual_points(self.ctx.db, actor=self.ctx.actor, **v), changes={"points"}) \
            .success(lambda _r: self.message_bar.show_info(self.tr("Item added."))).run()

    def reverse_item(self) -> None:
        entry = self.entry_model.row_at(self.entry_table.currentIndex().row())
        if entry is None:
            self.message_bar.show_error(self.tr("Select an entry in the lower list first."))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reverse entry"), self.tr("Reason for the reversal:"))
        if not ok:
            return
        Op(self, lambda: P.reverse_entry(self.ctx.db, actor=self.ctx.actor, entry_id=entry.id, reason=reason),
           changes={"points"}).success(lambda _r: self.message_bar.show_info(self.tr("Entry reversed."))).run()

    def open_entry(self) -> None:
        """Where the selected point came from (the work order, the attendance decision, the clerk's note)."""
        entry = self.entry_model.row_at(self.entry_table.currentIndex().row())
        if entry is None:
            return
        try:
            lines = P.explain_entry(self.ctx.db, entry.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Points entry"),
                          "\n".join(f"{k}：{v}" for k, v in lines), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("EntryDetailBox")
        self.last_detail = lines
        box.exec()

    def confirm_day(self) -> None:
        day = self.day_edit.value()
        Op(self, lambda: P.confirm_day(self.ctx.db, actor=self.ctx.actor, day=day), changes={"points"}) \
            .success(lambda _r: self.message_bar.show_info(
                self.tr("Points of %1 confirmed.").replace("%1", day.isoformat()))).run()

    def export_day(self) -> None:
        from station_desk.reports.points_sheet import export_daily_xlsx

        day = self.day_edit.value()
        save_sheet(self, lambda p: export_daily_xlsx(self.ctx.db, day, p),
                   sheets_dir() / f"每日积分-{day.isoformat()}.xlsx", self.tr("Saved %1"))

    # -- month actions -------------------------------------------------------------------------------------------------
    def _month_people(self):
        return list(getattr(self, "_mp", None).people) if getattr(self, "_mp", None) else []

    def edit_inputs(self) -> None:
        month = self.month()
        dialog = CompanyFiguresDialog(self, P.month_inputs(self.ctx.db, month), self._month_people())
        if not dialog.exec() or dialog.result_values is None:
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Enter the company's figures"))
        if approval is None:
            return
        v = dialog.result_values
        Op(self, lambda: P.set_month_input(self.ctx.db, actor=self.ctx.actor, approval=approval, month=month, **v),
           changes={"points"}).success(lambda _r: self.message_bar.show_info(self.tr("Figures saved."))).run()

    def record_fact(self) -> None:
        y, m = clock.parse_month(self.month())
        day = min(clock.today(), clock.month_bounds(y, m)[1] - dt.timedelta(days=1))
        dialog = FactDialog(self, self._month_people(), day)
        if not dialog.exec() or dialog.result_values is None:
            return
        v = dialog.result_values
        Op(self, lambda: P.record_fact(self.ctx.db, actor=self.ctx.actor, **v), changes={"points"}) \
            .success(lambda _r: self.message_bar.show_info(self.tr("Recorded."))).run()

    def review(self) -> None:
        try:
            items = close.review_month(self.ctx.db, self.month())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        head = self.tr("%1 items to check:").replace("%1", str(len(items))) if items else \
            self.tr("Nothing suspicious found.")
        self.notes.setPlainText("\n".join([head] + [i.text for i in items]))
        self.message_bar.show_info(head)

    def lock(self) -> None:
        month = self.month()
        approval = ask_manager_approval(self, self.ctx, self.tr("Lock the points of %1").replace("%1", month))
        if approval is None:
            return
        Op(self, lambda: close.lock_month(self.ctx.db, actor=self.ctx.actor, approval=approval, month=month),
           changes={"points", "rewards"}).success(
            lambda _r: self.message_bar.show_info(self.tr("%1 locked.").replace("%1", month))).run()

    def adjust(self) -> None:
        month = self.month()
        dialog = AdjustmentDialog(self, self._month_people(), month)
        if not dialog.exec() or dialog.result_values is None:
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Adjust a locked month"))
        if approval is None:
            return
        v = dialog.result_values
        Op(self, lambda: P.add_adjustment(self.ctx.db, actor=self.ctx.actor, approval=approval, **v),
           changes={"points"}).success(lambda _r: self.message_bar.show_info(
            self.tr("Adjustment posted; it shows on this month's sheet."))).run()

    def print_sheet(self) -> None:
        from station_desk.reports.points_sheet import render_points_sheet

        month = self.month()
        save_sheet(self, lambda p: render_points_sheet(self.ctx.db, month, p),
                   sheets_dir() / f"积分公示表-{month}.pdf", self.tr("Saved %1"))
