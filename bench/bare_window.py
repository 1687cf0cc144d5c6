"""The yardstick for start-up: a bare PySide6 QMainWindow, shown and painted once, then exit.

Prints ``bare: paint_wall <unix time> since_interp_ms <ms>`` (see bench/probe_main.py for the program's side).
"""

import time

T_WALL = time.time()
T_PERF = time.perf_counter()

import os  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

app = QApplication([])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
window.show()
app.processEvents()
paint = time.perf_counter()
print(f"bare: paint_wall {T_WALL + (paint - T_PERF):.4f} since_interp_ms {(paint - T_PERF) * 1000:.1f}")
window.close()
