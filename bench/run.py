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
import datetime as dt
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
    # the audit chain's row log starts here (a digest of every row), as the program would at its first save of a
    # file built outside it: measured here, not inside the first measured action
    from station_desk.audit.rows import start_row_log
    from station_desk.db.engine import Database

    t0 = time.perf_counter()
    db = Database(path)
    start_row_log(db)
    db.close()
    populate_s["row_log_start"] = round(time.perf_counter() - t0, 1)
    report["build"] = {"seconds": round(time.perf_counter() - t_all, 1), "populate_seconds": populate_s,
                       "populate_errors": errors, "db_mb": round(path.stat().st_size / 1e6, 1), "rows": counts}


# -- the program's window (a fresh process per run: the first open of a tab includes importing its module) ----------
WORKER_PARTS = ("switch", "sweep", "keys", "backup")


def _worker_once(db_path, home: Path, exclude: set[str], parts: set[str]) -> tuple[dict | None, str | None, str]:
    """(result, the tab open when the worker died, stderr tail)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", STATION_DESK_HOME=str(home))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as installed (bench_core._env)
    cmd = [sys.executable, str(HERE / "run.py"), "--tabs-worker", str(db_path), "--parts", ",".join(sorted(parts))]
    if exclude:
        cmd += ["--exclude", ",".join(sorted(exclude))]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=3600, cwd=str(ROOT))
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("{")), None)
    if proc.returncode == 0 and line:
        return json.loads(line), None, ""
    opened = [ln.split()[1] for ln in proc.stdout.splitlines() if ln.startswith("@open ")]
    done = {ln.split()[1] for ln in proc.stdout.splitlines() if ln.startswith("@done ")}
    culprit = next((k for k in reversed(opened) if k not in done), opened[-1] if opened else None)
    return None, culprit, f"exit {proc.returncode}: " + proc.stderr[-1200:]


def _median_or_none(values: list) -> float | None:
    values = [v for v in values if isinstance(v, (int, float))]
    return median(values) if values else None


def measure_tabs(db_path, spec: dict, home: Path, skip: set[str]) -> dict:
    """``runs`` worker processes: each opens every tab (first opens: medians); the first run also switches after a
    change, sweeps the filters, types in the customers tab and takes the two backups (tabs_worker.py)."""
    from common import percentile

    runs = []
    crashed: dict[str, str] = {}
    for i in range(spec["runs"]):
        parts = {p for p in WORKER_PARTS if p not in skip} if i == 0 else set()
        for _attempt in range(6):
            result, culprit, err = _worker_once(db_path, home, set(crashed), parts)
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
    first = runs[0]
    keys = list(first["open_ms"])
    out = {
        "open_ms": {k: median([r["open_ms"][k] for r in runs if k in r["open_ms"]]) for k in keys},
        "open_cpu_ms": {k: median([r["open_cpu_ms"][k] for r in runs if k in r.get("open_cpu_ms", {})])
                        for k in keys if any(k in r.get("open_cpu_ms", {}) for r in runs)},
        "overview_first_numbers_ms": _median_or_none([r.get("overview_first_numbers_ms") for r in runs]),
        "start_tab": first.get("start_tab"),
        "warmup_ms": _median_or_none([r.get("warmup_ms") for r in runs]),
        "errors": {**first["errors"], **crashed},
        "rss_mb": max(r["rss_mb"] for r in runs),
        "rss_after_tab_mb": first["rss_after_tab_mb"],
        "rss_after_tabs_mb": first.get("rss_after_tabs_mb"),
        "runs": len(runs),
    }
    for key in ("switch_after_change_ms", "sweep_ms", "sweep_slowest", "sweep_slowest_cpu", "auto_backup_in_program_ms",
                "rss_after_auto_backup_mb", "month_end_backup_in_program_ms", "rss_after_month_end_backup_mb",
                "pin_check_ms", "rss_after_pin_check_mb"):
        if key in first:
            out[key] = first[key]
    if first.get("switch_after_change_ms"):
        values = [v for vs in first["switch_after_change_ms"].values() for v in vs]
        cpu, switched = first.get("switch_after_change_cpu_ms") or [], list(first["switch_after_change_ms"])
        if cpu and switched:  # switches ran round by round over the tabs in order
            per_tab: dict[str, float] = {}
            for i, ms in enumerate(cpu):
                key = switched[i % len(switched)]
                per_tab[key] = round(max(per_tab.get(key, 0.0), ms), 1)
            out["switch_after_change_cpu_max_ms"] = per_tab
        out["switch_after_change_ms"] = {k: max(vs) for k, vs in first["switch_after_change_ms"].items()}
        out["switch_after_change_n"] = len(values)
        out["switch_after_change_p50_ms"] = percentile(values, 50)
        out["switch_after_change_p95_ms"] = percentile(values, 95)
    if first.get("sweep_all_ms"):
        values = first["sweep_all_ms"]
        out["sweep_actions"] = len(values)
        out["sweep_p50_ms"] = round(percentile(values, 50), 1)
        out["sweep_p95_ms"] = round(percentile(values, 95), 1)
        out["sweep_over_100_ms"] = sum(1 for v in values if v > 100)
    if first.get("keystroke_ms"):
        values = first["keystroke_ms"]
        out["customers_keystroke_n"] = len(values)
        out["customers_keystroke_p50_ms"] = round(percentile(values, 50), 1)
        out["customers_keystroke_p95_ms"] = round(percentile(values, 95), 1)
    for key, name in (("keystroke_cpu_ms", "customers_keystroke_cpu"), ("switch_after_change_cpu_ms",
                                                                          "switch_after_change_cpu"),
                      ("sweep_cpu_ms", "sweep_cpu")):
        if first.get(key):
            out[f"{name}_p50_ms"] = round(percentile(first[key], 50), 1)
            out[f"{name}_p95_ms"] = round(percentile(first[key], 95), 1)
    return out


def _drop_cache(path: Path) -> None:
    if hasattr(os, "posix_fadvise"):
        fd = os.open(str(path), os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def verified_copy(src: Path, dest: Path) -> None:
    """The yardstick of a verified backup: copy (hashing what is written), fsync, drop the copy from the page cache,
    read it back and compare the hash — what ``cp`` + ``sync`` + ``sha256sum`` of the copy do."""
    import hashlib

    h = hashlib.sha256()
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        while chunk := fin.read(1 << 20):
            h.update(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    _drop_cache(dest)
    back = hashlib.sha256()
    with open(dest, "rb") as fh:
        while chunk := fh.read(1 << 20):
            back.update(chunk)
    if back.digest() != h.digest():
        raise RuntimeError("read-back differs")


def measure_file_copy(db_path: Path, spec: dict, workdir: Path) -> dict[str, float]:
    """A plain copy of the station file: as cached writes (shutil.copyfile), made durable (copy + fsync) and
    verified (copy + fsync + read-back, :func:`verified_copy`: the USB backup's yardstick). Medians in ms."""
    plain, durable, verified = [], [], []
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
        t0 = time.perf_counter()
        verified_copy(db_path, dest)
        verified.append((time.perf_counter() - t0) * 1000)
        dest.unlink()
    return {"file_copy_ms": median(plain), "file_copy_fsync_ms": median(durable),
            "file_copy_fsync_readback_ms": median(verified)}


# -- targets --------------------------------------------------------------------------------------------------------
def _mod(report: dict, module: str, key: str):
    value = report.get("modules", {}).get(module, {}).get(key)
    return float(value) if isinstance(value, (int, float)) else None


def targets(report: dict) -> list[dict]:
    """One row per target of issues #15 and #20: what was measured, the limit, pass/fail (None: not measured)."""
    rows = []

    def add(name: str, measured, limit: float, source: str, note: str = "") -> None:
        row = {"target": name, "measured": measured, "limit": limit, "source": source}
        row["pass"] = None if measured is None else measured <= limit
        if note or measured is None:
            row["note"] = note or "not measured"
        rows.append(row)

    st = report.get("startup", {})
    add("first paint ≤ 1.5 × a bare PySide6 window (from process start, median of pairs)",
        st.get("first_paint_ratio"), 1.5, "startup.first_paint_ratio",
        f"{st.get('first_paint_ms')} vs {st.get('bare_first_paint_ms')} ms, {st.get('startup_pairs')} pairs"
        if st else "")
    add("usable ≤ 1000 ms from process start", st.get("usable_ms"), 1000, "startup.usable_ms",
        f"p95 {st.get('usable_p95_ms')} ms" if st else "")
    tabs = report.get("tabs", {})
    opens = tabs.get("open_ms", {})
    if opens:
        worst = max(opens, key=opens.get)
        cpu = tabs.get("open_cpu_ms", {})
        over = ", ".join(f"{k} {v:.0f}" + (f" (CPU {cpu[k]:.0f})" if k in cpu else "") for k, v in opens.items()
                         if v > 100)
        add("every tab's first open ≤ 100 ms", opens[worst], 100, f"tabs.open_ms (worst: {worst})",
            "; ".join(x for x in (over, f"opened on {tabs.get('start_tab')} (with attach), the others switched to "
                                        f"after the background warm-up of their imports "
                                        f"({tabs.get('warmup_ms')} ms after attach)") if x))
    else:
        add("every tab's first open ≤ 100 ms", None, 100, "tabs.open_ms")
    first_numbers = tabs.get("overview_first_numbers_ms")
    add("overview: first paint of its numbers ≤ 100 ms (#20)",
        first_numbers, 100,
        "tabs.overview_first_numbers_ms (open started → today's desk numbers drawn; all of it: tabs.open_ms.overview)",
        f"the whole tab (today, the month, the checklist): {opens.get('overview')} ms")
    add("tab switch after a data change, p95 ≤ 100 ms", tabs.get("switch_after_change_p95_ms"), 100,
        "tabs.switch_after_change_p95_ms",
        f"{tabs.get('switch_after_change_n')} switches; CPU p95 {tabs.get('switch_after_change_cpu_p95_ms')} ms"
        if "switch_after_change_n" in tabs else "")
    add("every filter / sub-page action, p95 ≤ 100 ms", tabs.get("sweep_p95_ms"), 100, "tabs.sweep_p95_ms",
        f"{tabs.get('sweep_over_100_ms')} of {tabs.get('sweep_actions')} actions over 100 ms; CPU p50/p95 "
        f"{tabs.get('sweep_cpu_p50_ms')}/{tabs.get('sweep_cpu_p95_ms')} ms" if "sweep_actions" in tabs else "")
    add("customers tab per keystroke, p95 ≤ 30 ms", tabs.get("customers_keystroke_p95_ms"), 30,
        "tabs.customers_keystroke_p95_ms", f"customers: {report.get('sizes', {}).get('customers')}; CPU p50/p95 "
        f"{tabs.get('customers_keystroke_cpu_p50_ms')}/{tabs.get('customers_keystroke_cpu_p95_ms')} ms; "
        f"search service alone p95 {_mod(report, 'core', 'customer_search_p95_ms')} ms")
    add("points sheet from the database (40 staff) ≤ 300 ms", _mod(report, "points", "points_sheet_ms"), 300,
        "modules.points.points_sheet_ms")
    lines = _mod(report, "front_desk", "accounts_sheet_lines")
    add("accounts sheet, a month of 2,000 lines ≤ 1000 ms", _mod(report, "front_desk", "accounts_sheet_ms"), 1000,
        "modules.front_desk.accounts_sheet_ms", f"the month has {lines:.0f} lines" if lines else "")
    add("12-month points chart ≤ 100 ms", _mod(report, "points", "points_chart_12_months_ms"), 100,
        "modules.points.points_chart_12_months_ms")
    usb = _mod(report, "backup", "backup_usb_plain_ms")
    ref = _mod(report, "backup", "backup_verified_copy_ms") or report.get("file_copy_fsync_readback_ms")
    add("USB backup ≤ 1.5 × (copy + fsync + read-back)", round(usb / ref, 2) if usb and ref else None, 1.5,
        "modules.backup.backup_usb_plain_ms / backup_verified_copy_ms (alternating runs)",
        f"backup {usb:.0f} ms; verified copy {ref:.0f} ms; encrypted "
        f"{_mod(report, 'backup', 'backup_usb_encrypted_ms')} ms" if usb and ref else
        "a server station's backup is pg_dump + a verifying restore, not a file copy"
        if report.get("engine", {}).get("name") == "postgresql" else "")
    desks = report.get("desks")
    if desks:
        worst, where = None, ""
        for desk in ("front", "accounts", "manager"):
            for action, row in (desks.get(desk, {}).get("actions") or {}).items():
                if worst is None or row["p95_ms"] > worst:
                    worst, where = row["p95_ms"], f"{desk}: {action}"
        over = [f"{d}: {a} {r['p95_ms']:.0f}" for d in ("front", "accounts", "manager")
                for a, r in (desks.get(d, {}).get("actions") or {}).items() if not r["within_target"]]
        errors = {d: desks[d].get("errors") or desks[d].get("error") for d in ("front", "accounts", "manager")
                  if desks.get(d, {}).get("errors") or desks.get(d, {}).get("error")}
        add("3-desk load: each desk's actions, p95 ≤ 100 ms (the tabs' targets above were measured under it)",
            worst, 100, f"desks (worst: {where})",
            "; ".join(filter(None, [", ".join(over), f"errors: {errors}" if errors else ""])))
    add("peak memory ≤ 200 MB (start-up, every tab, an automatic and a month-end backup)",
        report.get("peak_rss_mb"), 200, "max VmHWM of the program's processes (a manager's PIN check included)",
        f"after tabs {tabs.get('rss_after_tabs_mb')}, after auto backup {tabs.get('rss_after_auto_backup_mb')}, "
        f"after month-end backup {tabs.get('rss_after_month_end_backup_mb')}, after a PIN check "
        f"{tabs.get('rss_after_pin_check_mb')} MB" if tabs else "")
    return rows


# -- main -----------------------------------------------------------------------------------------------------------
GROUPS = ["startup", "tabs", "modules", *WORKER_PARTS]


def make_parser() -> argparse.ArgumentParser:
    """The command line (one function, so other benchmarks can add their options: ``--engine`` …)."""
    p = argparse.ArgumentParser(description="station_desk benchmark (prints one JSON)")
    p.add_argument("--years", type=int, default=5, help="the station's age; sizes grow with it (default 5)")
    p.add_argument("--quick", action="store_true", help="1/10 of the sizes, 3 runs per figure")
    p.add_argument("--runs", type=int, help="runs per figure (median); default 5, --quick 3")
    p.add_argument("--pairs", type=int, help="start-up: alternating pairs with the bare window (default 11)")
    p.add_argument("--cache", type=Path, default=HERE / "out",
                   help="folder of built stations, reused while the code's sizes and the day match (bench/out)")
    p.add_argument("--rebuild", action="store_true", help="build the station even if the cache has it")
    p.add_argument("--keep", type=Path, help="also copy the built station file to this path")
    p.add_argument("--db", type=Path, help="measure this existing bench file (skip the build)")
    p.add_argument("--out", type=Path, help="also write the JSON to this file")
    p.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite",
                   help="postgresql: the built station is moved (station-desk move-to) into the empty database "
                        "--pg-url, and the modules, start-up and the tabs (opens, switches, sweeps, keystrokes) "
                        "are measured there; the backup part stays on the file (a server's backup is pg_dump: "
                        "modules.backup)")
    p.add_argument("--pg-url", help="an empty PostgreSQL database, postgresql://user@host:port/db (--engine)")
    p.add_argument("--pg-template", help="instead of moving the file: (re)create --pg-url's database as a copy of "
                                         "this database on the same server, a station moved there before "
                                         "(CREATE DATABASE … TEMPLATE; minutes faster for the 5-year station)")
    p.add_argument("--desks", action="store_true",
                   help="the 3-desk load: while the tabs are measured, three more processes work as a front-desk "
                        "clerk, an accounts clerk and a manager on the same database (bench/desk_load.py)")
    p.add_argument("--skip", action="append", default=[], choices=GROUPS, help="leave a group of measurements out")
    p.add_argument("--now", help="build and measure the station as at this station time, e.g. 2027-12-31T23:55 "
                                 "(default: the station's current time)")
    p.add_argument("--tabs-worker", help=argparse.SUPPRESS)  # a path or a postgresql:// URL
    p.add_argument("--exclude", default="", help=argparse.SUPPRESS)
    p.add_argument("--parts", default="", help=argparse.SUPPRESS)
    return p


