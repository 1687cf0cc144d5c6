"""The tabs' background warm-up (issue #15): after the window is usable, every tab's modules are imported on a
background thread — a clerk's first switch to a tab then costs its reads and its drawing, not its imports — the
tabs' shared caches are filled through their ``warm`` reads, the overview is built ahead, and what lives as long as the process is frozen out
of the garbage collector's sight."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_warm_up_imports_every_tab_and_freezes_the_long_lived_objects():
    code = textwrap.dedent("""
        import dataclasses, gc, sys
        from station_desk.qt.tab_registry import available_tabs
        from station_desk.qt import warmup
        specs = available_tabs()
        before = [s.key for s in specs if f"station_desk.{s.key}.tab" in sys.modules]
        assert before == [], before
        calls, built = [], []
        warmup.warm_up([dataclasses.replace(s, warm=calls.append) if s.key == "overview" else s for s in specs],
                       db="the db", build=built.append)
        missing = [s.key for s in specs if f"station_desk.{s.key}.tab" not in sys.modules]
        assert missing == [], missing
        assert calls == ["the db"], calls  # a tab's warm read, on the database worker
        assert built == ["overview"], built  # the tabs built ahead (by the window, on the UI thread)
        assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()
        print("ok")
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_the_window_builds_the_overview_ahead_when_warmed_up(main_window, qtbot, manager, make_ctx, monkeypatch):
    """The whole road: attach schedules the warm-up, its thread asks the UI thread to build the overview, which
    reads and draws it hidden; ``DONE`` comes after that, and the tab the person works in keeps the screen."""
    import threading

    from station_desk import memory
    from station_desk.qt import warmup
    from tests.gui_helpers import wait_ops

    monkeypatch.setattr(warmup, "ENABLED", True)
    monkeypatch.setattr(warmup, "_started", threading.Lock())
    monkeypatch.setattr(warmup, "DONE", threading.Event())
    monkeypatch.setattr(warmup, "START_AFTER_MS", 0)
    monkeypatch.setattr(memory, "freeze_long_lived", lambda: None)  # not in the test process
    main_window.settings.setValue("main/last_tab", "staff")
    main_window.attach(make_ctx(manager[0]))
    main_window.show()
    qtbot.waitUntil(warmup.DONE.is_set, timeout=60000)
    wait_ops(qtbot)
    hosts = {main_window.ui.tabs.widget(i).spec.key: main_window.ui.tabs.widget(i)
             for i in range(main_window.ui.tabs.count())}
    overview = hosts["overview"].inner
    assert overview is not None and overview.today is not None and overview.month is not None
    assert not overview.isVisible() and main_window.ui.tabs.currentWidget() is hosts["staff"]
    assert [k for k, h in hosts.items() if h.inner is not None] == ["overview", "staff"]
