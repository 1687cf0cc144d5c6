"""The gift tab's small forms: receive / transfer out / write off, a customer's return, a gift item, a promotion.
Enter saves, Esc cancels; a refusal stays in the form with its reason in Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from station_desk import clock
from station_desk.gift_stock import rules
from station_desk.gift_stock import service as gifts
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.widgets import DateEdit, MoneyEdit


class _GiftForm(FormDialog):
    """The gift forms' common shape: FormDialog, with the row the service returned as ``result_row``."""

    def __init__(self, parent, ctx, title: str, name: str) -> None:
        super().__init__(parent, ctx, title, name=name, min_width=380)

    @property
    def result_row(self):
        return self.result_value


def _item_combo(ctx, selected: int | None = None, *, active_only: bool = True) -> QComboBox:
    box = QComboBox(objectName="moveItem")
    for it in gifts.list_items(ctx.db, include_inactive=not active_only):
        box.addItem(f"{it.name}（{it.on_hand}{it.unit}）", it.id)
    if selected is not None and box.findData(selected) >= 0:
        box.setCurrentIndex(box.findData(selected))
    return box


class MoveDialog(_GiftForm):
    """Receive (入库), transfer out (调出) or write off (报损)."""

    def __init__(self, parent, ctx, kind: str, item_id: int | None = None) -> None:
        titles = {"receive": self.tr("Receive stock"), "transfer": self.tr("Transfer out"),
                  "write_off": self.tr("Write off")}
        super().__init__(parent, ctx, titles[kind], f"GiftMoveDialog_{kind}")
        self.kind = kind
        self.item = self.row(self.tr("&Gift"), _item_combo(ctx, item_id, active_only=kind == "receive"))
        self.qty = self.row(self.tr("&Quantity"), QSpinBox(objectName="moveQty"))
        self.qty.setRange(1, 99999)
        self.day = self.date(self.tr("&Date"), clock.today())
        label = {"receive": self.tr("Delivery &note No."), "transfer": self.tr("&Sent to"),
                 "write_off": self.tr("&Reason")}[kind]
        self.detail = self.line(label, name="moveDetail")
        self.note = QLineEdit(objectName="moveNote")
        if kind != "write_off":
            self.row(self.tr("N&ote"), self.note)
        self.item.setFocus()

    def work(self):
        ctx, item, qty, day = self.ctx, self.item.currentData(), self.qty.value(), self.day.value()
        detail, note = self.detail.text(), self.note.text()
        if item is None:
            return None
        if self.kind == "receive":
            return lambda: gifts.receive_stock(ctx.db, actor=ctx.actor, item_id=item, qty=qty, day=day,
                                               delivery_note=detail, note=note)
        if self.kind == "transfer":
            return lambda: gifts.transfer_out(ctx.db, actor=ctx.actor, item_id=item, qty=qty, day=day,
                                              counterparty=detail, note=note)
        detail = rules.write_off_reason(detail)  # refused now, before the manager types the PIN
        approval = ask_manager_approval(self, ctx, "礼品报损")
        if approval is None:
            return None
        return lambda: gifts.write_off(ctx.db, actor=ctx.actor, approval=approval, item_id=item, qty=qty, day=day,
                                       reason=detail)


class ReturnDialog(_GiftForm):
    def __init__(self, parent, ctx, issue_row) -> None:
        super().__init__(parent, ctx, self.tr("Gift returned by the customer"), "GiftReturnDialog")
        self.issue_row = issue_row
        self.row(self.tr("Issue"), QLabel(f"{issue_row.day.isoformat()} {issue_row.customer_name} "
                                          f"{issue_row.item_name} ×{-issue_row.qty}"))
        self.qty = self.row(self.tr("&Quantity"), QSpinBox(objectName="returnQty"))
        self.qty.setRange(1, max(1, -issue_row.qty))
        self.day = self.date(self.tr("&Date"), clock.today())
        self.note = self.line(self.tr("&Note"), name="returnNote")

    def work(self):
        ctx, iid, qty, day, note = self.ctx, self.issue_row.id, self.qty.value(), self.day.value(), self.note.text()
        return lambda: gifts.return_gift(ctx.db, actor=ctx.actor, issue_move_id=iid, qty=qty, day=day, note=note)


