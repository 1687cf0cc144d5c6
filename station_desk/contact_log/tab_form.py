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


def _combo(name: str, items: dict) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for code, label in items.items():
        box.addItem(label, code)
    return box


def _edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


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
        self._build_customer(grid, 0)
        self._build_kind(grid, 1)
        self._build_person(grid, 2)
        self._build_matter(grid, 4)
        self._build_money(grid, 7)
        self._build_plan(grid, 8)
        self._build_buttons(grid, 9)
        self._fill_policy_lists()
        self._connect()
        self._on_kind()
        self._on_result()

    # -- building (one row group each) ------------------------------------------------------------------------------
    def _build_customer(self, grid: QGridLayout, row: int) -> None:
        self.picker = CustomerPicker(self.ctx, show_summary=True)
        self.picker.setObjectName("customerPicker")
        grid.addWidget(self._label(self.tr("&Customer"), self.picker.edit), row, 0)
        self.hint_label = QLabel("")
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(False)
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.picker)
        who.addWidget(self.hint_label)
        grid.addLayout(who, row, 1, 1, 3)

    def _build_kind(self, grid: QGridLayout, row: int) -> None:
        self.kind_box = _combo("kindBox", {k: f"{i} {contacts.KINDS[k]}" for i, k in enumerate(KIND_ORDER, start=1)})
        self.channel_box = _combo("channelBox", contacts.CHANNELS)
        self._pair(grid, row, self.tr("&Kind"), self.kind_box, self.tr("Channe&l"), self.channel_box)

    def _build_person(self, grid: QGridLayout, row: int) -> None:
        self.name_edit = _edit("nameEdit")
        self.phone_edit = _edit("phoneEdit")
        self._pair(grid, row, self.tr("&Name"), self.name_edit, self.tr("Phone"), self.phone_edit)
        self.address_edit = _edit("addressEdit")
        self._wide(grid, row + 1, self.tr("Unit / address"), self.address_edit)

    def _build_matter(self, grid: QGridLayout, row: int) -> None:
        self.asked_edit = _edit("askedEdit", self.tr("What the person asked or reported"))
        self._wide(grid, row, self.tr("&Asked"), self.asked_edit)
        self.done_edit = _edit("doneEdit", self.tr("What was done"))
        self._wide(grid, row + 1, self.tr("&Done"), self.done_edit)
        self.result_box = _combo("resultBox", contacts.RESULTS)
        self.reply_edit = DateEdit(clock.today() + dt.timedelta(days=1))
        self.reply_edit.setObjectName("replyEdit")
        self.reply_label = self._pair(grid, row + 2, self.tr("&Result"), self.result_box, self.tr("Reply by"),
                                      self.reply_edit)

    def _build_money(self, grid: QGridLayout, row: int) -> None:
        self.amount_edit = MoneyEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.method_box = _combo("methodBox", takings.METHODS)
        self.invoice_edit = _edit("invoiceEdit", self.tr("Invoice no. (required for cash)"))
        money = QHBoxLayout()
        money.addWidget(self.amount_edit, 1)
        money.addWidget(self.method_box)
        money.addWidget(self.invoice_edit, 2)
        grid.addWidget(self._label(self.tr("A&mount (yuan)"), self.amount_edit), row, 0)
        grid.addLayout(money, row, 1, 1, 3)

    def _build_plan(self, grid: QGridLayout, row: int) -> None:
        """Renewal / new install: cycle, package, area (filled from the policy)."""
        self.cycle_box = _combo("cycleBox", {})
        self.package_box = _combo("packageBox", {})
        self.area_box = _combo("areaBox", {})
        self.plan_widgets = [self.cycle_box, self.package_box, self.area_box]
        plan = QHBoxLayout()
        for w in self.plan_widgets:
            plan.addWidget(w, 1)
        self.plan_label = self._label(self.tr("Cycle / package / area"), self.cycle_box)
        grid.addWidget(self.plan_label, row, 0)
        grid.addLayout(plan, row, 1, 1, 3)

    def _build_buttons(self, grid: QGridLayout, row: int) -> None:
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save (Enter)"))
        self.save_button.setObjectName("saveButton")
        self.clear_button = QPushButton(self.tr("Clear (Esc)"))
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        grid.addLayout(buttons, row, 0, 1, 4)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.cancel)
        self.kind_box.currentIndexChanged.connect(self._on_kind)
        self.cycle_box.currentIndexChanged.connect(self._update_hint)
        self.result_box.currentIndexChanged.connect(self._on_result)
        self.picker.customerChosen.connect(self._on_customer)
        self.picker.cleared.connect(self._on_customer_cleared)
        # Enter in a line edit or a closed combo box is ignored by the widget and reaches keyPressEvent below

    def kind_keys_on(self, owner: QWidget) -> None:
        """Ctrl+1 … Ctrl+7 pick the kind wherever the focus is inside ``owner`` (the whole front desk: the ledger,
        the filters and the buttons too, not only this form)."""
        for i in range(len(KIND_ORDER)):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), owner, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda i=i: self.set_kind(KIND_ORDER[i]))

    def _pair(self, grid: QGridLayout, row: int, label: str, widget: QWidget, label2: str, widget2: QWidget) -> QLabel:
        """Two labelled fields on one row; returns the second label (some are shown only when they apply)."""
        grid.addWidget(self._label(label, widget), row, 0)
        grid.addWidget(widget, row, 1)
        second = self._label(label2, widget2)
        grid.addWidget(second, row, 2)
        grid.addWidget(widget2, row, 3)
        return second

    def _wide(self, grid: QGridLayout, row: int, label: str, widget: QWidget) -> None:
        grid.addWidget(self._label(label, widget), row, 0)
        grid.addWidget(widget, row, 1, 1, 3)

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
        """Under the form: the chosen customer's expiry (red when the service says it is due), what a renewal would
        move it to, and the last contacts (a repeated fault shows at once)."""
        c = self.picker.customer
        if c is None:
            self.hint_label.setText("")
            self.hint_label.setVisible(False)
            return
        cycle = self.cycle_box.currentData() if self.kind() == "renewal" else ""
        hint = contacts.customer_hint(self.ctx.db, c.id, cycle=cycle or "")
        parts = []
        days = hint.days_left
        if days is not None and days >= 0 and hint.due:
            parts.append(self.tr("Expires %1 (%2 days)").replace("%1", hint.expiry_date.isoformat())
                         .replace("%2", str(days)))
        elif days is not None and days < 0:
            parts.append(self.tr("Expired on %1 (%2 days ago)").replace("%1", hint.expiry_date.isoformat())
                         .replace("%2", str(-days)))
        if hint.after_renewal is not None:
            parts.append(self.tr("after renewal: %1").replace("%1", hint.after_renewal.isoformat()))
        if hint.recent:
            parts.append(self.tr("recent: %1").replace("%1", "；".join(
                f"{r.at:%m-%d} {r.kind_label} {r.asked[:16]}" for r in hint.recent)))
        self.hint_label.setText("　".join(parts))
        self.hint_label.setVisible(bool(parts))
        self.hint_label.setStyleSheet("color: #b71c1c;" if hint.due else "color: #37474f;")

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
