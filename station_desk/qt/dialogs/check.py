"""Check the data file (工具 → 检查数据文件): what ``station-desk check`` reports, in the window.

The manager can type the 账本指纹 printed in the footer of a posted sheet (账务明细, 即时奖励明细, 积分公示表); the
check then says whether the live audit chain still contains it — if rows written before that sheet was printed
were changed or deleted, even with the chain recomputed, it does not. The chain's head now is shown too, to write
down or compare with a sheet."""

from __future__ import annotations

import re

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit

from station_desk.qt.ops import Op
from station_desk.qt.widgets import dialog_layout


def split_fingerprints(text: str) -> list[str]:
    """Several fingerprints typed in one field: separated by commas, semicolons or new lines (spaces and dashes
    inside one are kept: they are how it is printed)."""
    return [part.strip() for part in re.split(r"[,，;；\n]+", text or "") if part.strip()]


class CheckDialog(QDialog):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = dialog_layout(self, self.tr("Check the data file"), size=(720, 520), intro=self.tr(
            "Checks the file, the audit chain, every row against the chain's record of it, and the anchors: the "
            "fingerprints in the backups' lists and, when you type them, the fingerprints printed at the foot of "
            "posted sheets."))
        form = QFormLayout()
        self.fingerprint_edit = QLineEdit()
        self.fingerprint_edit.setObjectName("fingerprintEdit")
        self.fingerprint_edit.setPlaceholderText(self.tr("e.g. 3091-2574-1806-8823; several separated by commas"))
        form.addRow(self.tr("Sheet &fingerprint"), self.fingerprint_edit)
        self.head_label = QLineEdit("…")  # read-only, but it can be selected and copied
        self.head_label.setObjectName("headLabel")
        self.head_label.setReadOnly(True)
        form.addRow(self.tr("Fingerprint now"), self.head_label)
        layout.addLayout(form)
        self.result = QPlainTextEdit()
        self.result.setObjectName("checkResult")
        self.result.setReadOnly(True)
        self.result.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        layout.addWidget(self.result, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.check_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.check_button.setText(self.tr("&Check"))
        self.check_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.accepted.connect(self.run_check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fingerprint_edit.returnPressed.connect(self.run_check)
        self.fingerprint_edit.setFocus()
        self.run_check()

    def run_check(self) -> None:
        from station_desk.audit.row_check import head_fingerprint
        from station_desk.check import check_file

        db = self.ctx.db
        typed = split_fingerprints(self.fingerprint_edit.text())
        self.check_button.setEnabled(False)
        self.result.setPlainText(self.tr("Checking…"))

        def work():
            return head_fingerprint(db), (check_file(db.path, fingerprints=typed) if db.path else None)

        def show(result) -> None:
            head, report = result
            self.head_label.setText(head or "—")
            self.check_button.setEnabled(True)
            if report is None:  # a PostgreSQL server: the file checks do not apply
                self.result.setPlainText(self.tr("The data is on a database server: run station-desk check on "
                                                 "the server's PC."))
                return
            verdict = self.tr("No problem found.") if report.ok else self.tr("Problems found — see below.")
            self.result.setPlainText("\n".join([verdict, ""] + report.lines))

        def failed(_exc) -> None:
            self.check_button.setEnabled(True)

        Op(self, work).success(show).failure(failed).run()
