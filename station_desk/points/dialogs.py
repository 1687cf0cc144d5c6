"""Small forms of the points tab: a manual item, the company's month figures, a fact, an adjustment, a reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox,
                               QVBoxLayout)

from station_desk.money import parse_yuan
from station_desk.qt.feedback import MessageBar, message_for
from station_desk.qt.widgets import DateEdit, MoneyEdit


class _Form(QDialog):
    """A form with Save/Cancel; Enter saves, Esc cancels. ``values()`` may raise DomainError: shown inline."""

    def __init__(self, parent, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_values: dict | None = None
        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        # a fixed context: self.tr() would look the words up under each subclass's name
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("PointsForm", "Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("PointsForm", "Cancel"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> dict:  # pragma: no cover - overridden
        return {}

    def _save(self) -> None:
        try:
            self.result_values = self.values()
        except Exception as exc:  # noqa: BLE001 - shown inline, the form stays open
            self.message_bar.show_error(message_for(exc))
            return
        self.accept()


def _people_box(people) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)  # type to find a name
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for p in people:
        box.addItem(f"{p.name}（{p.role_label}）", p.staff_id)
    return box


def points_x100(text: str) -> int:
    """'12.5' → 1250; the same rules as money (at most two decimals)."""
    return parse_yuan(text.strip() or "0")


class ManualItemDialog(_Form):
    def __init__(self, parent, people, day, current_staff_id=None) -> None:
        super().__init__(parent, self.tr("Add a points item"))
        self.setObjectName("ManualItemDialog")
        self.person = _people_box(people)
        if current_staff_id is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(current_staff_id)))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Auxiliary points (+)"), "manual")
        self.kind.addItem(self.tr("Deduction (−)"), "deduction")
        self.points = MoneyEdit()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. company training; penalty from the O&M department"))
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("P&oints"), self.points)
        self.form.addRow(self.tr("&Reason"), self.note)
        self.day = day
        self.points.setFocus()

    def values(self) -> dict:
        return dict(staff_id=self.person.currentData(), kind=self.kind.currentData(),
                    points_x100=points_x100(self.points.text()), note=self.note.text(), day=self.day)


class CompanyFiguresDialog(_Form):
    def __init__(self, parent, inputs, people) -> None:
        super().__init__(parent, self.tr("Company figures for %1").replace("%1", inputs.month))
        self.setObjectName("CompanyFiguresDialog")
        self.target = QSpinBox()
        self.target.setRange(0, 100000)
        self.target.setSpecialValueText(self.tr("not entered"))
        self.target.setValue(inputs.new_install_target or 0)
        self.coefficient = QLineEdit("" if inputs.manager_coefficient_x1000 is None
                                     else f"{inputs.manager_coefficient_x1000 / 1000:g}")
        self.coefficient.setPlaceholderText("1.00")
        self.money = MoneyEdit()
        if inputs.money_per_point_fen is not None:
            self.money.set_fen(inputs.money_per_point_fen)
        self.renovation = QCheckBox(self.tr("The company's renovation work is done this month"))
        self.renovation.setChecked(inputs.renovation_done)
        self.failure = QLineEdit("" if inputs.failure_rate_permille is None else f"{inputs.failure_rate_permille / 10:g}")
        self.failure.setPlaceholderText(self.tr("from the work orders"))
        self.leader = QComboBox()
        self.leader.addItem(self.tr("(none)"), None)
        for p in people:
            self.leader.addItem(p.name, p.staff_id)
        self.leader.setCurrentIndex(max(0, self.leader.findData(inputs.promotion_leader_id)))
        self.form.addRow(self.tr("New-install &target (households)"), self.target)
        self.form.addRow(self.tr("Manager's assessment &coefficient"), self.coefficient)
        self.form.addRow(self.tr("&Money per point (yuan)"), self.money)
        self.form.addRow("", self.renovation)
        self.form.addRow(self.tr("Station &failure rate (per 100 customers)"), self.failure)
        self.form.addRow(self.tr("Promotion team &leader"), self.leader)

    def values(self) -> dict:
        from decimal import Decimal, InvalidOperation

        from station_desk.errors import DomainError

        def dec(text: str, scale: int, field: str):
            if not text.strip():
                return None
            try:
                return int((Decimal(text.strip()) * scale).to_integral_value())
            except InvalidOperation:
                raise DomainError("points.bad_input", field=field) from None

        return dict(new_install_target=self.target.value() or None,
                    manager_coefficient_x1000=dec(self.coefficient.text(), 1000, self.tr("coefficient")),
                    money_per_point_fen=self.money.fen() if self.money.text().strip() else None,
                    renovation_done=self.renovation.isChecked(),
                    failure_rate_permille=dec(self.failure.text(), 10, self.tr("failure rate")),
                    promotion_leader_id=self.leader.currentData())


class FactDialog(_Form):
    def __init__(self, parent, people, day) -> None:
        super().__init__(parent, self.tr("Record a fact"))
        self.setObjectName("FactDialog")
        self.kind = QComboBox()
        for code, label in (("training", self.tr("Training held")),
                            ("trained_error", self.tr("Error by a trained employee")),
                            ("dept_penalty", self.tr("Penalty from another department")),
                            ("accounts_error", self.tr("Error in the accounts clerk's work"))):
            self.kind.addItem(label, code)
        self.day = DateEdit(day)
        self.person = _people_box(people)
        self.person.insertItem(0, self.tr("(not a person)"), None)
        self.person.setCurrentIndex(0)
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.addItems(["", "运维技术部", "生产安全小组", "建委资产部", "客服调度中心"])
        self.note = QLineEdit()
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&Date"), self.day)
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Department"), self.body)
        self.form.addRow(self.tr("&Note"), self.note)

    def values(self) -> dict:
        return dict(kind=self.kind.currentData(), day=self.day.value(), staff_id=self.person.currentData(),
                    body=self.body.currentText(), note=self.note.text())


class AdjustmentDialog(_Form):
    def __init__(self, parent, people, for_month: str) -> None:
        super().__init__(parent, self.tr("Adjustment to locked month %1").replace("%1", for_month))
        self.setObjectName("AdjustmentDialog")
        self.person = _people_box(people)
        self.points = MoneyEdit()
        self.reason = QLineEdit()
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("P&oints (+/−)"), self.points)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.for_month = for_month

    def values(self) -> dict:
        return dict(staff_id=self.person.currentData(), points_x100=points_x100(self.points.text()),
                    reason=self.reason.text(), for_month=self.for_month)
