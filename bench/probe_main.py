"""Start the program exactly as ``python -m station_desk`` does and report when its window first painted.

Used by bench_core.measure_startup: ``python bench/probe_main.py --db X --smoke``. Passes the program's own
``smoke ok: …`` line through and adds ``probe: paint_wall <unix time> since_interp_ms <ms>`` (the first paint as
wall-clock time, and in ms since this script started), so it compares fairly with bench/bare_window.py.
"""

import time

T_WALL = time.time()
T_PERF = time.perf_counter()

import contextlib  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

sys.argv = ["station_desk", *sys.argv[1:]]
from station_desk.cli import main  # noqa: E402

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    rc = main()
out = buf.getvalue()
sys.stdout.write(out)
m = re.search(r"smoke ok: first paint (\d+) ms, usable (\d+) ms", out)
if m:
    import station_desk.app as app

    paint = app.T0 + int(m.group(1)) / 1000
    usable = app.T0 + int(m.group(2)) / 1000
    print(f"probe: paint_wall {T_WALL + (paint - T_PERF):.4f} since_interp_ms {(paint - T_PERF) * 1000:.1f}")
    print(f"probe: usable_wall {T_WALL + (usable - T_PERF):.4f}")
try:
    with open("/proc/self/status", encoding="ascii") as fh:
        hwm = next((ln.split()[1] for ln in fh if ln.startswith("VmHWM:")), None)
    if hwm:
        print(f"probe: peak_rss_mb {int(hwm) / 1024:.1f}")
except OSError:
    pass
raise SystemExit(rc)
