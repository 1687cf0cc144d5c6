"""The Backup tab (备份, SPEC §10): month-end backup to a USB stick or any folder (encrypted with the manager's
passphrase), where the automatic backups are and how much room they take, and restore."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.backup import service
from station_desk.backup.dialogs import BACKUP_FILTER, PassphraseDialog, RestoreDialog, ServerRestoreDialog
from station_desk.backup.widgets import ProgressRunner, list_drives
from station_desk.backup.writer import REASON_LABELS, human_size
from station_desk.qt.feedback import message_for
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table
from station_desk.qt.widgets import SecretEdit, wrapped

FOLDER_KEY = "__folder__"


class BackupTab(ModuleTab):
    watches = frozenset({"backup"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("BackupTab")
        self.runner: ProgressRunner | None = None
        self.chosen_folder: str | None = None
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        layout.addWidget(self._pending_box())
        layout.addWidget(self._usb_box())
        layout.addWidget(self._local_box(), 1)
        QShortcut(QKeySequence("Ctrl+B"), self, activated=self.backup_to_drive)
        self.fill_drives()

    # -- building ----------------------------------------------------------------------------------------------------
    def _pending_box(self) -> QGroupBox:
        """A restore awaiting confirmation: what came back, confirm or undo."""
        self.pending_box = QGroupBox(self.tr("Restored data awaiting confirmation"))
        self.pending_box.setObjectName("pendingBox")
        self.pending_box.setStyleSheet("QGroupBox { background:#fff8e1; }")
        pending_layout = QHBoxLayout(self.pending_box)
        self.pending_label = wrapped()
        self.confirm_button = QPushButton(self.tr("Confirm restored data"))
        self.confirm_button.setObjectName("confirmRestoreButton")
        self.undo_button = QPushButton(self.tr("Undo restore"))
        self.undo_button.setObjectName("undoRestoreButton")
        self.confirm_button.clicked.connect(self.confirm_restore)
        self.undo_button.clicked.connect(self.undo_restore)
        pending_layout.addWidget(self.pending_label, 1)
        pending_layout.addWidget(self.confirm_button)
        pending_layout.addWidget(self.undo_button)
        return self.pending_box


    def _usb_box(self) -> QGroupBox:
        """The month-end backup to a USB stick or a folder: drive, encryption, passphrase."""
        usb = QGroupBox(self.tr("Month-end backup to a USB stick"))
        usb_layout = QVBoxLayout(usb)
        self.reminder = QLabel()
        self.reminder.setObjectName("reminderLabel")
        self.reminder.setWordWrap(True)
        usb_layout.addWidget(self.reminder)
        form = QFormLayout()
        drive_row = QHBoxLayout()
        self.drive_box = QComboBox()
        self.drive_box.setObjectName("driveBox")
        self.drive_box.setMinimumWidth(320)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.fill_drives)
        choose = QPushButton(self.tr("Choose folder…"))
        choose.setObjectName("chooseFolderButton")
        choose.clicked.connect(self.choose_folder)
        drive_row.addWidget(self.drive_box, 1)
        drive_row.addWidget(refresh)
        drive_row.addWidget(choose)
        drive_label = QLabel(self.tr("&Drive"))  # a row of several widgets gets no buddy by itself: "&" would show
        drive_label.setBuddy(self.drive_box)
        form.addRow(drive_label, drive_row)
        pass_row = QHBoxLayout()
        self.encrypt_check = QCheckBox(self.tr("&Encrypt with the backup passphrase"))
        self.encrypt_check.setObjectName("encryptCheck")
        self.pass_edit = SecretEdit("passphraseEdit")
        self.pass_edit.setPlaceholderText(self.tr("backup passphrase"))
        self.encrypt_check.toggled.connect(self.pass_edit.setEnabled)
        self.pass_edit.returnPressed.connect(self.backup_to_drive)  # Enter after the passphrase starts the backup
        pass_row.addWidget(self.encrypt_check)
        pass_row.addWidget(self.pass_edit, 1)
        form.addRow(self.tr("Encryption"), pass_row)
        key_row = QHBoxLayout()
        self.pass_status = QLabel()
        self.pass_status.setObjectName("passphraseStatus")
        self.set_pass_button = QPushButton(self.tr("Set passphrase…"))
        self.set_pass_button.setObjectName("setPassphraseButton")
        self.set_pass_button.clicked.connect(self.set_passphrase)
        key_row.addWidget(self.pass_status, 1)
        key_row.addWidget(self.set_pass_button)
        form.addRow(self.tr("Passphrase"), key_row)
        usb_layout.addLayout(form)
        warn = wrapped(self.tr("A lost passphrase means a lost backup: nobody can open an encrypted backup without "
                               "it. A backup without encryption says “未加密” in its file name; keep that stick "
                               "locked away."))
        warn.setStyleSheet("QLabel { color:#8a1c1c; }")
        usb_layout.addWidget(warn)
        self.usb_button = QPushButton(self.tr("Back up to the stick (Ctrl+B)"))
        self.usb_button.setObjectName("usbBackupButton")
        self.usb_button.clicked.connect(self.backup_to_drive)
        usb_layout.addWidget(self.usb_button)
        return usb


    def _local_box(self) -> QGroupBox:
        """The automatic backups on this computer: where, the list, back up now, restore."""
        local = QGroupBox(self.tr("Automatic backups on this computer"))
        local_layout = QVBoxLayout(local)
        where_row = QHBoxLayout()
        self.where_label = QLabel()
        self.where_label.setObjectName("whereLabel")
        self.where_label.setWordWrap(True)
        open_folder = QPushButton(self.tr("Open folder"))
        open_folder.clicked.connect(self.open_folder)
        where_row.addWidget(self.where_label, 1)
        where_row.addWidget(open_folder)
        local_layout.addLayout(where_row)
        self.model = RowTableModel([
            Column(self.tr("Taken"), lambda b: f"{b.created_at:%Y-%m-%d %H:%M}"),
            Column(self.tr("Why"), lambda b: REASON_LABELS.get(b.reason, b.reason)),
            Column(self.tr("Size"), lambda b: b.size_text, align="right"),
            Column(self.tr("Encrypted"), lambda b: self.tr("yes") if b.encrypted else self.tr("no")),
            Column(self.tr("Rows"), lambda b: f"{sum(b.row_counts.values()):,}", align="right"),
            Column(self.tr("File"), lambda b: os.path.basename(b.path)),
        ], self)
        self.table = make_table(self.model, name="backupTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        local_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.now_button = QPushButton(self.tr("Back up now"))
        self.now_button.setObjectName("backupNowButton")
        self.now_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Restore selected…"))
        self.restore_button.setObjectName("restoreSelectedButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from file…"))
        self.restore_file_button.setObjectName("restoreFileButton")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        for b in (self.now_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        local_layout.addLayout(buttons)
        return local

    # -- view --------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        path = self.ctx.db.address
        status = service.folder_status(path)
        self.where_label.setText(self.tr("Folder: %1 — %2 backups, %3 in all")
                                 .replace("%1", status.folder).replace("%2", str(status.count))
                                 .replace("%3", status.total_size_text))
        self.model.set_rows(service.local_backups(path))
        due = service.usb_backup_due(path, clock.today())
        last = next(iter(service.external_backups(path)), None)
        if due:
            self.reminder.setText(self.tr("The month-end USB backup for %1 has not been made yet.").replace("%1", due))
            self.reminder.setStyleSheet("QLabel { color:#8a1c1c; font-weight:bold; }")
        else:
            self.reminder.setStyleSheet("")
            self.reminder.setText(self.tr("Last month-end backup: %1, %2").replace("%1", last["at"][:16].replace(
                "T", " ")).replace("%2", last["path"]) if last else "")
        info = service.passphrase_info(path)
        if info:
            self.pass_status.setText(self.tr("Set by %1 on %2.").replace("%1", info["set_by"] or "")
                                     .replace("%2", (info["set_at"] or "")[:10]))
        else:
            self.pass_status.setText(self.tr("No passphrase set: backups to the stick are not encrypted."))
        self.encrypt_check.setChecked(bool(info))
        self.pass_edit.setEnabled(bool(info))
        self.set_pass_button.setEnabled(self.ctx.is_manager)
        pending = status.restore_pending
        self.pending_box.setVisible(bool(pending))
        if pending:
            self.pending_label.setText(self.tr(
                "Data was restored from %1 at %2. Old automatic backups are kept until the manager confirms the "
                "restored data.").replace("%1", os.path.basename(pending.get("source", "")))
                .replace("%2", (pending.get("at") or "")[:16].replace("T", " ")))
            self.undo_button.setEnabled(bool(pending.get("safety_copy")) and not pending.get("safety_is_damaged_file"))

    def fill_drives(self) -> None:
        self.drive_box.clear()
        for d in list_drives():
            text = self.tr("%1 (%2) — %3 free").replace("%1", d.label).replace("%2", d.root) \
                .replace("%3", human_size(d.free))
            self.drive_box.addItem(text, d.root)
        if self.chosen_folder:
            self.drive_box.insertItem(0, self.chosen_folder, self.chosen_folder)
            self.drive_box.setCurrentIndex(0)
        if self.drive_box.count() == 0:
            self.drive_box.addItem(self.tr("No drive found: plug in the USB stick or choose a folder"), None)

    def focus_default(self) -> None:
        self.usb_button.setFocus()

    # -- month-end backup --------------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"))
        if folder:
            self.chosen_folder = folder
            self.fill_drives()

    def backup_to_drive(self) -> None:
        target = self.drive_box.currentData()
        if not target:
            self.message_bar.show_error(self.tr("Choose a drive or a folder first."))
            return
        passphrase = self.pass_edit.text() if self.encrypt_check.isChecked() else None
        if self.encrypt_check.isChecked() and not passphrase:
            self.message_bar.show_error(self.tr("Type the backup passphrase, or untick encryption."))
            self.pass_edit.setFocus()
            return
        removable = target != self.chosen_folder
        ctx = self.ctx
        stages = {"copy": self.tr("Copying the data…"), "verify": self.tr("Checking the copy…"),
                  "write": self.tr("Writing to the stick…"), "encrypt": self.tr("Encrypting…"),
                  "read_back": self.tr("Reading the copy back from the stick…"), "hash": self.tr("Checksum…"),
                  "done": self.tr("Done")}

        def work(progress, cancelled):
            return service.backup_to_folder(ctx.db, actor=ctx.actor, folder=Path(target), passphrase=passphrase,
                                            removable=removable, progress=progress, cancelled=cancelled)

        self.usb_button.setEnabled(False)
        self.runner = ProgressRunner(self, self.tr("Month-end backup"), stages, work, self._backup_done).start()

    def _backup_done(self, result, error) -> None:
        self.usb_button.setEnabled(True)
        self.runner = None
        if error is not None:
            self.message_bar.show_error(message_for(error))
            return
        self.pass_edit.clear()
        self.message_bar.show_info(self.tr("Backed up and verified: %1").replace("%1", result.path))
        self.ctx.bus.changed.emit({"backup"}, self)

    def set_passphrase(self) -> None:
        from station_desk.qt.dialogs.approval import ask_manager_approval

        dialog = PassphraseDialog(self)
        if not dialog.exec():
            return
        approval = ask_manager_approval(self, self.ctx, "设置备份密码")
        if approval is None:
            return
        ctx, passphrase = self.ctx, dialog.passphrase
        Op(self, lambda: service.set_passphrase(ctx.db, actor=ctx.actor, approval=approval, passphrase=passphrase),
           changes={"backup"}).success(lambda _r: self.message_bar.show_info(self.tr("Backup passphrase set."))).run()

    # -- local backups and restore -----------------------------------------------------------------------------------
    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(service.folder_status(self.ctx.db.address).folder))

    def backup_now(self) -> None:
        ctx = self.ctx

        def done(path) -> None:
            self.message_bar.show_info(self.tr("Backed up and verified: %1").replace("%1", str(path)))

        Op(self, lambda: service.backup_before(ctx.db, "manual"), changes={"backup"}) \
            .busy(self.tr("Backing up and verifying…")).success(done).run()

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        backup = self.model.row_at(rows[0].row()) if rows else None
        if backup is None:
            self.message_bar.show_error(self.tr("Select a backup in the list first."))
            return
        self._restore(backup.path)

    def restore_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), "", BACKUP_FILTER)
        if path:
            self._restore(path)

    def _restore(self, path: str) -> None:
        if self.ctx.db.dialect.is_server:
            dialog = ServerRestoreDialog(self, self.ctx, path)
            if dialog.exec() and dialog.result_info is not None:
                self.restore_done(dialog.result_info, dialog.target_url)
            return
        dialog = RestoreDialog(self, self.ctx, path)
        if dialog.exec() and dialog.result_info is not None:
            self.message_bar.show_info(self.tr(
                "Restored. The data before the restore was saved as %1. Check the data, then confirm it here.")
                .replace("%1", os.path.basename(dialog.result_info.safety_copy or "")))
            self._dirty = True
            self.refresh_if_dirty()

    def restore_done(self, result: dict, target_url: str) -> None:
        """A PostgreSQL station's restore went into a new database: say where, and what the desks do now."""
        from station_desk.db.url import public_url

        address = public_url(target_url)
        self.message_bar.show_info(self.tr(
            "Restored into the new database %1 (%2 rows, audit and cash-book chains intact). The database in use "
            "was not changed; its safety copy: %3. Now open the new database on every desk: --db %1")
            .replace("%1", address).replace("%2", str(sum(result["counts"].values())))
            .replace("%3", Path(result["safety_copy"]).name))
        self._dirty = True
        self.refresh_if_dirty()

    def _manager_op(self, action: str, fn, done_text: str, changes) -> None:
        from station_desk.qt.dialogs.approval import ask_manager_approval

        approval = ask_manager_approval(self, self.ctx, action)
        if approval is None:
            return
        Op(self, lambda: fn(approval), changes=changes).success(
            lambda _r: self.message_bar.show_info(done_text)).run()

    def confirm_restore(self) -> None:
        ctx = self.ctx
        self._manager_op("确认恢复的数据", lambda a: service.confirm_restored_data(ctx.db, actor=ctx.actor, approval=a),
                         self.tr("Restored data confirmed; old automatic backups are cleaned up again."), {"backup"})

    def undo_restore(self) -> None:
        ctx = self.ctx

        def undo(approval):
            result = service.undo_restore(ctx.db, actor=ctx.actor, approval=approval)
            service.reopen_after_restore(ctx.db)
            return result

        self._manager_op("撤销恢复", undo, self.tr("The restore was undone: the data is as it was before it."), {"*"})


__all__ = ["BackupTab"]
