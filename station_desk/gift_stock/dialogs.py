"""Gift dialogs: issuing a gift to a customer (the front desk's Ctrl+G) and the stock-move forms.

Contract used by other modules::

    open_issue_gift_dialog(parent, ctx, *, customer_id=None, contact_id=None, work_order_id=None) -> int | None

returns the id of the issue move written, or None if the person cancelled. Keyboard: type the customer, Enter
picks; Tab through the form; Enter issues; Esc cancels. A refusal by the promotion rules shows its reason in
Chinese and offers "Manager override…" (Ctrl+M): the manager's PIN and a reason, both recorded.
"""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.errors import DomainError
from station_desk.gift_stock import rules
from station_desk.gift_stock import service as gifts
from station_desk.qt.feedback import MessageBar
from station_desk.qt.ops import Op
from station_desk.qt.widgets import DateEdit

CHANGES = {"gifts"}


def _has_picker() -> bool:
    try:
        return importlib.util.find_spec("station_desk.customers.widgets") is not None
    except ModuleNotFoundError:
        return False


class _AccountField(QLineEdit):
    """Fallback customer field (account number) when the shared picker is not available."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setPlaceholderText(self.tr("Customer account number"))
        self.customer_id: int | None = None

    def resolve(self) -> int | None:
        from station_desk.customers import service as customers

        row = customers.find_by_account(self.ctx.db, self.text().strip()) if self.text().strip() else None
        self.customer_id = row.id if row else None
        return self.customer_id


class IssueGiftDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx, *, customer_id: int | None = None, contact_id: int | None = None,
                 work_order_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("IssueGiftDialog")
        self.setWindowTitle(self.tr("Issue a gift"))
        self.setMinimumWidth(640)
        self.move_id: int | None = None
        self.refusal: DomainError | None = None
        self._base_ref = (f"contact:{contact_id}" if contact_id else f"work_order:{work_order_id}"
                          if work_order_id else "")
        if customer_id is None and self._base_ref:
            customer_id = gifts.customer_of_ref(ctx.db, self._base_ref)

        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        form = QFormLayout()
        if _has_picker():
            from station_desk.customers.widgets import CustomerPicker

            self.picker = CustomerPicker(ctx, self, show_summary=True)
            self.picker.customerChosen.connect(lambda _cid: self._reload_entitlements())
            self.picker.cleared.connect(self._reload_entitlements)
        else:
            self.picker = _AccountField(ctx, self)
            self.picker.editingFinished.connect(lambda: (self.picker.resolve(), self._reload_entitlements()))
        self.picker.setObjectName("giftCustomer")
        form.addRow(self.tr("&Customer"), self.picker)

        self.ent_box = QComboBox(objectName="giftEntitlement")
        self.ent_box.currentIndexChanged.connect(self._reload_promotions)
        form.addRow(self.tr("&Business"), self.ent_box)
        self.action_box = QComboBox(objectName="giftAction")
        self.action_box.addItem(self.tr("(choose what the customer did)"), "")
        for code, label in rules.ACTIONS.items():
            self.action_box.addItem(label, code)
        self.action_box.currentIndexChanged.connect(self._reload_promotions)
        self.facts_label = QLabel(objectName="giftFacts")
        form.addRow(self.tr("&What they did"), self.action_box)
        form.addRow("", self.facts_label)

        self.promo_box = QComboBox(objectName="giftPromotion")
        self.promo_box.currentIndexChanged.connect(self._on_promotion)
        form.addRow(self.tr("&Promotion"), self.promo_box)
        self.item_box = QComboBox(objectName="giftItem")
        form.addRow(self.tr("&Gift"), self.item_box)
        self.qty = QSpinBox(objectName="giftQty")
        self.qty.setRange(1, 999)
        form.addRow(self.tr("&Quantity"), self.qty)
        self.day = DateEdit(clock.today())
        self.day.setObjectName("giftDay")
        form.addRow(self.tr("&Date"), self.day)
        self.note = QLineEdit(objectName="giftNote")
        form.addRow(self.tr("&Note"), self.note)
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Issue"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("issueButton")
        self.ok_button.setDefault(True)
        self.override_button = QPushButton(self.tr("Manager override… (Ctrl+M)"), objectName="overrideButton")
        self.override_button.setEnabled(False)
        buttons.addButton(self.override_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.override_button.setAutoDefault(False)
        buttons.accepted.connect(self._issue)
        buttons.rejected.connect(self.reject)
        self.override_button.clicked.connect(self._override)
        QShortcut(QKeySequence("Ctrl+M"), self, self._override)
        layout.addWidget(buttons)

        self._fill_items()
        if customer_id is not None:
            if isinstance(self.picker, _AccountField):
                from station_desk.customers import service as customers

                self.picker.setText(customers.get_customer(ctx.db, customer_id).account_no)
                self.picker.customer_id = customer_id
            else:
                self.picker.customer_id = customer_id
        self._reload_entitlements()
        (self.promo_box if customer_id is not None else self.picker).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- filling ------------------------------------------------------------------------------------------------------
    @property
    def customer_id(self) -> int | None:
        return self.picker.customer_id

    def _fill_items(self) -> None:
        self.item_box.clear()
        for it in gifts.list_items(self.ctx.db, include_inactive=False):
            self.item_box.addItem(self.tr("%1 (in stock %2 %3)").replace("%1", it.name)
                                  .replace("%2", str(it.on_hand)).replace("%3", it.unit), it.id)

    def _reload_entitlements(self) -> None:
        self.ent_box.blockSignals(True)
        self.ent_box.clear()
        if self._base_ref:
            kind, rid = rules.parse_ref(self._base_ref)
            label = (self.tr("This contact (No. %1)") if kind == "contact" else self.tr("This work order (No. %1)"))
            self.ent_box.addItem(label.replace("%1", str(rid)), self._base_ref)
        cid = self.customer_id
        if cid is not None:
            for ref, label in gifts.customer_entitlements(self.ctx.db, customer_id=cid):
                if self.ent_box.findData(ref) < 0:
                    self.ent_box.addItem(label, ref)
            self.ent_box.addItem(self.tr("Other business not on record (say what below)"), f"customer:{cid}")
        self.ent_box.blockSignals(False)
        self._reload_promotions()

    def _current_ref(self) -> str:
        return self.ent_box.currentData() or ""

    def _reload_promotions(self) -> None:
        cid, ref = self.customer_id, self._current_ref()
        ent, fits = (None, [])
        if cid is not None and ref:
            try:
                ent, fits = gifts.entitlement_for(self.ctx.db, customer_id=cid, entitlement_ref=ref,
                                                  action=self.action_box.currentData() or "", day=self.day.value())
            except DomainError as exc:
                self.message_bar.show_error(exc.message)
        from_record = ent is not None and ent.from_record
        self.action_box.setEnabled(not from_record)
        self.facts_label.setText(ent.describe(self.ctx.policy().customers.cycles) if ent else self.tr("unknown"))
        fit_ids = {p.id for p in fits}
        self.promo_box.blockSignals(True)
        self.promo_box.clear()
        for p in gifts.list_promotions(self.ctx.db, on=self.day.value(), include_ended=False):
            mark = "✓ " if p.id in fit_ids else ""
            self.promo_box.addItem(f"{mark}{p.name}（{p.condition} → {p.item_name}×{p.qty}）", p.id)
        self.promo_box.addItem(self.tr("(no promotion)"), None)
        first_fit = next((i for i in range(self.promo_box.count()) if self.promo_box.itemData(i) in fit_ids), -1)
        self.promo_box.setCurrentIndex(first_fit if first_fit >= 0 else self.promo_box.count() - 1)
        self.promo_box.blockSignals(False)
        self._on_promotion()

    def _on_promotion(self) -> None:
        pid = self.promo_box.currentData()
        if pid is None:
            return
        promo = next((p for p in gifts.list_promotions(self.ctx.db) if p.id == pid), None)
        if promo is not None:
            idx = self.item_box.findData(promo.item_id)
            if idx >= 0:
                self.item_box.setCurrentIndex(idx)
            self.qty.setValue(promo.qty)

    # -- actions ------------------------------------------------------------------------------------------------------
    def _call(self, override=None, reason: str = ""):
        if isinstance(self.picker, _AccountField):
            self.picker.resolve()
        cid, ref, item_id = self.customer_id, self._current_ref(), self.item_box.currentData()
        if cid is None:
            self.message_bar.show_error(DomainError("gift.customer_required").message)
            self.picker.setFocus()
            return
        if not ref:
            self.message_bar.show_error(DomainError("gift.entitlement_unknown", ref=self.tr("none")).message)
            self.override_button.setEnabled(True)
            return
        if item_id is None:
            return
        ctx, qty, day = self.ctx, self.qty.value(), self.day.value()
        promo, action, note = self.promo_box.currentData(), self.action_box.currentData() or "", self.note.text()

        def work():
            return gifts.issue_gift(ctx.db, actor=ctx.actor, item_id=item_id, qty=qty, customer_id=cid,
                                    promotion_id=promo, entitlement_ref=ref, day=day, override=override,
                                    override_reason=reason, action=action, note=note)

        self.ok_button.setEnabled(False)
        Op(self, work, changes=CHANGES, ctx=ctx).success(self._done).failure(self._failed).run()

    def _issue(self) -> None:
        self._call()

    def _override(self) -> None:
        if not self.override_button.isEnabled():
            return
        from station_desk.qt.dialogs.approval import ask_manager_approval

        reason, ok = QInputDialog.getText(self, self.tr("Manager override"), self.tr("Reason for the override:"))
        if not ok or not reason.strip():
            return
        approval = ask_manager_approval(self, self.ctx, "特批发放礼品")
        if approval is not None:
            self._call(approval, reason.strip())

    def _done(self, row) -> None:
        self.move_id = row.id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from station_desk.qt.feedback import message_for

        self.ok_button.setEnabled(True)
        self.refusal = exc if isinstance(exc, DomainError) else None
        self.message_bar.show_error(message_for(exc))
        self.override_button.setEnabled(bool(getattr(exc, "overridable", False)) or
                                        getattr(exc, "code", "") == "gift.entitlement_unknown")


def open_issue_gift_dialog(parent, ctx, *, customer_id: int | None = None, contact_id: int | None = None,
                           work_order_id: int | None = None) -> int | None:
    """Issue a gift; returns the new issue move's id, or None if cancelled."""
    dialog = IssueGiftDialog(parent, ctx, customer_id=customer_id, contact_id=contact_id,
                             work_order_id=work_order_id)
    dialog.exec()
    return dialog.move_id
