"""The day close of the till (日结交款 / 钱帐对应): the clerk counts the cash, sees the expected cash and the
difference, gives a reason for any difference and hands over to the manager (PIN)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import MessageBar
from station_desk.qt.widgets import MoneyEdit
from station_desk.takings import service as takings


class TillCloseDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx, day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = day or clock.today()
        self.result_row: takings.TillCloseRow | None = None
        self.setObjectName("TillCloseDialog")
        self.setWindowTitle(self.tr("Close the day %1").replace("%1", self.day.isoformat()))
        self.summary = takings.day_summary(ctx.db, self.day)
        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        form = QFormLayout()
        methods = "　".join(f"{takings.METHODS.get(m, m)} {fmt_fen(v)}" for m, v in sorted(self.summary.by_method.items()))
        form.addRow(self.tr("Receipts today"), QLabel(
            self.tr("%1 receipts, total %2").replace("%1", str(self.summary.receipts))
            .replace("%2", fmt_fen(self.summary.total_fen, symbol=True))))
        form.addRow(self.tr("By method"), QLabel(methods or "—"))
        self.expected_label = QLabel(fmt_fen(self.summary.expected_cash_fen, symbol=True))
        self.expected_label.setObjectName("expectedLabel")
        self.expected_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        form.addRow(self.tr("Expected cash"), self.expected_label)
        self.counted_edit = MoneyEdit()
        self.counted_edit.setObjectName("countedEdit")
        form.addRow(self.tr("&Cash counted"), self.counted_edit)
        self.difference_label = QLabel("")
        self.difference_label.setObjectName("differenceLabel")
        form.addRow(self.tr("Difference"), self.difference_label)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("Required when the cash does not match"))
        form.addRow(self.tr("&Reason"), self.reason_edit)
        self.cckd_edit = MoneyEdit()
        self.cckd_edit.setObjectName("cckdEdit")
        self.cckd_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("CCKD day total"), self.cckd_edit)
        self.boss_edit = MoneyEdit()
        self.boss_edit.setObjectName("bossEdit")
        self.boss_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("BOSS day total"), self.boss_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Hand over to the manager"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.counted_edit.textChanged.connect(self._update_difference)
        if self.summary.closed is not None:
            c = self.summary.closed
            self.message_bar.show_error(DomainError("takings.day_already_closed", day=self.day.isoformat()).message)
            self.counted_edit.set_fen(c.counted_cash_fen)
            self.reason_edit.setText(c.reason)
            for w in (self.counted_edit, self.reason_edit, self.cckd_edit, self.boss_edit):
                w.setEnabled(False)
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.counted_edit.setFocus(Qt.FocusReason.OtherFocusReason)

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

    def submit(self) -> None:
        try:
            counted = self.counted_edit.fen()
            cckd = self.cckd_edit.fen() if self.cckd_edit.text().strip() else None
            boss = self.boss_edit.fen() if self.boss_edit.text().strip() else None
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        if not self.counted_edit.text().strip():
            self.message_bar.show_error(DomainError("takings.counted_invalid").message)
            self.counted_edit.setFocus()
            return
        reason = self.reason_edit.text().strip()
        if counted != self.summary.expected_cash_fen and not reason:
            self.message_bar.show_error(DomainError(
                "takings.difference_needs_reason",
                difference=fmt_fen(counted - self.summary.expected_cash_fen)).message)
            self.reason_edit.setFocus()
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Close the day and hand over the cash"))
        if approval is None:
            return
        try:
            self.result_row = takings.close_day(self.ctx.db, actor=self.ctx.actor, approval=approval, day=self.day,
                                                counted_cash_fen=counted, reason=reason, cckd_fen=cckd,
                                                boss_fen=boss)
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        self.ctx.bus.changed.emit({"takings", "contacts"}, self)
        self.accept()


def open_till_close_dialog(parent, ctx, day: dt.date | None = None) -> takings.TillCloseRow | None:
    dialog = TillCloseDialog(parent, ctx, day)
    dialog.exec()
    return dialog.result_row
