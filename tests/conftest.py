"""Shared fixtures. Qt runs offscreen; each test gets its own copy of a template database built once."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.pop("STATION_DESK_NOW", None)  # the run's station time is STATION_DESK_TEST_NOW

import pytest  # noqa: E402

from station_desk import clock  # noqa: E402
from station_desk.actor import Actor, ManagerApproval  # noqa: E402

ARTIFACTS = Path(__file__).parent / "_artifacts"
MANAGER_PIN = "2468"

# The station date the whole run happens on. No test reads the wall clock: every test starts with the station
# clock frozen at this instant (tests that need another moment set it with ``fake_now``). ``./dev.sh test`` sets
# STATION_DESK_TEST_NOW to the station's current time when it is not given, so a run can be repeated exactly:
#   STATION_DESK_TEST_NOW=2028-02-29T12:00 ./dev.sh test
TEST_NOW_ENV = "STATION_DESK_TEST_NOW"


def _run_now() -> dt.datetime:
    text = os.environ.get(TEST_NOW_ENV, "").strip()
    if text:
        try:
            return clock.parse_station_time(text)
        except ValueError:
            raise pytest.UsageError(f"{TEST_NOW_ENV}={text!r}: expected a station time like 2027-01-01T00:05")
    # Running pytest by hand without a date: the station's time once, when the run starts.
    return dt.datetime.now(clock.STATION_TZ).replace(tzinfo=None, microsecond=0)


RUN_NOW = _run_now()
# The moment the fixture station's first manager was registered: before anything any test does.
SETUP_TIME = dt.datetime(2020, 1, 1, 9, 0)


from tests.fixtures.demo import busy_demo_path  # noqa: E402,F401 - a session fixture several folders read


@pytest.fixture(autouse=True)
def station_clock():
    """Every test runs under the run's station time, never the wall clock; restored afterwards."""
    clock.set_fake_now(RUN_NOW)
    yield RUN_NOW
    clock.set_fake_now(RUN_NOW)


# No background warm-up of the tabs in the suite (station_desk.qt.warmup): a main window made by one test would
# import and read in the background during the tests after it. tests/gui/qt/test_warmup.py tests it on its own.
from station_desk.qt import warmup as _warmup  # noqa: E402

_warmup.ENABLED = False


@pytest.fixture(autouse=True)
def modal_handlers_end_with_their_test():
    """An ``on_modal`` handler waiting for a dialog that never came must not take the next test's dialog."""
    yield
    import sys

    helpers = sys.modules.get("tests.gui_helpers")
    if helpers is not None:
        helpers.end_modal_handlers()


@pytest.fixture(autouse=True)
def cheap_pin_kdf(monkeypatch):
    """PIN hashes cost ~0.5 s each in production (staff.auth.PRODUCTION_PIN_KDF); the suite hashes with a cheap
    cost. Verification follows the cost stored in each hash, so nothing else changes."""
    from station_desk.staff import auth

    monkeypatch.setattr(auth, "PIN_KDF", auth.TEST_KDF)


# The engine the suite runs on: SQLite files (the default), or PostgreSQL with
#   STATION_DESK_TEST_ENGINE=postgresql STATION_DESK_TEST_PG=postgresql://user@host:port/postgres
# (``./dev.sh test`` with STATION_DESK_TEST_ENGINE=postgresql starts a throw-away cluster and sets both; see
# tests/pg_cluster.sh). On PostgreSQL every ``db`` is its own database, copied from a template database migrated
# once per test process. Tests about what only an SQLite file has (its bytes, WAL, PRAGMAs, file copies) are marked
# ``sqlite_only`` and skipped there.
ENGINE = os.environ.get("STATION_DESK_TEST_ENGINE", "sqlite").strip().lower() or "sqlite"
if ENGINE not in ("sqlite", "postgresql"):
    raise pytest.UsageError(f"STATION_DESK_TEST_ENGINE={ENGINE!r}: sqlite or postgresql")
ON_PG = ENGINE == "postgresql"


#: folders whose every test is about the SQLite file: its backups (file copies, WAL, integrity_check), ``check``'s
#: read-only file access, kill -9 during a file write. A PostgreSQL station's backups and check are tested in
#: tests/unit/db/test_postgresql.py.
SQLITE_ONLY_FOLDERS = ("unit/backup/", "gui/backup/", "unit/check/", "crash/")


