"""A reusable customer picker: search as you type, pick with the keyboard.

    picker = CustomerPicker(ctx)
    picker.customerChosen.connect(lambda cid: ...)
    picker.customer_id          # the chosen customer's id, or None

Type a name, phone, account number, address or pinyin initials ("zsf"); the drop-down lists matches; Down/Up move,
Enter picks (Enter with the list closed picks the one match, or the exact account / phone / name; several
close matches open the list), Esc clears. Phones are masked unless the person
signed in is the manager.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QWidget

from station_desk import clock
from station_desk.customers import service as customers
from station_desk.qt.widgets import SearchLineEdit


def customer_line(row: customers.CustomerRow, *, masked: bool = True) -> str:
    phone = customers.mask_phone(row.phone) if masked else row.phone
    expiry = row.expiry_date.isoformat() if row.expiry_date else "—"
    return f"{row.name}　{row.account_no}　{row.address}　{phone}　到期 {expiry}"


class CustomerPicker(QWidget):
    customerChosen = Signal(int)  # noqa: N815 - Qt signal name
    cleared = Signal()

    def __init__(self, ctx, parent: QWidget | None = None, *, show_summary: bool = False,
                 limit: int = 20) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.limit = limit
        self._rows: list[customers.CustomerRow] = []
        self._chosen: customers.CustomerRow | None = None
        self._suppress = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = SearchLineEdit(self.tr("Customer: name, phone, account, address or pinyin initials"))
        self.edit.setObjectName("customerSearch")
        layout.addWidget(self.edit, 3)
        self.summary = QLabel("")
        self.summary.setObjectName("customerSummary")
        self.summary.setWordWrap(True)  # a long address wraps beside the name instead of being cut off
        self.summary.setVisible(show_summary)
        layout.addWidget(self.summary, 2 if show_summary else 0)
        self.setFocusProxy(self.edit)

        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.edit)
        self.completer.popup().setObjectName("customerResults")
        self.completer.activated[str].connect(self._on_completer_text)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.run_search)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.downPressed.connect(self._on_down)
        self.edit.installEventFilter(self)
        self._picked_by_key = False

    # -- public API ---------------------------------------------------------------------------------------------------
    def _get_customer_id(self) -> int | None:
        return self._chosen.id if self._chosen else None

    def _set_customer_id(self, customer_id: int | None) -> None:
        if customer_id is None:
            self.clear()
            return
        self._choose(customers.get_customer(self.ctx.db, customer_id), emit=False)

    customer_id = property(_get_customer_id, _set_customer_id)
    customerId = Property(int, lambda self: self._get_customer_id() or 0,  # noqa: N815 - for Qt property access
                          lambda self, v: self._set_customer_id(v or None))

    @property
    def customer(self) -> customers.CustomerRow | None:
        return self._chosen

    def results(self) -> list[customers.CustomerRow]:
        return list(self._rows)

    def clear(self) -> None:
        had = self._chosen is not None
        self._chosen = None
        self._rows = []
        self._model.setStringList([])
        self.edit.clear()
        self.summary.clear()
        self._hide_popup()
        if had:
            self.cleared.emit()

    def set_text(self, text: str) -> None:
        """Type ``text`` and search at once (tests, and the ledger's "search" shortcut)."""
        self.edit.setText(text)
        self._on_edited(text)
        self.run_search()

    # -- behaviour ----------------------------------------------------------------------------------------------------
    @property
    def masked(self) -> bool:
        return not getattr(self.ctx, "is_manager", False)

    def _on_edited(self, _text: str) -> None:
        self._picked_by_key = False
        if self._chosen is not None:
            self._chosen = None
            self.summary.clear()
            self.cleared.emit()
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.edit.text().strip()
        self._rows = customers.search_customers(self.ctx.db, text, limit=self.limit) if text else []
        self._model.setStringList([customer_line(r, masked=self.masked) for r in self._rows])
        if self._rows and self.edit.hasFocus():
            self.completer.complete()
            self.completer.popup().setCurrentIndex(self._model.index(0, 0))
        else:
            self.completer.popup().hide()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup.isVisible():
            popup.hide()
        from PySide6.QtWidgets import QApplication

        if QApplication.activeWindow() is popup:  # some platforms leave the closed popup "active"
            self.edit.window().activateWindow()

    def _on_completer_text(self, text: str) -> None:
        lines = self._model.stringList()
        if text in lines:
            self._choose(self._rows[lines.index(text)])
            self._picked_by_key = True

    def _on_popup_activated(self, index) -> None:
        row = index.row() if hasattr(index, "row") else int(index)
        if 0 <= row < len(self._rows):
            self._choose(self._rows[row])

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """Enter that picks a customer is used up here, so a dialog around the picker does not also accept."""
        from PySide6.QtCore import QEvent

        if obj is self.edit and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._picked_by_key:  # the completer popup already picked with this Enter
                self._picked_by_key = False
                return True
            if self._chosen is None:
                self._on_return()
                return self._chosen is not None or bool(self.edit.text().strip())
        return super().eventFilter(obj, event)

    def _on_return(self) -> None:
        """Enter in the field: the one customer found (or the one whose account or phone is exactly what was
        typed) is picked; several close matches are shown to pick from, never the first taken silently."""
        searched_now = self._timer.isActive()
        if searched_now:
            self.run_search()
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid() and not searched_now:
            self._on_popup_activated(popup.currentIndex())
        elif self._rows and self._chosen is None:
            if len(self._rows) == 1 or self._exact(self._rows[0]):
                self._choose(self._rows[0])
            else:
                self.completer.complete()
                popup.setCurrentIndex(self._model.index(0, 0))

    def _exact(self, row: customers.CustomerRow) -> bool:
        typed = self.edit.text().strip().lower()
        return typed in (row.account_no.lower(), row.phone) or \
            (row.name == typed and sum(r.name == typed for r in self._rows) == 1)

    def _on_down(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self._rows:
            self.completer.complete()

    def _choose(self, row: customers.CustomerRow, *, emit: bool = True) -> None:
        if self._chosen is not None and self._chosen.id == row.id and emit:
            return  # the completer reports one pick twice (text and index)
        self._chosen = row
        self._hide_popup()
        self._suppress = True
        self.edit.setText(f"{row.name}（{row.account_no}）")
        # the name and account read whole, from the start (the summary beside it gives way, not the name)
        need = self.edit.fontMetrics().horizontalAdvance(self.edit.text()) + 48
        self.edit.setMinimumWidth(min(need, 360))
        self.edit.setCursorPosition(0)
        self._suppress = False
        days = row.days_to_expiry(clock.today())
        phone = customers.mask_phone(row.phone) if self.masked else row.phone
        when = "" if days is None else (self.tr("expires in %1 days").replace("%1", str(days)) if days >= 0
                                        else self.tr("expired %1 days ago").replace("%1", str(-days)))
        self.summary.setText(f"{row.address}　{phone}　{when}")
        if emit:
            self.customerChosen.emit(row.id)
