"""Backup dialogs: the backup passphrase, restoring a backup, and the recovery offered at start-up when the data
file is damaged or missing (SPEC §10)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit,
                               QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from station_desk.actor import ManagerApproval
from station_desk.backup import service
from station_desk.backup.crypto import is_encrypted_file
from station_desk.errors import DomainError
from station_desk.qt.feedback import MessageBar, message_for
from station_desk.qt.widgets import SecretEdit, ok_cancel

PASSPHRASE_CODES = ("backup.passphrase_required", "backup.wrong_passphrase")
BACKUP_FILTER = "Station backups (*.sqlite *.sdbk *.pgdump)"


def _busy(fn):
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return fn()
    finally:
        QGuiApplication.restoreOverrideCursor()


def _warning_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color:#8a1c1c; font-weight:bold; }")
    return label


class PassphraseDialog(QDialog):
    """The manager sets the backup passphrase (typed twice) after reading that a lost one cannot be recovered."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("PassphraseDialog")
        self.setWindowTitle(self.tr("Backup passphrase"))
        layout = QVBoxLayout(self)
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


class ContentsView(QWidget):
    """What a checked backup holds: when, which station, the last entry, and rows per table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("contentsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("contentsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Table"), self.tr("Rows")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)

    def show_contents(self, c) -> None:
        enc = self.tr("encrypted") if c.encrypted else self.tr("not encrypted")
        self.summary.setText(self.tr("Backup taken %1 (%2), station %3. Last entry: %4. %5 rows in all.")
                             .replace("%1", f"{c.created_at:%Y-%m-%d %H:%M}").replace("%2", enc)
                             .replace("%3", c.station or "—").replace("%4", (c.last_entry_at or "—")[:16].replace("T", " "))
                             .replace("%5", str(c.total_rows)))
        counts: dict[str, int] = {}
        for t, n in sorted(c.row_counts.items()):
            if n and not t.startswith(("alembic", "customer_fts")):
                label = service.table_label(t)
                counts[label] = counts.get(label, 0) + n
        rows = sorted(counts.items())
        self.table.setRowCount(len(rows))
        for i, (label, n) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(f"{n:,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 1, item)
        self.table.resizeColumnToContents(0)


class RestoreDialog(QDialog):
    """Check a backup, show what it holds, and on the manager's PIN replace the live data with it."""

    def __init__(self, parent: QWidget | None, ctx, path: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = str(path)
        self.contents = None
        self.result_info = None
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        file_label = QLabel(self.tr("Backup file: %1").replace("%1", self.path))
        file_label.setWordWrap(True)
        layout.addWidget(file_label)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
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
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        encrypted = is_encrypted_file(Path(self.path))
        for w in (self.pass_label, self.pass_edit):
            w.setVisible(encrypted)
        if encrypted:
            self.pass_edit.setFocus()
        else:
            self.check()

    def check(self) -> None:
        try:
            self.contents = _busy(lambda: service.inspect_backup(self.ctx.db.path, self.path,
                                                                 passphrase=self.pass_edit.text() or None))
        except DomainError as exc:
            self.contents = None
            self.restore_button.setEnabled(False)
            self.message_bar.show_error(exc.message)
            if exc.code in PASSPHRASE_CODES:
                self.pass_label.show()
                self.pass_edit.show()
                self.pass_edit.selectAll()
                self.pass_edit.setFocus()
            return
        self.contents_view.show_contents(self.contents)
        self.message_bar.show_info(self.tr("The backup passed every check."))
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
        self.setObjectName("ServerRestoreDialog")
        self.setWindowTitle(self.tr("Restore into a new database"))
        self.resize(620, 360)
        layout = QVBoxLayout(self)
        file_label = QLabel(self.tr("Backup file: %1").replace("%1", Path(self.path).name))
        file_label.setToolTip(self.path)
        file_label.setWordWrap(True)
        layout.addWidget(file_label)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        explain = QLabel(self.tr(
            "The database in use is never overwritten. First create a new, empty database on the server (pgAdmin, "
            "or createdb). Restoring first saves the current database as a safety copy, then restores the backup "
            "into the new database and verifies it. Afterwards every desk opens the new address."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
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
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("&Restore into the new database…"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
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


class RecoveryDialog(QDialog):
    """Shown at start-up when the data file cannot be opened (or is missing). Nothing is written to the damaged
    file: a restore moves it aside unchanged."""

    def __init__(self, parent: QWidget | None, db_path, error_message: str) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.contents = None
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle(self.tr("The data file cannot be opened"))
        self.resize(600, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "The station's data file could not be opened:\n%1\n\nThe program has not written anything to it. You "
            "can restore the newest good backup; the damaged file is kept beside it, unchanged, under a new name.")
            .replace("%1", error_message))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
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
        self.check_button.setDefault(True)
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
        try:
            self.contents = _busy(lambda: service.inspect_backup(self.db_path, self.path,
                                                                 passphrase=self.pass_edit.text() or None))
        except DomainError as exc:
            self.contents = None
            self.restore_button.setEnabled(False)
            self.message_bar.show_error(exc.message)
            return
        self.contents_view.show_contents(self.contents)
        self.manager_box.clear()
        for sid, name, emp_no in self.contents.managers:
            self.manager_box.addItem(f"{name}（{emp_no}）", sid)
        needs_pin = bool(self.contents.managers)
        self.manager_box.setEnabled(needs_pin)
        self.pin_edit.setEnabled(needs_pin)
        self.restore_button.setEnabled(True)
        self.message_bar.show_info(self.tr("The backup passed every check."))
        (self.pin_edit if needs_pin else self.restore_button).setFocus()

    def restore(self) -> None:
        if self.contents is None:
            return
        approval = None
        if self.contents.managers:
            approval = ManagerApproval(self.manager_box.currentData(), self.pin_edit.text())
        try:
            _busy(lambda: service.recover_from_backup(self.db_path, path=self.path,
                                                      passphrase=self.pass_edit.text() or None, approval=approval))
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
