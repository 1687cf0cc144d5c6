"""Backup dialogs of the backup tab: the backup passphrase, restoring a backup over the live data, and (a PostgreSQL
station) restoring one into a new database (SPEC §10). The recovery offered at start-up, when the data file is
damaged or missing, is ``dialogs_recovery``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from station_desk.backup import service
from station_desk.backup.crypto import is_encrypted_file
from station_desk.backup.widgets import ContentsView
from station_desk.errors import DomainError
from station_desk.qt.feedback import MessageBar, message_for
from station_desk.qt.widgets import SecretEdit, action_buttons, dialog_layout, ok_cancel, wrapped

PASSPHRASE_CODES = ("backup.passphrase_required", "backup.wrong_passphrase")
BACKUP_FILTER = "Station backups (*.sqlite *.sdbk *.pgdump)"  # the file chooser's filter (the tab, the recovery)


def _warning_label(text: str) -> QLabel:
    label = wrapped(text)
    label.setStyleSheet("QLabel { color:#8a1c1c; font-weight:bold; }")
    return label


class PassphraseDialog(QDialog):
    """The manager sets the backup passphrase (typed twice) after reading that a lost one cannot be recovered."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        layout = dialog_layout(self, self.tr("Backup passphrase"))
        layout.addWidget(_warning_label(self.tr(
            "Month-end backups will be encrypted with this passphrase. Write it down and keep it somewhere safe: "
            "if it is lost, the encrypted backups can never be opened again — by anyone.")))
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        form = QFormLayout()
        self.first = SecretEdit("passphraseEdit")
        self.second = SecretEdit("repeatEdit")
        form.addRow(self.tr("&Passphrase"), self.first)
        form.addRow(self.tr("&Repeat"), self.second)
        layout.addLayout(form)
        buttons = ok_cancel(self, self.tr("Set passphrase"), self._check)
        layout.addWidget(buttons)

    def _check(self) -> None:
        from station_desk.backup.crypto import check_passphrase_strength

        try:
            if self.first.text() != self.second.text():
                raise DomainError("backup.passphrase_repeat_mismatch")
            check_passphrase_strength(self.first.text())
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        self.accept()

    @property
    def passphrase(self) -> str:
        return self.first.text()


