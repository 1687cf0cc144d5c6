"""Qt helpers of the backup tab and dialogs: a worker thread with progress and cancel, the list of drives, and what
a checked backup holds (``ContentsView``, which the restore and the start-up recovery both show).

Long backups (a USB stick can take a minute) run on their own ``QThread`` so the window stays responsive and the
single DB worker (``qt.ops``) stays free for the desk; the service reads the file with its own SQLite connection.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QStorageInfo, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QProgressDialog, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from station_desk.backup import service
from station_desk.errors import DomainError

# file systems that are never a place for a backup
_VIRTUAL_FS = {"tmpfs", "devtmpfs", "proc", "sysfs", "overlay", "squashfs", "cgroup", "cgroup2", "devpts", "ramfs",
               "autofs", "fusectl", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "mqueue", "hugetlbfs",
               "configfs", "nsfs", "efivarfs", "binfmt_misc"}
_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Drive:
    root: str
    label: str
    free: int
    total: int
    removable: bool  # Windows: GetDriveTypeW says removable; elsewhere our guess: a /media mount or FAT


DRIVE_REMOVABLE = 2  # GetDriveTypeW: a USB stick or card reader (a USB hard disk reports DRIVE_FIXED = 3)


def windows_drive_type(root: str) -> int:
    """GetDriveTypeW of a drive root such as ``E:/`` (0 unknown, 2 removable, 3 fixed, 4 network, 5 CD)."""
    import ctypes

    root = root.replace("/", "\\")
    return int(ctypes.windll.kernel32.GetDriveTypeW(root if root.endswith("\\") else root + "\\"))


def list_drives() -> list[Drive]:
    """Mounted, writable volumes other than the system one; likely removable drives first."""
    system_root = os.path.abspath(os.sep) if os.name != "nt" else os.environ.get("SystemDrive", "C:") + "\\"
    drives = []
    for v in QStorageInfo.mountedVolumes():
        if not (v.isValid() and v.isReady()) or v.isReadOnly():
            continue
        fs = bytes(v.fileSystemType()).decode(errors="replace").lower()
        root = v.rootPath()
        if fs in _VIRTUAL_FS or root.rstrip("/\\").lower() == system_root.rstrip("/\\").lower():
            continue
        if os.name != "nt" and root.startswith(("/proc", "/sys", "/dev", "/run/", "/boot")) and \
                not root.startswith("/run/media/"):
            continue
        if os.name == "nt":
            removable = windows_drive_type(root) == DRIVE_REMOVABLE
        else:
            removable = root.startswith(_REMOVABLE_ROOTS) or fs in ("vfat", "exfat", "msdos", "fat32")
        drives.append(Drive(root=root, label=v.displayName() or root, free=v.bytesAvailable(), total=v.bytesTotal(),
                            removable=removable))
    return sorted(drives, key=lambda d: (not d.removable, d.root))


class _Signals(QObject):
    progress = Signal(int, str)  # percent, stage
    done = Signal(object, object)  # result, exception


class Worker(QThread):
    """Run ``fn(progress, cancelled)`` on its own thread; ``progress(done, total, stage)`` is thread-safe."""

    def __init__(self, fn: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.result = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def _tick(self, done, total, stage) -> None:
        self.signals.progress.emit(int(100 * done / total) if total else 0, stage)

    def run(self) -> None:
        try:
            self.result = self.fn(self._tick, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
            self.error = exc
        self.signals.done.emit(self.result, self.error)


class ProgressRunner(QObject):
    """A window-modal progress dialog with Cancel over a :class:`Worker`; calls ``on_done(result, error)``."""

    def __init__(self, parent: QWidget, title: str, stages: dict[str, str], fn: Callable,
                 on_done: Callable[[object, BaseException | None], None]) -> None:
        super().__init__(parent)
        self.stages = stages
        self.on_done = on_done
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("backupProgress")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(600)  # appears only if the job is not done at once
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setRange(0, 100)
        self.dialog.setValue(0)
        self.worker = Worker(fn, self)
        self.dialog.canceled.connect(self.worker.cancel)
        self.dialog.rejected.connect(self.worker.cancel)  # Esc
        self.worker.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.worker.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)

    def start(self) -> "ProgressRunner":
        self.worker.start()
        return self

    def _progress(self, percent: int, stage: str) -> None:
        self.dialog.setLabelText(self.stages.get(stage, stage))
        self.dialog.setValue(max(0, min(100, percent)))

    def _done(self, result, error) -> None:
        self.worker.wait()
        self.dialog.reset()
        self.dialog.hide()
        QTimer.singleShot(0, lambda: self.on_done(result, error))


def busy_cursor(fn):
    """``fn()`` under the wait cursor (a check of a backup file that takes a moment, on the UI thread)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return fn()
    finally:
        QGuiApplication.restoreOverrideCursor()


class ContentsView(QWidget):
    """What a checked backup holds: when, which station, the last entry, and rows per table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contents = None
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

    def check(self, live_path, path, passphrase: str | None, message_bar) -> DomainError | None:
        """Check the backup at ``path`` (the busy cursor meanwhile) and show what it holds, or why it was refused;
        ``self.contents`` is what it holds, None when refused. Returns the refusal."""
        try:
            self.contents = busy_cursor(lambda: service.inspect_backup(live_path, path, passphrase=passphrase))
        except DomainError as exc:
            self.contents = None
            message_bar.show_error(exc.message)
            return exc
        self.show_contents(self.contents)
        message_bar.show_info(self.tr("The backup passed every check."))
        return None
