"""The month-end backup runs on its own thread: the window keeps handling events while it works, and Cancel in
the progress window stops it cleanly with a Chinese message and no file left behind."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from station_desk.backup import service as bs
from tests.gui_helpers import activate


def test_window_stays_responsive_and_cancel_stops_the_backup(zh_app, qtbot, db, manager, make_ctx, tmp_path,
                                                             fake_now, monkeypatch):
    from station_desk.backup.tab import BackupTab

    fake_now(dt.datetime(2026, 11, 30, 16, 0))
    tab = BackupTab(make_ctx(manager[0]))
    qtbot.addWidget(tab)
    activate(qtbot, tab)
    stick = tmp_path / "stick"
    stick.mkdir()
    tab.chosen_folder = str(stick)
    tab.fill_drives()
    tab.encrypt_check.setChecked(False)
    started, release = threading.Event(), threading.Event()
    real = bs.backup_to_folder

    def slow_backup(db_, **kw):
        progress, cancelled = kw["progress"], kw["cancelled"]

        def gated_progress(done, total, stage):
            progress(done, total, stage)
            if stage == "copy":
                started.set()
                release.wait(10)

        kw["progress"] = gated_progress
        return real(db_, **kw)

    monkeypatch.setattr(bs, "backup_to_folder", slow_backup)
    monkeypatch.setattr("station_desk.backup.writer.STEP_PAGES", 1)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    tab.usb_button.click()
    qtbot.waitUntil(started.is_set, timeout=5000)
    # While the worker is held inside the copy, the UI thread keeps running its timers
    before = len(ticks)
    qtbot.wait(200)
    assert len(ticks) > before + 5 and tab.runner is not None and not tab.usb_button.isEnabled()
    # When the manager presses Cancel in the progress window
    qtbot.waitUntil(tab.runner.dialog.isVisible, timeout=3000)  # shows after 600 ms
    tab.runner.dialog.findChild(QPushButton).click()
    release.set()
    qtbot.waitUntil(lambda: tab.runner is None, timeout=10000)
    timer.stop()
    # Then the backup stops, says so in Chinese, and leaves nothing on the stick
    assert "备份已取消" in tab.message_bar.text()
    assert [p for p in stick.rglob("*") if p.is_file() and p.suffix in (".sqlite", ".sdbk", ".tmp")] == []
    assert tab.usb_button.isEnabled()


def test_drive_list_leaves_out_the_system_and_virtual_volumes(zh_app):
    from station_desk.backup.widgets import list_drives

    drives = list_drives()
    roots = [d.root for d in drives]
    assert "/" not in roots and not any(r.startswith(("/proc", "/sys", "/dev")) for r in roots)
    assert all(d.free >= 0 and d.label for d in drives)
    assert [d.removable for d in drives] == sorted((d.removable for d in drives), reverse=True)
