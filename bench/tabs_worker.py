"""The benchmark's child process: the real main window (offscreen) on the bench station, driven as a clerk does.

``python bench/run.py --tabs-worker FILE`` runs :func:`run` and prints one JSON line. Figures (ms):

- ``overview_first_numbers_ms``: from the start of the overview's open to its first numbers drawn (#20);
- ``open_ms[key]``: a tab's first open, to settled (every read of the tab drawn: build, reads, drawing, and
  whatever import the background warm-up had not done). The window opens on the last tab (``start_tab``), whose
  figure includes ``MainWindow.attach`` (the status bar); the others are switched to after the program's
  background warm-up of the tabs' imports (``warmup_ms``: from attach settled to the warm-up done, see
  ``station_desk.qt.warmup``); ``open_cpu_ms[key]``: the process's CPU ms of it (both threads: what a busy
  machine inflates least);
- ``switch_after_change_ms[key]``: switching to an already-built tab right after a write elsewhere (a contact, a
  cash-book line or a new work order, in turn, through the program's ``Op`` so the change bus fires as it does at
  the desk) — what a tab costs when its data is stale; ``rounds`` writes+switches per tab;
- ``sweep_ms[key]``: every filter and sub-page of the tab: each combo box to each of its first few entries and
  back, each sub-page (a ``QTabWidget`` / ``QStackedWidget`` page chosen through its tab bar) — each action timed
  to settled (no database op pending);
- ``keystroke_ms``: the customers tab's real work per keystroke (what its debounce timer runs, after each
  character of typical queries, without the 150 ms wait), to settled: reads, model reset, drawing;
- ``rss_mb`` / ``rss_after_*``: the process's peak RSS (VmHWM) after the tabs, after an automatic backup, after
  a month-end backup to a folder (encrypted, read back) and after a manager's PIN check (as at every sign-in and
  approval) in this same process.

Prints ``@open KEY`` / ``@done KEY MS RSS`` while opening tabs (flushed) so the parent can tell which tab took the
process down."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import peak_rss_mb, percentile  # noqa: E402

COMBO_ENTRIES = 4      # entries tried per combo box
SWEEP_MAX_ACTIONS = 24  # per tab
CHANGE_ROUNDS = 3
CUSTOMER_QUERIES = ["王", "王小", "zs", "zsf", "138", "1380", "13800", "幸福", "幸福里", "李 幸"]
BACKUP_PASSPHRASE = "bench: a long month-end passphrase 2026"


def _err(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def pin_singletons() -> int:
    """PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without a reference (on Python < 3.12, where True
    is not immortal, the process dies with "bool_dealloc" after a few hundred emits). The benchmark measures speed,
    so the worker makes True/False/None effectively immortal (as Python 3.12 does)."""
    import ctypes

    if sys.version_info < (3, 12):
        for obj in (True, False, None):
            ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    return sys.getrefcount(True)


def stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(percentile(values, 50), 1), "p95": round(percentile(values, 95), 1),
            "max": round(max(values), 1)}


class Driver:
    def __init__(self, db_path: Path, home: Path, exclude: set[str]) -> None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["STATION_DESK_HOME"] = str(home)
        pin_singletons()
        from PySide6.QtCore import QSettings

        from station_desk.app import make_application, smoke_actor

        self.app = make_application(language="zh_CN")
        from station_desk.memory import tune_allocator

        tune_allocator()  # as station_desk.app.run_app does after the first paint
        from station_desk.db.migrate import open_database
        from station_desk.qt import ops
        from station_desk.qt.context import AppContext
        from station_desk.qt.main_window import MainWindow
        from station_desk.qt.tab_registry import available_tabs

        self.ops = ops
        self.home = home
        self.db = open_database(db_path, backup_before_migrate=False)
        self.keys = [t.key for t in available_tabs() if t.key not in exclude]
        settings = QSettings(str(home / "bench-tabs.ini"), QSettings.Format.IniFormat)
        # the window opens on the last tab (as after a session that ended there): every other tab, the overview
        # included, is then opened the way a person first opens it, by switching to it
        settings.setValue("main/last_tab", self.keys[-1] if self.keys else "")
        self.window = MainWindow(settings)
        self.window.show()
        self.app.processEvents()
        self.ctx = AppContext(db=self.db, actor=smoke_actor(self.db))
        self.changes = 0
        self.cpu: list[float] = []
        self.sweep_cpu: list[float] = []  # the process's CPU ms of each sweep action

    def settle(self, timeout: float = 60.0) -> None:
        """Process events until no database op is pending. The UI thread *waits* for events as the real event loop
        does (a busy loop of processEvents would hold the GIL the database worker needs, and inflate every figure
        read on the worker); a 5 ms timer bounds each wait."""
        from PySide6.QtCore import QEventLoop, QTimer

        app, ops = self.app, self.ops
        app.processEvents()
        deadline = time.perf_counter() + timeout
        if ops.pending():
            guard = QTimer()
            guard.start(5)
            try:
                while ops.pending() and time.perf_counter() < deadline:
                    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents
                                      | QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            finally:
                guard.stop()
        app.processEvents()

    def timed(self, fn) -> float:
        """Wall ms from the action to settled; the process's CPU ms (both threads) of it go to ``self.cpu`` — a
        figure the other programs on a busy machine inflate much less than the wall time."""
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        self.settle()
        self.cpu.append((time.process_time() - c0) * 1000)
        return (time.perf_counter() - t0) * 1000

    # -- first opens --------------------------------------------------------------------------------------------------
    def watch_overview(self) -> None:
        """The overview's first paint of its numbers (#20): when its first read after the open started (today's
        desk numbers) is drawn, measured from the start of the tab's open (``overview_first_numbers_ms``). The
        warm-up's build of the tab ahead draws numbers too, before the open: those are not counted."""
        try:
            from station_desk.overview.tab import OverviewTab
        except ImportError:
            return
        real = OverviewTab._show_today
        driver = self

        def show_today(tab, today):
            real(tab, today)
            if driver.overview_numbers_at is None and "overview" in getattr(driver, "open_started", {}):
                tab.repaint()  # drawn now, not at the next paint event
                driver.overview_numbers_at = time.perf_counter()

        OverviewTab._show_today = show_today

    def wait_for_warm_up(self, timeout: float = 60.0) -> float | None:
        """Wait (the event loop running) until the program has imported the other tabs in the background
        (``station_desk.qt.warmup``, started by ``attach``); the ms from attach settled to that. A person's first
        switch comes seconds after the window appears; the benchmark waits for exactly as long as it takes."""
        from PySide6.QtCore import QEventLoop

        from station_desk.qt import warmup

        t0 = time.perf_counter()
        while not warmup.DONE.is_set() and time.perf_counter() - t0 < timeout:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            warmup.DONE.wait(0.02)
        self.settle()
        return round((time.perf_counter() - t0) * 1000, 1) if warmup.DONE.is_set() else None

    def open_tabs(self) -> tuple[dict, dict, dict]:
        self.overview_numbers_at = None
        self.watch_overview()
        out: dict[str, float] = {}
        rss_after: dict[str, float] = {}
        errors: dict[str, str] = {}
        if not self.keys:
            return out, rss_after, errors
        first = self.keys[-1]
        print(f"@open {first}", flush=True)
        self.open_started = {first: time.perf_counter()}
        out[first] = round(self.timed(lambda: self.window.attach(self.ctx)), 1)
        self.open_cpu = {first: round(self.cpu[-1], 1)}
        rss_after[first] = peak_rss_mb()
        print(f"@done {first} {out[first]} {rss_after[first]}", flush=True)
        self.warmup_ms = self.wait_for_warm_up()
        for key in self.keys[:-1]:
            print(f"@open {key}", flush=True)
            self.open_started[key] = time.perf_counter()
            try:
                def open_it(key=key):
                    if self.window.tab_widget(key) is None:
                        raise RuntimeError("the tab could not be built (see the traceback on stderr)")
                out[key] = round(self.timed(open_it), 1)
                self.open_cpu[key] = round(self.cpu[-1], 1)
            except Exception as exc:  # noqa: BLE001
                errors[key] = _err(exc)
            rss_after[key] = peak_rss_mb()
            print(f"@done {key} {out.get(key, -1)} {rss_after[key]}", flush=True)
        if self.overview_numbers_at is not None and "overview" in self.open_started:
            self.overview_first_numbers_ms = round((self.overview_numbers_at - self.open_started["overview"]) * 1000, 1)
        return out, rss_after, errors

    # -- a write elsewhere, then the switch ---------------------------------------------------------------------------
    def change_data(self) -> str:
        """One write through the program's Op (so the change bus tells the tabs), in turn a contact, a cash-book
        income line and a new work order."""
        from station_desk import clock
        from station_desk.qt.ops import Op

        db, actor = self.db, self.ctx.actor
        which = ("contact", "cash", "work_order")[self.changes % 3]
        self.changes += 1
        if which == "contact":
            from station_desk.contact_log import service as contacts

            draft = contacts.ContactDraft(kind="inquiry", customer_id=1 + self.changes, asked="问资费",
                                          done="已答复")
            fn = lambda: contacts.record_contact(db, actor=actor, draft=draft)  # noqa: E731
        elif which == "cash":
            from station_desk.cash_book import service as cash

            category = cash.categories(db, "income")[0]
            fn = lambda: cash.post_entry(db, actor=actor, approval=None, day=clock.today(),  # noqa: E731
                                         direction="income", category=category, amount_fen=1000 + self.changes,
                                         handler_id=actor.staff_id, payee="基准")
        else:
            from station_desk.work_orders.service import orders

            fn = lambda: orders.create_order(db, actor=actor, kind="repair", customer_id=1 + self.changes,  # noqa
                                             description="基准：上不了网", fault_type="no_internet")
        failures: list = []
        Op(self.window, fn, ctx=self.ctx).failure(failures.append).run()
        self.settle()
        if failures:
            raise RuntimeError(f"{which}: {_err(failures[0])}")
        return which

    def switch_after_change(self, keys: list[str]) -> tuple[dict, dict]:
        out: dict[str, list[float]] = {k: [] for k in keys}
        errors: dict[str, str] = {}
        cpu: list[float] = []
        for _ in range(CHANGE_ROUNDS):
            for i, key in enumerate(keys):
                # leave the tab first (a switch to the tab already shown is no switch)
                self.window.tab_widget(keys[i - 1] if len(keys) > 1 else key)
                self.settle()
                try:
                    self.change_data()
                except Exception as exc:  # noqa: BLE001
                    errors["change"] = _err(exc)
                out[key].append(self.timed(lambda key=key: self.window.tab_widget(key)))
                cpu.append(self.cpu[-1])
        self.switch_cpu = cpu
        return {k: [round(x, 1) for x in v] for k, v in out.items() if v}, errors

    # -- every filter and sub-page ------------------------------------------------------------------------------------
    def sweep(self, key: str) -> list[tuple[str, float]]:
        from PySide6.QtWidgets import QComboBox, QTabBar

        tab = self.window.tab_widget(key)
        self.settle()
        self.tab_sweep_cpu: list[float] = []  # CPU ms of this tab's actions, in order
        done: list[tuple[str, float]] = []
        for bar in tab.findChildren(QTabBar):
            if not bar.isVisibleTo(tab) or len(done) >= SWEEP_MAX_ACTIONS:
                continue
            start = bar.currentIndex()
            for i in [*range(bar.count()), start]:
                if i == bar.currentIndex() or not bar.isTabEnabled(i):
                    continue
                done.append((f"page {bar.tabText(i)}", self.timed(lambda i=i, bar=bar: bar.setCurrentIndex(i))))
                self.tab_sweep_cpu.append(self.cpu[-1])
        for combo in tab.findChildren(QComboBox):
            if len(done) >= SWEEP_MAX_ACTIONS:
                break
            if not combo.isVisibleTo(tab) or not combo.isEnabled() or combo.isEditable() or combo.count() < 2:
                continue
            start = combo.currentIndex()
            for i in [*range(min(combo.count(), COMBO_ENTRIES)), start]:
                if i == combo.currentIndex():
                    continue
                label = f"{combo.objectName() or 'combo'}={combo.itemText(i)}"
                done.append((label, self.timed(lambda i=i, combo=combo: combo.setCurrentIndex(i))))
                self.tab_sweep_cpu.append(self.cpu[-1])
        return done

    # -- the customers tab, per keystroke -----------------------------------------------------------------------------
    def keystrokes(self) -> list[float]:
        tab = self.window.tab_widget("customers")
        if tab is None or not hasattr(tab, "search"):
            return []
        self.settle()
        times = []
        self.cpu = []
        for query in CUSTOMER_QUERIES:
            for n in range(1, len(query) + 1):
                tab.search.setText(query[:n])  # starts the debounce timer; the work is what the timer runs
                timer = getattr(tab, "_timer", None)
                if timer is not None:
                    timer.stop()
                    times.append(self.timed(timer.timeout.emit))
                else:
                    times.append(self.timed(tab.refresh))
            tab.search.clear()
            self.settle()
        self.keystroke_cpu = self.cpu[:len(times)] if len(self.cpu) >= len(times) else []
        return times

    # -- memory with backups ------------------------------------------------------------------------------------------
    def backups(self) -> dict:
        from station_desk.backup import external
        from station_desk.backup import service as backup

        out: dict = {}
        t0 = time.perf_counter()
        backup.auto_backup_if_due(self.db, force=True)
        out["auto_backup_in_program_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        out["rss_after_auto_backup_mb"] = peak_rss_mb()
        stick = self.home / "stick"
        stick.mkdir(exist_ok=True)
        t0 = time.perf_counter()
        external.backup_to_folder(self.db, actor=self.ctx.actor, folder=stick, passphrase=BACKUP_PASSPHRASE,
                                  removable=True)
        out["month_end_backup_in_program_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        out["rss_after_month_end_backup_mb"] = peak_rss_mb()
        # a manager's approval (a PIN check: the slow hash), as at every sign-in and manager action
        from station_desk.actor import ManagerApproval
        from station_desk.staff import auth
        from bench_core import BENCH_PIN

        manager = next((sid for sid in [self.ctx.actor.staff_id] if sid), None)
        if manager is not None:
            t0 = time.perf_counter()
            auth.require_manager(self.db, ManagerApproval(manager, BENCH_PIN), "bench")
            out["pin_check_ms"] = round((time.perf_counter() - t0) * 1000, 1)
            out["rss_after_pin_check_mb"] = peak_rss_mb()
        return out


def run(db_path: Path, home: Path, exclude: set[str], parts: set[str]) -> dict:
    d = Driver(db_path, home, exclude)
    open_ms, rss_after, errors = d.open_tabs()
    result: dict = {"open_ms": open_ms, "open_cpu_ms": getattr(d, "open_cpu", {}), "rss_after_tab_mb": rss_after,
                    "errors": errors,
                    "rss_after_tabs_mb": peak_rss_mb(),
                    "overview_first_numbers_ms": getattr(d, "overview_first_numbers_ms", None),
                    "start_tab": d.keys[-1] if d.keys else None, "warmup_ms": getattr(d, "warmup_ms", None)}
    keys = list(open_ms)
    if "switch" in parts:
        try:
            result["switch_after_change_ms"], errs = d.switch_after_change(keys)
            result["switch_after_change_cpu_ms"] = d.switch_cpu
            errors.update({f"switch.{k}": v for k, v in errs.items()})
        except Exception:  # noqa: BLE001
            errors["switch"] = traceback.format_exc(limit=4)
    if "sweep" in parts:
        sweep: dict[str, dict] = {}
        slowest: list = []
        for key in keys:
            try:
                actions = d.sweep(key)
            except Exception as exc:  # noqa: BLE001
                errors[f"sweep.{key}"] = _err(exc)
                continue
            d.sweep_cpu += d.tab_sweep_cpu
            sweep[key] = stats([ms for _l, ms in actions])
            slowest += [(ms, f"{key}: {label}") for label, ms in actions]
        result["sweep_ms"] = sweep
        result["sweep_all_ms"] = [ms for ms, _l in slowest]
        result["sweep_cpu_ms"] = [round(c, 1) for c in d.sweep_cpu]
        labelled = [(cpu, label) for cpu, (_ms, label) in zip(d.sweep_cpu, slowest)]
        result["sweep_slowest_cpu"] = [f"{label} {cpu:.0f} ms" for cpu, label in sorted(labelled, reverse=True)[:8]]
        result["sweep_slowest"] = [f"{label} {ms:.0f} ms" for ms, label in sorted(slowest, reverse=True)[:8]]
    if "keys" in parts:
        try:
            result["keystroke_ms"] = d.keystrokes()
            result["keystroke_cpu_ms"] = d.keystroke_cpu
        except Exception as exc:  # noqa: BLE001
            errors["keystrokes"] = _err(exc)
    if "backup" in parts:
        try:
            result.update(d.backups())
        except Exception as exc:  # noqa: BLE001
            errors["backup"] = _err(exc)
            traceback.print_exc(file=sys.stderr)
    result["rss_mb"] = peak_rss_mb()
    d.window.close()
    d.db.close()
    return result
