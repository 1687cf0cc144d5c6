"""Forms of the instant-reward tab: a week entered by hand (§7.5–7.6) and an adjustment to a locked month."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from station_desk.points.dialogs import _Form, _people_box
from station_desk.qt.widgets import DateEdit, MoneyEdit


class WeekDialog(_Form):
    def __init__(self, parent, people, today: dt.date) -> None:
        super().__init__(parent, self.tr("Record a week"))
        self.setObjectName("WeekDialog")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Technician: repair orders"), "repair")
        self.kind.addItem(self.tr("Dispatch clerk: dispatch and follow-up"), "dispatch")
        self.person = _people_box(people)
        monday = today - dt.timedelta(days=today.weekday() + 7)
        self.week = DateEdit(monday)
        self.ok = QCheckBox(self.tr("A clean week (no overdue, no dragging, no complaint)"))
        self.ok.setChecked(True)
        self.detail = QLineEdit()
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Monday of the week"), self.week)
        self.form.addRow("", self.ok)
        self.form.addRow(self.tr("&Note"), self.detail)

    def values(self) -> dict:
        return dict(kind=self.kind.currentData(), staff_id=self.person.currentData(), week_start=self.week.value(),
                    ok=self.ok.isChecked(), detail=self.detail.text())


class RewardAdjustmentDialog(_Form):
    def __init__(self, parent, people, for_month: str) -> None:
        super().__init__(parent, self.tr("Adjustment to locked month %1").replace("%1", for_month))
        self.setObjectName("RewardAdjustmentDialog")
        self.person = _people_box(people)
        self.amount = MoneyEdit()
        self.reason = QLineEdit()
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Amount (yuan, +/−)"), self.amount)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.for_month = for_month

    def values(self) -> dict:
        return dict(staff_id=self.person.currentData(), amount_fen=self.amount.fen(), reason=self.reason.text(),
                    for_month=self.for_month)
