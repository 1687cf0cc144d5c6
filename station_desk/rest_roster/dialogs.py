"""排休 forms: the station's own mark for a date (法定假日 / 调休上班 / 正常), or back to the national calendar."""

from __future__ import annotations

import datetime as dt

from station_desk.qt.dialogs.approval import approval_unless_manager
from station_desk.qt.form_dialog import FormDialog
from station_desk.rest_roster import overrides


class HolidayDialog(FormDialog):
    def __init__(self, parent, ctx, day: dt.date, current: str = "") -> None:
        super().__init__(parent, ctx, self.tr("Holiday or make-up workday"), name="HolidayDialog")
        self.day = self.date(self.tr("&Date"), day)
        self.kind = self.combo(self.tr("&Mark"), {"holiday": self.tr("Holiday (休)"),
                                                  "workday": self.tr("Make-up workday (班)"),
                                                  "normal": self.tr("Ordinary day"),
                                                  "clear": self.tr("As in the national calendar")})
        self.name = self.line(self.tr("&Name"), current)

    def work(self):
        approval = approval_unless_manager(self, self.ctx, self.tr("Change holidays"))
        if approval is False:  # no PIN: the change is cancelled
            self.reject()
            return None
        d, kind, name = self.day.value(), self.kind.currentData(), self.name.text()
        db, actor = self.ctx.db, self.ctx.actor
        if kind == "clear":
            return lambda: overrides.clear_holiday_override(db, actor=actor, approval=approval, day=d)
        return lambda: overrides.set_holiday_override(db, actor=actor, approval=approval, day=d, kind=kind, name=name)
