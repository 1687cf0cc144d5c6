"""账务: the cash book (现金流水账), takings and the till, the invoice register, month close and the accounts sheet.

Pages: Cash book (Alt+1) · Takings & till (Alt+2) · Invoices (Alt+3) · Month close & sheet (Alt+4)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.cash_book import service as cash
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import MessageBar
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.widgets import DateEdit, MoneyEdit


def month_choices(today: dt.date, n: int = 24) -> list[str]:
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def make_table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setResizeContentsPrecision(40)  # size columns from the first rows only (fast)
    return table


class EntryDialog(QDialog):
    """A new cash-book line. An expense asks for the manager's PIN as approver (核准人) when saved."""

    def __init__(self, parent, ctx, direction: str = "expense") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry_id: int | None = None
        self.setObjectName("CashEntryDialog")
        self.setWindowTitle(self.tr("New cash-book entry"))
        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        form = QFormLayout()
        self.direction_box = QComboBox()
        self.direction_box.setObjectName("directionBox")
        for code, label in cash.DIRECTIONS.items():
            self.direction_box.addItem(label, code)
        self.direction_box.setCurrentIndex(self.direction_box.findData(direction))
        self.day_edit = DateEdit(clock.today())
        self.category_box = QComboBox()
        self.category_box.setObjectName("categoryBox")
        self.amount_edit = MoneyEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.handler_box = QComboBox()
        self.handler_box.setObjectName("handlerBox")
        from station_desk.staff import service as staff

        for s in staff.list_staff(ctx.db):
            self.handler_box.addItem(s.name, s.id)
        self.handler_box.setCurrentIndex(max(self.handler_box.findData(ctx.actor.staff_id), 0))
        self.payee_edit = QLineEdit()
        self.payee_edit.setObjectName("payeeEdit")
        self.voucher_edit = QLineEdit()
        self.voucher_edit.setObjectName("voucherEdit")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        for label, w in ((self.tr("&Income / expense"), self.direction_box), (self.tr("&Date"), self.day_edit),
                         (self.tr("&Category"), self.category_box), (self.tr("&Amount (yuan)"), self.amount_edit),
                         (self.tr("&Handler"), self.handler_box), (self.tr("&Payee / payer"), self.payee_edit),
                         (self.tr("&Voucher no."), self.voucher_edit), (self.tr("&Summary"), self.note_edit)):
            form.addRow(label, w)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.direction_box.currentIndexChanged.connect(self._fill_categories)
        self._fill_categories()
        self.amount_edit.setFocus()

    def _fill_categories(self) -> None:
        self.category_box.clear()
        for c in cash.categories(self.ctx.db, self.direction_box.currentData()):
            self.category_box.addItem(c)

    def submit(self) -> None:
        direction = self.direction_box.currentData()
        try:
            amount = self.amount_edit.fen()
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        approval = None
        if direction == "expense":
            approval = ask_manager_approval(self, self.ctx, self.tr("Approve expense: %1")
                                            .replace("%1", self.category_box.currentText()))
            if approval is None:
                return
        try:
            self.entry_id = cash.post_entry(
                self.ctx.db, actor=self.ctx.actor, approval=approval, day=self.day_edit.value(),
                direction=direction, category=self.category_box.currentText(), amount_fen=amount,
                handler_id=self.handler_box.currentData(), payee=self.payee_edit.text(),
                voucher_no=self.voucher_edit.text(), note=self.note_edit.text())
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        self.ctx.bus.changed.emit({"cash"}, self)
        self.accept()


