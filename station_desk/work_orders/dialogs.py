"""Work-order dialogs: new order, dispatch, response, follow, return (回单), follow-up call (回访), call-back,
reasons, outage. Each is a :class:`~station_desk.qt.form_dialog.FormDialog`: ``work()`` reads the fields and
returns the service call, which runs on the database worker; a refusal keeps the dialog open with the reason.
Enter saves, Esc cancels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPlainTextEdit, QSpinBox

from station_desk import clock
from station_desk.customers.service import get_customer
from station_desk.customers.widgets import CustomerPicker
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.qt.feedback import message_for
from station_desk.qt.form_dialog import FormDialog, datetime_of
from station_desk.qt.views import people_combo
from station_desk.qt.widgets import DateTimeEdit
from station_desk.takings.service import METHODS
from station_desk.work_orders import queries
from station_desk.work_orders import service as wo


def _fault_types(policy, *, blank: bool) -> QComboBox:
    box = QComboBox()
    if blank:
        box.addItem("", "")
    for f in policy.work_orders.fault_types:
        box.addItem(f, f)
    return box


def _when(dialog: FormDialog, label: str, value: dt.datetime | None = None) -> DateTimeEdit:
    """A date-time row (``FormDialog.when``)."""
    return dialog.when(label, value)


def _areas(policy, *, blank: bool) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    if blank:
        box.addItem("")
    box.addItems(policy.customers.areas)
    return box


class NewOrderDialog(FormDialog):
    def __init__(self, parent, ctx, *, contact_id=None, customer_id=None, kind=None, description="") -> None:
        super().__init__(parent, ctx, self.tr("New work order"), name="NewOrderDialog")
        pol = ctx.policy()
        self.contact_id = contact_id
        self._warn_days = pol.work_orders.expiry_warn_days
        self.kind = self.combo(self.tr("&Kind"), wo.KINDS, current=kind or "repair")
        self.klass = self.combo(self.tr("Service &class"), {k: f"{k} {v}" for k, v in wo.CLASSES.items()},
                                current="C")
        self._build_customer(pol)
        self._build_matter(pol, description)
        if customer_id:
            self._preset_customer(customer_id)
        (self.customer_name if not customer_id else self.description).setFocus()

    def _build_customer(self, pol) -> None:
        self.picker = self.row(self.tr("C&ustomer"), CustomerPicker(self.ctx, self))
        self.picker.customerChosen.connect(self._fill_customer)
        self.expiry = self.row("", QLabel())
        self.expiry.setStyleSheet("color: #B00000")
        self.customer_name = self.line(self.tr("Customer &name"))
        self.phone = self.line(self.tr("&Phone"))
        self.area = self.row(self.tr("&Area"), _areas(pol, blank=True))
        self.address = self.line(self.tr("Add&ress"))

    def _build_matter(self, pol, description: str) -> None:
        self.description = QPlainTextEdit(description)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.row(self.tr("&Description"), self.description)
        self.fault = self.row(self.tr("&Fault type"), _fault_types(pol, blank=True))
        self.urgent = self.row("", QCheckBox(self.tr("Ur&gent")))

    def _preset_customer(self, customer_id: int) -> None:
        try:
            self.picker.customer_id = customer_id
        except DomainError as exc:
            self.message_bar.show_error(message_for(exc))
            return
        self._fill_customer(customer_id)

    def _fill_customer(self, customer_id: int | None) -> None:
        """Copy the customer's name, phone, area and address; warn when the service expires soon (SPEC §2)."""
        self.expiry.clear()
        if not customer_id:
            return
        try:
            c = get_customer(self.ctx.db, customer_id)
        except DomainError as exc:
            self.message_bar.show_error(message_for(exc))
            return
        self.customer_name.setText(c.name)
        self.phone.setText(c.phone)
        self.area.setCurrentText(c.area)
        self.address.setText("".join(p for p in (c.building, c.unit, c.room) if p) or c.address)
        days = c.days_to_expiry(clock.today())
        if days is not None and days <= self._warn_days:
            text = (self.tr("Service expired on %1 — remind the technician") if days < 0 else
                    self.tr("Service expires on %1 (in %2 days) — remind the technician"))
            self.expiry.setText(text.replace("%1", c.expiry_date.isoformat()).replace("%2", str(days)))

    def work(self):
        fields = dict(kind=self.kind.currentData(), service_class=self.klass.currentData(),
                      customer_id=self.picker.customer_id, customer_name=self.customer_name.text(),
                      phone=self.phone.text(), area=self.area.currentText(), address=self.address.text(),
                      description=self.description.toPlainText(), fault_type=self.fault.currentData() or "",
                      priority=1 if self.urgent.isChecked() else 0, contact_id=self.contact_id)
        db, actor = self.ctx.db, self.ctx.actor
        return lambda: wo.create_order(db, actor=actor, **fields)