class ItemDialog(_GiftForm):
    def __init__(self, parent, ctx, item=None) -> None:
        super().__init__(parent, ctx, self.tr("Gift item"), "GiftItemDialog")
        self.item = item
        self.name = QLineEdit(objectName="itemName")
        self.unit = QLineEdit("个", objectName="itemUnit")
        self.cost = MoneyEdit()
        self.cost.setObjectName("itemCost")
        self.low = QSpinBox(objectName="itemLow")
        self.low.setRange(-1, 99999)
        self.low.setSpecialValueText(self.tr("station default"))
        self.low.setValue(-1)
        self.photo = QLineEdit(objectName="itemPhoto")
        self.photo_view = QLabel(objectName="itemPhotoView")
        self.photo.editingFinished.connect(self._show_photo)
        self.note = QLineEdit(objectName="itemNote")
        self.active = QCheckBox(self.tr("In use"), objectName="itemActive")
        self.active.setChecked(True)
        for label, w in ((self.tr("&Name"), self.name), (self.tr("&Unit"), self.unit),
                         (self.tr("Unit &cost (yuan)"), self.cost), (self.tr("&Low-stock warning at"), self.low),
                         (self.tr("&Photo file"), self.photo), ("", self.photo_view), (self.tr("N&ote"), self.note),
                         ("", self.active)):
            self.row(label, w)
        if item is not None:
            self.name.setText(item.name)
            self.unit.setText(item.unit)
            self.cost.set_fen(item.unit_cost_fen)
            self.photo.setText(item.photo_path)
            self.note.setText(item.note)
            self.active.setChecked(item.active)
            self.set_low(item.low_stock)
            self._show_photo()
        self.name.setFocus()

    def _show_photo(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPixmap

        pix = QPixmap(self.photo.text().strip()) if self.photo.text().strip() else QPixmap()
        if pix.isNull():
            self.photo_view.clear()
        else:
            self.photo_view.setPixmap(pix.scaled(160, 120, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    def set_low(self, value: int | None) -> None:
        self.low.setValue(-1 if value is None else value)

    def work(self):
        ctx, item = self.ctx, self.item
        fields = dict(name=self.name.text(), unit=self.unit.text(), unit_cost_fen=self.cost.fen(),
                      low_stock=None if self.low.value() < 0 else self.low.value(), photo_path=self.photo.text(),
                      note=self.note.text())
        if item is None:
            return lambda: gifts.add_item(ctx.db, actor=ctx.actor, **fields)
        active = self.active.isChecked()
        return lambda: gifts.update_item(ctx.db, actor=ctx.actor, item_id=item.id, active=active, **fields)


class PromotionDialog(_GiftForm):
    def __init__(self, parent, ctx, promo=None) -> None:
        super().__init__(parent, ctx, self.tr("Promotion"), "PromotionDialog")
        self.setMinimumWidth(420)
        self.promo = promo
        pol = ctx.policy().customers
        self.name = QLineEdit(objectName="promoName")
        self.action = QComboBox(objectName="promoAction")
        for code, label in rules.ACTIONS.items():
            self.action.addItem(label, code)
        self.cycle = QComboBox(objectName="promoCycle")
        self.cycle.addItem(self.tr("any"), "")
        for code, label in pol.cycles.items():
            self.cycle.addItem(label, code)
        self.package = QComboBox(objectName="promoPackage")
        self.package.addItem(self.tr("any"), "")
        for p in pol.packages:
            self.package.addItem(p.name, p.code)
        self.item = _item_combo(ctx)
        self.qty = QSpinBox(objectName="promoQty")
        self.qty.setRange(1, 99)
        today = clock.today()
        self.valid_from = DateEdit(today)
        self.valid_to = DateEdit(today.replace(month=12, day=31))
        self.note = QLineEdit(objectName="promoNote")
        self.active = QCheckBox(self.tr("Running"), objectName="promoActive")
        self.active.setChecked(True)
        for label, w in ((self.tr("&Name"), self.name), (self.tr("&Customer action"), self.action),
                         (self.tr("Billing c&ycle"), self.cycle), (self.tr("&Package"), self.package),
                         (self.tr("&Gift"), self.item), (self.tr("&Quantity per customer action"), self.qty),
                         (self.tr("Valid &from"), self.valid_from), (self.tr("Valid &to"), self.valid_to),
                         (self.tr("N&ote"), self.note), ("", self.active)):
            self.row(label, w)
        if promo is not None:
            self.name.setText(promo.name)
            for box, value in ((self.action, promo.action), (self.cycle, promo.cycle),
                               (self.package, promo.package), (self.item, promo.item_id)):
                box.setCurrentIndex(max(0, box.findData(value)))
                box.setEnabled(False)
            self.qty.setValue(promo.qty)
            self.valid_from.set_value(promo.valid_from)
            self.valid_to.set_value(promo.valid_to)
            self.note.setText(promo.note)
            self.active.setChecked(promo.active)
        else:
            self.active.setEnabled(False)
        self.name.setFocus()

    def work(self):
        ctx, promo = self.ctx, self.promo
        common = dict(name=self.name.text(), qty=self.qty.value(), valid_from=self.valid_from.value(),
                      valid_to=self.valid_to.value(), note=self.note.text())
        approval = ask_manager_approval(self, ctx, "设立促销活动" if promo is None else "修改促销活动")
        if approval is None:
            return None
        if promo is None:
            extra = dict(action=self.action.currentData(), cycle=self.cycle.currentData(),
                         package=self.package.currentData(), item_id=self.item.currentData())
            return lambda: gifts.add_promotion(ctx.db, actor=ctx.actor, approval=approval, **common, **extra)
        active = self.active.isChecked()
        return lambda: gifts.update_promotion(ctx.db, actor=ctx.actor, approval=approval, promotion_id=promo.id,
                                              active=active, **common)
