"""The benchmark: build a 5-year synthetic station, measure it, print ONE JSON with the targets and pass/fail.

    .venv/bin/python bench/run.py            # full size: 200,000 customers, 300,000 contacts, … (a few minutes)
    .venv/bin/python bench/run.py --quick    # 1/10 of the sizes, 3 runs per figure (a quick check)
    .venv/bin/python bench/run.py --keep /tmp/bench-station.db   # keep the built file (reuse with --db)
    .venv/bin/python bench/run.py --db /tmp/bench-station.db     # measure an existing file, skip the build

How it works: the schema is made by ``station_desk.db.migrate.open_database`` (create_all + stamp), then every
``bench/bench_<module>.py`` that exists fills its tables with ``populate(conn, rng, spec)`` (sqlite3 executemany in
big transactions; bench_core first), then each module's ``measure(db, spec)`` runs. Start-up (``--smoke`` vs a bare
QMainWindow), opening each tab (a fresh process per run, so module imports count) and the plain file copy are
measured here. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from common import make_spec, median, peak_rss_mb  # noqa: E402

#: module benchmarks in the order they populate (each may use what the earlier ones left in ``spec``)
ORDER = ["core", "front_desk", "work_orders", "gift_stock", "roster", "points", "backup"]
SEED = 2026

#: (name, how to find the measurement, limit, unit) — see targets()
TARGETS_DOC = {
    "first_paint_ratio": "first paint of the main window ≤ 1.5 × a bare QMainWindow's",
    "usable_ms": "usable (sign-in list filled, first tab's rows shown) ≤ 1000 ms",
    "tab_open_ms": "every tab ≤ 100 ms to first rows",
    "customer_search_p95_ms": "customer search p95 ≤ 30 ms",
    "points_sheet_ms": "points sheet (40 staff) ≤ 300 ms",
    "accounts_sheet_ms": "accounts sheet ≤ 1000 ms",
    "backup_vs_copy_ratio": "backup ≤ 1.5 × a plain file copy",
    "peak_rss_mb": "peak RSS ≤ 200 MB",
}


def discover() -> tuple[list[tuple[str, object]], list[str], dict[str, str]]:
    """(loaded modules in order, expected-but-missing names, import errors)."""
    names = [p.stem[len("bench_"):] for p in sorted(HERE.glob("bench_*.py"))]
    ordered = [n for n in ORDER if n in names] + sorted(n for n in names if n not in ORDER)
    loaded, errors = [], {}
    for name in ordered:
        try:
            loaded.append((name, importlib.import_module(f"bench_{name}")))
        except Exception:  # noqa: BLE001 - a broken module benchmark must not stop the others
            errors[name] = traceback.format_exc(limit=3)
    missing = [n for n in ORDER if n not in names]
    return loaded, missing, errors


def _err(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


# -- build ----------------------------------------------------------------------------------------------------------
def build_station(path: Path, spec: dict, modules, report: dict) -> None:
    from station_desk.db.migrate import open_database

    t_all = time.perf_counter()
    open_database(path, backup_before_migrate=False).close()
    conn = sqlite3.connect(str(path))
    for pragma in ("PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144", "PRAGMA temp_store=MEMORY",
                   "PRAGMA foreign_keys=OFF"):
        conn.execute(pragma)
    populate_s: dict[str, float] = {}
    errors: dict[str, str] = {}
    for name, mod in modules:
        fn = getattr(mod, "populate", None)
        if fn is None:
            errors[name] = "no populate()"
            continue
        t0 = time.perf_counter()
        try:
            fn(conn, random.Random(f"{SEED}-{name}"), spec)
            conn.commit()
        except Exception as exc:  # noqa: BLE001
            conn.rollback()
            errors[name] = _err(exc)
            traceback.print_exc(limit=4, file=sys.stderr)
        populate_s[name] = round(time.perf_counter() - t0, 1)
    core = dict(modules).get("core")
    if core is not None and hasattr(core, "finish"):
        t0 = time.perf_counter()
        try:
            core.finish(conn, random.Random(f"{SEED}-audit"), spec)
            conn.commit()
        except Exception as exc:  # noqa: BLE001
            conn.rollback()
            errors["core.finish"] = _err(exc)
        populate_s["audit_log"] = round(time.perf_counter() - t0, 1)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                                 "AND name NOT LIKE '%fts%' AND name != 'alembic_version' ORDER BY name"):
        n = conn.execute(f"SELECT count(*) FROM \"{table}\"").fetchone()[0]
        if n:
            counts[table] = n
    conn.close()
    report["build"] = {"seconds": round(time.perf_counter() - t_all, 1), "populate_seconds": populate_s,
                       "populate_errors": errors, "db_mb": round(path.stat().st_size / 1e6, 1), "rows": counts}


# -- tabs (a fresh process per run: the first open of a tab includes importing its module) ----------------------------
def _pin_singletons() -> int:
    """PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without a reference (each Python-side emit drops
    one reference to True; on Python < 3.12, where True is not immortal, the process dies with "bool_dealloc" after
    a few hundred emits). The benchmark measures speed, so the worker makes True/False/None effectively immortal
    (as Python 3.12 does). Returns True's refcount after pinning."""
    import ctypes

    if sys.version_info < (3, 12):
        for obj in (True, False, None):
            ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    return sys.getrefcount(True)


