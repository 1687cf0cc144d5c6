"""Forms of the instant-reward tab: a week entered by hand (§7.5–7.6) and an adjustment to a locked month."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox

from station_desk.month import Month
from station_desk.points.dialogs import AdjustmentDialog
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.views import people_combo
from station_desk.rewards import service as RW


class WeekDialog(FormDialog):
    def __init__(self, parent, ctx, people, today: dt.date) -> None:
        super().__init__(parent, ctx, self.tr("Record a week"), name="WeekDialog")
        self.kind = self.combo(self.tr("&Kind"), {"repair": self.tr("Technician: repair orders"),
                                                  "dispatch": self.tr("Dispatch clerk: dispatch and follow-up")})
        self.person = self.row(self.tr("&Person"), people_combo(people))
        self.week = self.date(self.tr("&Monday of the week"), today - dt.timedelta(days=today.weekday() + 7))
        self.ok = self.row("", QCheckBox(self.tr("A clean week (no overdue, no dragging, no complaint)")))
        self.ok.setChecked(True)
        self.detail = self.line(self.tr("&Note"))

    def work(self):
        db, actor = self.ctx.db, self.ctx.actor
        v = dict(kind=self.kind.currentData(), staff_id=self.person.currentData(), week_start=self.week.value(),
                 ok=self.ok.isChecked(), detail=self.detail.text())
        return lambda: RW.record_week(db, actor=actor, **v)


class RewardAdjustmentDialog(AdjustmentDialog):
    """A correction to a locked month's rewards, in yuan (manager's PIN on Save): the points adjustment form."""

    def __init__(self, parent, ctx, people, for_month: Month | str) -> None:
        super().__init__(parent, ctx, people, for_month, name="RewardAdjustmentDialog")

    def amount_label(self) -> str:
        return self.tr("&Amount (yuan, +/−)")

    def action_label(self) -> str:
        return self.tr("Adjust a locked month")

    def amount_value(self) -> int:
        return self.amount.fen()

    @staticmethod
    def adjust(db, amount: int, **v):
        return RW.add_adjustment(db, amount_fen=amount, **v)
