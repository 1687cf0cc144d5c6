"""The tabs' background warm-up (issue #15): after the window is usable, every tab's modules are imported on a
background thread — a clerk's first switch to a tab then costs its reads and its drawing, not its imports — the
tabs' shared caches are filled through their ``warm`` reads, and what lives as long as the process is frozen out
of the garbage collector's sight."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_warm_up_imports_every_tab_and_freezes_the_long_lived_objects():
    code = textwrap.dedent("""
        import gc, sys
        from station_desk.qt.tab_registry import available_tabs
        from station_desk.qt import warmup
        specs = available_tabs()
        before = [s.key for s in specs if f"station_desk.{s.key}.tab" in sys.modules]
        assert before == [], before
        calls = []
        warmup.warm_up([s.__class__(s.key, s.loader, s.title, warm=calls.append) if s.key == "overview" else s
                        for s in specs], db="the db")
        missing = [s.key for s in specs if f"station_desk.{s.key}.tab" not in sys.modules]
        assert missing == [], missing
        assert calls == ["the db"], calls  # the overview's warm read, on the database worker
        assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()
        print("ok")
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]
