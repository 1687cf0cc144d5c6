"""The main window: one tab per module (built the first time it is shown), the status bar (who is signed in, the
data file, the last backup), window geometry and last tab remembered."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

# Only what the first paint needs (STYLE: start-up is decided by what is imported before the first window): PySide6
# builds a class's enums when the class is first looked up (``Qt``: ~90 of them), so ``Qt`` and ``QMessageBox``
# are imported where they are used, and the tab registry when the tabs are added.
from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget
from shiboken6 import isValid

from station_desk import __version__
from station_desk.qt.forms.main_window_ui import Ui_MainWindow

if TYPE_CHECKING:
    from station_desk.qt.tab_registry import TabSpec


class _TabHost(QWidget):
    """Holds a module tab; the real tab is created on first show."""

    def __init__(self, spec: TabSpec) -> None:
        super().__init__()
        self.spec = spec
        self.inner = None
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.ctx = None
        self.settings = settings or QSettings()
        self.setWindowTitle(self.tr("Station desk"))
        self.actor_label = QLabel()
        self.db_label = QLabel()
        self.backup_label = QLabel()
        for w in (self.actor_label, self.db_label, self.backup_label):
            w.setContentsMargins(6, 0, 6, 0)
        # permanent: a passing note (low stock, automatic backup) never hides who is signed in
        self.statusBar().addPermanentWidget(self.actor_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.actor_label.setText(self.tr("Opening the data file…"))
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionAbout.triggered.connect(self._about)
        self.ui.tabs.currentChanged.connect(self._tab_changed)
        # One scheme (README's key table): Alt+1 … Alt+9, Alt+0 jump to a tab; Ctrl+PgDn / Ctrl+PgUp step through
        # every tab; Ctrl+Tab / Ctrl+Shift+Tab step through the pages inside the tab. Ctrl+digits stay free for
        # the tabs themselves (the front desk's contact kinds), so no key means two things.
        for i in range(10):
            QShortcut(QKeySequence(f"Alt+{(i + 1) % 10}"), self, activated=lambda i=i: self._go_tab(i))
        for keys, slot in ((("Ctrl+PgDown",), lambda: self._step_tab(+1)), (("Ctrl+PgUp",), lambda: self._step_tab(-1)),
                           (("Ctrl+Tab",), lambda: self._step_page(+1)),
                           (("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab"), lambda: self._step_page(-1))):
            for key in keys:
                QShortcut(QKeySequence(key), self, activated=slot)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.update_status)
        # a passing note that needs the room: the data file and the backup line give way while it shows
        self.statusBar().messageChanged.connect(lambda text: text or self._make_room(False))

    # -- after the data file is open and someone signed in ------------------------------------------------------------
    def attach(self, ctx) -> None:
        self.ctx = ctx
        ctx.settings = self.settings
        ctx.bus.actor_changed.connect(lambda _a: (self.update_status(), self.announce_late_duties()))
        ctx.bus.status_note.connect(lambda text: self.say(text, 15000))
        ctx.bus.changed.connect(lambda changes, _i: "backup" in changes and self.update_status())
        title = self.tr("Station desk")
        if ctx.is_demo:
            title += " — " + self.tr("DEMO STATION")
        self.setWindowTitle(title)
        from station_desk.qt.tab_registry import available_tabs

        # No currentChanged while the tabs are added: it would build tab 0 and overwrite the remembered tab.
        self.ui.tabs.blockSignals(True)
        for spec in available_tabs():
            self.ui.tabs.addTab(_TabHost(spec), spec.translated_title)
        self.ui.actionSwitchUser.triggered.connect(self.switch_user)
        self.ui.actionChangePin.triggered.connect(self._change_pin)
        self.ui.actionSettings.triggered.connect(self._settings)
        self.ui.actionCheckDatabase.triggered.connect(self._check_database)
        self.ui.actionOpenDemo.triggered.connect(self._open_demo)
        last = self.settings.value("main/last_tab", "", type=str)
        index = next((i for i in range(self.ui.tabs.count()) if self.ui.tabs.widget(i).spec.key == last), 0)
        self.ui.tabs.setCurrentIndex(index)
        self.ui.tabs.blockSignals(False)
        self._ensure_tab(index)
        # the first tab's reads go to the database worker first (its show is already queued): the backup line and
        # the late duties wait one turn of the event loop behind them (#20: the overview's numbers first)
        self.update_status()
        from station_desk.qt import warmup

        # the late duties (a status-bar sentence; its check imports every module) and the other tabs' warm-up
        # come once the first tab has drawn its rows
        QTimer.singleShot(warmup.START_AFTER_MS, lambda: isValid(self) and self.announce_late_duties())
        self._status_timer.start(60_000)
        warmup.schedule(self, [s for i, s in enumerate(available_tabs()) if i != index], ctx.db)

    def tab_widget(self, key: str):
        """The module tab for ``key`` (built if needed), or None."""
        for i in range(self.ui.tabs.count()):
            host = self.ui.tabs.widget(i)
            if host.spec.key == key:
                self.ui.tabs.setCurrentIndex(i)
                return self._ensure_tab(i)
        return None

    def _ensure_tab(self, index: int, *, focus: bool = True):
        host = self.ui.tabs.widget(index)
        if host is None or self.ctx is None:
            return None
        if host.inner is None:
            cls = host.spec.load()
            host.inner = cls(self.ctx)
            host.layout().addWidget(host.inner)
            if focus and hasattr(host.inner, "focus_default"):
                QTimer.singleShot(0, host.inner.focus_default)
        return host.inner

    def build_ahead(self, key: str, done) -> None:
        """Build ``key``'s tab before anyone opens it (the background warm-up asks, ``TabSpec.build_ahead``):
        hidden and without taking the keyboard focus, its data read and drawn (``ModuleTab.prepare``), then laid
        out and painted once off-screen at the size it will show at, so its first open reads again and draws only
        what changed (issue #15). ``done()`` is called when that is over, or at once if there is nothing to do."""
        for i in range(self.ui.tabs.count()):
            host = self.ui.tabs.widget(i)
            if host.spec.key == key and host.inner is None and self.ctx is not None:
                self._ensure_tab(i, focus=False).prepare(lambda: (self._paint_ahead(host), done()))
                return
        done()

    def _paint_ahead(self, host) -> None:
        if isValid(self) and isValid(host) and not host.isVisible():
            host.resize(self.ui.tabs.currentWidget().size())
            host.grab()  # polishes, lays out and paints the hidden page once (fonts, style sheet, layouts)

    def _tab_changed(self, index: int) -> None:
        inner = self._ensure_tab(index)
        if inner is not None:
            self.settings.setValue("main/last_tab", self.ui.tabs.widget(index).spec.key)
            QTimer.singleShot(0, inner.focus_default)

    def _go_tab(self, i: int) -> None:
        if i < self.ui.tabs.count():
            self.ui.tabs.setCurrentIndex(i)

    def _step_tab(self, step: int) -> None:
        count = self.ui.tabs.count()
        if count:
            self.ui.tabs.setCurrentIndex((self.ui.tabs.currentIndex() + step) % count)

    def _step_page(self, step: int) -> None:
        """The next page of the pages inside the current tab: the innermost visible page set holding the focus,
        else the tab's first visible one."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QTabWidget

        host = self.ui.tabs.currentWidget()
        if host is None:
            return
        sets = [tw for tw in host.findChildren(QTabWidget) if tw.isVisible() and tw.count() > 1]
        if not sets:
            return
        focus = QApplication.focusWidget()
        holding = [tw for tw in sets if focus is not None and tw.isAncestorOf(focus)]
        pages = next((tw for tw in holding if not any(o is not tw and tw.isAncestorOf(o) for o in holding)), sets[0])
        pages.setCurrentIndex((pages.currentIndex() + step) % pages.count())
        pages.currentWidget().setFocus(Qt.FocusReason.TabFocusReason)

    def say(self, text: str, ms: int, short: str = "") -> None:
        """A passing note in the status bar, read whole: if it does not fit beside who is signed in, the data file
        and the backup line give way until it goes; if it still does not fit, ``short`` is said instead."""
        bar = self.statusBar()
        self._make_room(False)
        need = bar.fontMetrics().horizontalAdvance(text) + 16
        if need > self._message_room():
            self._make_room(True)
            if short and need > self._message_room():
                text = short
        bar.showMessage(text, ms)

    def _message_room(self) -> int:
        shown = [w for w in (self.actor_label, self.db_label, self.backup_label) if not w.isHidden()]
        used = sum(w.sizeHint().width() + 6 for w in shown)
        return self.statusBar().width() - used - 24

    def _make_room(self, room: bool) -> None:
        for w in (self.db_label, self.backup_label):
            w.setHidden(room)

    def announce_late_duties(self) -> None:
        """At sign-in, the manager hears which month-end duties are late (the overview's checklist), in the status
        bar; read on the database worker."""
        from station_desk.overview.checklist import late_items
        from station_desk.overview.tab import late_duties_short, late_duties_text
        from station_desk.qt.ops import Op

        if self.ctx is None or not self.ctx.is_manager:
            return
        db = self.ctx.db

        def say(items) -> None:
            if items and isValid(self):  # the window may have closed while the checklist was read
                self.say(late_duties_text([i.label for i in items]), 30_000, late_duties_short(len(items)))

        Op(None, lambda: late_items(db), ctx=self.ctx).success(say).failure(lambda _exc: None).run()

    # -- status bar -----------------------------------------------------------------------------------------------------
    def update_status(self) -> None:
        if self.ctx is None:
            return
        from station_desk.staff.roles import role_label

        actor = self.ctx.actor
        self.actor_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", actor.name)
                                 .replace("%2", role_label(actor.role)))
        # the file's name (a server: its address); the whole path is its tooltip (the status bar's room is for
        # what happens)
        db = self.ctx.db
        self.db_label.setText(self.tr("Data file: %1").replace("%1", db.where if db.url else db.path.name))
        self.db_label.setToolTip(db.where)
        QTimer.singleShot(0, lambda: isValid(self) and self._read_backup_status())

    def _read_backup_status(self) -> None:
        from station_desk.qt.ops import Op

        if self.ctx is None:
            return
        path = self.ctx.db.address

        def read():  # on the database worker: the backup module's import and its files stay off the start-up path
            from station_desk.backup import service as backup

            return backup.last_backup_info(path), backup.usb_reminder_text(path)

        def show(found) -> None:
            if isValid(self.backup_label):  # the window closed while the read ran
                self.backup_label.setText(self._backup_text(*found))

        Op(None, read, ctx=self.ctx).success(show).failure(lambda _exc: None).run()

    def _backup_text(self, info, due) -> str:
        if info is None:
            last = self.tr("Last backup: never")
        else:
            last = self.tr("Last backup: %1").replace("%1", info.created_at.strftime("%Y-%m-%d %H:%M"))
        return (due + "　" if due else "") + last

    # -- menu actions ---------------------------------------------------------------------------------------------------
    def switch_user(self) -> None:
        from station_desk.qt.dialogs.sign_in import SignInDialog

        dialog = SignInDialog(self, self.ctx.db, hint=self._pin_hint())
        if dialog.exec() and dialog.actor is not None:
            self.ctx.set_actor(dialog.actor)

    def _pin_hint(self) -> str:
        if self.ctx is not None and self.ctx.is_demo:
            return self.tr("Demo station: every PIN is 1234.")
        return ""

    def _change_pin(self) -> None:
        from station_desk.qt.dialogs.sign_in import ChangePinDialog

        if ChangePinDialog(self, self.ctx).exec():
            self.statusBar().showMessage(self.tr("Your PIN was changed."), 8000)

    def _settings(self) -> None:
        from station_desk.qt.dialogs.settings import PolicyDialog

        PolicyDialog(self, self.ctx).exec()

    def _check_database(self) -> None:
        from station_desk.qt.dialogs.check import CheckDialog

        CheckDialog(self, self.ctx).exec()

    def _open_demo(self) -> None:
        from PySide6.QtCore import QProcess

        # frozen: the bundle's own executable; from source: this Python with the package
        args = ["--demo"] if getattr(sys, "frozen", False) else ["-m", "station_desk", "--demo"]
        QProcess.startDetached(sys.executable, args)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About station desk"),
                          self.tr("Station desk %1\nOffline front-desk program for a service station.")
                          .replace("%1", __version__))

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