class BookPage(QWidget):
    def __init__(self, ctx, tab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.month_box = QComboBox()
        self.month_box.setObjectName("bookMonthBox")
        for m in month_choices(clock.today()):
            self.month_box.addItem(m, m)
        bar.addWidget(QLabel(self.tr("Month")))
        bar.addWidget(self.month_box)
        self.balance_label = QLabel()
        self.balance_label.setObjectName("balanceLabel")
        bar.addWidget(self.balance_label, 1)
        self.new_button = QPushButton(self.tr("New entry… (Ctrl+N)"))
        self.reverse_button = QPushButton(self.tr("Reverse… (Ctrl+R)"))
        self.verify_button = QPushButton(self.tr("Verify the books"))
        for b in (self.new_button, self.reverse_button, self.verify_button):
            bar.addWidget(b)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(self.tr("No."), lambda r: r.id, align="right"),
            Column(self.tr("Date"), lambda r: r.day.isoformat()),
            Column(self.tr("Voucher"), lambda r: r.voucher_no),
            Column(self.tr("In/out"), lambda r: r.direction_label),
            Column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Income"), lambda r: fmt_fen(r.income_fen) if r.direction == "income" else "",
                   align="right"),
            Column(self.tr("Expense"), lambda r: fmt_fen(r.expense_fen) if r.direction == "expense" else "",
                   align="right"),
            Column(self.tr("Balance"), lambda r: fmt_fen(r.balance_fen), align="right"),
            Column(self.tr("Handler"), lambda r: r.handler),
            Column(self.tr("Payee"), lambda r: r.payee),
            Column(self.tr("Approver"), lambda r: r.approver),
            Column(self.tr("Summary"), lambda r: (self.tr("Reverses no. %1: ").replace("%1", str(r.reverses_id))
                                                  + r.reason) if r.reverses_id else r.note),
        ], self, foreground=lambda r: "#9e9e9e" if r.reversed or r.reverses_id else None)
        self.table = make_table(self.model)
        self.table.setObjectName("bookTable")
        layout.addWidget(self.table, 1)
        self.month_box.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_entry)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.verify_button.clicked.connect(self.verify)
        for key, slot in (("Ctrl+N", self.new_entry), ("Ctrl+R", self.reverse_selected)):
            QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut) \
                .activated.connect(slot)

    def refresh(self) -> None:
        book = cash.month_book(self.ctx.db, self.month_box.currentData())
        self.model.set_rows(book.lines)
        self.table.resizeColumnsToContents()
        state = self.tr("closed") if book.closed else self.tr("open")
        self.balance_label.setText(
            self.tr("Opening %1 · income %2 · expense %3 · closing %4 (%5)")
            .replace("%1", fmt_fen(book.opening_fen)).replace("%2", fmt_fen(book.income_fen))
            .replace("%3", fmt_fen(book.expense_fen)).replace("%4", fmt_fen(book.closing_fen)).replace("%5", state))

    def new_entry(self) -> None:
        dialog = EntryDialog(self, self.ctx)
        if dialog.exec() and dialog.entry_id:
            self.tab.message_bar.show_info(self.tr("Entry no. %1 saved.").replace("%1", str(dialog.entry_id)))

    def reverse_selected(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.tab.message_bar.show_error(self.tr("Select the entry to reverse first."))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reversing entry"),
                                          self.tr("Reason for reversing entry no. %1:").replace("%1", str(row.id)))
        if not ok or not reason.strip():
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Reverse a cash-book entry"))
        if approval is None:
            return
        Op(self, lambda: cash.reverse_entry(self.ctx.db, actor=self.ctx.actor, approval=approval, entry_id=row.id,
                                            reason=reason), changes={"cash"}).success(
            lambda rid: self.tab.message_bar.show_info(self.tr("Reversing entry no. %1 saved.")
                                                       .replace("%1", str(rid)))).run()

    def verify(self) -> None:
        problem = cash.verify_cash_chain(self.ctx.db)
        if problem is None:
            self.tab.message_bar.show_info(self.tr("The cash book verifies: no entry has been altered."))
        else:
            self.tab.message_bar.show_error(DomainError("cash.chain_broken", id=problem.entry_id,
                                                        day=problem.day.isoformat()).message)


class CashBookTab(ModuleTab):
    watches = frozenset({"cash", "takings", "contacts"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        from station_desk.cash_book.tab_money import CloseMonthPage, InvoicePage, TillPage

        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.pages = QTabWidget()
        self.pages.setObjectName("cashPages")
        self.book = BookPage(ctx, self)
        self.till = TillPage(ctx, self)
        self.invoices = InvoicePage(ctx, self)
        self.close_page = CloseMonthPage(ctx, self)
        for page, title in ((self.book, self.tr("Cash book")), (self.till, self.tr("Takings && till")),
                            (self.invoices, self.tr("Invoices")), (self.close_page, self.tr("Month close && sheet"))):
            self.pages.addTab(page, title)
        layout.addWidget(self.pages)
        for i in range(4):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut) \
                .activated.connect(lambda i=i: self.pages.setCurrentIndex(i))
        self.pages.currentChanged.connect(lambda _i: self.refresh())

    def refresh(self) -> None:
        page = self.pages.currentWidget()
        page.refresh()

    def focus_default(self) -> None:
        self.book.table.setFocus()
