"""Pages of the 账务 tab: takings and the till (钱帐对应), the weekly invoice check, month close and the accounts
sheet (PDF / .xlsx)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.cash_book import service as cash
from station_desk.cash_book.tab import make_table, month_choices
from station_desk.money import fmt_fen
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.ops import Op
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.widgets import DateEdit
from station_desk.takings import service as takings


SOURCES = {"contact": "前台登记", "work_order": "工单", "desk": "前台"}


class TillPage(QWidget):
    """Receipts of a date range and the day closes; close a day; reverse a receipt."""

    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
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
        layout.addLayout(bar)
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
        self.receipt_table = make_table(self.receipts)
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
        self.close_table = make_table(self.closes)
        split.addWidget(self.receipt_table)
        split.addWidget(self.close_table)
        layout.addWidget(split, 1)
        self.from_edit.dateChanged.connect(self.refresh)
        self.to_edit.dateChanged.connect(self.refresh)
        close_button.clicked.connect(self.close_day)
        reverse_button.clicked.connect(self.reverse)

    def refresh(self) -> None:
        start, end = self.from_edit.value(), self.to_edit.value()
        rows = takings.list_receipts(self.ctx.db, start=start, end=end)
        self.receipts.set_rows(rows)
        self.closes.set_rows(takings.list_till_closes(self.ctx.db, start=start, end=end))
        open_days = takings.unclosed_days(self.ctx.db, start=start, end=min(end, clock.today()))
        text = self.tr("Total %1").replace("%1", fmt_fen(sum(r.amount_fen for r in rows), symbol=True))
        if open_days:
            text += self.tr("; not yet closed: %1").replace("%1", "、".join(d.strftime("%m-%d") for d in open_days))
        self.summary_label.setText(text)
        self.receipt_table.resizeColumnsToContents()
        self.close_table.resizeColumnsToContents()

    def close_day(self) -> None:
        from station_desk.takings.dialogs import open_till_close_dialog

        days = takings.unclosed_days(self.ctx.db, start=clock.today() - dt.timedelta(days=62), end=clock.today())
        choices = [d.isoformat() for d in days] or [clock.today().isoformat()]
        text, ok = QInputDialog.getItem(self, self.tr("Close a day"), self.tr("Day"), choices, 0, False)
        if ok:
            open_till_close_dialog(self, self.ctx, dt.date.fromisoformat(text))
            self.refresh()

    def reverse(self) -> None:
        index = self.receipt_table.currentIndex()
        row = self.receipts.row_at(index.row()) if index.isValid() else None
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
                                                 receipt_id=row.id, reason=reason),
           changes={"takings"}).success(lambda _r: self.tab.message_bar.show_info(self.tr("Receipt reversed."))).run()


class InvoicePage(QWidget):
    """The weekly invoice reconciliation: gaps, duplicates, receipts without an invoice; sign it off."""

    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.week_edit = DateEdit(clock.today())
        self.week_edit.setObjectName("weekEdit")
        self.state_label = QLabel()
        self.state_label.setObjectName("invoiceState")
        self.state_label.setWordWrap(True)
        sign = QPushButton(self.tr("Sign off this week's check…"))
        bar.addWidget(QLabel(self.tr("Week of")))
        bar.addWidget(self.week_edit)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(sign)
        layout.addLayout(bar)
        self.used = RowTableModel([
            Column(self.tr("Invoice"), lambda u: u.invoice_no),
            Column(self.tr("Day"), lambda u: u.day.isoformat()),
            Column(self.tr("Amount"), lambda u: fmt_fen(u.amount_fen), align="right"),
            Column(self.tr("Issued by"), lambda u: u.taken_by),
            Column(self.tr("State"), lambda u: self.tr("void") if u.voided else (
                self.tr("duplicate") if len(u.receipt_ids) > 1 else "")),
        ], self)
        self.missing = RowTableModel([
            Column(self.tr("Time"), lambda r: r.at.strftime("%m-%d %H:%M")),
            Column(self.tr("Amount"), lambda r: fmt_fen(r.amount_fen), align="right"),
            Column(self.tr("Method"), lambda r: r.method_label),
            Column(self.tr("Taken by"), lambda r: r.taken_by),
        ], self)
        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(self.tr("Invoice numbers used")))
        self.used_table = make_table(self.used)
        lv.addWidget(self.used_table)
        right = QWidget()
        rv = QVBoxLayout(right)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("gapsLabel")
        self.gaps_label.setWordWrap(True)
        rv.addWidget(self.gaps_label)
        rv.addWidget(QLabel(self.tr("Receipts without an invoice")))
        rv.addWidget(make_table(self.missing))
        split.addWidget(left)
        split.addWidget(right)
        layout.addWidget(split, 1)
        self.week_edit.dateChanged.connect(self.refresh)
        sign.clicked.connect(self.sign_off)

    def refresh(self) -> None:
        start, end = takings.week_of(self.week_edit.value())
        rec = takings.reconcile_invoices(self.ctx.db, start=start, end=end)
        self.used.set_rows(rec.used)
        self.missing.set_rows(rec.without_invoice)
        self.gaps_label.setText(self.tr("Gaps: %1").replace("%1", "、".join(rec.gaps) or "—") + "\n" +
                                self.tr("Duplicates: %1").replace("%1", "、".join(u.invoice_no for u in rec.duplicates)
                                                                  or "—"))
        state = self.tr("%1 to %2: ").replace("%1", start.isoformat()).replace("%2", end.isoformat())
        state += self.tr("all in order") if rec.clean else self.tr("problems found")
        if rec.checks:
            at, who, _note = rec.checks[-1]
            state += self.tr("; checked by %1 on %2").replace("%1", who).replace("%2", at.strftime("%m-%d %H:%M"))
        self.state_label.setText(state)

    def sign_off(self) -> None:
        start, end = takings.week_of(self.week_edit.value())
        note, ok = QInputDialog.getText(self, self.tr("Invoice check"), self.tr("Note (required if problems):"))
        if not ok:
            return
        Op(self, lambda: takings.record_invoice_check(self.ctx.db, actor=self.ctx.actor, start=start, end=end,
                                                      note=note), changes={"takings"}).success(
            lambda _r: self.tab.message_bar.show_info(self.tr("Invoice check signed off."))).run()


class CloseMonthPage(QWidget):
    """Close a month (manager) and print or export its accounts sheet (账务明细)."""

    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.month_box = QComboBox()
        self.month_box.setObjectName("closeMonthBox")
        for m in month_choices(clock.today()):
            self.month_box.addItem(m, m)
        if self.month_box.count() > 1:
            self.month_box.setCurrentIndex(1)  # last month: the one to close and post
        self.close_button = QPushButton(self.tr("Close month…"))
        self.close_button.setObjectName("closeMonthButton")
        self.pdf_button = QPushButton(self.tr("Accounts sheet (PDF)…"))
        self.xlsx_button = QPushButton(self.tr("Accounts sheet (.xlsx)…"))
        for w in (QLabel(self.tr("Month")), self.month_box, self.close_button, self.pdf_button, self.xlsx_button):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.closes = RowTableModel([
            Column(self.tr("Month"), lambda c: c.month),
            Column(self.tr("Opening"), lambda c: fmt_fen(c.opening_fen), align="right"),
            Column(self.tr("Income"), lambda c: fmt_fen(c.income_fen), align="right"),
            Column(self.tr("Expense"), lambda c: fmt_fen(c.expense_fen), align="right"),
            Column(self.tr("Closing"), lambda c: fmt_fen(c.closing_fen), align="right"),
            Column(self.tr("Entries"), lambda c: c.entries, align="right"),
            Column(self.tr("Closed by"), lambda c: c.closed_by),
            Column(self.tr("Closed at"), lambda c: c.closed_at.strftime("%Y-%m-%d %H:%M")),
        ], self)
        layout.addWidget(make_table(self.closes), 1)
        self.close_button.clicked.connect(self.close_month)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.xlsx_button.clicked.connect(self.save_xlsx)

    def refresh(self) -> None:
        self.closes.set_rows(cash.list_month_closes(self.ctx.db))

    def month(self) -> str:
        return self.month_box.currentData()

    def close_month(self) -> None:
        month = self.month()
        approval = ask_manager_approval(self, self.ctx, self.tr("Close %1").replace("%1", month))
        if approval is None:
            return
        Op(self, lambda: cash.close_month(self.ctx.db, actor=self.ctx.actor, approval=approval, month=month),
           changes={"cash", "takings"}).success(
            lambda r: self.tab.message_bar.show_info(self.tr("%1 closed; closing balance %2.")
                                                     .replace("%1", r.month).replace("%2", fmt_fen(r.closing_fen))))\
            .run()

    def _ask_path(self, suffix: str, filt: str) -> Path | None:
        default = str(Path.home() / f"账务明细-{self.month()}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save accounts sheet"), default, filt)
        return Path(path) if path else None

    def save_pdf(self) -> None:
        from station_desk.reports.accounts_sheet import write_accounts_pdf

        path = self._ask_path("pdf", "PDF (*.pdf)")
        if path is None:
            return
        month = self.month()
        Op(self, lambda: write_accounts_pdf(self.ctx.db, path, month)).success(self._opened).run()

    def save_xlsx(self) -> None:
        from station_desk.reports.accounts_sheet import write_accounts_xlsx

        path = self._ask_path("xlsx", "Excel (*.xlsx)")
        if path is None:
            return
        month = self.month()
        Op(self, lambda: write_accounts_xlsx(self.ctx.db, path, month)).success(self._opened).run()

    def _opened(self, path: Path) -> None:
        self.tab.message_bar.show_info(self.tr("Saved to %1; opening it for preview and printing.")
                                       .replace("%1", str(path)))
        open_document(self, path)