def tabs_worker(db_path: Path, home: Path, exclude: set[str]) -> dict:
    """Child process: the main window offscreen on ``db_path``; time opening each tab to its first rows.

    Prints ``@open KEY`` before and ``@done KEY MS RSS_MB`` after each tab (flushed), so that when a tab takes
    the process down the parent knows which one it was and runs again without it."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["STATION_DESK_HOME"] = str(home)
    _pin_singletons()
    from PySide6.QtCore import QEventLoop, QSettings

    from station_desk.app import make_application, smoke_actor

    app = make_application(language="zh_CN")
    from station_desk.db.migrate import open_database
    from station_desk.qt import ops
    from station_desk.qt.context import AppContext
    from station_desk.qt.main_window import MainWindow
    from station_desk.qt.tab_registry import available_tabs

    db = open_database(db_path, backup_before_migrate=False)
    keys = [t.key for t in available_tabs() if t.key not in exclude]

    rss = peak_rss_mb

    def settle(timeout: float = 30.0) -> None:
        app.processEvents()
        deadline = time.perf_counter() + timeout
        while ops.pending() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        app.processEvents()

    def note(text: str) -> None:
        print(text, flush=True)

    out: dict[str, float] = {}
    rss_after: dict[str, float] = {}
    errors: dict[str, str] = {}
    settings = QSettings(str(home / "bench-tabs.ini"), QSettings.Format.IniFormat)
    settings.setValue("main/last_tab", keys[0] if keys else "")
    window = MainWindow(settings)
    window.show()
    app.processEvents()
    ctx = AppContext(db=db, actor=smoke_actor(db))
    note(f"@open {keys[0] if keys else '-'}")
    t0 = time.perf_counter()
    window.attach(ctx)  # builds the first tab (and the status bar): counted as the first tab's time
    settle()
    if keys:
        out[keys[0]] = round((time.perf_counter() - t0) * 1000, 1)
        rss_after[keys[0]] = rss()
        note(f"@done {keys[0]} {out[keys[0]]} {rss_after[keys[0]]}")
    for key in keys[1:]:
        note(f"@open {key}")
        t0 = time.perf_counter()
        try:
            if window.tab_widget(key) is None:
                raise RuntimeError("the tab could not be built (see the traceback on stderr)")
            settle()
            out[key] = round((time.perf_counter() - t0) * 1000, 1)
        except Exception as exc:  # noqa: BLE001
            errors[key] = _err(exc)
        rss_after[key] = rss()
        note(f"@done {key} {out.get(key, -1)} {rss_after[key]}")
    # switching back to an already-built tab (what a clerk does all day)
    switch = {}
    for key in out:
        t0 = time.perf_counter()
        window.tab_widget(key)
        settle()
        switch[key] = round((time.perf_counter() - t0) * 1000, 1)
    window.close()
    db.close()
    return {"open_ms": out, "switch_ms": switch, "errors": errors, "rss_mb": rss(), "rss_after_tab_mb": rss_after}


def _worker_once(db_path: Path, home: Path, exclude: set[str]) -> tuple[dict | None, str | None, str]:
    """(result, the tab open when the worker died, stderr tail)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", STATION_DESK_HOME=str(home))
    cmd = [sys.executable, str(HERE / "run.py"), "--tabs-worker", str(db_path)]
    if exclude:
        cmd += ["--exclude", ",".join(sorted(exclude))]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=900, cwd=str(ROOT))
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("{")), None)
    if proc.returncode == 0 and line:
        return json.loads(line), None, ""
    opened = [ln.split()[1] for ln in proc.stdout.splitlines() if ln.startswith("@open ")]
    done = {ln.split()[1] for ln in proc.stdout.splitlines() if ln.startswith("@done ")}
    culprit = next((k for k in reversed(opened) if k not in done), opened[-1] if opened else None)
    return None, culprit, f"exit {proc.returncode}: " + proc.stderr[-1200:]


