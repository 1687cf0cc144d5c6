"""Small forms of the points tab: a manual item, the company's month figures, a fact, an adjustment. Each is a
:class:`~station_desk.qt.form_dialog.FormDialog`: Save makes the service call on the database worker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from station_desk.errors import DomainError
from station_desk.money import parse_yuan
from station_desk.month import Month
from station_desk.points import service as P
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.views import people_combo


def points_x100(text: str) -> int:
    """'12.5' → 1250; the same rules as money (at most two decimals)."""
    return parse_yuan(text.strip() or "0")


def scaled(text: str, scale: int, field: str) -> int | None:
    """'1.05' with scale 1000 → 1050; empty → None; anything else is refused (``points.bad_input``)."""
    if not text.strip():
        return None
    try:
        return int((Decimal(text.strip()) * scale).to_integral_value())
    except InvalidOperation:
        raise DomainError("points.bad_input", field=field) from None


class ManualItemDialog(FormDialog):
    def __init__(self, parent, ctx, people, day: dt.date, current_staff_id=None) -> None:
        super().__init__(parent, ctx, self.tr("Add a points item"), name="ManualItemDialog")
        self.person = self.row(self.tr("&Person"), people_combo(people))
        if current_staff_id is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(current_staff_id)))
        self.kind = self.combo(self.tr("&Kind"), {"manual": self.tr("Auxiliary points (+)"),
                                                  "deduction": self.tr("Deduction (−)")})
        self.points = self.money(self.tr("P&oints"))
        self.note = self.line(self.tr("&Reason"),
                              placeholder=self.tr("e.g. company training; penalty from the O&M department"))
        self.day = day
        self.points.setFocus()

    def work(self):
        db, actor = self.ctx.db, self.ctx.actor
        v = dict(staff_id=self.person.currentData(), kind=self.kind.currentData(),
                 points_x100=points_x100(self.points.text()), note=self.note.text(), day=self.day)
        return lambda: P.add_manual_points(db, actor=actor, **v)


class CompanyFiguresDialog(FormDialog):
    """The company's figures for a month (manager's PIN on Save)."""

    def __init__(self, parent, ctx, inputs, people) -> None:
        super().__init__(parent, ctx, self.tr("Company figures for %1").replace("%1", inputs.month),
                         name="CompanyFiguresDialog")
        self.month = inputs.month
        self.target = self.row(self.tr("New-install &target (households)"), QSpinBox())
        self.target.setRange(0, 100000)
        self.target.setSpecialValueText(self.tr("not entered"))  # 0: not entered yet
        self.target.setValue(inputs.new_install_target or 0)
        self.coefficient = self.line(self.tr("Manager's assessment &coefficient"),
                                     "" if inputs.manager_coefficient_x1000 is None
                                     else f"{inputs.manager_coefficient_x1000 / 1000:g}", placeholder="1.00")
        self.money_edit = self.money(self.tr("&Money per point (yuan)"), inputs.money_per_point_fen)
        self.renovation = self.row("", QCheckBox(self.tr("The company's renovation work is done this month")))
        self.renovation.setChecked(inputs.renovation_done)
        self.failure = self.line(self.tr("Station &failure rate (per 100 customers)"),
                                 "" if inputs.failure_rate_permille is None else f"{inputs.failure_rate_permille / 10:g}",
                                 placeholder=self.tr("from the work orders"))
        self.leader = self.combo(self.tr("Promotion team &leader"),
                                 {None: self.tr("(none)"), **{p.staff_id: p.name for p in people}},
                                 current=inputs.promotion_leader_id)

    def work(self):
        db, actor, month = self.ctx.db, self.ctx.actor, self.month
        v = dict(new_install_target=self.target.value() or None,
                 manager_coefficient_x1000=scaled(self.coefficient.text(), 1000, self.tr("coefficient")),
                 money_per_point_fen=self.money_edit.fen() if self.money_edit.text().strip() else None,
                 renovation_done=self.renovation.isChecked(),
                 failure_rate_permille=scaled(self.failure.text(), 10, self.tr("failure rate")),
                 promotion_leader_id=self.leader.currentData())
        approval = ask_manager_approval(self, self.ctx, self.tr("Enter the company's figures"))
        if approval is None:
            return None
        return lambda: P.set_month_input(db, actor=actor, approval=approval, month=month, **v)


class FactDialog(FormDialog):
    def __init__(self, parent, ctx, people, day: dt.date) -> None:
        super().__init__(parent, ctx, self.tr("Record a fact"), name="FactDialog")
        self.kind = self.combo(self.tr("&Kind"), {
            "training": self.tr("Training held"), "trained_error": self.tr("Error by a trained employee"),
            "dept_penalty": self.tr("Penalty from another department"),
            "accounts_error": self.tr("Error in the accounts clerk's work")})
        self.day = self.date(self.tr("&Date"), day)
        self.person = self.row(self.tr("&Person"), people_combo(people))
        self.person.insertItem(0, self.tr("(not a person)"), None)
        self.person.setCurrentIndex(0)
        self.body = self.row(self.tr("Depar&tment"), QComboBox())
        self.body.setEditable(True)
        self.body.addItems(["", "运维技术部", "生产安全小组", "建委资产部", "客服调度中心"])
        self.note = self.line(self.tr("&Note"))

    def work(self):
        db, actor = self.ctx.db, self.ctx.actor
        v = dict(kind=self.kind.currentData(), day=self.day.value(), staff_id=self.person.currentData(),
                 body=self.body.currentText(), note=self.note.text())
        return lambda: P.record_fact(db, actor=actor, **v)


class AdjustmentDialog(FormDialog):
    """A correction to a locked month, posted in an open one (manager's PIN on Save): who, how much, why. This one
    adjusts points; ``rewards.dialogs.RewardAdjustmentDialog`` is the same form in yuan (both services go through
    ``periods.service.adjusting``)."""

    def __init__(self, parent, ctx, people, for_month: Month | str, *, name: str = "AdjustmentDialog") -> None:
        for_month = Month.parse(for_month)
        # the form's own words in this class's context, also when the rewards form shows them
        title = QCoreApplication.translate("AdjustmentDialog", "Adjustment to locked month %1")
        super().__init__(parent, ctx, title.replace("%1", for_month.key), name=name)
        self.person = self.row(QCoreApplication.translate("AdjustmentDialog", "&Person"), people_combo(people))
        self.amount = self.money(self.amount_label())
        self.reason = self.line(QCoreApplication.translate("AdjustmentDialog", "&Reason"))
        self.for_month = for_month

    # -- what differs between points and rewards ---------------------------------------------------------------------
    def amount_label(self) -> str:
        return self.tr("P&oints (+/−)")

    def action_label(self) -> str:
        """What the manager's PIN approves."""
        return self.tr("Adjust a locked month")

    def amount_value(self) -> int:
        return points_x100(self.amount.text())

    @staticmethod
    def adjust(db, amount: int, **v):
        return P.add_adjustment(db, points_x100=amount, **v)

    # -------------------------------------------------------------------------------------------------------------------
    def work(self):
        db, adjust = self.ctx.db, self.adjust
        v = dict(actor=self.ctx.actor, staff_id=self.person.currentData(), amount=self.amount_value(),
                 reason=self.reason.text(), for_month=self.for_month)
        approval = ask_manager_approval(self, self.ctx, self.action_label())
        if approval is None:
            return None
        return lambda: adjust(db, approval=approval, **v)
