"""员工 tab: the staff register (SPEC §1). Every change asks for the manager's PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout)

from station_desk import clock
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import MessageBar
from station_desk.qt.forms import load_form
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.widgets import DateEdit
from station_desk.staff import service as staff
from station_desk.staff.roles import ROLE_LABELS


class StaffDialog(QDialog):
    """Add or edit one person (form from ui/staff_dialog.ui)."""

    def __init__(self, parent, row=None) -> None:
        super().__init__(parent)
        self.ui = load_form("staff_dialog")()
        self.ui.setupUi(self)
        self.setObjectName("StaffDialog")
        self.message_bar = MessageBar(self)
        self.layout().insertWidget(0, self.message_bar)
        for code, label in ROLE_LABELS.items():
            self.ui.roleBox.addItem(label, str(code))
        self.ui.hireDateEdit.setDate(clock.today())
        if row is not None:
            self.setWindowTitle(self.tr("Edit staff member"))
            self.ui.empNoEdit.setText(row.emp_no)
            self.ui.nameEdit.setText(row.name)
            self.ui.phoneEdit.setText(row.phone)
            self.ui.hireDateEdit.setDate(row.hire_date)
            self.ui.roleBox.setCurrentIndex(self.ui.roleBox.findData(row.role))
            self.ui.roleBox.setEnabled(False)  # role changes are dated: use 调岗
            self.ui.pinEdit.setEnabled(False)
        else:
            self.setWindowTitle(self.tr("Add staff member"))
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.empNoEdit.setFocus()

    def values(self) -> dict:
        d = self.ui.hireDateEdit.date()
        import datetime as dt

        return dict(emp_no=self.ui.empNoEdit.text(), name=self.ui.nameEdit.text(), phone=self.ui.phoneEdit.text(),
                    role=self.ui.roleBox.currentData(), hire_date=dt.date(d.year(), d.month(), d.day()),
                    pin=self.ui.pinEdit.text() or None)


class RoleChangeDialog(QDialog):
    def __init__(self, parent, row) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change role: %1").replace("%1", row.name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.role = QComboBox()
        for code, label in ROLE_LABELS.items():
            self.role.addItem(label, str(code))
        self.role.setCurrentIndex(self.role.findData(row.role))
        self.date = DateEdit()
        self.note = QLineEdit()
        form.addRow(self.tr("New &role"), self.role)
        form.addRow(self.tr("&From"), self.date)
        form.addRow(self.tr("&Reason"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class StaffTab(ModuleTab):
    watches = frozenset({"staff"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add (Ins)"))
        self.edit_button = QPushButton(self.tr("&Edit (Enter)"))
        self.role_button = QPushButton(self.tr("Change &role"))
        self.leave_button = QPushButton(self.tr("Mark as &left"))
        self.pin_button = QPushButton(self.tr("Reset &PIN"))
        self.show_left = QCheckBox(self.tr("Show people who &left"))
        for w in (self.add_button, self.edit_button, self.role_button, self.leave_button, self.pin_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.show_left)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(self.tr("Emp. no."), lambda r: r.emp_no),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Role"), lambda r: r.role_label),
            Column(self.tr("Phone"), lambda r: r.phone),
            Column(self.tr("Hired"), lambda r: r.hire_date.isoformat()),
            Column(self.tr("Status"), lambda r: self.tr("active") if r.active else
                   self.tr("left %1").replace("%1", r.left_date.isoformat() if r.left_date else "")),
            Column(self.tr("PIN"), lambda r: self.tr("set") if r.has_pin else ""),
        ], foreground=lambda r: None if r.active else "#999999")
        self.table = QTableView()
        self.table.setObjectName("staffTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.role_button.clicked.connect(self.change_role)
        self.leave_button.clicked.connect(self.mark_left)
        self.pin_button.clicked.connect(self.reset_pin)
        self.show_left.toggled.connect(lambda _c: self.refresh())
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, activated=self.add_person)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_person)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected)

    def refresh(self) -> None:
        self.model.set_rows(staff.list_staff(self.ctx.db, include_left=self.show_left.isChecked()))
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def focus_default(self) -> None:
        self.table.setFocus()

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _approve(self, action: str):
        return ask_manager_approval(self, self.ctx, action)

    def add_person(self) -> None:
        dialog = StaffDialog(self)
        while dialog.exec():
            approval = self._approve(self.tr("Add staff member"))
            if approval is None:
                return
            values = dialog.values()
            try:
                row = staff.add_staff(self.ctx.db, actor=self.ctx.actor, approval=approval, **values)
            except Exception as exc:  # noqa: BLE001 - shown in the dialog, which stays open
                from station_desk.qt.feedback import message_for

                dialog.message_bar.show_error(message_for(exc))
                continue
            self.ctx.bus.changed.emit({"staff"}, self)
            self.message_bar.show_info(self.tr("Added %1.").replace("%1", row.name))
            return

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = StaffDialog(self, row)
        while dialog.exec():
            approval = self._approve(self.tr("Edit staff member"))
            if approval is None:
                return
            v = dialog.values()
            try:
                staff.update_staff(self.ctx.db, actor=self.ctx.actor, approval=approval, staff_id=row.id,
                                   emp_no=v["emp_no"], name=v["name"], phone=v["phone"], hire_date=v["hire_date"])
            except Exception as exc:  # noqa: BLE001
                from station_desk.qt.feedback import message_for

                dialog.message_bar.show_error(message_for(exc))
                continue
            self.ctx.bus.changed.emit({"staff"}, self)
            return

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = RoleChangeDialog(self, row)
        if not dialog.exec():
            return
        approval = self._approve(self.tr("Change role"))
        if approval is None:
            return
        Op(self, lambda: staff.change_role(self.ctx.db, actor=self.ctx.actor, approval=approval, staff_id=row.id,
                                           role=dialog.role.currentData(), effective_from=dialog.date.value(),
                                           note=dialog.note.text()), changes={"staff"}).run()

    def mark_left(self) -> None:
        row = self.selected()
        if row is None or not row.active:
            return
        approval = self._approve(self.tr("Mark %1 as left").replace("%1", row.name))
        if approval is None:
            return
        Op(self, lambda: staff.deactivate(self.ctx.db, actor=self.ctx.actor, approval=approval, staff_id=row.id,
                                          left_date=clock.today()), changes={"staff"}).run()

    def reset_pin(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        row = self.selected()
        if row is None:
            return
        pin, ok = QInputDialog.getText(self, self.tr("Reset PIN"), self.tr("New PIN for %1:").replace("%1", row.name),
                                       QLineEdit.EchoMode.Password)
        if not ok:
            return
        approval = self._approve(self.tr("Reset PIN"))
        if approval is None:
            return
        Op(self, lambda: staff.set_pin(self.ctx.db, actor=self.ctx.actor, staff_id=row.id, new_pin=pin,
                                       approval=approval), changes={"staff"}).run()
