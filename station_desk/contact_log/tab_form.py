"""The quick-entry form of the front-desk ledger: everything reachable by keyboard, Enter saves, Esc clears.

Typical renewal without the mouse: type "zsf", Enter (customer picked, focus to the kind), Ctrl+3 (renewal),
Tab to the amount, type it, Tab to the invoice, type it, Enter. Under 15 seconds.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.contact_log import service as contacts
from station_desk.contact_log.service import ContactDraft
from station_desk.customers.widgets import CustomerPicker
from station_desk.qt.widgets import DateEdit, MoneyEdit
from station_desk.takings import service as takings

KIND_ORDER = ["inquiry", "new_install", "renewal", "fault", "complaint", "payment", "other"]


class QuickEntryForm(QGroupBox):
    """Emits ``submitted(draft)``; the tab runs the service call and calls :meth:`reset` on success."""

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Log a contact (Enter saves, Esc clears)"))
        self.setObjectName("quickEntry")
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.picker = CustomerPicker(ctx, show_summary=True)
        self.picker.setObjectName("customerPicker")
        grid.addWidget(QLabel(self.tr("&Customer")), 0, 0)
        grid.itemAtPosition(0, 0).widget().setBuddy(self.picker.edit)
        self.hint_label = QLabel("")
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.picker)
        who.addWidget(self.hint_label)
        grid.addLayout(who, 0, 1, 1, 3)

        self.kind_box = QComboBox()
        self.kind_box.setObjectName("kindBox")
        for i, kind in enumerate(KIND_ORDER, start=1):
            self.kind_box.addItem(f"{i} {contacts.KINDS[kind]}", kind)
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("channelBox")
        for code, label in contacts.CHANNELS.items():
            self.channel_box.addItem(label, code)
        grid.addWidget(self._label(self.tr("&Kind"), self.kind_box), 1, 0)
        grid.addWidget(self.kind_box, 1, 1)
        grid.addWidget(self._label(self.tr("C&hannel"), self.channel_box), 1, 2)
        grid.addWidget(self.channel_box, 1, 3)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phoneEdit")
        grid.addWidget(self._label(self.tr("&Name"), self.name_edit), 2, 0)
        grid.addWidget(self.name_edit, 2, 1)
        grid.addWidget(self._label(self.tr("Phone"), self.phone_edit), 2, 2)
        grid.addWidget(self.phone_edit, 2, 3)
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("addressEdit")
        grid.addWidget(self._label(self.tr("Unit / address"), self.address_edit), 3, 0)
        grid.addWidget(self.address_edit, 3, 1, 1, 3)

        self.asked_edit = QLineEdit()
        self.asked_edit.setObjectName("askedEdit")
        self.asked_edit.setPlaceholderText(self.tr("What the person asked or reported"))
        grid.addWidget(self._label(self.tr("&Asked"), self.asked_edit), 4, 0)
        grid.addWidget(self.asked_edit, 4, 1, 1, 3)
        self.done_edit = QLineEdit()
        self.done_edit.setObjectName("doneEdit")
        self.done_edit.setPlaceholderText(self.tr("What was done"))
        grid.addWidget(self._label(self.tr("&Done"), self.done_edit), 5, 0)
        grid.addWidget(self.done_edit, 5, 1, 1, 3)

        self.result_box = QComboBox()
        self.result_box.setObjectName("resultBox")
        for code, label in contacts.RESULTS.items():
            self.result_box.addItem(label, code)
        self.reply_edit = DateEdit(clock.today() + dt.timedelta(days=1))
        self.reply_edit.setObjectName("replyEdit")
        grid.addWidget(self._label(self.tr("&Result"), self.result_box), 6, 0)
        grid.addWidget(self.result_box, 6, 1)
        self.reply_label = self._label(self.tr("Reply by"), self.reply_edit)
        grid.addWidget(self.reply_label, 6, 2)
        grid.addWidget(self.reply_edit, 6, 3)

        # money: amount, method, invoice
        self.amount_edit = MoneyEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.method_box = QComboBox()
        self.method_box.setObjectName("methodBox")
        for code, label in takings.METHODS.items():
            self.method_box.addItem(label, code)
        self.invoice_edit = QLineEdit()
        self.invoice_edit.setObjectName("invoiceEdit")
        self.invoice_edit.setPlaceholderText(self.tr("Invoice no. (required for cash)"))
        money = QHBoxLayout()
        money.addWidget(self.amount_edit, 1)
        money.addWidget(self.method_box)
        money.addWidget(self.invoice_edit, 2)
        grid.addWidget(self._label(self.tr("A&mount (yuan)"), self.amount_edit), 7, 0)
        grid.addLayout(money, 7, 1, 1, 3)

        # renewal / new install
        self.cycle_box = QComboBox()
        self.cycle_box.setObjectName("cycleBox")
        self.package_box = QComboBox()
        self.package_box.setObjectName("packageBox")
        self.area_box = QComboBox()
        self.area_box.setObjectName("areaBox")
        plan = QHBoxLayout()
        self.plan_widgets = [self.cycle_box, self.package_box, self.area_box]
        for w in self.plan_widgets:
            plan.addWidget(w, 1)
        self.plan_label = self._label(self.tr("Cycle / package / area"), self.cycle_box)
        grid.addWidget(self.plan_label, 8, 0)
        grid.addLayout(plan, 8, 1, 1, 3)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save (Enter)"))
        self.save_button.setObjectName("saveButton")
        self.clear_button = QPushButton(self.tr("Clear (Esc)"))
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        grid.addLayout(buttons, 9, 0, 1, 4)
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.cancel)

        self.hint_label.setVisible(False)
        self._fill_policy_lists()
        self.kind_box.currentIndexChanged.connect(self._on_kind)
        self.cycle_box.currentIndexChanged.connect(self._update_hint)
        self.result_box.currentIndexChanged.connect(self._on_result)
        self.picker.customerChosen.connect(self._on_customer)
        self.picker.cleared.connect(self._on_customer_cleared)
        for i in range(len(KIND_ORDER)):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda i=i: self.set_kind(KIND_ORDER[i]))
        # Enter in a line edit or a closed combo box is ignored by the widget and reaches keyPressEvent below
        self._on_kind()
        self._on_result()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _fill_policy_lists(self) -> None:
        pol = self.ctx.policy().customers
        for code, label in pol.cycles.items():
            self.cycle_box.addItem(label, code)
        for p in pol.packages:
            self.package_box.addItem(p.name, p.code)
        for area in pol.areas:
            self.area_box.addItem(area, area)

    # -- state ----------------------------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_box.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(KIND_ORDER.index(kind))
        target = {"renewal": self.amount_edit, "payment": self.amount_edit,
                  "new_install": self.name_edit if self.picker.customer_id is None else self.package_box}
        (target.get(kind) or self.asked_edit).setFocus()

    def _on_kind(self) -> None:
        kind = self.kind()
        plan = kind in ("renewal", "new_install")
        for w in [self.plan_label, *self.plan_widgets]:
            w.setVisible(plan)
        self.area_box.setVisible(kind == "new_install")
        if kind == "renewal" and self.picker.customer is not None:
            self._select(self.package_box, self.picker.customer.package)
            self._select(self.cycle_box, self.picker.customer.cycle)
        self._update_hint()

    def _update_hint(self) -> None:
        """Under the form: the chosen customer's expiry (red when due), what a renewal would move it to, and the
        last contacts (a repeated fault shows at once)."""
        from station_desk.customers.service import renewal_expiry

        c = self.picker.customer
        if c is None:
            self.hint_label.setText("")
            self.hint_label.setVisible(False)
            return
        today = clock.today()
        parts = []
        days = c.days_to_expiry(today)
        window = self.ctx.policy().customers.expiring_window_days
        due = days is not None and days <= window
        if days is not None and 0 <= days <= window:
            parts.append(self.tr("Expires %1 (%2 days)").replace("%1", c.expiry_date.isoformat())
                         .replace("%2", str(days)))
        elif days is not None and days < 0:
            parts.append(self.tr("Expired on %1 (%2 days ago)").replace("%1", c.expiry_date.isoformat())
                         .replace("%2", str(-days)))
        if self.kind() == "renewal" and self.cycle_box.currentData():
            after = renewal_expiry(c.expiry_date, today, self.cycle_box.currentData())
            parts.append(self.tr("after renewal: %1").replace("%1", after.isoformat()))
        recent = [r for r in contacts.last_contacts_of(self.ctx.db, c.id, limit=4) if not r.follow_up_of][:2]
        if recent:
            parts.append(self.tr("recent: %1").replace("%1", "；".join(
                f"{r.at:%m-%d} {r.kind_label} {r.asked[:16]}" for r in recent)))
        self.hint_label.setText("　".join(parts))
        self.hint_label.setVisible(bool(parts))
        self.hint_label.setStyleSheet("color: #b71c1c;" if due else "color: #37474f;")

    def _on_result(self) -> None:
        pending = self.result_box.currentData() == "pending"
        self.reply_label.setVisible(pending)
        self.reply_edit.setVisible(pending)

    def _on_customer(self, _cid: int) -> None:
        c = self.picker.customer
        for edit in (self.name_edit, self.phone_edit, self.address_edit):
            edit.clear()
        self.name_edit.setPlaceholderText(c.name)
        self.phone_edit.setPlaceholderText(self.tr("(the customer's)"))
        self.address_edit.setPlaceholderText(c.address)
        self._select(self.package_box, c.package)
        self._select(self.cycle_box, c.cycle)
        self._select(self.area_box, c.area)
        self._update_hint()
        self.kind_box.setFocus()

    def _on_customer_cleared(self) -> None:
        for edit in (self.name_edit, self.phone_edit, self.address_edit):
            edit.setPlaceholderText("")
        self.hint_label.setText("")
        self.hint_label.setVisible(False)

    @staticmethod
    def _select(box: QComboBox, data) -> None:
        i = box.findData(data)
        if i >= 0:
            box.setCurrentIndex(i)

    def draft(self, *, confirm_similar: bool = False) -> ContactDraft:
        kind = self.kind()
        return ContactDraft(
            kind=kind, channel=self.channel_box.currentData(), customer_id=self.picker.customer_id,
            person_name=self.name_edit.text(), person_phone=self.phone_edit.text(),
            address=self.address_edit.text(), asked=self.asked_edit.text(), done=self.done_edit.text(),
            result=self.result_box.currentData(),
            reply_by=self.reply_edit.value() if self.result_box.currentData() == "pending" else None,
            amount_fen=self.amount_edit.fen(), method=self.method_box.currentData(),
            invoice_no=self.invoice_edit.text(),
            cycle=self.cycle_box.currentData() if kind in ("renewal", "new_install") else "",
            package_after=self.package_box.currentData() if kind == "renewal" else "",
            package=self.package_box.currentData() if kind == "new_install" else "",
            area=self.area_box.currentData() if kind == "new_install" else "",
            confirm_similar=confirm_similar)

    def submit(self) -> None:
        from station_desk.errors import DomainError
        from station_desk.qt.feedback import show_error

        if self.picker.edit.hasFocus():
            return  # Enter in the search picks the customer
        try:
            draft = self.draft()
        except DomainError as exc:
            show_error(self, exc)
            return
        self.submitted.emit(draft)

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def reset(self) -> None:
        self.picker.clear()
        for edit in (self.name_edit, self.phone_edit, self.address_edit, self.asked_edit, self.done_edit,
                     self.amount_edit, self.invoice_edit):
            edit.clear()
        self._on_customer_cleared()
        self.kind_box.setCurrentIndex(0)
        self.channel_box.setCurrentIndex(0)
        self.result_box.setCurrentIndex(0)
        self.method_box.setCurrentIndex(0)
        self.reply_edit.set_value(clock.today() + dt.timedelta(days=1))
        self.picker.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            if self.picker.completer.popup().isVisible():
                self.picker.completer.popup().hide()
            else:
                self.cancel()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)
