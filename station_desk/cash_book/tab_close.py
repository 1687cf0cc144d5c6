"""账务 › Month close & sheet: close a month (manager; locks the cash book and takings) and print or export its
accounts sheet (账务明细, PDF / .xlsx)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from station_desk.cash_book import service as cash
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.ops import Op
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.tab_base import TabPage
from station_desk.qt.views import MonthPicker, make_table


class CloseMonthPage(TabPage):
    """Close a month (manager) and print or export its accounts sheet (账务明细)."""

    def __init__(self, ctx, tab) -> None:
        super().__init__(ctx, tab)
        layout, bar = self.layout_, self.bar
        self.month_box = MonthPicker(self, name="closeMonthBox")
        self.month_box.setCurrentIndex(1)  # last month: the one to close and post
        self.close_button = QPushButton(self.tr("Close month…"))
        self.close_button.setObjectName("closeMonthButton")
        self.pdf_button = QPushButton(self.tr("Accounts sheet (PDF)…"))
        self.xlsx_button = QPushButton(self.tr("Accounts sheet (.xlsx)…"))
        for w in (QLabel(self.tr("Month")), self.month_box, self.close_button, self.pdf_button, self.xlsx_button):
            bar.addWidget(w)
        bar.addStretch(1)
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
        db = self.ctx.db
        self.loads.load(lambda: cash.list_month_closes(db), self.closes.set_rows)

    def month(self) -> Month:
        return self.month_box.month()

    def close_month(self) -> None:
        month = self.month()
        try:  # the service says now what it would refuse, before the manager types the PIN
            cash.check_close_month(self.ctx.db, month=month)
        except DomainError as exc:
            self.tab.message_bar.show_error(exc.message)
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Close %1").replace("%1", month.key))
        if approval is None:
            return
        Op(self, lambda: cash.close_month(self.ctx.db, actor=self.ctx.actor, approval=approval, month=month)) \
            .success(
            lambda r: self.tab.message_bar.show_info(self.tr("%1 closed; closing balance %2.")
                                                     .replace("%1", r.month).replace("%2", fmt_fen(r.closing_fen))))\
            .run()

    def save_pdf(self) -> None:
        self._save("pdf", "PDF (*.pdf)")

    def save_xlsx(self) -> None:
        self._save("xlsx", "Excel (*.xlsx)")

    def _save(self, suffix: str, filt: str) -> None:
        """The month's accounts sheet as ``suffix`` (pdf, xlsx), where the clerk chooses, written on the worker."""
        from station_desk.reports import accounts_sheet

        month = self.month()
        default = str(Path.home() / f"账务明细-{month}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save accounts sheet"), default, filt)
        if not path:
            return
        write = {"pdf": accounts_sheet.write_accounts_pdf, "xlsx": accounts_sheet.write_accounts_xlsx}[suffix]
        Op(self, lambda: write(self.ctx.db, Path(path), month)).success(self._opened).run()

    def _opened(self, path: Path) -> None:
        self.tab.message_bar.show_info(self.tr("Saved to %1; opening it for preview and printing.")
                                       .replace("%1", str(path)))
        open_document(self, path)
