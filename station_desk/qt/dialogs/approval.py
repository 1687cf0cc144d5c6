"""Asking for the manager's PIN before a manager-only action. The dialog checks the PIN so the person sees a
wrong PIN at once; the service checks it again (permissions live in the service layer).

Checking a PIN writes (a wrong try is counted, a right one resets the count), so the check runs on the database
worker; the dialog waits for its answer (scrypt takes tens of milliseconds) because the action cannot go on
without it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QWidget

from station_desk import clock
from station_desk.actor import ManagerApproval
from station_desk.errors import DomainError
from station_desk.qt.ops import run_now
from station_desk.qt.widgets import SecretEdit, dialog_layout, ok_cancel
from station_desk.staff import auth
from station_desk.staff import service as staff
from station_desk.staff.roles import Role


def call_on_worker(db, fn, *, bus=None, initiator=None):
    """Run ``fn`` on the database worker and wait for it (for a check the UI cannot go on without: sign-in, a
    manager's PIN). What its transactions wrote is published on ``bus`` when given, as ``Op`` does."""

    def work():
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - raised again on the UI thread, after publishing
            return None, exc, db.take_changes()
        return result, None, db.take_changes()

    result, exc, changed = run_now(work)
    if bus is not None and changed:
        bus.changed.emit(changed, initiator)  # a wrong PIN was counted even though the call was refused
    if exc is not None:
        raise exc
    return result


class ManagerApprovalDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx, action: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action = action
        layout = dialog_layout(self, self.tr("Manager approval"), message_bar=True,
                               intro=self.tr("“%1” needs the station manager's PIN.").replace("%1", action))
        form = QFormLayout()
        self.manager_box = QComboBox()
        self.manager_box.setObjectName("managerBox")
        self.pin_edit = SecretEdit("pinEdit")
        form.addRow(self.tr("&Manager"), self.manager_box)
        form.addRow(self.tr("&PIN"), self.pin_edit)
        layout.addLayout(form)
        buttons = ok_cancel(self, self.tr("Approve"), self._check)
        layout.addWidget(buttons)
        self._fill_managers()
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.approval: ManagerApproval | None = None

    def _fill_managers(self) -> None:
        rows = [r for r in staff.list_staff(self.ctx.db, on=clock.today()) if r.role == Role.MANAGER]
        for r in rows:
            self.manager_box.addItem(r.name, r.id)
        mine = self.manager_box.findData(self.ctx.actor.staff_id)
        if mine >= 0:
            self.manager_box.setCurrentIndex(mine)
        if not rows:
            self.message_bar.show_error(DomainError("auth.no_manager").message)

    def _check(self) -> None:
        staff_id = self.manager_box.currentData()
        if staff_id is None:
            return
        approval = ManagerApproval(staff_id, self.pin_edit.text())
        try:
            call_on_worker(self.ctx.db, lambda: auth.require_manager(self.ctx.db, approval, self.action),
                           bus=self.ctx.bus, initiator=self)
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            self.pin_edit.selectAll()
            self.pin_edit.setFocus()
            return
        self.approval = approval
        self.accept()


def ask_manager_approval(parent: QWidget | None, ctx, action: str) -> ManagerApproval | None:
    """Show the PIN dialog; ``None`` if cancelled."""
    dialog = ManagerApprovalDialog(parent, ctx, action)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.approval
    return None


def approval_unless_manager(parent: QWidget | None, ctx, action: str) -> ManagerApproval | None | bool:
    """``None`` when the signed-in person is the manager (the service needs no PIN then); a manager's PIN
    otherwise; ``False`` when the person cancelled."""
    if ctx.is_manager:
        return None
    approval = ask_manager_approval(parent, ctx, action)
    return approval if approval is not None else False
