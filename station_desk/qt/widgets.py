"""Small input widgets every form uses: dates, money in yuan (stored as fen), a search line, a PIN or passphrase
field, a label that wraps, and the OK / Cancel row of a small dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator
from PySide6.QtCore import QRegularExpression
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.money import fmt_fen, parse_yuan


class _TypedMoment(QLineEdit):
    """A date (or date and time) typed as text and kept exactly as typed.

    ``QDateEdit`` edits a date section by section and silently refuses or rewrites what does not fit the section
    (``2027-01-15`` typed from the start of ``2026-12-04`` became ``2026-01-15``; typed over a selection it was
    ignored). Here the text is the value: on leaving the field a valid text is written back in the standard form
    (the same moment), an invalid one stays as typed, turns red and ``value()`` refuses it with a message (the
    form shows it and saves nothing). Also accepted: single-digit months and days, ``/`` or ``.`` for ``-``, and
    ``20270115``. **Alt+Down** or **F4** opens a calendar (the date part)."""

    #: (dt.date or dt.datetime) → a different valid value was set or typed (on leaving the field or ``set_value``)
    valueChanged = Signal(object)
    FMT = "%Y-%m-%d"
    WHAT = "日期"
    EXAMPLE = "2027-01-15"

    def __init__(self, value=None, parent=None) -> None:
        if isinstance(value, QWidget):  # built by a Designer form: DateEdit(parent)
            value, parent = None, value
        super().__init__(parent)
        self._last = None
        self.calendar = None
        self.setPlaceholderText(self.EXAMPLE)
        self.editingFinished.connect(self._finished)
        self.textEdited.connect(lambda _t: self._mark(True))
        self.set_value(value if value is not None else self._default())

    # -- reading and writing ------------------------------------------------------------------------------------
    def _default(self):
        return clock.today()

    @classmethod
    def parse(cls, text: str):
        """The value ``text`` means, or None."""
        raise NotImplementedError

    def is_valid(self) -> bool:
        return self.parse(self.text()) is not None

    def value(self):
        got = self.parse(self.text())
        if got is None:
            from station_desk.errors import DomainError

            raise DomainError("validation", field=self.WHAT,
                              problem=f"“{self.text().strip()}”不是有效的{self.WHAT}（例如 {self.EXAMPLE}）")
        return got

    def set_value(self, value) -> None:
        self.setText(value.strftime(self.FMT))
        self._mark(True)
        self._changed(value)

    def _changed(self, value) -> None:
        if value != self._last:
            self._last = value
            self.valueChanged.emit(value)

    def _finished(self) -> None:
        got = self.parse(self.text())
        self._mark(got is not None)
        if got is not None:
            if self.text() != got.strftime(self.FMT):
                self.setText(got.strftime(self.FMT))  # the same moment in the standard form
            self._changed(got)

    def _mark(self, ok: bool) -> None:
        self.setProperty("invalid", not ok)
        self.setStyleSheet("" if ok else "border: 2px solid #b00020; background: #fde7e9;")
        self.setToolTip("" if ok else f"不是有效的{self.WHAT}（例如 {self.EXAMPLE}）")

    # -- keyboard -------------------------------------------------------------------------------------------------
    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason):
            self.selectAll()  # typed over, as a form expects

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._finished()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if (event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                             and event.modifiers() & Qt.KeyboardModifier.AltModifier)):
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        from PySide6.QtWidgets import QCalendarWidget

        current = self.parse(self.text()) or self._default()
        day = current.date() if isinstance(current, dt.datetime) else current
        cal = QCalendarWidget()
        cal.setWindowFlags(Qt.WindowType.Popup)
        cal.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cal.setObjectName("dateFieldCalendar")
        self.calendar = cal  # the open calendar (tests drive it)
        cal.setSelectedDate(QDate(day.year, day.month, day.day))

        def picked(q: QDate) -> None:
            chosen = dt.date(q.year(), q.month(), q.day())
            if isinstance(current, dt.datetime):
                self.set_value(dt.datetime.combine(chosen, current.time()))
            else:
                self.set_value(chosen)
            cal.close()
            self.setFocus()

        cal.activated.connect(picked)
        cal.clicked.connect(picked)
        cal.move(self.mapToGlobal(self.rect().bottomLeft()))
        cal.show()
        cal.setFocus()


_DATE = QRegularExpression(r"^\s*(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})\s*$")


def _date_of(text: str) -> dt.date | None:
    m = _DATE.match(text)
    if not m.hasMatch():
        return None
    y, mo, d = (int(m.captured(i)) for i in (1, 2, 3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


class DateEdit(_TypedMoment):
    """A date field (yyyy-MM-dd): ``value()`` / ``set_value()`` speak ``datetime.date``; ``dateChanged`` carries
    the new date. What was typed is never turned into another date (see ``_TypedMoment``)."""

    FMT = "%Y-%m-%d"
    WHAT = "日期"
    EXAMPLE = "2027-01-15"

    @property
    def dateChanged(self):  # noqa: N802 - the name QDateEdit's users connect to
        return self.valueChanged

    def setDate(self, value) -> None:  # noqa: N802 - QDateEdit's name, for code written against it
        """``set_value`` for a ``QDate`` or a ``datetime.date``."""
        self.set_value(value if isinstance(value, dt.date) else dt.date(value.year(), value.month(), value.day()))

    def date(self) -> QDate:
        """QDateEdit's reading, as a ``QDate`` (refuses a text that is not a date, like ``value``)."""
        d = self.value()
        return QDate(d.year, d.month, d.day)

    @classmethod
    def parse(cls, text: str) -> dt.date | None:
        t = text.strip()
        if len(t) == 8 and t.isdigit():
            t = f"{t[:4]}-{t[4:6]}-{t[6:]}"
        return _date_of(t)


