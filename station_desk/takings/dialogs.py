"""The day close of the till (日结交款 / 钱帐对应): the clerk counts the cash, sees the expected cash and the
difference, gives a reason for any difference and hands over to the manager (PIN)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from station_desk import clock
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.form_dialog import FormDialog
from station_desk.takings import service as takings


class TillCloseDialog(FormDialog):
    def __init__(self, parent: QWidget | None, ctx, day: dt.date | None = None) -> None:
        day = day or clock.today()
        super().__init__(parent, ctx, self.tr("Close the day %1").replace("%1", day.isoformat()),
                         name="TillCloseDialog", save_text=self.tr("Hand over to the manager"))
        self.day = day
        self.summary = takings.day_summary(ctx.db, self.day)
        self._build_summary()
        self.counted_edit = self.money(self.tr("&Cash counted"), name="countedEdit")
        self.difference_label = self.row(self.tr("Difference"), QLabel(""))
        self.difference_label.setObjectName("differenceLabel")
        self.reason_edit = self.line(self.tr("&Reason"), placeholder=self.tr("Required when the cash does not match"),
                                     name="reasonEdit")
        self.cckd_edit = self.money(self.tr("CCKD day total"), name="cckdEdit")
        self.cckd_edit.setPlaceholderText(self.tr("optional"))
        self.boss_edit = self.money(self.tr("BOSS day total"), name="bossEdit")
        self.boss_edit.setPlaceholderText(self.tr("optional"))
        self.counted_edit.textChanged.connect(self._update_difference)
        if self.summary.closed is not None:
            self._show_closed(self.summary.closed)
        self.counted_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_summary(self) -> None:
        s = self.summary
        methods = "　".join(f"{takings.METHODS.get(m, m)} {fmt_fen(v)}" for m, v in sorted(s.by_method.items()))
        self.row(self.tr("Receipts today"), QLabel(self.tr("%1 receipts, total %2").replace("%1", str(s.receipts))
                                                   .replace("%2", fmt_fen(s.total_fen, symbol=True))))
        self.row(self.tr("By method"), QLabel(methods or "—"))
        self.expected_label = self.row(self.tr("Expected cash"), QLabel(fmt_fen(s.expected_cash_fen, symbol=True)))
        self.expected_label.setObjectName("expectedLabel")
        self.expected_label.setStyleSheet("font-size: 16px; font-weight: bold;")

    def _show_closed(self, c: takings.TillCloseRow) -> None:
        self.message_bar.show_error(DomainError("takings.day_already_closed", day=self.day.isoformat()).message)
        self.counted_edit.set_fen(c.counted_cash_fen)
        self.reason_edit.setText(c.reason)
        for w in (self.counted_edit, self.reason_edit, self.cckd_edit, self.boss_edit, self.save_button):
            w.setEnabled(False)

    @property
    def result_row(self) -> takings.TillCloseRow | None:
        return self.result_value

    def _counted(self) -> int | None:
        try:
            return self.counted_edit.fen() if self.counted_edit.text().strip() else None
        except DomainError:
            return None

    def _update_difference(self) -> None:
        counted = self._counted()
        if counted is None:
            self.difference_label.setText("")
            return
        diff = counted - self.summary.expected_cash_fen
        if diff == 0:
            self.difference_label.setText(self.tr("Cash matches"))
            self.difference_label.setStyleSheet("color: #1b5e20;")
        else:
            word = self.tr("over") if diff > 0 else self.tr("short")
            self.difference_label.setText(f"{fmt_fen(diff, symbol=True)}（{word}）")
            self.difference_label.setStyleSheet("color: #b71c1c; font-weight: bold;")

    def work(self):
        if not self.counted_edit.text().strip():
            self.counted_edit.setFocus()
            raise DomainError("takings.counted_invalid")
        counted = self.counted_edit.fen()
        cckd = self.cckd_edit.fen() if self.cckd_edit.text().strip() else None
        boss = self.boss_edit.fen() if self.boss_edit.text().strip() else None
        reason = self.reason_edit.text().strip()
        db, actor, day = self.ctx.db, self.ctx.actor, self.day
        try:  # the service says now what it would refuse, before the manager types the PIN
            takings.check_close_day(db, day=day, counted_cash_fen=counted, reason=reason)
        except DomainError as exc:
            if exc.code == "takings.difference_needs_reason":
                self.reason_edit.setFocus()
            raise
        approval = ask_manager_approval(self, self.ctx, self.tr("Close the day and hand over the cash"))
        if approval is None:
            return None
        return lambda: takings.close_day(db, actor=actor, approval=approval, day=day, counted_cash_fen=counted,
                                         reason=reason, cckd_fen=cckd, boss_fen=boss)


def open_till_close_dialog(parent, ctx, day: dt.date | None = None) -> takings.TillCloseRow | None:
    dialog = TillCloseDialog(parent, ctx, day)
    dialog.exec()
    return dialog.result_row
