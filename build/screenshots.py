"""Screenshots of the main window on the demo station, for the README and for looking at the UI:
``python build/screenshots.py [OUT_DIR]`` (offscreen; one PNG per tab)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    os.environ["STATION_DESK_HOME"] = str(tmp)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from station_desk.app import make_application, smoke_actor
    from station_desk.db.migrate import open_database
    from station_desk.demo import build_demo
    from station_desk.qt.context import AppContext
    from station_desk.qt import ops
    from station_desk.qt.main_window import MainWindow

    app = make_application(language="zh_CN")
    path = build_demo(tmp / "demo.db", n_customers=2000)
    db = open_database(path)
    window = MainWindow(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 800)
    window.attach(AppContext(db=db, actor=smoke_actor(db), is_demo=True))
    window.show()
    for i in range(window.ui.tabs.count()):
        window.ui.tabs.setCurrentIndex(i)
        # let the tab's reads (on the database worker) arrive before the picture is taken
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            app.processEvents()
            if ops.pending() == 0 and time.monotonic() > deadline - 14:
                break
            time.sleep(0.02)
        for _ in range(10):
            app.processEvents()
        key = window.ui.tabs.widget(i).spec.key
        window.grab().save(str(out / f"tab_{key}.png"))
        if i == 0:
            window.grab().save(str(out / "main_window.png"))
        print(out / f"tab_{key}.png")
    db.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