def _cached_station(args, spec: dict, report: dict, modules, workdir: Path) -> Path:
    """The station to measure, as a private copy in ``workdir`` (the measurements write: contacts, backups)."""
    if args.db:
        report["build"] = {"reused": str(args.db)}
        src = args.db.resolve()
    else:
        name = f"station-{'quick-' if args.quick else ''}{spec['years']}y-{spec['end']:%Y%m%d}-staff{spec['staff']}.db"
        src = args.cache / name
        if src.exists() and not args.rebuild:
            report["build"] = {"cached": str(src)}
        else:
            args.cache.mkdir(parents=True, exist_ok=True)
            tmp = workdir / "build.db"
            print(f"building the {report['mode']} {spec['years']}-year station (cached as {src}) …", file=sys.stderr)
            build_station(tmp, spec, modules, report)
            shutil.move(str(tmp), src)
            report["build"]["cached"] = str(src)
        if args.keep:
            args.keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, args.keep)
    db_path = workdir / "station.db"
    shutil.copyfile(src, db_path)
    _fill_spec_from_file(db_path, spec)
    return db_path


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)

    if args.tabs_worker:
        from tabs_worker import run as run_worker

        exclude = {k for k in args.exclude.split(",") if k}
        parts = {k for k in args.parts.split(",") if k}
        target = args.tabs_worker if "://" in args.tabs_worker else Path(args.tabs_worker)
        print(json.dumps(run_worker(target, Path(os.environ["STATION_DESK_HOME"]), exclude, parts)),
              flush=True)
        return 0

    if args.now:
        from station_desk import clock

        clock.set_fake_now(clock._running_from(clock.parse_station_time(args.now)))
        os.environ[clock.ENV_NOW] = args.now  # the program processes the bench starts see the same day
    spec = make_spec(quick=args.quick, runs=args.runs, years=args.years)
    spec["pairs"] = args.pairs or (5 if args.quick else 11)
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
    skip = set(args.skip)
    loads: dict[str, list[float]] = {}

    def load(stage: str) -> None:
        loads[stage] = [round(x, 1) for x in os.getloadavg()]

    try:
        db_path = _cached_station(args, spec, report, modules, workdir)
        report["db_mb"] = round(db_path.stat().st_size / 1e6, 1)
        report["period"] = [spec["start"].isoformat(), spec["end"].isoformat()]

        target = db_path
        if args.engine == "postgresql":
            report["engine"] = _to_server(db_path, args)
            target = args.pg_url
        else:
            report["engine"] = {"name": "sqlite"}
        from station_desk.db.migrate import open_database

        open_database(target, backup_before_migrate=False).close()  # at this version's schema before any process
        if "modules" not in skip:
            print("measuring the modules …", file=sys.stderr)
            load("modules")
            from station_desk.db.migrate import open_database

            db = open_database(target, backup_before_migrate=False)
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
        if "startup" not in skip and "core" in dict(modules):
            print("measuring start-up …", file=sys.stderr)
            load("startup")
            report["startup"] = dict(modules)["core"].measure_startup(target, spec, home)
        if "tabs" not in skip:
            print("measuring the tabs …", file=sys.stderr)
            load("tabs")
            _set_backup_passphrase(db_path)
            _pins_at_todays_cost(db_path)
            desks = None
            if args.desks:
                from desk_load import start_desks

                desks = start_desks(target, spec, home, workdir)
            try:
                if target != db_path:  # the backup part stays on the file: measured by the file's own worker
                    report["tabs"] = measure_tabs(target, spec, home, skip | {"backup"})
                    if "backup" not in skip:
                        file_tabs = measure_tabs(db_path, {**spec, "runs": 1}, home, set(WORKER_PARTS) - {"backup"})
                        for key in ("auto_backup_in_program_ms", "rss_after_auto_backup_mb",
                                    "month_end_backup_in_program_ms", "rss_after_month_end_backup_mb",
                                    "pin_check_ms", "rss_after_pin_check_mb"):
                            if key in file_tabs:
                                report["tabs"][key] = file_tabs[key]
                else:
                    report["tabs"] = measure_tabs(db_path, spec, home, skip)
            finally:
                if desks is not None:
                    report["desks"] = desks.stop()
        load("end")
        peak = max(report.get("tabs", {}).get("rss_mb", 0), report.get("startup", {}).get("smoke_peak_rss_mb") or 0)
        report["peak_rss_mb"] = round(peak, 1) if peak else None
        report["bench_process_peak_rss_mb"] = peak_rss_mb()
        report["targets"] = targets(report)
        report["all_targets_met"] = all(t["pass"] for t in report["targets"] if t["pass"] is not None)
        report["targets_not_measured"] = [t["target"] for t in report["targets"] if t["pass"] is None]
        report["bench_seconds"] = round(time.perf_counter() - t_start, 1)
        report["machine"]["load_avg_at_end"] = [round(x, 1) for x in os.getloadavg()]
        report["machine"]["load_avg_by_stage"] = loads
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = json.dumps(report, ensure_ascii=False, indent=2, default=str)
    print(text)
    print(summary(report), file=sys.stderr)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def summary(report: dict) -> str:
    """The targets as a short table (stderr), with the machine's load."""
    lines = [f"{report['sizes']['years']}-year station, {report.get('db_mb')} MB, "
             f"on {report.get('engine', {}).get('name', 'sqlite')}{' with the 3-desk load' if report.get('desks') else ''}; load "
             f"{report['machine'].get('load_avg_at_start')} → {report['machine'].get('load_avg_at_end')} "
             f"on {report['machine']['cpus']} CPUs"]
    for t in report.get("targets", []):
        mark = {True: "PASS", False: "MISS", None: "----"}[t["pass"]]
        lines.append(f"  {mark}  {t['target']}: {t['measured']} (limit {t['limit']})"
                     + (f" — {t['note']}" if t.get("note") else ""))
    return "\n".join(lines)


