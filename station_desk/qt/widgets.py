"""Small input widgets every form uses: dates, money in yuan (stored as fen), a search line, a PIN or passphrase
field, and the OK / Cancel row of a small dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator
from PySide6.QtCore import QRegularExpression
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLineEdit

from station_desk import clock
from station_desk.money import fmt_fen, parse_yuan


class DateEdit(QDateEdit):
    """A calendar-popup date field in yyyy-MM-dd; ``value()`` / ``set_value()`` speak ``datetime.date``."""

    def __init__(self, value: dt.date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_value(value or clock.today())

    def value(self) -> dt.date:
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class MoneyEdit(QLineEdit):
    """Yuan with up to two decimals. ``fen()`` returns integer fen (raises DomainError on bad input)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"^-?\d{0,9}([.]\d{0,2})?$"), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText("0.00")

    def fen(self) -> int:
        text = self.text().strip()
        return parse_yuan(text) if text else 0

    def set_fen(self, fen: int | None) -> None:
        self.setText("" if fen is None else fmt_fen(fen).replace(",", ""))


class SearchLineEdit(QLineEdit):
    """A search field: Esc clears it, Down moves focus to the results (``downPressed``)."""

    downPressed = Signal()

    def __init__(self, placeholder: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


def shortcut_text(seq: str) -> str:
    return QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText)


#: the smallest screen a desk PC has (a dialog never needs more)
SMALLEST_SCREEN = (1366, 768)


def resize_within_screen(window, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height`` but never beyond the smallest desk screen (1366×768, less the
    title bar and the taskbar) nor the screen it is on."""
    from PySide6.QtGui import QGuiApplication

    max_w, max_h = SMALLEST_SCREEN[0] - 16, SMALLEST_SCREEN[1] - 80
    screen = window.screen() if window.screen() is not None else QGuiApplication.primaryScreen()
    if screen is not None:
        avail = screen.availableGeometry()
        max_w, max_h = min(max_w, avail.width() - 16), min(max_h, avail.height() - 40)
    window.resize(min(width, max_w), min(height, max_h))


class SecretEdit(QLineEdit):
    """A PIN or passphrase field: what is typed is hidden."""

    def __init__(self, name: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        if name:
            self.setObjectName(name)


def ok_cancel(dialog: QDialog, ok_text: str, on_ok) -> QDialogButtonBox:
    """The OK / Cancel row of a small dialog: OK (labelled ``ok_text``) calls ``on_ok``, which accepts the dialog
    once its checks pass; Cancel rejects it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("FormDialog", "Cancel"))
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons
