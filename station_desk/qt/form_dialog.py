"""The one base for every small form: a message line, a form layout, Save / Cancel.

Enter saves and Esc cancels. ``work()`` reads the fields and returns the service call to make (a function of no
arguments); the call runs through :class:`~station_desk.qt.ops.Op` on the database worker. A refusal — raised by
``work()`` for input it can tell is wrong, or by the service — keeps the dialog open with the reason in Chinese
and the fields as typed; after a success ``result_value`` holds what the service returned and the dialog closes.

    class ReasonDialog(FormDialog):
        def __init__(self, parent, ctx, entry_id):
            super().__init__(parent, ctx, self.tr("Reverse entry"), name="ReverseDialog")
            self.reason = self.line(self.tr("&Reason"))
            self.entry_id = entry_id

        def work(self):
            reason = self.reason.text()
            return lambda: cash_book.reverse_entry(self.ctx.db, actor=self.ctx.actor, entry_id=self.entry_id,
                                                   reason=reason)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

from station_desk import clock
from station_desk.qt.feedback import message_for
from station_desk.qt.ops import Op
from station_desk.qt.widgets import DateEdit, DateTimeEdit, MoneyEdit, action_buttons, dialog_layout


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx, title: str, *, name: str | None = None,
                 save_text: str | None = None, min_width: int = 420) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = dialog_layout(self, title, name=name, message_bar=True)
        self.setMinimumWidth(min_width)
        self.result_value = None
        self.form = QFormLayout()
        layout.addLayout(self.form)
        # one context for the base's own words: self.tr() would look them up under each subclass's name
        self.buttons, self.save_button, self.cancel_button = action_buttons(
            self, save_text or QCoreApplication.translate("FormDialog", "Save"), self.submit,
            close_text=QCoreApplication.translate("FormDialog", "Cancel"))
        self.save_button.setDefault(True)
        layout.addWidget(self.buttons)

    # -- to implement -------------------------------------------------------------------------------------------------
    def work(self) -> Callable[[], object] | None:
        """Read the fields; return the service call to make (``None``: nothing to do, stay open). May raise
        ``DomainError`` for input that is wrong before anything is asked of the database."""
        raise NotImplementedError

    def done_with(self, result) -> None:
        """After the service succeeded: keep the result and close. Override to do more (then call super)."""
        self.result_value = result
        self.accept()

    # -- plumbing -----------------------------------------------------------------------------------------------------
    def submit(self) -> None:
        try:
            call = self.work()
        except Exception as exc:  # noqa: BLE001 - a refusal before the write: shown, the form stays open
            self.refused(exc)
            return
        if call is None:
            return
        self.save_button.setEnabled(False)
        Op(self, call, ctx=self.ctx).success(self.done_with).failure(self.refused).run()

    def refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message_bar.show_error(message_for(exc))

    # -- fields ---------------------------------------------------------------------------------------------------------
    def row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget

    def line(self, label: str, text: str = "", *, placeholder: str = "", name: str | None = None) -> QLineEdit:
        w = QLineEdit(text)
        if placeholder:
            w.setPlaceholderText(placeholder)
        if name:
            w.setObjectName(name)
        return self.row(label, w)

    def combo(self, label: str, items: Mapping, *, current=None, name: str | None = None) -> QComboBox:
        w = QComboBox()
        for code, text in items.items():
            w.addItem(text, code)
        if current is not None:
            w.setCurrentIndex(max(0, w.findData(current)))
        if name:
            w.setObjectName(name)
        return self.row(label, w)

    def date(self, label: str, value: dt.date | None = None, *, name: str | None = None) -> DateEdit:
        w = DateEdit(value)
        if name:
            w.setObjectName(name)
        return self.row(label, w)

    def when(self, label: str, value: dt.datetime | None = None, *, name: str | None = None) -> DateTimeEdit:
        w = DateTimeEdit(value or clock.now())
        if name:
            w.setObjectName(name)
        return self.row(label, w)

    def money(self, label: str, fen: int | None = None, *, name: str | None = None) -> MoneyEdit:
        w = MoneyEdit()
        w.set_fen(fen)
        if name:
            w.setObjectName(name)
        return self.row(label, w)


def datetime_of(edit: DateTimeEdit) -> dt.datetime:
    """The moment typed in a date-time field (a ``DomainError`` naming the field's text when it is not one)."""
    return edit.value()