def pytest_sessionstart(session):
    """A test process that crashes in Qt's C++ (a segfault ends an xdist worker with no Python traceback) leaves the
    Python stack of every thread in tests/_artifacts/crash-<worker>.log, so a rare crash on CI can be read later."""
    import faulthandler

    ARTIFACTS.mkdir(exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    session.config._crash_log = open(ARTIFACTS / f"crash-{worker}.log", "w")  # kept open for the whole run
    faulthandler.enable(session.config._crash_log, all_threads=True)


def pytest_collection_modifyitems(config, items):
    if not ON_PG:
        return
    skip = pytest.mark.skip(reason="about the SQLite file itself (STATION_DESK_TEST_ENGINE=postgresql)")
    here = Path(__file__).parent
    for item in items:
        try:
            rel = Path(str(item.fspath)).relative_to(here).as_posix()
        except ValueError:
            rel = ""
        if item.get_closest_marker("sqlite_only") or rel.startswith(SQLITE_ONLY_FOLDERS):
            item.add_marker(skip)


def pytest_report_header(config):  # noqa: F811 - one header, both lines
    return [f"station time of this run: {RUN_NOW.isoformat(timespec='minutes')} (UTC+8; set {TEST_NOW_ENV} to "
            f"repeat it)", f"database engine: {ENGINE}"]


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL test server (``tests.pg``), or a skip on the SQLite run."""
    if not ON_PG:
        pytest.skip("needs STATION_DESK_TEST_ENGINE=postgresql")
    from tests import pg

    return pg.server()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    from station_desk.db.migrate import open_database

    if ON_PG:
        from tests import pg

        return pg.server().template()
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path, backup_before_migrate=False)  # every table, stamped at the head revision
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def db(template_db, tmp_path, monkeypatch):
    """An empty station database (all tables, no rows) in its own folder."""
    from station_desk.db.engine import Database

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    if ON_PG:
        from tests import pg

        url = pg.server().copy_of(template_db)
        database = Database(url)
        yield database
        database.close()
        pg.server().drop(url)
        return
    path = tmp_path / "station.db"
    shutil.copyfile(template_db, path)
    database = Database(path)
    yield database
    database.close()


@pytest.fixture
def manager(db) -> tuple[Actor, ManagerApproval]:
    """The station's first manager, signed in, with a valid approval."""
    from station_desk.staff import service as staff

    with clock.fake_time(SETUP_TIME):  # registered on the day of hire, before anything a test does
        actor = staff.create_first_manager(db, emp_no="M001", name="王经理", pin=MANAGER_PIN,
                                           hire_date=SETUP_TIME.date())
    return actor, ManagerApproval(actor.staff_id, MANAGER_PIN)


@pytest.fixture
def fake_now():
    """Freeze station time: ``fake_now(datetime)``; restored after the test."""
    def _set(value):
        clock.set_fake_now(value)

    yield _set
    clock.set_fake_now(RUN_NOW)


@pytest.fixture
def pin_fd():
    """PINs for a command, as a script gives them: ``main([..., "--pin-fd", pin_fd("1234", "2468")])`` (one per
    line: the acting person's, then the manager's). The pipe is closed after the test."""
    fds = []

    def _make(*pins: str) -> str:
        read_end, write_end = os.pipe()
        os.write(write_end, "".join(p + "\n" for p in pins).encode())
        os.close(write_end)
        fds.append(read_end)
        return str(read_end)

    yield _make
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def zh_app(qapp):
    """The QApplication with the bundled font and the Chinese translations loaded (as the program starts)."""
    from station_desk.app import make_application

    make_application(language="zh_CN")
    return qapp


@pytest.fixture
def make_ctx(db):
    """Build an AppContext for a signed-in actor: ``ctx = make_ctx(actor)``."""
    from station_desk.qt.context import AppContext

    def _make(actor, *, is_demo: bool = False):
        return AppContext(db=db, actor=actor, is_demo=is_demo)

    return _make


@pytest.fixture
def main_window(zh_app, qtbot, tmp_path):
    """A MainWindow not yet attached (call ``window.attach(ctx)``), with its own QSettings file."""
    from PySide6.QtCore import QSettings

    from station_desk.qt.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window
