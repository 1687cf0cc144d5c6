"""员工 tab: the staff register (SPEC §1) and each person's role history (调岗). Every change asks for the
manager's PIN."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, \
    QVBoxLayout, QWidget

from station_desk import clock
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.forms.staff_dialog_ui import Ui_StaffDialog
from station_desk.qt.ops import Op, run_now
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import fit_columns, make_table, selected_row, stacked
from station_desk.staff import service as staff
from station_desk.staff.roles import NEW_STAFF_ROLE, ROLE_LABELS, role_label


class StaffDialog(FormDialog):
    """Add or edit one person (fields from ui/staff_dialog.ui). The values are checked by the service before the
    manager is asked for the PIN."""

    def __init__(self, parent, ctx, row=None) -> None:
        title = self.tr("Edit staff member") if row is not None else self.tr("Add staff member")
        super().__init__(parent, ctx, title, name="StaffDialog")
        self.row_before = row
        fields = QWidget()
        fields.setObjectName("staffFields")
        self.ui = Ui_StaffDialog()
        self.ui.setupUi(fields)
        self.form.addRow(fields)
        for code, label in ROLE_LABELS.items():
            self.ui.roleBox.addItem(label, str(code))
        self.ui.roleBox.setCurrentIndex(self.ui.roleBox.findData(str(NEW_STAFF_ROLE)))
        self.ui.hireDateEdit.set_value(clock.today())
        if row is not None:
            self.ui.empNoEdit.setText(row.emp_no)
            self.ui.nameEdit.setText(row.name)
            self.ui.phoneEdit.setText(row.phone)
            self.ui.hireDateEdit.set_value(row.hire_date)
            self.ui.roleBox.setCurrentIndex(self.ui.roleBox.findData(row.role))
            self.ui.roleBox.setEnabled(False)  # role changes are dated: use 调岗
            self.ui.pinEdit.setEnabled(False)
        self.setTabOrder(self.ui.pinEdit, self.save_button)
        self.setTabOrder(self.save_button, self.cancel_button)
        self.ui.empNoEdit.setFocus()

    def values(self) -> dict:
        return dict(emp_no=self.ui.empNoEdit.text(), name=self.ui.nameEdit.text(), phone=self.ui.phoneEdit.text(),
                    role=self.ui.roleBox.currentData(), hire_date=self.ui.hireDateEdit.value(),
                    pin=self.ui.pinEdit.text() or None)

    def work(self):
        v, row, db, actor = self.values(), self.row_before, self.ctx.db, self.ctx.actor
        staff.check_staff(db, emp_no=v["emp_no"], name=v["name"], phone=v["phone"],
                          role=v["role"] if row is None else None, pin=v["pin"] if row is None else None,
                          staff_id=row.id if row is not None else None)
        if not self.accept_impact(v):
            return None
        approval = ask_manager_approval(self, self.ctx, self.windowTitle())
        if approval is None:  # no PIN: the action is cancelled
            self.reject()
            return None
        if row is None:
            return lambda: staff.add_staff(db, actor=actor, approval=approval, **v)
        return lambda: staff.update_staff(db, actor=actor, approval=approval, staff_id=row.id, emp_no=v["emp_no"],
                                          name=v["name"], phone=v["phone"], hire_date=v["hire_date"])


    def accept_impact(self, v: dict) -> bool:
        """A past hire date changes months of points not locked yet: show the difference and ask before the PIN
        (No: back to the form). The points module computes it (nothing is written)."""
        from station_desk.points import impact

        db, row = self.ctx.db, self.row_before
        if row is None:
            found = run_now(lambda: impact.preview_add_staff(db, emp_no=v["emp_no"], name=v["name"], role=v["role"],
                                                             hire_date=v["hire_date"]))
        elif v["hire_date"] != row.hire_date:
            found = run_now(lambda: impact.preview_hire_date(db, staff_id=row.id, hire_date=v["hire_date"]))
        else:
            return True
        if not found.changes:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Points of open months would change"),
                          self.tr("This hire date changes the points of months that are not locked yet:") + "\n\n"
                          + "\n".join(found.lines()) + "\n\n" + self.tr("Save anyway?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("staffImpactBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.impact_lines = found.lines()
        return box.exec() == QMessageBox.StandardButton.Yes


class RoleChangeDialog(FormDialog):
    def __init__(self, parent, ctx, row) -> None:
        super().__init__(parent, ctx, self.tr("Change role: %1").replace("%1", row.name), name="RoleChangeDialog")
        self.staff_id = row.id
        self.role = self.combo(self.tr("New &role"), ROLE_LABELS, current=row.role)
        self.from_date = self.date(self.tr("&From"))
        self.note = self.line(self.tr("&Reason"))

    def work(self):
        approval = ask_manager_approval(self, self.ctx, self.tr("Change role"))
        if approval is None:  # no PIN: the action is cancelled
            self.reject()
            return None
        db, actor, sid = self.ctx.db, self.ctx.actor, self.staff_id
        role, day, note = self.role.currentData(), self.from_date.value(), self.note.text()
        return lambda: staff.change_role(db, actor=actor, approval=approval, staff_id=sid, role=role,
                                         effective_from=day, note=note)


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
        self.table = make_table(self.model, name="staffTable")
        self.history_model = RowTableModel([
            Column(self.tr("From"), lambda r: r[0].isoformat()),
            Column(self.tr("Role"), lambda r: role_label(r[1])),
            Column(self.tr("Reason"), lambda r: r[2]),
        ])
        self.history_table = make_table(self.history_model, name="roleHistoryTable")
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel(self.tr("Role history of the selected person")))
        history_layout.addWidget(self.history_table, 1)
        layout.addWidget(stacked(self.table, history, stretch=(3, 1)), 1)

        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.role_button.clicked.connect(self.change_role)
        self.leave_button.clicked.connect(self.mark_left)
        self.pin_button.clicked.connect(self.reset_pin)
        self.show_left.toggled.connect(lambda _c: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_history())
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, activated=self.add_person)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_person)
        self.table.activated.connect(lambda _index: self.edit_selected())  # Enter or double-click: the view's own

    def refresh(self) -> None:
        db, left = self.ctx.db, self.show_left.isChecked()
        self.load(lambda: staff.list_staff(db, include_left=left), self._show)

    def _show(self, rows) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        fit_columns(self.table)
        at = next((i for i, r in enumerate(rows) if current is not None and r.id == current.id), 0)
        if self.model.rowCount():
            self.table.selectRow(at)
        self._show_history()

    def _show_history(self) -> None:
        row, db = self.selected(), self.ctx.db
        if row is None:
            self.history_model.set_rows([])
            return
        self.load(lambda: staff.role_history(db, row.id), self.history_model.set_rows, key="history")

    def focus_default(self) -> None:
        self.table.setFocus()

    def selected(self):
        return selected_row(self.table)

    def add_person(self) -> None:
        dialog = StaffDialog(self, self.ctx)
        if dialog.exec():
            self.message_bar.show_info(self.tr("Added %1.").replace("%1", dialog.result_value.name))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            StaffDialog(self, self.ctx, row).exec()

    def change_role(self) -> None:
        row = self.selected()
        if row is not None:
            RoleChangeDialog(self, self.ctx, row).exec()

    def mark_left(self) -> None:
        row = self.selected()
        if row is None or not row.active:
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Mark %1 as left").replace("%1", row.name))
        if approval is None:
            return
        Op(self, lambda: staff.deactivate(self.ctx.db, actor=self.ctx.actor, approval=approval, staff_id=row.id,
                                          left_date=clock.today())).run()

    def reset_pin(self) -> None:
        row = self.selected()
        if row is None:
            return
        pin, ok = QInputDialog.getText(self, self.tr("Reset PIN"), self.tr("New PIN for %1:").replace("%1", row.name),
                                       QLineEdit.EchoMode.Password)
        if not ok:
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Reset PIN"))
        if approval is None:
            return
        Op(self, lambda: staff.set_pin(self.ctx.db, actor=self.ctx.actor, staff_id=row.id, new_pin=pin,
                                       approval=approval)).run()
