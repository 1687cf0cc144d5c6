"""Start-up: QApplication → main window painted → data file opened → sign-in → tabs.

The window is shown before the heavy imports (SQLModel, the services), so the station PC shows something at once
(STYLE: "start-up speed is decided by what is imported before the first window"). The data file is opened in
this order: hand over to a running instance → OS lock → SQLite check → migrate (copy first) → sign in.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from station_desk import APP_NAME, paths

log = logging.getLogger(__name__)
T0 = time.perf_counter()


def make_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    from station_desk.qt import i18n

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    font_id = QFontDatabase.addApplicationFont(str(paths.font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 11))
    i18n.install(app, i18n.choose_language(language))
    return app


def _setup_logging() -> None:
    logfile = paths.data_dir() / "station_desk.log"
    logging.basicConfig(level=logging.INFO, filename=str(logfile), encoding="utf-8",
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def open_station(path: Path, parent=None, *, interactive: bool = True):
    """Lock, check, migrate and open; on a damaged or missing file offer recovery (only when ``interactive``:
    ``--smoke`` runs offscreen, where a modal dialog would wait forever). Returns (db, lock) or raises DomainError."""
    from station_desk.db.lock import InstanceLock
    from station_desk.db.migrate import open_database
    from station_desk.db.url import is_server_url
    from station_desk.errors import DomainError

    # the backup module is imported only when the file is missing or damaged: not on every start
    lock = InstanceLock(path)
    lock.acquire()
    if is_server_url(path):  # a server database: nothing on this PC to recover
        try:
            return open_database(path), lock
        except DomainError:
            lock.release()
            raise
    if interactive and not path.exists():
        from station_desk.backup import dialogs_recovery
        from station_desk.backup.service import recovery_available

        if recovery_available(path):
            # The data file is gone (deleted, moved, disk replaced) but backups exist: offer them before an empty
            # station is created over the loss.
            dialogs_recovery.offer_recovery(parent, path,
                                            DomainError("backup.data_file_missing", path=str(path)).message)
    try:
        if not interactive or parent is None:
            return open_database(path, defer_large_check=True), lock
        # checking a large file or upgrading it (a verified backup first) can take a while: show it
        from station_desk.qt.progress import run_with_progress

        title = QCoreApplication.translate("Progress", "Checking and opening the data file…")
        return run_with_progress(parent, title, lambda _report, _cancelled: open_database(
            path, defer_large_check=True)), lock
    except DomainError as exc:
        if interactive and exc.code in ("db.damaged", "db.not_a_database"):
            from station_desk.backup import dialogs_recovery

            if dialogs_recovery.offer_recovery(parent, path, exc.message):
                return open_database(path), lock
        lock.release()
        raise


def build_demo_with_progress(window, path, *, cancellable: bool = True):
    """The first ``--demo`` start builds the station (20–50 s): a progress window names each step, and 取消 stops
    it between steps and leaves no file. Returns the path, or None when stopped."""
    from station_desk.demo import build_demo
    from station_desk.qt.progress import run_with_progress
    from station_desk.qt.tab_registry import TABS

    titles = {spec.key: spec.translated_title for spec in TABS}

    def work(report, cancelled):
        return build_demo(path, progress=lambda i, n, step: report(i, n, titles.get(step, step)),
                          cancelled=cancelled)

    return run_with_progress(window, QCoreApplication.translate("window", "Building the demo station…"), work, cancellable=cancellable)


def sign_in(window, db, *, is_demo: bool):
    from station_desk.qt.dialogs.sign_in import FirstManagerDialog, SignInDialog
    from station_desk.staff import service as staff

    if not staff.has_any_staff(db):
        dialog = FirstManagerDialog(window, db)
    else:
        hint = QCoreApplication.translate("SignInDialog", "Demo station: every PIN is 1234.") if is_demo else ""
        dialog = SignInDialog(window, db, hint=hint)
    return dialog.actor if dialog.exec() else None


def smoke_actor(db):
    """--smoke: no one is at the desk; act as the first manager to build every view, write nothing."""
    from station_desk.actor import Actor
    from station_desk.staff import service as staff

    rows = staff.list_staff(db)
    first = next((r for r in rows if r.role == "manager"), rows[0] if rows else None)
    return Actor(first.id, first.name, first.role) if first else Actor(None, "smoke", "manager")


def run_app(args) -> int:
    from station_desk.cli_support import db_path
    from station_desk.qt.main_window import MainWindow
    from station_desk.qt.single_instance import InstanceServer, hand_over

    import os

    _setup_logging()
    if getattr(args, "smoke", False) and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application(language=getattr(args, "lang", None))
    path = db_path(args)
    is_demo = bool(getattr(args, "demo", False))
    smoke = bool(getattr(args, "smoke", False))
    if not smoke and hand_over(path):
        return 0
    window = MainWindow(QSettings())
    window.show()
    app.processEvents()
    first_paint = time.perf_counter() - T0
    from station_desk.memory import tune_allocator

    tune_allocator()  # before the database, the worker threads and the backups allocate (station_desk.memory)

    from station_desk.errors import DomainError

    if is_demo and not path.exists() and build_demo_with_progress(window, path, cancellable=not smoke) is None:
        return 0  # the person stopped the build: nothing was left behind
    try:
        db, lock = open_station(path, window, interactive=not smoke)
    except DomainError as exc:
        if smoke:
            print(exc.message, file=sys.stderr)
            return 2
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, QCoreApplication.translate("window", "Station desk"), exc.message)
        return 2
    from station_desk.qt.context import AppContext

    actor = smoke_actor(db) if smoke else sign_in(window, db, is_demo=is_demo)
    if actor is None:
        lock.release()
        return 0
    ctx = AppContext(db=db, actor=actor, is_demo=is_demo)
    server = InstanceServer(path, window)
    server.raise_requested.connect(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
    window.attach(ctx)
    # PostgreSQL: other desks' committed writes arrive as the same change events (queued to the GUI thread)
    from station_desk.qt.ops import call_on_ui

    listener = db.listen_for_other_desks(lambda topics: call_on_ui(lambda: ctx.bus.changed.emit(topics, None)))
    if getattr(db, "deferred_check", False) and not smoke:
        _check_in_background(window, ctx)
    _start_background_jobs(window, ctx)
    if smoke:
        app.processEvents()
        usable = time.perf_counter() - T0
        if getattr(db, "deferred_check", False):
            from station_desk.db.migrate import check_database

            try:
                check_database(db, full=True)
            except DomainError as exc:
                print(exc.message, file=sys.stderr)
                return 2
        print(f"smoke ok: first paint {first_paint * 1000:.0f} ms, usable {usable * 1000:.0f} ms, "
              f"tabs {window.ui.tabs.count()}")
        window.close()
        if listener is not None:
            listener.stop()
        db.close()
        lock.release()
        return 0
    code = app.exec()
    if listener is not None:
        listener.stop()
    _on_exit(ctx)
    db.close()
    lock.release()
    return code


def _check_in_background(window, ctx) -> None:
    """The full ``quick_check`` of a large file, after the window is usable. If it fails, say so, offer the
    newest good backup and close: nobody keeps working on a damaged file."""
    from station_desk.backup import dialogs_recovery
    from station_desk.db.migrate import check_database
    from station_desk.errors import DomainError
    from station_desk.qt.ops import run_in_thread

    def done(_result, exc) -> None:
        if not isinstance(exc, DomainError):
            if exc is not None:
                log.warning("background check failed: %s", exc)
            return
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, QCoreApplication.translate("window", "Station desk"), exc.message)
        ctx.db.close()
        dialogs_recovery.offer_recovery(window, ctx.db.path, exc.message)
        window.close()

    run_in_thread(window, lambda: check_database(ctx.db, full=True), done, name="quick-check")


def _start_background_jobs(window, ctx) -> None:
    """Automatic backups: a status-bar note only, never a dialog. Each runs on its own thread with its own
    SQLite connections, so the database worker (and the clerk) never wait on it; one at a time. (The backup module
    is imported by the first job, on its thread: not on the way to a usable window.)"""
    from PySide6.QtCore import QTimer

    from station_desk.qt.ops import run_in_thread

    running = [False]

    def done(path, exc) -> None:
        running[0] = False
        if exc is not None:
            log.warning("automatic backup failed: %s", exc)
        elif path:
            ctx.bus.status_note.emit(QCoreApplication.translate("window", "Automatic backup saved."))
            ctx.bus.changed.emit({"backup"}, None)

    def job():
        from station_desk.backup import service as backup

        path = backup.auto_backup_if_due(ctx.db)
        if path is not None:  # the data changed: check the live file now, not when the month-end backup waits on it
            try:
                backup.check_live_file(ctx.db)
            except Exception:  # noqa: BLE001 - the month-end backup checks again and says why it refuses
                log.exception("live file check failed")
        return path

    def tick():
        if not running[0]:
            running[0] = True
            run_in_thread(window, job, done, name="auto-backup")

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(5 * 60 * 1000)
    window._auto_backup_timer = timer


def _on_exit(ctx) -> None:
    from station_desk.backup import service as backup

    try:
        backup.auto_backup_if_due(ctx.db, reason="exit")
    except Exception:  # noqa: BLE001 - never block quitting
        log.exception("backup on exit failed")