def measure_tabs(db_path: Path, spec: dict, home: Path) -> dict:
    runs = []
    crashed: dict[str, str] = {}
    for _ in range(spec["runs"]):
        for _attempt in range(6):
            result, culprit, err = _worker_once(db_path, home, set(crashed))
            if result is not None:
                runs.append(result)
                break
            if culprit is None or culprit in crashed:
                return {"error": f"tab worker failed: {err}", "crashed": crashed}
            crashed[culprit] = "the process died while opening this tab: " + err
        else:
            break
    if not runs:
        return {"error": "no tab run finished", "crashed": crashed}
    keys = list(runs[0]["open_ms"])
    return {
        "open_ms": {k: median([r["open_ms"][k] for r in runs if k in r["open_ms"]]) for k in keys},
        "switch_ms": {k: median([r["switch_ms"][k] for r in runs if k in r["switch_ms"]]) for k in keys},
        "errors": {**runs[0]["errors"], **crashed},
        "rss_mb": max(r["rss_mb"] for r in runs),
        "rss_after_tab_mb": runs[0]["rss_after_tab_mb"],
        "runs": len(runs),
    }


def measure_file_copy(db_path: Path, spec: dict, workdir: Path) -> dict[str, float]:
    """A plain copy of the station file: as cached writes (shutil.copyfile) and made durable (copy + fsync, what
    any backup worth the name must do). Medians in ms."""
    plain, durable = [], []
    for i in range(spec["runs"]):
        dest = workdir / f"copy-{i}.db"
        t0 = time.perf_counter()
        shutil.copyfile(db_path, dest)
        plain.append((time.perf_counter() - t0) * 1000)
        dest.unlink()
        t0 = time.perf_counter()
        shutil.copyfile(db_path, dest)
        with open(dest, "rb+") as fh:
            os.fsync(fh.fileno())
        durable.append((time.perf_counter() - t0) * 1000)
        dest.unlink()
    return {"file_copy_ms": median(plain), "file_copy_fsync_ms": median(durable)}


# -- targets --------------------------------------------------------------------------------------------------------
def _find(modules: dict, *needles: str, exclude: tuple[str, ...] = ()) -> tuple[str, float] | None:
    for name, values in modules.items():
        for key, value in values.items():
            k = key.lower()
            if all(n in k for n in needles) and not any(x in k for x in exclude) and k.endswith("ms") \
                    and isinstance(value, (int, float)):
                return f"{name}.{key}", float(value)
    return None