def _to_server(db_path: Path, args) -> dict:
    """The station on the server: moved from the file (``move-to``), or copied from a database it was moved into
    before (``--pg-template``); then the row log's starting point, as ``build_station`` does for a file."""
    from urllib.parse import urlsplit

    from station_desk.audit.rows import start_row_log
    from station_desk.db.engine import Database

    out: dict = {"name": "postgresql"}
    t0 = time.perf_counter()
    if args.pg_template:
        import psycopg

        parts = urlsplit(args.pg_url)
        name = parts.path.strip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{args.pg_template}"')
        out["copied_from"] = args.pg_template
        out["copy_seconds"] = round(time.perf_counter() - t0, 1)
    else:
        from station_desk.move import move_to_server

        moved = move_to_server(db_path, args.pg_url)
        out["move_seconds"] = round(time.perf_counter() - t0, 1)
        out["rows"] = sum(moved.row_counts.values())
    t0 = time.perf_counter()
    db = Database(args.pg_url)
    try:
        start_row_log(db)
    finally:
        db.close()
    out["row_log_start_seconds"] = round(time.perf_counter() - t0, 1)
    return out


def _set_backup_passphrase(db_path: Path) -> None:
    """As a station has it: the manager set the backup passphrase once (only its verifier is stored), so the
    month-end backup in the program checks the passphrase against it (done here: the strength check's dictionaries
    are not the program's memory at month end)."""
    from tabs_worker import BACKUP_PASSPHRASE

    from station_desk.backup import crypto
    from station_desk.backup.state import update_state

    verifier = crypto.make_verifier(BACKUP_PASSPHRASE)
    update_state(db_path, lambda state: state.update(passphrase={"verifier": verifier, "set_at": "bench",
                                                                  "set_by": "bench"}))


