"""Bad input never ends in a traceback (issue: 13 of 81 bad command-line inputs ended in Python tracebacks).

Every command of ``station-desk`` is fed generated bad values — huge numbers, impossible dates, control and bidi
characters, undecodable bytes, 10,000-character text — with and without a signed-in manager. Each run must end in
a refusal (exit status 2, or 1 for a report with problems) or a success, never an exception. The figures are
printed (``-m reliability -s``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station_desk import cli, clock
from tests.conftest import MANAGER_PIN

pytestmark = pytest.mark.reliability

BAD = ["9" * 25, "-1", "0", "-99999999999999999999", "9999-12", "0001-01-01", "2026-13-01", "2026-02-30",
       "12/2026", "\x00", "a\x00b", "\x1b[31m红\x1b[0m", "\u202e反向", "\udcff\udcfe", "a" * 10_000, "", " ",
       "¥5", "NaN", "1e309", "-0.001", "1.999", "2026-11", "2026-11-30", "M001", "J01", "1", "999999",
       "../../etc/passwd", "con", "C:\\nul", "\t", "是", "cash", "repair", "technician"]
SKIP = {"run", "--help"}


def _commands():
    parser = cli.build_parser(modules=True)
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    out = []
    for name, sp in sub.choices.items():
        if name in SKIP:
            continue
        options = [a for a in sp._actions if a.option_strings and a.dest not in ("help", "db", "demo", "pin_fd",
                                                                                   "as_emp_no", "manager")]
        positionals = [a for a in sp._actions if not a.option_strings]
        out.append((name, options, positionals, any(a.dest == "manager" for a in sp._actions),
                    any(a.dest == "as_emp_no" for a in sp._actions)))
    return out


COMMANDS = _commands()


@pytest.fixture(scope="module")
def station_file(tmp_path_factory):
    from station_desk.customers import service as customers
    from station_desk.db.migrate import open_database
    from station_desk.staff import service as staff

    with clock.fake_time(dt.datetime(2026, 11, 20, 10, 0)):
        path = tmp_path_factory.mktemp("fuzz") / "station.db"
        db = open_database(path, backup_before_migrate=False)
        actor = staff.create_first_manager(db, emp_no="M001", name="王经理", pin=MANAGER_PIN,
                                           hire_date=dt.date(2020, 1, 1))
        from station_desk.actor import ManagerApproval

        staff.add_staff(db, actor=actor, approval=ManagerApproval(actor.staff_id, MANAGER_PIN), emp_no="J01",
                        name="马宇航", role="technician", hire_date=dt.date(2024, 1, 1))
        customers.create_customer(db, actor=actor, account_no="A1", name="张三", phone="13800000000")
        db.close()
    return path


@st.composite
def invocations(draw):
    name, options, positionals, has_manager, has_actor = draw(st.sampled_from(COMMANDS))
    argv = [name]
    for pos in positionals:
        if pos.choices:
            argv.append(draw(st.sampled_from(list(pos.choices) + ["没有这个"])))
        elif pos.nargs in ("?", "*") and draw(st.booleans()):
            continue
        else:
            argv.append(draw(st.sampled_from(BAD)))
    for opt in draw(st.lists(st.sampled_from(options), max_size=4, unique_by=lambda a: a.dest)) if options else []:
        argv.append(opt.option_strings[-1])
        if opt.nargs != 0:
            argv.append(draw(st.sampled_from(BAD)) if not opt.choices else
                        draw(st.sampled_from(list(opt.choices) + ["没有这个"])))
    signed = draw(st.booleans()) and (has_actor or has_manager)
    return argv, signed, has_manager


FIGURES = {"runs": 0, "tracebacks": 0}  # of the generated runs (printed by the test)


@settings(max_examples=int(os.environ.get("STATION_DESK_FUZZ_EXAMPLES", "150")), deadline=None,
          derandomize=os.environ.get("STATION_DESK_FUZZ_RANDOM") is None,  # =1: a new draw each run
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(invocations())
def _fuzz(station_file, tmp_path_factory, invocation):
    argv, signed, has_manager = invocation
    _run_once(station_file, tmp_path_factory.mktemp("run"), argv, signed=signed, has_manager=has_manager)


def test_no_command_ends_in_a_traceback(station_file, tmp_path_factory):
    FIGURES.update(runs=0, tracebacks=0)
    try:
        _fuzz(station_file, tmp_path_factory)
    finally:
        print(f"\nCLI fuzz: {FIGURES['runs']} generated bad command lines, {FIGURES['tracebacks']} tracebacks "
              f"(target 0)")


def _run_once(station_file, folder, argv, *, signed: bool, has_manager: bool) -> None:
    path = folder / "station.db"
    shutil.copyfile(station_file, path)
    argv = [a.replace("{folder}", str(folder)) for a in argv] + ["--db", str(path)]
    fds = []
    if signed:
        read_end, write_end = os.pipe()
        os.write(write_end, ((MANAGER_PIN + "\n") * 4).encode())
        os.close(write_end)
        fds.append(read_end)
        argv += ["--as", "M001", "--pin-fd", str(read_end)] + (["--manager", "M001"] if has_manager else [])
    # streams that encode as a real terminal or pipe does (a StringIO would accept what stdout cannot write)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    FIGURES["runs"] += 1
    old_home, old_cwd = os.environ.get("STATION_DESK_HOME"), os.getcwd()
    os.environ["STATION_DESK_HOME"] = str(folder / "home")
    os.chdir(folder)  # output files named by relative paths land in the run's own folder
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse's own refusal of a malformed command line
                code = exc.code
    except BaseException:
        FIGURES["tracebacks"] += 1
        raise
    finally:
        os.chdir(old_cwd)
        for fd in fds:
            os.close(fd)
        if old_home is None:
            os.environ.pop("STATION_DESK_HOME", None)
        else:
            os.environ["STATION_DESK_HOME"] = old_home
    assert code in (0, 1, 2), (argv, code)
    err.flush()
    assert b"Traceback" not in err.buffer.getvalue()


WORST = ["9" * 25, "9999-12", "a\x00b", "\udcff\udcfe", "0001-01-01"]
GRID = [(name, opt.option_strings[-1], value, [p for p in positionals])
        for name, options, positionals, _m, _a in COMMANDS for opt in options if opt.nargs != 0 and not opt.choices
        for value in WORST]


@pytest.mark.parametrize("name,option,value,positionals", GRID,
                         ids=[f"{g[0]}{g[1]}-{i % len(WORST)}" for i, g in enumerate(GRID)])
def test_every_option_refuses_the_worst_values(station_file, tmp_path, name, option, value, positionals):
    """Each option of each command, with the values the issue found tracebacks for, deterministically."""
    argv = [name]
    for pos in positionals:
        if pos.choices:
            argv.append(next(c for c in pos.choices if c not in ("load", "import", "import-staff", "restore")))
        elif pos.nargs not in ("?", "*"):
            argv.append("2026-11")
    _run_once(station_file, tmp_path, argv + [option, value], signed=False, has_manager=False)