def targets(report: dict) -> list[dict]:
    rows = []

    def add(name: str, measured, limit: float, source: str, note: str = "") -> None:
        row = {"target": TARGETS_DOC[name] if name in TARGETS_DOC else name, "measured": measured, "limit": limit,
               "source": source}
        if measured is None:
            row["pass"] = None
            row["note"] = note or "not measured"
        else:
            row["pass"] = measured <= limit
            if note:
                row["note"] = note
        rows.append(row)

    st = report.get("startup", {})
    add("first_paint_ratio", st.get("first_paint_ratio"), 1.5, "startup.first_paint_ratio")
    add("usable_ms", st.get("usable_ms"), 1000, "startup.usable_ms (the --smoke line)")
    tabs = report.get("tabs", {}).get("open_ms", {})
    if tabs:
        worst = max(tabs, key=tabs.get)
        add("tab_open_ms", tabs[worst], 100, f"tabs.open_ms (worst: {worst})",
            ", ".join(f"{k} {v:.0f}" for k, v in tabs.items() if v > 100))
    else:
        add("tab_open_ms", None, 100, "tabs.open_ms")
    mods = report.get("modules", {})
    hit = _find(mods, "search", "p95")
    add("customer_search_p95_ms", hit[1] if hit else None, 30, hit[0] if hit else "core")
    hit = _find(mods, "points", "sheet", exclude=("excel", "xlsx"))
    add("points_sheet_ms", hit[1] if hit else None, 300, hit[0] if hit else "bench_points (missing)")
    hit = _find(mods, "accounts", "sheet", exclude=("excel", "xlsx")) or _find(mods, "cash", "sheet",
                                                                                exclude=("excel", "xlsx"))
    add("accounts_sheet_ms", hit[1] if hit else None, 1000, hit[0] if hit else "no accounts-sheet measurement")
    copy_ms = report.get("file_copy_fsync_ms")
    hit = _find(mods, "backup", "local", "ms") or _find(mods, "backup", "ms", exclude=(
        "restore", "verify", "copy", "ratio", "list", "open", "tab", "check", "snapshot", "usb", "due"))
    if hit and copy_ms:
        add("backup_vs_copy_ratio", round(hit[1] / copy_ms, 2), 1.5, f"{hit[0]} / file_copy_fsync_ms",
            f"backup {hit[1]:.0f} ms; copy+fsync {copy_ms:.0f} ms; page-cache copy {report.get('file_copy_ms')} ms "
            f"(ratio {hit[1] / report['file_copy_ms']:.1f})")
    else:
        add("backup_vs_copy_ratio", None, 1.5, "bench_backup", "no backup measurement")
    rss = report.get("peak_rss_mb")
    add("peak_rss_mb", rss, 200, "peak RSS (VmHWM) of the program: --smoke start, and every tab opened")
    return rows