def _pins_at_todays_cost(db_path: Path) -> None:
    """As a station has its PINs once each person signed in with this version: hashed at today's cost (a station
    built by an earlier version carries hashes of the earlier cost, re-made at each person's next right PIN)."""
    from bench_core import BENCH_PIN

    from station_desk.staff.auth import hash_pin, needs_rehash

    conn = sqlite3.connect(str(db_path))
    try:
        stale = [sid for sid, stored in conn.execute("SELECT id, pin_hash FROM staff WHERE pin_hash IS NOT NULL")
                 if needs_rehash(stored)]
        if stale:
            fresh = hash_pin(BENCH_PIN)
            conn.executemany("UPDATE staff SET pin_hash = ? WHERE id = ?", [(fresh, sid) for sid in stale])
            conn.commit()
    finally:
        conn.close()


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
        busiest = conn.execute("SELECT substr(day, 1, 7) AS m, count(*) AS n FROM cash_entry GROUP BY m "
                               "ORDER BY n DESC LIMIT 1").fetchone()
        if busiest:
            spec["busiest_cash_month"], spec["busiest_cash_lines"] = busiest
        today = conn.execute("SELECT max(substr(at, 1, 10)) FROM contact").fetchone()[0]
        if today:
            spec["front_desk_today"] = dt.date.fromisoformat(today)
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
