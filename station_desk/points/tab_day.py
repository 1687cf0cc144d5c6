"""积分 › Daily points: the day's points per person and their entries; the clerk adds or reverses items (Ins, Del),
opens an entry's source (Enter) and confirms the day (Ctrl+Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from station_desk.points import service as P
from station_desk.points.dialogs import ManualItemDialog
from station_desk.points.formulas import fmt_points
from station_desk.points.results import source_text
from station_desk.points.tab_sheet import points_columns, sheets_dir
from station_desk.qt.feedback import show_error
from station_desk.qt.ops import Loader, Op
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import fit_columns, make_table, save_sheet, selected_row, stacked
from station_desk.qt.widgets import DateEdit


class DayPage(QWidget):
    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        self.loads = Loader(self)
        self._fitted = False
        self._day: P.DayPoints | None = None
        v = QVBoxLayout(self)
        v.addLayout(self._build_bar())
        self._build_tables()
        v.addWidget(stacked(self.day_table, self.entry_table), 1)
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.day_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_entries())
        self.entry_table.activated.connect(lambda _index: self.open_entry())  # Enter or double-click
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, activated=self.add_item)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.entry_table, activated=self.reverse_item)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.confirm_day)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.day_edit.setFocus)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.day_edit = DateEdit()
        self.day_edit.setObjectName("dayEdit")
        label = QLabel(self.tr("&Day"))
        label.setBuddy(self.day_edit)
        self.day_status = QLabel()
        self.add_item_button = QPushButton(self.tr("&Add item (Ins)"))
        self.reverse_button = QPushButton(self.tr("&Reverse (Del)"))
        self.confirm_button = QPushButton(self.tr("&Confirm the day (Ctrl+Enter)"))
        self.day_xlsx_button = QPushButton(self.tr("Export day to E&xcel"))
        for w, slot in ((self.add_item_button, self.add_item), (self.reverse_button, self.reverse_item),
                        (self.confirm_button, self.confirm_day), (self.day_xlsx_button, self.export_day)):
            w.clicked.connect(slot)
        for w in (label, self.day_edit, self.add_item_button, self.reverse_button, self.confirm_button,
                  self.day_xlsx_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.day_status)
        return bar

    def _build_tables(self) -> None:
        self.day_model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Role"), lambda r: r.role_label),
            *points_columns((self.tr("Order points"), "order_x100"), (self.tr("Other"), "other_x100"),
                            (self.tr("Deductions"), "deductions_x100"), (self.tr("Total"), "total_x100")),
            Column(self.tr("Entries"), lambda r: len(r.entries), "right"),
        ], foreground=lambda r: "#999999" if not r.entries else None)
        self.entry_model = RowTableModel([
            Column(self.tr("Rule"), lambda e: e.rule_text),
            Column(self.tr("Points"), lambda e: fmt_points(e.points_x100), "right"),
            Column(self.tr("Source"), lambda e: source_text(e.source)),
            Column(self.tr("Note"), lambda e: e.note),
            Column(self.tr("Entered by"), lambda e: e.created_by),
            Column(self.tr("At"), lambda e: e.created_at.strftime("%m-%d %H:%M")),
            Column(self.tr("After confirmation"), lambda e: self.tr("yes") if e.after_confirmation else ""),
        ], foreground=lambda e: "#c00000" if e.after_confirmation else ("#999999" if e.reverses_id else None))
        self.day_table = make_table(self.day_model, name="dayTable")
        self.entry_table = make_table(self.entry_model, name="entryTable")

    # -- reading ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        db, day = self.ctx.db, self.day_edit.value()
        self.loads.load(lambda: P.day_points(db, day), self._show)

    def _show(self, dp) -> None:
        self._day = dp
        current = selected_row(self.day_table)
        keep = current.staff_id if current else None
        self.day_model.set_rows(dp.people)
        if not self._fitted and dp.people:  # sized once, from the first rows
            fit_columns(self.day_table)
            self._fitted = True
        if dp.people:
            self.day_table.selectRow(next((i for i, r in enumerate(dp.people) if r.staff_id == keep), 0))
        if dp.confirmed:
            self.day_status.setText(self.tr("Confirmed by %1 at %2").replace("%1", dp.confirmed_by)
                                    .replace("%2", dp.confirmed_at.strftime("%m-%d %H:%M")))
        else:
            self.day_status.setText(self.tr("Not confirmed yet — total %1").replace("%1", fmt_points(dp.total_x100)))
        self.confirm_button.setEnabled(not dp.confirmed)
        self._show_entries()

    def _show_entries(self) -> None:
        person = selected_row(self.day_table)
        self.entry_model.set_rows(person.entries if person else [])
        fit_columns(self.entry_table)

    def _say(self, text: str):
        return lambda _r: self.tab.message_bar.show_info(text)

    # -- actions ------------------------------------------------------------------------------------------------------
    def add_item(self) -> None:
        current = selected_row(self.day_table)
        people = list(self._day.people) if self._day else []
        dialog = ManualItemDialog(self, self.ctx, people, self.day_edit.value(),
                                  current.staff_id if current else None)
        if dialog.exec():
            self.tab.message_bar.show_info(self.tr("Item added."))

    def reverse_item(self) -> None:
        entry = selected_row(self.entry_table)
        if entry is None:
            self.tab.message_bar.show_error(self.tr("Select an entry in the lower list first."))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reverse entry"), self.tr("Reason for the reversal:"))
        if not ok:
            return
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: P.reverse_entry(db, actor=actor, entry_id=entry.id, reason=reason)) \
            .success(self._say(self.tr("Entry reversed."))).failure(lambda exc: show_error(self.tab, exc)).run()

    def open_entry(self) -> None:
        """Where the selected point came from (the work order, the attendance decision, the clerk's note)."""
        entry = selected_row(self.entry_table)
        if entry is None:
            return
        try:
            lines = P.explain_entry(self.ctx.db, entry.id)
        except Exception as exc:  # noqa: BLE001 - shown inline
            show_error(self.tab, exc)
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Points entry"),
                          "\n".join(f"{k}：{v}" for k, v in lines), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("EntryDetailBox")
        self.tab.last_detail = lines
        box.exec()

    def confirm_day(self) -> None:
        day = self.day_edit.value()
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: P.confirm_day(db, actor=actor, day=day)) \
            .success(self._say(self.tr("Points of %1 confirmed.").replace("%1", day.isoformat()))) \
            .failure(lambda exc: show_error(self.tab, exc)).run()

    def export_day(self) -> None:
        from station_desk.reports.points_sheet import export_daily_xlsx  # openpyxl: loaded when first used

        day = self.day_edit.value()
        save_sheet(self.tab, lambda p: export_daily_xlsx(self.ctx.db, day, p),
                   sheets_dir() / f"每日积分-{day.isoformat()}.xlsx", self.tr("Saved %1"))