def open_new_order_dialog(parent, ctx, *, contact_id: int | None = None, customer_id: int | None = None,
                          kind: str | None = None, description: str = "") -> int | None:
    """Open the new-order dialog (used by the front-desk contact log: "turn into work order").
    Returns the new order's id, or None when cancelled."""
    dialog = NewOrderDialog(parent, ctx, contact_id=contact_id, customer_id=customer_id, kind=kind,
                            description=description)
    return dialog.result_value if dialog.exec() else None


class DispatchDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, ctx, self.tr("Dispatch order %1").replace("%1", str(order_id)),
                         name="DispatchDialog")
        self.order_id = order_id
        self.tech = self.row(self.tr("&Technician"), people_combo(
            queries.technicians(ctx.db), editable=False,
            label=lambda t: self.tr("%1 (open %2, today %3)").replace("%1", t.name)
            .replace("%2", str(t.open_orders)).replace("%3", str(t.dispatched_today))))
        self.note = self.line(self.tr("&Note"))
        self.tech.setFocus()

    def work(self):
        db, actor, oid = self.ctx.db, self.ctx.actor, self.order_id
        tech, note = self.tech.currentData(), self.note.text()
        return lambda: wo.dispatch_order(db, actor=actor, order_id=oid, technician_id=tech, note=note)


class RespondDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, ctx, self.tr("Technician responded: order %1").replace("%1", str(order_id)),
                         name="RespondDialog")
        self.order_id = order_id
        self.at = _when(self, self.tr("&Time"))
        self.note = self.line(self.tr("&Note"))
        self.reason = self.line(self.tr("&Late reason"), placeholder=self.tr("required when late"))

    def work(self):
        db, actor, oid = self.ctx.db, self.ctx.actor, self.order_id
        at, note, reason = datetime_of(self.at), self.note.text(), self.reason.text()
        return lambda: wo.record_response(db, actor=actor, order_id=oid, at=at, note=note, late_reason=reason)


class FollowDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, ctx, self.tr("Follow order %1").replace("%1", str(order_id)), name="FollowDialog")
        self.order_id = order_id
        self.mode = self.combo(self.tr("&Type"), wo.FOLLOW_MODES)
        self.note = self.line(self.tr("&Note"))
        self.next_visit = _when(self, self.tr("Second &visit"), clock.now() + dt.timedelta(days=1))

    def work(self):
        db, actor, oid = self.ctx.db, self.ctx.actor, self.order_id
        mode, note = self.mode.currentData(), self.note.text()
        visit = datetime_of(self.next_visit) if mode == "not_home" else None
        return lambda: wo.follow_order(db, actor=actor, order_id=oid, mode=mode, note=note, next_visit_at=visit)


class PauseDialog(FormDialog):
    """暂停计时: why the clock stands still (customer not home until the booked visit, customer asked for a later
    time, a major outage until its recovery). A long pause asks the manager's PIN."""

    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, ctx, self.tr("Pause the clock of order %1").replace("%1", str(order_id)),
                         name="PauseDialog")
        self.order_id = order_id
        self.kind = self.combo(self.tr("&Because"), wo.PAUSE_KINDS)
        self.why = self.line(self.tr("&Reason"), placeholder=self.tr("required: what happened, who said so"))
        self.until = _when(self, self.tr("&Until (booked time)"), clock.now() + dt.timedelta(days=1))
        self.kind.currentIndexChanged.connect(lambda _i: self.until.setEnabled(self.kind.currentData() != "outage"))
        self.why.setFocus()

    def work(self):
        from station_desk.qt.dialogs.approval import ask_manager_approval

        db, actor, oid = self.ctx.db, self.ctx.actor, self.order_id
        kind, why = self.kind.currentData(), self.why.text()
        until = datetime_of(self.until) if kind != "outage" else None
        approval = None
        if wo.pause_needs_approval(db, order_id=oid, kind=kind, why=why, until=until):
            approval = ask_manager_approval(self, self.ctx, self.tr("Approve a long pause"))
            if approval is None:
                return None
        return lambda: wo.pause_order(db, actor=actor, order_id=oid, kind=kind, why=why, until=until,
                                      approval=approval)