class DateTimeEdit(_TypedMoment):
    """A date and time field (yyyy-MM-dd HH:mm): ``value()`` / ``set_value()`` speak naive station-local
    ``datetime.datetime`` (whole minutes)."""

    FMT = "%Y-%m-%d %H:%M"
    WHAT = "日期时间"
    EXAMPLE = "2027-01-15 09:30"

    def _default(self):
        return clock.now().replace(second=0, microsecond=0)

    def set_value(self, value) -> None:
        super().set_value(value.replace(second=0, microsecond=0))

    @classmethod
    def parse(cls, text: str) -> dt.datetime | None:
        parts = text.strip().replace("T", " ").split()
        if len(parts) != 2:
            return None
        day = DateEdit.parse(parts[0])
        hm = parts[1].replace("：", ":").split(":")
        if day is None or len(hm) != 2 or not all(x.isdigit() for x in hm):
            return None
        h, m = int(hm[0]), int(hm[1])
        if not (0 <= h < 24 and 0 <= m < 60):
            return None
        return dt.datetime.combine(day, dt.time(h, m))


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


def dialog_layout(dialog: QDialog, title: str, *, name: str | None = None, size: tuple[int, int] | None = None,
                  intro: str = "", message_bar: bool = False) -> QVBoxLayout:
    """What a dialog starts with: its object name (``name``, else its class name: tests and the walk of every
    dialog find it by that), its title and size, its vertical layout with ``intro`` (wrapped) at the top and, with
    ``message_bar``, under it the line that says what went wrong (``dialog.message_bar``). Returns the layout."""
    from station_desk.qt.feedback import MessageBar

    dialog.setObjectName(name or type(dialog).__name__)
    dialog.setWindowTitle(title)
    if size:
        dialog.resize(*size)
    layout = QVBoxLayout(dialog)
    if intro:
        layout.addWidget(wrapped(intro))
    if message_bar:
        dialog.message_bar = MessageBar(dialog)
        layout.addWidget(dialog.message_bar)
    return layout


def wrapped(text: str = "") -> QLabel:
    """A label whose text wraps to the width it is given (an explanation, a warning, a file path), never cut off."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def action_buttons(dialog: QDialog, action_text: str, on_action, *, close_text: str, name: str | None = None,
                   enabled: bool = True) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The button row of a dialog that does one thing: the action (``on_action``, which accepts the dialog once it
    is done; ``name`` its object name) and the button that leaves without doing it (Close, Cancel, Quit), which
    Enter never presses. Returns the row, the action button and the leaving one."""
    buttons = QDialogButtonBox()
    action = buttons.addButton(action_text, QDialogButtonBox.ButtonRole.AcceptRole)
    if name:
        action.setObjectName(name)
    action.setEnabled(enabled)
    leave = buttons.addButton(close_text, QDialogButtonBox.ButtonRole.RejectRole)
    leave.setAutoDefault(False)
    buttons.accepted.connect(on_action)
    buttons.rejected.connect(dialog.reject)
    return buttons, action, leave


def ok_cancel(dialog: QDialog, ok_text: str, on_ok) -> QDialogButtonBox:
    """The OK / Cancel row of a small dialog: OK (labelled ``ok_text``) calls ``on_ok``, which accepts the dialog
    once its checks pass; Cancel rejects it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("FormDialog", "Cancel"))
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons
