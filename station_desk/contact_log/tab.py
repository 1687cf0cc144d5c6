"""前台登记: the clerk's main screen. Quick entry on the left, today's running totals on the right, the ledger
below with filters. Keyboard: the customer search has the focus on open; Ctrl+F search, Ctrl+L ledger,
Ctrl+W turn the selected contact into a work order, Ctrl+G give a gift, Ctrl+D close the day, F2 log the reply
to a pending contact, Del void."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.contact_log import service as contacts
from station_desk.contact_log.tab_form import KIND_ORDER, QuickEntryForm
from station_desk.customers.service import mask_phone
from station_desk.money import fmt_fen
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import fit_columns, make_table, select_first_if_focused, selected_row
from station_desk.qt.widgets import DateEdit
from station_desk.takings import service as takings

WORK_ORDER_KIND = {"fault": "repair", "new_install": "new_install", "complaint": "complaint"}


class ContactLogTab(ModuleTab):
    watches = frozenset({"contacts", "takings", "customers", "work_orders"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_saved: contacts.ContactRow | None = None
        outer = QVBoxLayout(self)
        self.add_message_bar(outer)
        top = QHBoxLayout()
        outer.addLayout(top)
        self.form = QuickEntryForm(ctx)
        top.addWidget(self.form, 3)
        top.addWidget(self._build_totals(), 1)
        outer.addWidget(self._build_filters())
        self.model = RowTableModel(self._columns(), self, foreground=lambda r: "#9e9e9e" if r.voided or
                                   r.reverses_id else ("#b71c1c" if r.awaiting_reply else None))
        self.table = make_table(self.model, name="ledgerTable")
        self._fitted = False
        self._focus_pending = False
        outer.addWidget(self.table, 1)

        self.form.submitted.connect(self._save)
        self.form.kind_keys_on(self)
        self.form.cancelled.connect(lambda: self.message_bar.hide())
        for key, slot in (("Ctrl+F", self.focus_default), ("Ctrl+L", self._focus_ledger),
                          ("Ctrl+W", self.turn_into_work_order), ("Ctrl+G", self.give_gift),
                          ("Ctrl+D", self.close_day), ("F5", self.refresh), ("F2", self.answer_selected)):
            QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut) \
                .activated.connect(slot)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.void_selected)
        self.form.picker.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building ---------------------------------------------------------------------------------------------------
    def _columns(self) -> list[Column]:
        masked = not self.ctx.is_manager
        return [
            Column(self.tr("Time"), lambda r: r.at.strftime("%m-%d %H:%M")),
            Column(self.tr("Channel"), lambda r: r.channel_label),
            Column(self.tr("Kind"), lambda r: r.kind_label + (self.tr(" (void)") if r.reverses_id else "")),
            Column(self.tr("Name"), lambda r: r.person_name),
            Column(self.tr("Account"), lambda r: r.account_no),
            Column(self.tr("Phone"), lambda r: mask_phone(r.person_phone) if masked else r.person_phone),
            Column(self.tr("Asked"), lambda r: r.asked, tooltip=lambda r: r.asked),
            Column(self.tr("Done"), lambda r: r.done, tooltip=lambda r: r.done),
            Column(self.tr("Result"), lambda r: (self.tr("answered") if r.answered else r.result_label)
                   + (f" {r.reply_by:%m-%d}" if r.reply_by and not r.answered else "")),
            Column(self.tr("Amount"), lambda r: fmt_fen(r.amount_fen) if r.amount_fen else "", align="right"),
            Column(self.tr("Method"), lambda r: r.method_label),
            Column(self.tr("Invoice"), lambda r: r.invoice_no),
            Column(self.tr("Clerk"), lambda r: r.clerk),
            Column(self.tr("Note"), lambda r: r.warning or r.reason, tooltip=lambda r: r.warning or r.reason),
        ]

    def _build_totals(self) -> QGroupBox:
        box = QGroupBox(self.tr("Today"))
        box.setObjectName("todayBox")
        layout = QVBoxLayout(box)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.kinds_label = QLabel()
        self.kinds_label.setObjectName("kindsLabel")
        self.kinds_label.setWordWrap(True)
        self.money_label = QLabel()
        self.money_label.setObjectName("moneyLabel")
        self.money_label.setWordWrap(True)
        self.cash_label = QLabel()
        self.cash_label.setObjectName("cashLabel")
        self.cash_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.close_label = QLabel()
        self.close_label.setObjectName("closeLabel")
        self.close_label.setWordWrap(True)
        for w in (self.count_label, self.kinds_label, self.money_label, self.cash_label, self.close_label):
            layout.addWidget(w)
        layout.addStretch(1)
        self.close_button = QPushButton(self.tr("Close the day… (Ctrl+D)"))
        self.close_button.setObjectName("closeDayButton")
        self.close_button.clicked.connect(self.close_day)
        layout.addWidget(self.close_button)
        self.work_order_button = QPushButton(self.tr("To work order (Ctrl+W)"))
        self.work_order_button.clicked.connect(self.turn_into_work_order)
        self.gift_button = QPushButton(self.tr("Give a gift (Ctrl+G)"))
        self.gift_button.clicked.connect(self.give_gift)
        layout.addWidget(self.work_order_button)
        layout.addWidget(self.gift_button)
        return box

    def _build_filters(self) -> QWidget:
        w = QWidget()
        row = QHBoxLayout(w)
        row.setContentsMargins(0, 0, 0, 0)
        today = clock.today()
        self.from_edit = DateEdit(today)
        self.from_edit.setObjectName("fromEdit")
        self.to_edit = DateEdit(today)
        self.to_edit.setObjectName("toEdit")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for k in KIND_ORDER:
            self.kind_filter.addItem(contacts.KINDS[k], k)
        self.clerk_filter = QComboBox()
        self.clerk_filter.setObjectName("clerkFilter")
        self.clerk_filter.addItem(self.tr("All clerks"), None)
        from station_desk.staff import service as staff

        for s in staff.list_staff(self.ctx.db):
            self.clerk_filter.addItem(s.name, s.id)
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("textFilter")
        self.text_filter.setPlaceholderText(self.tr("Filter: name, phone, matter, invoice"))
        self.text_filter.setClearButtonEnabled(True)
        self.pending_check = QCheckBox(self.tr("Awaiting reply only"))
        self.pending_check.setObjectName("pendingCheck")
        for label, widget in ((self.tr("From"), self.from_edit), (self.tr("to"), self.to_edit),
                              (None, self.kind_filter), (None, self.clerk_filter)):
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.text_filter, 1)
        row.addWidget(self.pending_check)
        today_button = QPushButton(self.tr("Today"))
        today_button.clicked.connect(self._reset_filters)
        row.addWidget(today_button)
        export_button = QPushButton(self.tr("Export…"))
        export_button.clicked.connect(self.export_rows)
        row.addWidget(export_button)
        for sig in (self.from_edit.dateChanged, self.to_edit.dateChanged, self.kind_filter.currentIndexChanged,
                    self.clerk_filter.currentIndexChanged, self.pending_check.toggled):
            sig.connect(self.refresh)
        self.text_filter.returnPressed.connect(self.refresh)
        return w

    # -- reading ----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The ledger for the filters and today's totals, read on the database worker (the newest filter wins).
        As before, the selection clears (Ctrl+W / Ctrl+G then act on the contact just saved)."""
        start, end = self.from_edit.value(), self.to_edit.value()
        if self.pending_check.isChecked():
            start = dt.date(2000, 1, 1)  # a promise made last week still waits: every day
        db, kind, clerk, text = self.ctx.db, self.kind_filter.currentData(), self.clerk_filter.currentData(), \
            self.text_filter.text()
        pending, today = self.pending_check.isChecked(), clock.today()
        self.load(lambda: contacts.list_contacts(db, start=start, end=end, kind=kind, clerk_id=clerk, text=text,
                                                 pending_only=pending), self._show_rows)
        self.load(lambda: (contacts.totals(db, start=today, end=today), takings.day_summary(db, today)),
                  lambda result: self._show_totals(*result), key="totals")

    def _show_rows(self, rows) -> None:
        self.model.set_rows(rows)
        if not self._fitted and rows:  # sized once, from the first rows (issue #15: not on every filter)
            fit_columns(self.table)
            for col in (6, 7):  # asked / done: readable but not endless
                self.table.setColumnWidth(col, min(max(self.table.columnWidth(col), 120), 260))
            self._fitted = True
        if self._focus_pending:  # Ctrl+L was pressed before the rows came
            self._focus_pending = False
            select_first_if_focused(self.table)

    def _show_totals(self, t, day) -> None:
        self.count_label.setText(self.tr("%1 contacts today").replace("%1", str(t.count)))
        kinds = "　".join(f"{contacts.KINDS[k]} {t.by_kind[k]}" for k in KIND_ORDER if t.by_kind.get(k))
        pending = self.tr("; %1 awaiting reply").replace("%1", str(t.pending)) if t.pending else ""
        self.kinds_label.setText((kinds or self.tr("No contacts yet")) + pending)
        self.kinds_label.setToolTip(self.tr("Tick “Awaiting reply only” below and press F2 on a row to log the reply."))
        methods = "\n".join(f"{takings.METHODS.get(m, m)}　{fmt_fen(v, symbol=True)}"
                            for m, v in sorted(day.by_method.items()))
        self.money_label.setText(self.tr("Takings %1").replace("%1", fmt_fen(day.total_fen, symbol=True))
                                 + ("\n" + methods if methods else ""))
        self.cash_label.setText(self.tr("Cash in the till %1").replace("%1",
                                                                       fmt_fen(day.expected_cash_fen, symbol=True)))
        if day.closed:
            self.close_label.setText(self.tr("Day closed, handed to %1; difference %2")
                                     .replace("%1", day.closed.handed_to)
                                     .replace("%2", fmt_fen(day.closed.difference_fen)))
        else:
            self.close_label.setText("")
        self.close_button.setEnabled(day.closed is None)

    def focus_default(self) -> None:
        self.form.picker.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form.picker.edit.selectAll()

    def _focus_ledger(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._focus_pending = self.loads.busy("rows")

    def _reset_filters(self) -> None:
        today = clock.today()
        self.from_edit.set_value(today)
        self.to_edit.set_value(today)
        self.kind_filter.setCurrentIndex(0)
        self.clerk_filter.setCurrentIndex(0)
        self.text_filter.clear()
        self.pending_check.setChecked(False)
        self.refresh()

    def selected(self) -> contacts.ContactRow | None:
        return selected_row(self.table)

    # -- writing ----------------------------------------------------------------------------------------------------
    def _save(self, draft: contacts.ContactDraft) -> None:
        def failed(exc):
            from station_desk.errors import DomainError
            from station_desk.qt.feedback import show_error

            if isinstance(exc, DomainError) and exc.code == "contact.similar_customer":
                answer = QMessageBox.question(
                    self, self.tr("Existing customer?"),
                    exc.message + "\n\n" + self.tr("Log it as a new install anyway?"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
                if answer == QMessageBox.StandardButton.Yes:
                    self._save(self.form.draft(confirm_similar=True))
                return
            show_error(self, exc)

        Op(self, lambda: contacts.record_contact(self.ctx.db, actor=self.ctx.actor, draft=draft)) \
            .success(self._saved).failure(failed).run()

    def _saved(self, row: contacts.ContactRow) -> None:
        self.last_saved = row
        text = self.tr("Logged: %1 %2").replace("%1", row.person_name or "—").replace("%2", row.kind_label)
        if row.amount_fen:
            text += self.tr(" — received %1 by %2").replace("%1", fmt_fen(row.amount_fen, symbol=True)) \
                .replace("%2", row.method_label)
            if row.invoice_no:
                text += self.tr(", invoice %1").replace("%1", row.invoice_no)
        if row.done and row.kind == "renewal":
            text += f"（{row.done}）"
        self.message_bar.show_info(text)
        self.form.reset()

    def _target(self) -> contacts.ContactRow | None:
        return self.selected() if self.table.hasFocus() and self.selected() else (self.selected() or self.last_saved)

    def turn_into_work_order(self) -> None:
        row = self._target()
        if row is None:
            self.message_bar.show_error(self.tr("Select a contact in the ledger first."))
            return
        # imported when used: the front desk opens without loading the work-order dialogs (start-up time)
        from station_desk.work_orders.dialogs import NewOrderDialog

        dialog = NewOrderDialog(self, self.ctx, contact_id=row.id, customer_id=row.customer_id,
                                kind=WORK_ORDER_KIND.get(row.kind), description=row.asked)
        if dialog.exec() and dialog.result_value:
            self.message_bar.show_info(self.tr("Work order %1 created from this contact.")
                                       .replace("%1", str(dialog.result_value)))
            self.refresh()  # the contact now reads 已转工单 with the order's number

    def give_gift(self) -> None:
        row = self._target()
        customer_id = self.form.picker.customer_id or (row.customer_id if row else None)
        # imported when used: the front desk opens without loading the gift dialogs (start-up time)
        from station_desk.gift_stock.dialogs import IssueGiftDialog

        dialog = IssueGiftDialog(self, self.ctx, customer_id=customer_id, contact_id=row.id if row else None)
        if dialog.exec() and dialog.result_value is not None:
            move = dialog.result_value
            self.message_bar.show_info(self.tr("Gift issued: %1 × %2 to %3.").replace("%1", move.item_name)
                                       .replace("%2", str(-move.qty)).replace("%3", move.customer_name))

    def close_day(self) -> None:
        from station_desk.takings.dialogs import open_till_close_dialog

        result = open_till_close_dialog(self, self.ctx)
        if result is not None:
            self.message_bar.show_info(self.tr("Day closed and handed to %1.").replace("%1", result.handed_to))
            self.refresh()

    def export_rows(self) -> None:
        """The ledger as filtered, to .xlsx (phones masked unless the manager exports)."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from station_desk.exchange.excel_export import export_table

        default = Path.home() / f"首问登记-{self.from_edit.value()}-{self.to_edit.value()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(default), "Excel (*.xlsx)")
        if not path:
            return
        masked = not self.ctx.is_manager
        rows = [[r.at, r.channel_label, r.kind_label, r.person_name, r.account_no,
                 mask_phone(r.person_phone) if masked else r.person_phone, r.asked, r.done, r.result_label,
                 r.amount_fen or None, r.method_label, r.invoice_no, r.clerk, r.warning or r.reason]
                for r in self.model.rows()]
        headers = ["时间", "方式", "类型", "姓名", "账号", "电话", "问题/事由", "办理情况", "结果", "金额", "收款方式",
                   "发票号", "首问人", "备注"]
        types = ["datetime"] + ["text"] * 8 + ["money_fen"] + ["text"] * 4
        Op(self, lambda: export_table(path, title="首问登记", headers=headers, rows=rows, column_types=types)) \
            .success(lambda p: self.message_bar.show_info(self.tr("Saved to %1.").replace("%1", str(p)))).run()

    def answer_selected(self) -> None:
        row = self.selected()
        if row is None or not row.awaiting_reply:
            self.message_bar.show_error(self.tr("Select a contact that is awaiting a reply (red in the ledger)."))
            return
        text, ok = QInputDialog.getText(self, self.tr("Reply"), self.tr("What was the customer told?"))
        if not ok or not text.strip():
            return
        Op(self, lambda: contacts.answer_pending(self.ctx.db, actor=self.ctx.actor, contact_id=row.id, done=text)) \
            .success(lambda _r: self.message_bar.show_info(self.tr("Reply logged."))).run()

    def void_selected(self) -> None:
        row = self.selected()
        if row is None or row.reverses_id or row.voided:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Void entry"), self.tr("Why is this entry void?"))
        if not ok or not reason.strip():
            return
        approval = None
        if row.amount_fen or row.renewal_id:
            from station_desk.qt.dialogs.approval import ask_manager_approval

            approval = ask_manager_approval(self, self.ctx, self.tr("Void a contact with money"))
            if approval is None:
                return
        Op(self, lambda: contacts.void_contact(self.ctx.db, actor=self.ctx.actor, contact_id=row.id,
                                               reason=reason, approval=approval)).success(
            lambda _r: self.message_bar.show_info(self.tr("Entry voided."))).run()

    def on_actor_changed(self, actor) -> None:
        self.model.columns = self._columns()
        super().on_actor_changed(actor)
