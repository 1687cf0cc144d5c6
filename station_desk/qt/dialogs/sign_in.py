"""Sign-in at the desk: pick your name (type to filter, pinyin initials work), type your PIN if you have one.
An empty station first registers its manager.

Signing in and registering the first manager write (a wrong PIN is counted; the manager is created) and the program
cannot go on before they answer, so they run on the database worker and the dialog waits for them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QVBoxLayout)

from station_desk.customers.pinyin import initials
from station_desk.errors import DomainError
from station_desk.qt.dialogs.approval import call_on_worker
from station_desk.qt.feedback import MessageBar
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.widgets import SecretEdit, dialog_layout, ok_cancel
from station_desk.staff import auth
from station_desk.staff import service as staff


class SignInDialog(QDialog):
    def __init__(self, parent, db, *, hint: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor = None
        self.setObjectName("SignInDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.resize(380, 460)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Who is at the desk?"))
        title.setStyleSheet("font-size: 16pt;")
        layout.addWidget(title)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Type a name or its initials…"))
        layout.addWidget(self.filter_edit)
        self.list = QListWidget()
        self.list.setObjectName("staffList")
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.pin_edit = SecretEdit("pinEdit")
        form.addRow(self.tr("&PIN"), self.pin_edit)
        layout.addLayout(form)
        if hint:
            note = QLabel(hint)
            note.setStyleSheet("color:#666;")
            layout.addWidget(note)
        buttons = ok_cancel(self, self.tr("Sign in"), self._sign_in)
        layout.addWidget(buttons)

        self.rows = staff.list_staff(db)
        self._keys = {r.id: (r.name + initials(r.name) + r.emp_no).lower() for r in self.rows}
        for r in self.rows:
            item = QListWidgetItem(f"{r.name}　{r.role_label}")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.returnPressed.connect(self._after_filter)
        self.list.itemActivated.connect(lambda _i: self._after_filter())
        self.list.currentItemChanged.connect(self._selection_changed)
        self.pin_edit.returnPressed.connect(self._sign_in)
        self._selection_changed()
        self.filter_edit.setFocus()

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(needle) and needle not in self._keys[item.data(Qt.ItemDataRole.UserRole)]
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def _selected(self):
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        sid = item.data(Qt.ItemDataRole.UserRole)
        return next(r for r in self.rows if r.id == sid)

    def _selection_changed(self, *_):
        row = self._selected()
        self.pin_edit.setEnabled(bool(row and row.has_pin))

    def _after_filter(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.has_pin:
            self.pin_edit.setFocus()
        else:
            self._sign_in()

    def _sign_in(self) -> None:
        row = self._selected()
        if row is None:
            self.message_bar.show_error(self.tr("Pick your name first."))
            return
        try:
            pin = self.pin_edit.text() or None
            self.actor = call_on_worker(self.db, lambda: auth.sign_in(self.db, row.id, pin))
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            self.pin_edit.selectAll()
            self.pin_edit.setFocus()
            return
        if auth.pin_change_due(self.db, row.id, pin):
            # a manager's PIN shorter than the policy's minimum: asked to choose a longer one now (the old one keeps
            # working until they do, so "later" signs in all the same)
            ShortPinDialog(self, self.db, self.actor, pin or "").exec()
        self.accept()


class ShortPinDialog(QDialog):
    """At sign-in, for a manager whose PIN is shorter than the policy's minimum: choose a new one now (Enter) or
    later (Esc) — the old PIN keeps working until then, and the question comes back at every sign-in."""

    def __init__(self, parent, db, actor, old_pin: str) -> None:
        super().__init__(parent)
        self.db, self.actor, self.old_pin = db, actor, old_pin
        self.changed = False
        minimum = auth.manager_min_pin_length(db)
        layout = dialog_layout(self, self.tr("Choose a longer PIN"), message_bar=True, intro=self.tr(
            "Your PIN has fewer than %1 digits. The station manager's PIN approves money, points and locks, so it "
            "needs at least %1 digits. Choose a new one now; until you do, the old one still works and you will be "
            "asked again.").replace("%1", str(minimum)))
        form = QFormLayout()
        self.new = SecretEdit("newPinEdit")
        self.new2 = SecretEdit("newPin2Edit")
        form.addRow(self.tr("&New PIN"), self.new)
        form.addRow(self.tr("New PIN &again"), self.new2)
        layout.addLayout(form)
        buttons = ok_cancel(self, self.tr("Change PIN"), self._change)
        buttons.button(buttons.StandardButton.Cancel).setText(self.tr("Later"))
        layout.addWidget(buttons)
        self.new.returnPressed.connect(self.new2.setFocus)
        self.new2.returnPressed.connect(self._change)
        self.new.setFocus()

    def _change(self) -> None:
        if self.new.text() != self.new2.text():
            self.message_bar.show_error(self.tr("The two PINs differ."))
            self.new2.selectAll()
            self.new2.setFocus()
            return
        db, actor, new, old = self.db, self.actor, self.new.text(), self.old_pin
        try:
            call_on_worker(db, lambda: staff.set_pin(db, actor=actor, staff_id=actor.staff_id, new_pin=new,
                                                     old_pin=old))
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            self.new.selectAll()
            self.new.setFocus()
            return
        self.changed = True
        self.accept()


class FirstManagerDialog(QDialog):
    """An empty station: register the station manager, who then adds everyone else."""

    def __init__(self, parent, db) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = None
        layout = dialog_layout(self, self.tr("New station"), message_bar=True, intro=self.tr(
            "This station file is new. Register the station manager first; the manager then adds the other staff "
            "and approves manager-only actions with this PIN."))
        form = QFormLayout()
        self.emp_no = QLineEdit("M001")
        self.name = QLineEdit()
        self.pin = SecretEdit()
        self.pin2 = SecretEdit()
        form.addRow(self.tr("Employee &no."), self.emp_no)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&PIN"), self.pin)
        form.addRow(self.tr("PIN &again"), self.pin2)
        layout.addLayout(form)
        buttons = ok_cancel(self, self.tr("Create"), self._create)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _create(self) -> None:
        if self.pin.text() != self.pin2.text():
            self.message_bar.show_error(self.tr("The two PINs differ."))
            return
        try:
            emp_no, name, pin = self.emp_no.text(), self.name.text(), self.pin.text()
            self.actor = call_on_worker(self.db, lambda: staff.create_first_manager(self.db, emp_no=emp_no, name=name,
                                                                                    pin=pin))
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        self.accept()


class ChangePinDialog(FormDialog):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent, ctx, self.tr("Change my PIN"), name="ChangePinDialog")
        self.old = self.line(self.tr("&Current PIN"))
        self.new = self.line(self.tr("&New PIN"))
        self.new2 = self.line(self.tr("New PIN &again"))
        for edit in (self.old, self.new, self.new2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)

    def work(self):
        if self.new.text() != self.new2.text():
            self.message_bar.show_error(self.tr("The two PINs differ."))
            return None
        db, actor, new, old = self.ctx.db, self.ctx.actor, self.new.text(), self.old.text()
        return lambda: staff.set_pin(db, actor=actor, staff_id=actor.staff_id, new_pin=new, old_pin=old)