class RestoreDialog(QDialog):
    """Check a backup, show what it holds, and on the manager's PIN replace the live data with it."""

    def __init__(self, parent: QWidget | None, ctx, path: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = str(path)
        self.contents = None
        self.result_info = None
        layout = dialog_layout(self, self.tr("Restore from backup"), size=(560, 520), message_bar=True,
                               intro=self.tr("Backup file: %1").replace("%1", self.path))
        row = QHBoxLayout()
        self.pass_label = QLabel(self.tr("Backup &passphrase"))
        self.pass_edit = SecretEdit("passphraseEdit")
        self.pass_label.setBuddy(self.pass_edit)
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.setObjectName("checkButton")
        self.check_button.clicked.connect(self.check)
        self.check_button.setDefault(True)  # Enter in the passphrase field checks; it never restores at once
        row.addWidget(self.pass_label)
        row.addWidget(self.pass_edit, 1)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        self.contents_view = ContentsView(self)
        layout.addWidget(self.contents_view, 1)
        layout.addWidget(QLabel(self.tr(
            "Restoring first saves the current data as a safety copy, so the restore can be undone. Old automatic "
            "backups are not cleaned up until the manager confirms the restored data.")))
        buttons, self.restore_button, _ = action_buttons(self, self.tr("&Restore…"), self.restore,
                                                        close_text=self.tr("Close"), name="restoreButton",
                                                        enabled=False)
        layout.addWidget(buttons)
        encrypted = is_encrypted_file(Path(self.path))
        for w in (self.pass_label, self.pass_edit):
            w.setVisible(encrypted)
        if encrypted:
            self.pass_edit.setFocus()
        else:
            self.check()

    def check(self) -> None:
        error = self.contents_view.check(self.ctx.db.path, self.path, self.pass_edit.text() or None, self.message_bar)
        self.contents = self.contents_view.contents
        if error is not None:
            self.restore_button.setEnabled(False)
            if error.code in PASSPHRASE_CODES:
                self.pass_label.show()
                self.pass_edit.show()
                self.pass_edit.selectAll()
                self.pass_edit.setFocus()
            return
        QTimer.singleShot(0, self._ready)  # after the key event that asked for the check has been handled

    def _ready(self) -> None:
        self.restore_button.setEnabled(True)
        self.check_button.setDefault(False)
        self.restore_button.setFocus()

    def make_confirm_box(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore from backup"),
                          self.tr("Replace all current data with the backup of %1?")
                          .replace("%1", f"{self.contents.created_at:%Y-%m-%d %H:%M}"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmRestoreBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)  # a restore is never one Enter away
        return box

    def confirm_replace(self) -> bool:
        return self.make_confirm_box().exec() == QMessageBox.StandardButton.Yes

    def restore(self) -> None:
        if self.contents is None:
            return
        from station_desk.qt.dialogs.approval import ask_manager_approval
        from station_desk.qt.ops import Op

        if not self.confirm_replace():
            return
        approval = ask_manager_approval(self, self.ctx, "从备份恢复数据")
        if approval is None:
            return
        ctx, path, passphrase = self.ctx, self.path, self.pass_edit.text() or None

        def work():
            result = service.restore_backup(ctx.db, actor=ctx.actor, approval=approval, path=path,
                                            passphrase=passphrase)
            service.reopen_after_restore(ctx.db)
            return result

        def done(result) -> None:
            self.result_info = result
            self.accept()

        Op(self, work, changes={"*"}, ctx=ctx).busy(self.tr("Restoring the backup…")).success(done).failure(
            lambda exc: self.message_bar.show_error(message_for(exc))).run()


class ServerRestoreDialog(QDialog):
    """A PostgreSQL station: restore a backup into a new, empty database the manager names (created beforehand in
    pgAdmin or with createdb), after a safety copy of the live one, which is left as it was (backup.pg). The desks
    then open the new address."""

    def __init__(self, parent: QWidget | None, ctx, path: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = str(path)
        self.result_info = None
        self.target_url = None
        layout = dialog_layout(self, self.tr("Restore into a new database"), size=(620, 360))
        file_label = wrapped(self.tr("Backup file: %1").replace("%1", Path(self.path).name))
        file_label.setToolTip(self.path)
        layout.addWidget(file_label)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(wrapped(self.tr(
            "The database in use is never overwritten. First create a new, empty database on the server (pgAdmin, "
            "or createdb). Restoring first saves the current database as a safety copy, then restores the backup "
            "into the new database and verifies it. Afterwards every desk opens the new address.")))
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("newDatabaseEdit")
        self.url_edit.setPlaceholderText("postgresql://station@服务器/station_restored")
        form.addRow(self.tr("&New database address"), self.url_edit)
        self.pass_edit = SecretEdit("passphraseEdit")
        encrypted = is_encrypted_file(Path(self.path))
        if encrypted:
            form.addRow(self.tr("Backup &passphrase"), self.pass_edit)
        else:
            self.pass_edit.hide()
        layout.addLayout(form)
        layout.addStretch(1)
        buttons, self.restore_button, _ = action_buttons(self, self.tr("&Restore into the new database…"),
                                                        self.restore, close_text=self.tr("Close"),
                                                        name="restoreButton")
        layout.addWidget(buttons)
        self.url_edit.setFocus()

    def restore(self) -> None:
        from station_desk.cash_book.chain import verify_cash_chain
        from station_desk.backup.pg import restore_station
        from station_desk.db.url import check_no_password, is_server_url
        from station_desk.qt.dialogs.approval import ask_manager_approval
        from station_desk.qt.ops import Op

        target = self.url_edit.text().strip()
        try:
            if not is_server_url(target):
                raise DomainError("backup.restore_target_not_server")
            check_no_password(target)
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            self.url_edit.setFocus()
            return
        approval = ask_manager_approval(self, self.ctx, "从备份恢复到新数据库")
        if approval is None:
            return
        ctx, path, passphrase = self.ctx, self.path, self.pass_edit.text() or None

        def work():
            return restore_station(ctx.db, actor=ctx.actor, approval=approval, path=Path(path), target_url=target,
                                   passphrase=passphrase, checks=(verify_cash_chain,))

        def done(result) -> None:
            self.result_info = result
            self.target_url = target
            self.accept()

        Op(self, work, changes={"backup"}, ctx=ctx).busy(self.tr("Restoring the backup…")).success(done).failure(
            lambda exc: self.message_bar.show_error(message_for(exc))).run()
