"""Asking for the manager's PIN before a manager-only action. The dialog checks the PIN so the person sees a
wrong PIN at once; the service checks it again (permissions live in the service layer)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from station_desk import clock
from station_desk.actor import ManagerApproval
from station_desk.errors import DomainError
from station_desk.qt.feedback import MessageBar


class ManagerApprovalDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx, action: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action = action
        self.setWindowTitle(self.tr("Manager approval"))
        self.setObjectName("ManagerApprovalDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("“%1” needs the station manager's PIN.").replace("%1", action))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        form = QFormLayout()
        self.manager_box = QComboBox()
        self.manager_box.setObjectName("managerBox")
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Manager"), self.manager_box)
        form.addRow(self.tr("&PIN"), self.pin_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_managers()
        self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.approval: ManagerApproval | None = None

    def _fill_managers(self) -> None:
        from station_desk.staff import service as staff
        from station_desk.staff.roles import Role

        rows = [r for r in staff.list_staff(self.ctx.db, on=clock.today()) if r.role == Role.MANAGER]
        for r in rows:
            self.manager_box.addItem(r.name, r.id)
        mine = self.manager_box.findData(self.ctx.actor.staff_id)
        if mine >= 0:
            self.manager_box.setCurrentIndex(mine)
        if not rows:
            self.message_bar.show_error(DomainError("auth.no_manager").message)

    def _check(self) -> None:
        from station_desk.staff import auth

        staff_id = self.manager_box.currentData()
        if staff_id is None:
            return
        try:
            auth.require_manager(self.ctx.db, ManagerApproval(staff_id, self.pin_edit.text()), self.action)
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            self.pin_edit.selectAll()
            self.pin_edit.setFocus()
            return
        self.approval = ManagerApproval(staff_id, self.pin_edit.text())
        self.accept()


def ask_manager_approval(parent: QWidget | None, ctx, action: str) -> ManagerApproval | None:
    """Show the PIN dialog; ``None`` if cancelled."""
    dialog = ManagerApprovalDialog(parent, ctx, action)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.approval
    return None
