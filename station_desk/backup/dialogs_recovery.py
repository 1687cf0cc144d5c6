"""The recovery offered at start-up (SPEC §10): the data file is damaged, or missing while backups exist. It runs
before any database is open: the newest good backup beside the data file (or one the manager chooses, e.g. on the
USB stick) is checked and, with a manager's PIN from the backup itself, restored; the damaged file is moved aside
unchanged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QWidget)

from station_desk.actor import ManagerApproval
from station_desk.backup import service
from station_desk.backup.crypto import is_encrypted_file
from station_desk.backup.dialogs import BACKUP_FILTER
from station_desk.backup.widgets import ContentsView, busy_cursor
from station_desk.errors import DomainError
from station_desk.qt.widgets import SecretEdit, dialog_layout


class RecoveryDialog(QDialog):
    """Shown at start-up when the data file cannot be opened (or is missing). Nothing is written to the damaged
    file: a restore moves it aside unchanged."""

    def __init__(self, parent: QWidget | None, db_path, error_message: str) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.contents = None
        layout = dialog_layout(self, self.tr("The data file cannot be opened"), size=(600, 560), message_bar=True,
                               intro=self.tr(
            "The station's data file could not be opened:\n%1\n\nThe program has not written anything to it. You "
            "can restore the newest good backup; the damaged file is kept beside it, unchanged, under a new name.")
            .replace("%1", error_message))
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_label.setObjectName("backupFileLabel")
        self.file_label.setWordWrap(True)
        other = QPushButton(self.tr("&Other backup file…"))
        other.setObjectName("otherFileButton")
        other.setAutoDefault(False)  # Enter in a field checks the backup; it never opens the file chooser
        other.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(other)
        form.addRow(self.tr("Backup"), file_row)
        self.pass_edit = SecretEdit("passphraseEdit")
        form.addRow(self.tr("&Backup passphrase"), self.pass_edit)
        self.manager_box = QComboBox()
        self.manager_box.setObjectName("managerBox")
        self.pin_edit = SecretEdit("pinEdit")
        form.addRow(self.tr("&Manager"), self.manager_box)
        form.addRow(self.tr("Manager &PIN"), self.pin_edit)
        layout.addLayout(form)
        self.contents_view = ContentsView(self)
        layout.addWidget(self.contents_view, 1)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(self.tr("&Check backup"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("checkButton")
        self.check_button.clicked.connect(self.check)
        self.check_button.setDefault(True)  # added first: Enter in a field checks the backup
        self.restore_button = buttons.addButton(self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        newest = service.newest_good_backup(self.db_path)
        self.path = newest.path if newest else None
        self._show_path()
        if self.path and not is_encrypted_file(Path(self.path)):
            self.check()

    def _show_path(self) -> None:
        if self.path:
            self.file_label.setText(Path(self.path).name)
            self.file_label.setToolTip(self.path)
        else:
            self.file_label.setText(self.tr("No backup found beside the data file: choose one (e.g. on the USB "
                                            "stick)."))
        encrypted = bool(self.path) and is_encrypted_file(Path(self.path))
        self.pass_edit.setEnabled(encrypted)
        if encrypted:
            self.pass_edit.setFocus()

    def choose_file(self) -> None:
        start = str(self.db_path.parent)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), start, BACKUP_FILTER)
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path = path
        self.contents = None
        self.restore_button.setEnabled(False)
        self._show_path()
        if not is_encrypted_file(Path(path)):
            self.check()

    def check(self) -> None:
        if not self.path:
            self.message_bar.show_error(DomainError("backup.no_backups").message)
            return
        self.contents = None
        self.restore_button.setEnabled(False)
        if self.contents_view.check(self.db_path, self.path, self.pass_edit.text() or None,
                                    self.message_bar) is not None:
            return
        self.contents = self.contents_view.contents
        self.manager_box.clear()
        for sid, name, emp_no in self.contents.managers:
            self.manager_box.addItem(f"{name}（{emp_no}）", sid)
        needs_pin = bool(self.contents.managers)
        self.manager_box.setEnabled(needs_pin)
        self.pin_edit.setEnabled(needs_pin)
        self.restore_button.setEnabled(True)
        (self.pin_edit if needs_pin else self.restore_button).setFocus()

    def restore(self) -> None:
        if self.contents is None:
            return
        approval = None
        if self.contents.managers:
            approval = ManagerApproval(self.manager_box.currentData(), self.pin_edit.text())
        try:
            busy_cursor(lambda: service.recover_from_backup(self.db_path, path=self.path,
                                                            passphrase=self.pass_edit.text() or None,
                                                            approval=approval))
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            self.pin_edit.selectAll()
            return
        self.accept()


def offer_recovery(parent: QWidget | None, db_path, error_message: str) -> bool:
    """Called at start-up when the data file fails to open (or is missing while backups exist). Returns True when
    a backup was restored and opening should be retried."""
    dialog = RecoveryDialog(parent, db_path, error_message)
    return dialog.exec() == QDialog.DialogCode.Accepted