# -- main -----------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="station_desk benchmark (prints one JSON)")
    p.add_argument("--quick", action="store_true", help="1/10 of the sizes, 3 runs per figure")
    p.add_argument("--runs", type=int, help="runs per figure (median); default 5, --quick 3")
    p.add_argument("--keep", type=Path, help="keep the built station file at this path")
    p.add_argument("--db", type=Path, help="measure this existing bench file (skip the build)")
    p.add_argument("--out", type=Path, help="also write the JSON to this file")
    p.add_argument("--skip", action="append", default=[], choices=["startup", "tabs", "modules"],
                   help="leave a group of measurements out")
    p.add_argument("--now", help="build and measure the station as at this station time, e.g. 2027-12-31T23:55 "
                                 "(default: the station's current time)")
    p.add_argument("--tabs-worker", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--exclude", default="", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.tabs_worker:
        exclude = {k for k in args.exclude.split(",") if k}
        print(json.dumps(tabs_worker(args.tabs_worker, Path(os.environ["STATION_DESK_HOME"]), exclude)), flush=True)
        return 0

    if args.now:
        from station_desk import clock

        clock.set_fake_now(clock._running_from(clock.parse_station_time(args.now)))
        os.environ[clock.ENV_NOW] = args.now  # the program processes the bench starts see the same day
    spec = make_spec(quick=args.quick, runs=args.runs)
    modules, missing, import_errors = discover()
    workdir = Path(tempfile.mkdtemp(prefix="sd-bench-"))
    home = workdir / "home"
    home.mkdir()
    spec["workdir"] = workdir
    os.environ["STATION_DESK_HOME"] = str(home)  # nothing the bench does touches the real data folder
    report: dict = {
        "mode": "quick" if args.quick else "full",
        "sizes": {k: spec[k] for k in ("years", "staff", "customers", "contacts", "work_orders", "cash_lines")},
        "period": [spec["start"].isoformat(), spec["end"].isoformat()],
        "runs": spec["runs"],
        "bench_modules": [n for n, _ in modules],
        "bench_modules_missing": missing,
        "machine": {"cpus": os.cpu_count(), "load_avg_at_start": [round(x, 1) for x in os.getloadavg()],
                    "python": sys.version.split()[0]},
    }
    if import_errors:
        report["bench_import_errors"] = import_errors
    t_start = time.perf_counter()
    try:
        if args.db:
            db_path = args.db.resolve()
            report["build"] = {"reused": str(db_path)}
            _fill_spec_from_file(db_path, spec)
        else:
            db_path = workdir / "station.db"
            print(f"building the {report['mode']} station in {db_path} …", file=sys.stderr)
            build_station(db_path, spec, modules, report)
            if args.keep:
                args.keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(db_path, args.keep)
                report["build"]["kept"] = str(args.keep)
        report["db_mb"] = round(db_path.stat().st_size / 1e6, 1)

        if "modules" not in args.skip:
            print("measuring the modules …", file=sys.stderr)
            from station_desk.db.migrate import open_database

            db = open_database(db_path, backup_before_migrate=False)
            mods: dict[str, dict] = {}
            errors: dict[str, str] = {}
            for name, mod in modules:
                fn = getattr(mod, "measure", None)
                if fn is None:
                    continue
                try:
                    mods[name] = dict(fn(db, spec) or {})
                except Exception as exc:  # noqa: BLE001
                    errors[name] = _err(exc)
                    traceback.print_exc(limit=4, file=sys.stderr)
            db.close()
            report["modules"] = mods
            if errors:
                report["measure_errors"] = errors
            report.update(measure_file_copy(db_path, spec, workdir))
        if "startup" not in args.skip and "core" in dict(modules):
            print("measuring start-up …", file=sys.stderr)
            report["startup"] = dict(modules)["core"].measure_startup(db_path, spec, home)
        if "tabs" not in args.skip:
            print("measuring the tabs …", file=sys.stderr)
            report["tabs"] = measure_tabs(db_path, spec, home)
        peak = max(report.get("tabs", {}).get("rss_mb", 0), report.get("startup", {}).get("smoke_peak_rss_mb", 0))
        report["peak_rss_mb"] = round(peak, 1) if peak else None
        report["bench_process_peak_rss_mb"] = peak_rss_mb()
        report["targets"] = targets(report)
        report["all_targets_met"] = all(t["pass"] for t in report["targets"] if t["pass"] is not None)
        report["targets_not_measured"] = [t["target"] for t in report["targets"] if t["pass"] is None]
        report["bench_seconds"] = round(time.perf_counter() - t_start, 1)
        report["machine"]["load_avg_at_end"] = [round(x, 1) for x in os.getloadavg()]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = json.dumps(report, ensure_ascii=False, indent=2, default=str)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def _fill_spec_from_file(db_path: Path, spec: dict) -> None:
    """--db: recover what populate() would have left in ``spec`` (staff and customer ids)."""
    conn = sqlite3.connect(str(db_path))
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM staff ORDER BY id")]
        spec["staff_ids"] = ids
        by_role: dict[str, list[int]] = {}
        for sid, role in conn.execute("SELECT staff_id, role FROM staff_role ORDER BY effective_from"):
            by_role.setdefault(role, []).append(sid)
        spec["staff_by_role"] = by_role
        spec["manager_id"] = (by_role.get("manager") or ids or [None])[0]
        lo, hi = conn.execute("SELECT MIN(id), MAX(id) FROM customer").fetchone()
        spec["customer_ids"] = range(lo or 1, (hi or 0) + 1)
        spec["customers"] = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
