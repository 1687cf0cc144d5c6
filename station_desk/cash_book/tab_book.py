"""账务 › Cash book (现金流水账): the month's lines with the running balance; a new line (an expense needs the
manager as approver), a reversing line, verifying the hash chain. Ctrl+N new, Ctrl+R reverse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QPushButton

from station_desk import clock
from station_desk.cash_book import service as cash
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.ops import Op
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.tab_base import TabPage
from station_desk.qt.views import MonthPicker, fit_columns, make_table, selected_row


class EntryDialog(FormDialog):
    """A new cash-book line. An expense asks for the manager's PIN as approver (核准人) when saved."""

    def __init__(self, parent, ctx, direction: str = "expense") -> None:
        from station_desk.staff import service as staff

        super().__init__(parent, ctx, self.tr("New cash-book entry"), name="CashEntryDialog", save_text=self.tr("Save"))
        self.direction_box = self.combo(self.tr("&Income / expense"), cash.DIRECTIONS, current=direction,
                                        name="directionBox")
        self.day_edit = self.date(self.tr("&Date"), clock.today())
        self.category_box = self.row(self.tr("&Category"), QComboBox(objectName="categoryBox"))
        self.amount_edit = self.money(self.tr("&Amount (yuan)"), name="amountEdit")
        self.handler_box = self.combo(self.tr("&Handler"), {s.id: s.name for s in staff.list_staff(ctx.db)},
                                      current=ctx.actor.staff_id, name="handlerBox")
        self.payee_edit = self.line(self.tr("&Payee / payer"), name="payeeEdit")
        self.voucher_edit = self.line(self.tr("&Voucher no."), name="voucherEdit")
        self.note_edit = self.line(self.tr("&Summary"), name="noteEdit")
        self.direction_box.currentIndexChanged.connect(self._fill_categories)
        self._fill_categories()
        self.amount_edit.setFocus()

    @property
    def entry_id(self) -> int | None:
        return self.result_value

    def _fill_categories(self) -> None:
        self.category_box.clear()
        for c in cash.categories(self.ctx.db, self.direction_box.currentData()):
            self.category_box.addItem(c)

    def work(self):
        db, actor = self.ctx.db, self.ctx.actor
        fields = dict(day=self.day_edit.value(), direction=self.direction_box.currentData(),
                      category=self.category_box.currentText(), amount_fen=self.amount_edit.fen(),
                      payee=self.payee_edit.text(), voucher_no=self.voucher_edit.text())
        cash.check_entry(db, **fields)  # refused now, before the manager types the PIN
        approval = None
        if cash.needs_approver(fields["direction"]):
            approval = ask_manager_approval(self, self.ctx, self.tr("Approve expense: %1")
                                            .replace("%1", fields["category"]))
            if approval is None:
                return None
        handler, note = self.handler_box.currentData(), self.note_edit.text()
        return lambda: cash.post_entry(db, actor=actor, approval=approval, handler_id=handler, note=note, **fields)


class BookPage(TabPage):
    def __init__(self, ctx, tab) -> None:
        super().__init__(ctx, tab)
        layout, bar = self.layout_, self.bar
        self.month_box = MonthPicker(self, name="bookMonthBox")
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
        self.table = make_table(self.model, name="bookTable")
        self._fitted = False
        layout.addWidget(self.table, 1)
        self.month_box.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_entry)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.verify_button.clicked.connect(self.verify)
        for key, slot in (("Ctrl+N", self.new_entry), ("Ctrl+R", self.reverse_selected)):
            QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut) \
                .activated.connect(slot)

    def refresh(self) -> None:
        db, month = self.ctx.db, self.month_box.month()
        self.loads.load(lambda: cash.month_book(db, month), self._show)

    def _show(self, book) -> None:
        self.model.set_rows(book.lines)
        if not self._fitted and book.lines:  # sized once, from the first rows
            fit_columns(self.table)
            self._fitted = True
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
        row = selected_row(self.table)
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
                                            reason=reason)).success(
            lambda rid: self.tab.message_bar.show_info(self.tr("Reversing entry no. %1 saved.")
                                                       .replace("%1", str(rid)))).run()

    def verify(self) -> None:
        problem = cash.verify_cash_chain(self.ctx.db)
        if problem is None:
            self.tab.message_bar.show_info(self.tr("The cash book verifies: no entry has been altered."))
        else:
            self.tab.message_bar.show_error(DomainError("cash.chain_broken", id=problem.entry_id,
                                                        day=problem.day.isoformat()).message)
