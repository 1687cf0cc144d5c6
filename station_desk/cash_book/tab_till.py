"""账务 › Takings & till (钱帐对应): the receipts of a date range and the day closes; close a day; reverse a
receipt (manager)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QSplitter

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.ops import Op
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.tab_base import TabPage
from station_desk.qt.views import fit_columns, make_table, selected_row
from station_desk.qt.widgets import DateEdit
from station_desk.takings import service as takings

SOURCES = {"contact": "前台登记", "work_order": "工单", "desk": "前台"}


class TillPage(TabPage):
    """Receipts of a date range and the day closes; close a day; reverse a receipt."""

    def __init__(self, ctx, tab) -> None:
        super().__init__(ctx, tab)
        layout, bar = self.layout_, self.bar
        today = clock.today()
        self.from_edit = DateEdit(today - dt.timedelta(days=today.weekday()))
        self.to_edit = DateEdit(today)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("tillSummary")
        close_button = QPushButton(self.tr("Close a day…"))
        reverse_button = QPushButton(self.tr("Reverse receipt…"))
        for w in (QLabel(self.tr("From")), self.from_edit, QLabel(self.tr("to")), self.to_edit):
            bar.addWidget(w)
        bar.addWidget(self.summary_label, 1)
        bar.addWidget(close_button)
        bar.addWidget(reverse_button)
        split = QSplitter()
        self.receipts = RowTableModel([
            Column(self.tr("Time"), lambda r: r.at.strftime("%m-%d %H:%M")),
            Column(self.tr("Amount"), lambda r: fmt_fen(r.amount_fen), align="right"),
            Column(self.tr("Method"), lambda r: r.method_label),
            Column(self.tr("Invoice"), lambda r: r.invoice_no or ""),
            Column(self.tr("Source"), lambda r: SOURCES.get(r.source_kind, r.source_kind)),
            Column(self.tr("Taken by"), lambda r: r.taken_by),
            Column(self.tr("Note"), lambda r: r.reason or r.note),
        ], self, foreground=lambda r: "#9e9e9e" if r.reversed or r.reverses_id else None)
        self.receipt_table = make_table(self.receipts, name="receiptTable")
        self.closes = RowTableModel([
            Column(self.tr("Day"), lambda r: r.day.isoformat()),
            Column(self.tr("Takings"), lambda r: fmt_fen(r.total_fen), align="right"),
            Column(self.tr("Expected cash"), lambda r: fmt_fen(r.expected_cash_fen), align="right"),
            Column(self.tr("Counted"), lambda r: fmt_fen(r.counted_cash_fen), align="right"),
            Column(self.tr("Difference"), lambda r: fmt_fen(r.difference_fen), align="right"),
            Column(self.tr("Reason"), lambda r: r.reason),
            Column(self.tr("CCKD diff."), lambda r: "" if r.cckd_difference_fen is None
                   else fmt_fen(r.cckd_difference_fen), align="right"),
            Column(self.tr("BOSS diff."), lambda r: "" if r.boss_difference_fen is None
                   else fmt_fen(r.boss_difference_fen), align="right"),
            Column(self.tr("Handed to"), lambda r: r.handed_to),
        ], self, foreground=lambda r: "#b71c1c" if r.difference_fen else None)
        self.close_table = make_table(self.closes, name="tillCloseTable")
        self._fitted = False
        split.addWidget(self.receipt_table)
        split.addWidget(self.close_table)
        layout.addWidget(split, 1)
        self.from_edit.dateChanged.connect(self.refresh)
        self.to_edit.dateChanged.connect(self.refresh)
        close_button.clicked.connect(self.close_day)
        reverse_button.clicked.connect(self.reverse)

    def refresh(self) -> None:
        db, start, end, today = self.ctx.db, self.from_edit.value(), self.to_edit.value(), clock.today()
        self.loads.load(lambda: (takings.list_receipts(db, start=start, end=end),
                                 takings.list_till_closes(db, start=start, end=end),
                                 takings.unclosed_days(db, start=start, end=min(end, today))),
                        lambda result: self._show(*result))

    def _show(self, rows, closes, open_days) -> None:
        self.receipts.set_rows(rows)
        self.closes.set_rows(closes)
        text = self.tr("Total %1").replace("%1", fmt_fen(sum(r.amount_fen for r in rows), symbol=True))
        if open_days:
            text += self.tr("; not yet closed: %1").replace("%1", "、".join(d.strftime("%m-%d") for d in open_days))
        self.summary_label.setText(text)
        if not self._fitted and rows:  # sized once, from the first rows
            fit_columns(self.receipt_table)
            fit_columns(self.close_table)
            self._fitted = True

    def close_day(self) -> None:
        from station_desk.takings.dialogs import open_till_close_dialog

        days = takings.unclosed_days(self.ctx.db, start=clock.today() - dt.timedelta(days=62), end=clock.today())
        choices = [d.isoformat() for d in days] or [clock.today().isoformat()]
        text, ok = QInputDialog.getItem(self, self.tr("Close a day"), self.tr("Day"), choices, 0, False)
        if ok:
            open_till_close_dialog(self, self.ctx, dt.date.fromisoformat(text))
            self.refresh()

    def reverse(self) -> None:
        row = selected_row(self.receipt_table)
        if row is None or row.reverses_id or row.reversed:
            self.tab.message_bar.show_error(self.tr("Select a receipt that has not been reversed."))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reverse receipt"), self.tr("Reason:"))
        if not ok or not reason.strip():
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Reverse a receipt"))
        if approval is None:
            return
        Op(self, lambda: takings.reverse_receipt(self.ctx.db, actor=self.ctx.actor, approval=approval,
                                                 receipt_id=row.id, reason=reason)) \
            .success(lambda _r: self.tab.message_bar.show_info(self.tr("Receipt reversed."))).run()