class ReturnDialog(FormDialog):
    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, ctx, self.tr("Return order %1").replace("%1", str(order_id)), name="ReturnDialog")
        self.order_id = order_id
        self.work_done = self.line(self.tr("&Work done"))
        self.equipment = self.line(self.tr("&Equipment"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 1440)
        self.minutes.setSuffix(self.tr(" min"))
        self.row(self.tr("Time &spent"), self.minutes)
        self.finished = _when(self, self.tr("&Finished at"))
        self.amount = self.money(self.tr("&Amount collected"))
        self.method = self.combo(self.tr("Pay &method"), METHODS)
        self.invoice = self.line(self.tr("&Invoice no."))
        self.fault = self.row(self.tr("Fault &type"), _fault_types(ctx.policy(), blank=True))
        self.signed = self.row("", QCheckBox(self.tr("Customer si&gned")))
        self.reason = self.line(self.tr("&Late reason"), placeholder=self.tr("required when late"))
        self.work_done.setFocus()

    def work(self):
        form = dict(order_id=self.order_id, work_done=self.work_done.text(), equipment=self.equipment.text(),
                    minutes_spent=self.minutes.value() or None, amount_fen=self.amount.fen(),
                    pay_method=self.method.currentData(), invoice_no=self.invoice.text(),
                    signed=self.signed.isChecked(), finished_at=datetime_of(self.finished),
                    late_reason=self.reason.text(), fault_type=self.fault.currentData())
        db, actor = self.ctx.db, self.ctx.actor
        return lambda: wo.return_order(db, actor=actor, **form)


class CallDialog(FormDialog):
    """回访 script (SPEC §3)."""

    def __init__(self, parent, ctx, order_id: int, amount_fen: int = 0) -> None:
        super().__init__(parent, ctx, self.tr("Follow-up call: order %1").replace("%1", str(order_id)),
                         name="CallDialog")
        self.order_id = order_id
        self.solved = self.combo(self.tr("a. Problem &solved?"), {True: "是", False: "否"})
        self.attitude = self.combo(self.tr("b. Technician's &attitude"), wo.ATTITUDES)
        charged_label = self.tr("c. Were you &charged?")
        if amount_fen:
            charged_label += f"（{fmt_fen(amount_fen)}）"
        self.charged = self.combo(charged_label, {False: "否", True: "是"})
        self.score = QSpinBox()
        self.score.setRange(1, 10)
        self.score.setValue(10)
        self.row(self.tr("d. Score (1–10)"), self.score)
        self.suggestion = self.line(self.tr("e. Su&ggestions"))
        self.remind = self.row("", QCheckBox(self.tr("f. Reminded to &pay")))

    def work(self):
        answers = dict(order_id=self.order_id, solved=self.solved.currentData(),
                       attitude=self.attitude.currentData(), charged=self.charged.currentData(),
                       score=self.score.value(), suggestion=self.suggestion.text(),
                       paid_reminder=self.remind.isChecked())
        db, actor = self.ctx.db, self.ctx.actor
        return lambda: wo.record_follow_up_call(db, actor=actor, **answers)


class CallBackDialog(FormDialog):
    """The customer cannot talk now (您现在方便吗？— 不方便): book a time to call back."""

    def __init__(self, parent, ctx, order_id: int) -> None:
        super().__init__(parent, ctx, self.tr("Call back later: order %1").replace("%1", str(order_id)),
                         name="CallBackDialog")
        self.order_id = order_id
        self.at = _when(self, self.tr("Call &back at"), clock.now() + dt.timedelta(hours=2))
        self.note = self.line(self.tr("&Note"))

    def work(self):
        db, actor, oid = self.ctx.db, self.ctx.actor, self.order_id
        at, note = datetime_of(self.at), self.note.text()
        return lambda: wo.book_call_back(db, actor=actor, order_id=oid, call_back_at=at, note=note)


class ReasonDialog(FormDialog):
    """One reason line; ``write(reason)`` is the service call (it runs on the database worker)."""

    def __init__(self, parent, ctx, title: str, label: str, write: Callable[[str], object]) -> None:
        super().__init__(parent, ctx, title, name="ReasonDialog")
        self.write = write
        self.reason = self.line(label)

    def work(self):
        reason, write = self.reason.text(), self.write
        return lambda: write(reason)


class OutageDialog(FormDialog):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent, ctx, self.tr("Major outage"), name="OutageDialog")
        pol = ctx.policy()
        self.area = self.row(self.tr("&Area"), _areas(pol, blank=False))
        self.fault = self.row(self.tr("Fault &type"), _fault_types(pol, blank=False))
        self.cause = self.line(self.tr("&Cause"))
        self.start = _when(self, self.tr("&Started"))
        self.expected = _when(self, self.tr("&Expected recovery"), clock.now() + dt.timedelta(hours=2))

    def work(self):
        fields = dict(area=self.area.currentText(), cause=self.cause.text(), started_at=datetime_of(self.start),
                      expected_recovery_at=datetime_of(self.expected), fault_type=self.fault.currentData() or "")
        db, actor = self.ctx.db, self.ctx.actor
        return lambda: wo.record_outage(db, actor=actor, **fields)
