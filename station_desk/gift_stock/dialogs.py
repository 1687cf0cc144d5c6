"""Gift dialogs: issuing a gift to a customer (the front desk's Ctrl+G) and the stock-move forms.

Contract used by other modules::

    open_issue_gift_dialog(parent, ctx, *, customer_id=None, contact_id=None, work_order_id=None) -> int | None

returns the id of the issue move written, or None if the person cancelled. Keyboard: type the customer, Enter
picks; Tab through the form; Enter issues; Esc cancels. A refusal by the promotion rules shows its reason in
Chinese and offers "Manager override…" (Ctrl+M): the manager's PIN and a reason, both recorded.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog, QLabel, QPushButton, QSpinBox, QWidget

from station_desk import clock
from station_desk.customers.widgets import CustomerPicker
from station_desk.errors import DomainError
from station_desk.gift_stock import rules
from station_desk.gift_stock import service as gifts
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.form_dialog import FormDialog


class IssueGiftDialog(FormDialog):
    def __init__(self, parent: QWidget | None, ctx, *, customer_id: int | None = None, contact_id: int | None = None,
                 work_order_id: int | None = None) -> None:
        super().__init__(parent, ctx, self.tr("Issue a gift"), name="IssueGiftDialog", save_text=self.tr("Issue"),
                         min_width=640)
        self.move_id: int | None = None
        self.refusal: DomainError | None = None
        self._override: tuple | None = None  # (approval, reason) while a manager override is being submitted
        self._base_ref = (f"contact:{contact_id}" if contact_id else f"work_order:{work_order_id}"
                          if work_order_id else "")
        if customer_id is None and self._base_ref:
            customer_id = gifts.customer_of_ref(ctx.db, self._base_ref)
        self._base_customer = customer_id if self._base_ref else None
        self._build_fields()
        self._build_buttons()
        self._fill_items()
        if customer_id is not None:
            self.picker.customer_id = customer_id
        self._reload_entitlements()
        (self.promo_box if customer_id is not None else self.picker).setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_fields(self) -> None:
        self.picker = self.row(self.tr("&Customer"), CustomerPicker(self.ctx, self, show_summary=True))
        self.picker.setObjectName("giftCustomer")
        self.picker.customerChosen.connect(self._on_customer_chosen)
        self.picker.cleared.connect(self._reload_entitlements)
        self.ent_box = self.row(self.tr("&Business"), QComboBox(objectName="giftEntitlement"))
        self.ent_box.currentIndexChanged.connect(self._reload_promotions)
        self.action_box = self.combo(self.tr("&What they did"),
                                     {"": self.tr("(choose what the customer did)"), **rules.ACTIONS},
                                     name="giftAction")
        self.action_box.currentIndexChanged.connect(self._reload_promotions)
        self.facts_label = self.row("", QLabel(objectName="giftFacts"))
        self.promo_box = self.row(self.tr("&Promotion"), QComboBox(objectName="giftPromotion"))
        self.promo_box.currentIndexChanged.connect(self._on_promotion)
        self.item_box = self.row(self.tr("&Gift"), QComboBox(objectName="giftItem"))
        self.qty = self.row(self.tr("&Quantity"), QSpinBox(objectName="giftQty"))
        self.qty.setRange(1, 999)
        self.day = self.date(self.tr("&Date"), clock.today(), name="giftDay")
        self.note = self.line(self.tr("&Note"), name="giftNote")

    def _build_buttons(self) -> None:
        self.save_button.setObjectName("issueButton")
        self.override_button = QPushButton(self.tr("Manager override… (Ctrl+M)"), objectName="overrideButton")
        self.override_button.setEnabled(False)
        self.override_button.setAutoDefault(False)
        self.buttons.addButton(self.override_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.override_button.clicked.connect(self.override)
        QShortcut(QKeySequence("Ctrl+M"), self, self.override)

    # -- filling ------------------------------------------------------------------------------------------------------
    @property
    def customer_id(self) -> int | None:
        return self.picker.customer_id

    def _fill_items(self) -> None:
        self.item_box.clear()
        for it in gifts.list_items(self.ctx.db, include_inactive=False):
            self.item_box.addItem(self.tr("%1 (in stock %2 %3)").replace("%1", it.name)
                                  .replace("%2", str(it.on_hand)).replace("%3", it.unit), it.id)

    def _on_customer_chosen(self, cid: int) -> None:
        """Another customer: the business chosen for the previous one (the contact or order the dialog was opened
        from, what they did) is not theirs, so it goes."""
        if self._base_ref and cid != self._base_customer:
            self._base_ref = ""
        self.action_box.setCurrentIndex(0)
        self.message_bar.hide()
        self.override_button.setEnabled(False)
        self._reload_entitlements()

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
    def work(self):
        cid, ref, item_id = self.customer_id, self._current_ref(), self.item_box.currentData()
        if cid is None:
            self.picker.setFocus()
            raise DomainError("gift.customer_required")
        if not ref:
            raise DomainError("gift.entitlement_unknown", ref=self.tr("none"))
        if item_id is None:
            return None
        db, actor, qty, day = self.ctx.db, self.ctx.actor, self.qty.value(), self.day.value()
        promo, action, note = self.promo_box.currentData(), self.action_box.currentData() or "", self.note.text()
        override, reason = self._override or (None, "")
        return lambda: gifts.issue_gift(db, actor=actor, item_id=item_id, qty=qty, customer_id=cid,
                                        promotion_id=promo, entitlement_ref=ref, day=day, override=override,
                                        override_reason=reason, action=action, note=note)

    def override(self) -> None:
        """The manager overrides a refusal of the promotion rules: a reason and the PIN, both recorded."""
        if not self.override_button.isEnabled():
            return
        reason, ok = QInputDialog.getText(self, self.tr("Manager override"), self.tr("Reason for the override:"))
        if not ok or not reason.strip():
            return
        approval = ask_manager_approval(self, self.ctx, "特批发放礼品")
        if approval is None:
            return
        self._override = (approval, reason.strip())
        try:
            self.submit()
        finally:
            self._override = None

    def done_with(self, row) -> None:
        self.move_id = row.id
        super().done_with(row)

    def refused(self, exc: BaseException) -> None:
        super().refused(exc)
        self.refusal = exc if isinstance(exc, DomainError) else None
        self.override_button.setEnabled(bool(getattr(exc, "overridable", False)) or
                                        getattr(exc, "code", "") == "gift.entitlement_unknown")


def open_issue_gift_dialog(parent, ctx, *, customer_id: int | None = None, contact_id: int | None = None,
                           work_order_id: int | None = None) -> int | None:
    """Issue a gift; returns the new issue move's id, or None if cancelled."""
    dialog = IssueGiftDialog(parent, ctx, customer_id=customer_id, contact_id=contact_id,
                             work_order_id=work_order_id)
    dialog.exec()
    return dialog.move_id
