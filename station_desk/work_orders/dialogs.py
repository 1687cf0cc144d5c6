"""Work-order dialogs: new order, dispatch, response, follow, return (回单), follow-up call (回访), reasons,
outage. Each dialog calls its service when saved and stays open showing the error if the service refuses.
Enter saves, Esc cancels."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.qt.feedback import MessageBar, message_for
from station_desk.qt.widgets import MoneyEdit
from station_desk.work_orders import queries
from station_desk.work_orders import service as wo


def _qdt(value: dt.datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def _pydt(edit: QDateTimeEdit) -> dt.datetime:
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class FormDialog(QDialog):
    """A form with a message line and Save/Cancel. ``submit()`` runs the service; an error keeps it open."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value = None
        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._submit: Callable[[], object] | None = None

    def on_submit(self, fn: Callable[[], object]) -> None:
        self._submit = fn

    def accept(self) -> None:
        if self._submit is not None:
            try:
                self.result_value = self._submit()
            except Exception as exc:  # noqa: BLE001 - shown in the dialog, which stays open
                self.message_bar.show_error(message_for(exc))
                return
        super().accept()

    def line(self, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        w = QLineEdit(text)
        if placeholder:
            w.setPlaceholderText(placeholder)
        self.form.addRow(label, w)
        return w

    def when(self, label: str, value: dt.datetime | None = None) -> QDateTimeEdit:
        w = QDateTimeEdit(_qdt(value or clock.now()))
        w.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.form.addRow(label, w)
        return w

    def combo(self, label: str, items: dict) -> QComboBox:
        w = QComboBox()
        for code, text in items.items():
            w.addItem(text, code)
        self.form.addRow(label, w)
        return w


class NewOrderDialog(FormDialog):
    def __init__(self, parent, ctx, *, contact_id=None, customer_id=None, kind=None, description="") -> None:
        super().__init__(parent, self.tr("New work order"))
        self.setObjectName("NewOrderDialog")
        self.ctx = ctx
        pol = ctx.policy()
        self.kind = self.combo(self.tr("&Kind"), wo.KINDS)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        else:
            self.kind.setCurrentIndex(self.kind.findData("repair"))
        self.klass = self.combo(self.tr("Service &class"), {k: f"{k} {v}" for k, v in wo.CLASSES.items()})
        self.klass.setCurrentIndex(self.klass.findData("C"))
        self.picker = _customer_picker(ctx, self)
        self.customer_id = QLineEdit(str(customer_id or ""))
        if self.picker is not None:
            self.form.addRow(self.tr("C&ustomer"), self.picker)
            if hasattr(self.picker, "customerChosen"):
                self.picker.customerChosen.connect(self._fill_customer)
        else:
            self.customer_id.setPlaceholderText(self.tr("optional: customer record number"))
            self.customer_id.editingFinished.connect(lambda: self._fill_customer(
                int(self.customer_id.text()) if self.customer_id.text().strip().isdigit() else None))
            self.form.addRow(self.tr("Customer &no."), self.customer_id)
        self.expiry = QLabel()
        self.expiry.setStyleSheet("color: #B00000")
        self.form.addRow("", self.expiry)
        self.customer_name = self.line(self.tr("Customer &name"))
        self.phone = self.line(self.tr("&Phone"))
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.addItem("")
        self.area.addItems(pol.customers.areas)
        self.form.addRow(self.tr("&Area"), self.area)
        self.address = self.line(self.tr("Add&ress"))
        self.description = QPlainTextEdit(description)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.form.addRow(self.tr("&Description"), self.description)
        self.fault = QComboBox()
        self.fault.addItem("", "")
        for f in pol.work_orders.fault_types:
            self.fault.addItem(f, f)
        self.form.addRow(self.tr("&Fault type"), self.fault)
        self.urgent = QCheckBox(self.tr("&Urgent"))
        self.form.addRow("", self.urgent)
        self.contact_id = contact_id
        self._warn_days = pol.work_orders.expiry_warn_days
        if customer_id:
            if self.picker is not None:
                try:
                    self.picker.customer_id = customer_id
                except Exception:  # noqa: BLE001 - the picker is another module's widget
                    pass
            self._fill_customer(customer_id)
        self.on_submit(self._save)
        (self.customer_name if not customer_id else self.description).setFocus()

    def _fill_customer(self, customer_id: int | None) -> None:
        """Copy the customer's name, phone, area and address; warn when the service expires soon (SPEC §2)."""
        self.expiry.clear()
        if not customer_id:
            return
        try:
            from station_desk.customers.service import get_customer

            c = get_customer(self.ctx.db, customer_id)
        except Exception as exc:  # noqa: BLE001
            self.message_bar.show_error(message_for(exc))
            return
        self.customer_id.setText(str(c.id))
        self.customer_name.setText(c.name)
        self.phone.setText(c.phone)
        self.area.setCurrentText(c.area)
        self.address.setText("".join(p for p in (c.building, c.unit, c.room) if p) or c.address)
        days = c.days_to_expiry(clock.today())
        if days is not None and days <= self._warn_days:
            text = (self.tr("Service expired on %1 — remind the technician") if days < 0 else
                    self.tr("Service expires on %1 (in %2 days) — remind the technician"))
            self.expiry.setText(text.replace("%1", c.expiry_date.isoformat()).replace("%2", str(days)))

    def _selected_customer(self) -> int | None:
        if self.picker is not None:
            for attr in ("customer_id", "selected_id", "current_id"):
                value = getattr(self.picker, attr, None)
                value = value() if callable(value) else value
                if value:
                    return int(value)
        text = self.customer_id.text().strip()
        return int(text) if text.isdigit() else None

    def _save(self) -> int:
        return wo.create_order(self.ctx.db, actor=self.ctx.actor, kind=self.kind.currentData(),
                               service_class=self.klass.currentData(), customer_id=self._selected_customer(),
                               customer_name=self.customer_name.text(), phone=self.phone.text(),
                               area=self.area.currentText(), address=self.address.text(),
                               description=self.description.toPlainText(), fault_type=self.fault.currentData() or "",
                               priority=1 if self.urgent.isChecked() else 0, contact_id=self.contact_id)


def _customer_picker(ctx, parent):
    """The front desk's CustomerPicker when that module exists (else None: the plain fields are used)."""
    try:
        if importlib.util.find_spec("station_desk.customers.widgets") is None:
            return None
        cls = getattr(importlib.import_module("station_desk.customers.widgets"), "CustomerPicker", None)
        return cls(ctx, parent) if cls is not None else None
    except Exception:  # noqa: BLE001 - a picker of another module must never stop an order being taken
        return None


def open_new_order_dialog(parent, ctx, *, contact_id: int | None = None, customer_id: int | None = None,
                          kind: str | None = None, description: str = "") -> int | None:
    """Open the new-order dialog (used by the front-desk contact log: "turn into work order").
    Returns the new order's id, or None when cancelled."""
    dialog = NewOrderDialog(parent, ctx, contact_id=contact_id, customer_id=customer_id, kind=kind,
                            description=description)
    if dialog.exec():
        ctx.bus.changed.emit({"work_orders"}, parent)
        return dialog.result_value
    return None


class DispatchDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, self.tr("Dispatch order %1").replace("%1", str(order_id)))
        self.setObjectName("DispatchDialog")
        self.tech = QComboBox()
        for t in queries.technicians(ctx.db):
            self.tech.addItem(self.tr("%1 (open %2, today %3)").replace("%1", t.name)
                              .replace("%2", str(t.open_orders)).replace("%3", str(t.dispatched_today)), t.staff_id)
        self.form.addRow(self.tr("&Technician"), self.tech)
        self.note = self.line(self.tr("&Note"))
        self.on_submit(lambda: wo.dispatch_order(ctx.db, actor=ctx.actor, order_id=order_id,
                                                 technician_id=self.tech.currentData(), note=self.note.text()))
        self.tech.setFocus()


class RespondDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, self.tr("Technician responded: order %1").replace("%1", str(order_id)))
        self.at = self.when(self.tr("&Time"))
        self.note = self.line(self.tr("&Note"))
        self.reason = self.line(self.tr("&Late reason"), placeholder=self.tr("required when late"))
        self.on_submit(lambda: wo.record_response(ctx.db, actor=ctx.actor, order_id=order_id, at=_pydt(self.at),
                                                  note=self.note.text(), late_reason=self.reason.text()))


class FollowDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, self.tr("Follow order %1").replace("%1", str(order_id)))
        self.mode = self.combo(self.tr("&Type"), wo.FOLLOW_MODES)
        self.note = self.line(self.tr("&Note"))
        self.next_visit = self.when(self.tr("Second &visit"), clock.now() + dt.timedelta(days=1))
        self.on_submit(lambda: wo.follow_order(
            ctx.db, actor=ctx.actor, order_id=order_id, mode=self.mode.currentData(), note=self.note.text(),
            next_visit_at=_pydt(self.next_visit) if self.mode.currentData() == "not_home" else None))


class ReturnDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, self.tr("Return order %1").replace("%1", str(order_id)))
        self.setObjectName("ReturnDialog")
        pol = ctx.policy()
        self.work_done = self.line(self.tr("&Work done"))
        self.equipment = self.line(self.tr("&Equipment"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 1440)
        self.minutes.setSuffix(self.tr(" min"))
        self.form.addRow(self.tr("Time &spent"), self.minutes)
        self.finished = self.when(self.tr("&Finished at"))
        self.amount = MoneyEdit()
        self.form.addRow(self.tr("&Amount collected"), self.amount)
        self.method = self.combo(self.tr("Pay &method"), {"cash": "现金", "wechat": "微信", "alipay": "支付宝",
                                                          "card": "刷卡"})
        self.invoice = self.line(self.tr("&Invoice no."))
        self.fault = QComboBox()
        self.fault.addItem("", "")
        for f in pol.work_orders.fault_types:
            self.fault.addItem(f, f)
        self.form.addRow(self.tr("Fault &type"), self.fault)
        self.signed = QCheckBox(self.tr("Customer &signed"))
        self.form.addRow("", self.signed)
        self.reason = self.line(self.tr("&Late reason"), placeholder=self.tr("required when late"))
        self.on_submit(lambda: wo.return_order(
            ctx.db, actor=ctx.actor, order_id=order_id, work_done=self.work_done.text(),
            equipment=self.equipment.text(), minutes_spent=self.minutes.value() or None,
            amount_fen=self.amount.fen() if self.amount.text().strip() else 0,
            pay_method=self.method.currentData(), invoice_no=self.invoice.text(), signed=self.signed.isChecked(),
            finished_at=_pydt(self.finished), late_reason=self.reason.text(), fault_type=self.fault.currentData()))
        self.work_done.setFocus()


class CallDialog(FormDialog):
    """回访 script (SPEC §3)."""

    def __init__(self, parent, ctx, order_id: int, amount_fen: int = 0) -> None:
        super().__init__(parent, self.tr("Follow-up call: order %1").replace("%1", str(order_id)))
        self.setObjectName("CallDialog")
        self.solved = self.combo(self.tr("a. Problem &solved?"), {True: "是", False: "否"})
        self.attitude = self.combo(self.tr("b. Technician's &attitude"), wo.ATTITUDES)
        charged_label = self.tr("c. Were you &charged?")
        if amount_fen:
            charged_label += f"（{fmt_fen(amount_fen)}）"
        self.charged = self.combo(charged_label, {False: "否", True: "是"})
        self.score = QSpinBox()
        self.score.setRange(1, 10)
        self.score.setValue(10)
        self.form.addRow(self.tr("d. Score (1–10)"), self.score)
        self.suggestion = self.line(self.tr("e. Su&ggestions"))
        self.remind = QCheckBox(self.tr("f. Reminded to &pay"))
        self.form.addRow("", self.remind)
        self.on_submit(lambda: wo.record_follow_up_call(
            ctx.db, actor=ctx.actor, order_id=order_id, solved=self.solved.currentData(),
            attitude=self.attitude.currentData(), charged=self.charged.currentData(), score=self.score.value(),
            suggestion=self.suggestion.text(), paid_reminder=self.remind.isChecked()))


class CallBackDialog(FormDialog):
    """The customer cannot talk now (您现在方便吗？— 不方便): book a time to call back."""

    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, self.tr("Call back later: order %1").replace("%1", str(order_id)))
        self.setObjectName("CallBackDialog")
        self.at = self.when(self.tr("Call &back at"), clock.now() + dt.timedelta(hours=2))
        self.note = self.line(self.tr("&Note"))
        self.on_submit(lambda: wo.book_call_back(ctx.db, actor=ctx.actor, order_id=order_id,
                                                 call_back_at=_pydt(self.at), note=self.note.text()))


class ReasonDialog(FormDialog):
    def __init__(self, parent, title: str, label: str, fn: Callable[[str], object]) -> None:
        super().__init__(parent, title)
        self.setObjectName("ReasonDialog")
        self.reason = self.line(label)
        self.on_submit(lambda: fn(self.reason.text()))


class OutageDialog(FormDialog):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent, self.tr("Major outage"))
        pol = ctx.policy()
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.addItems(pol.customers.areas)
        self.form.addRow(self.tr("&Area"), self.area)
        self.fault = QComboBox()
        for f in pol.work_orders.fault_types:
            self.fault.addItem(f, f)
        self.form.addRow(self.tr("Fault &type"), self.fault)
        self.cause = self.line(self.tr("&Cause"))
        self.start = self.when(self.tr("&Started"))
        self.expected = self.when(self.tr("&Expected recovery"), clock.now() + dt.timedelta(hours=2))
        self.on_submit(lambda: wo.record_outage(
            ctx.db, actor=ctx.actor, area=self.area.currentText(), cause=self.cause.text(),
            started_at=_pydt(self.start), expected_recovery_at=_pydt(self.expected),
            fault_type=self.fault.currentData() or ""))
