"""Start a built bundle offscreen and check it works (used by build_bundle.py --smoke and tests/bundle).

    python build/smoke_test_bundle.py [dist/station_desk]

In a fresh, temporary data folder (``STATION_DESK_HOME``) it runs the frozen program:
1. ``station_desk --smoke --demo``: builds the demo station, the main window and the first tab offscreen; must
   exit 0 and (except on Windows, where this launcher has no console) print
   ``smoke ok: first paint … ms, usable … ms, tabs N``;
2. ``station_desk_cli --smoke --demo`` on the file just built: exit 0 and the smoke line, on every platform;
3. ``station_desk_cli migrate --demo``: reads the Alembic migrations from inside the bundle;
4. ``station_desk_cli check --demo``: integrity, foreign keys and the audit chain of the file it wrote.
Also checks the bundle holds the font, the Chinese translations and the migrations. Exit 0 when all pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SMOKE_RE = re.compile(r"smoke ok: first paint (\d+) ms, usable (\d+) ms, tabs (\d+)")
NAME = "station_desk"


class SmokeFailed(AssertionError):
    pass


def bundle_files_ok(bundle: Path) -> list[str]:
    """Problems with the bundle's data files (empty list = fine)."""
    internal = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    problems = []
    wanted = {
        "font": internal / "resources" / "fonts" / "wqy-microhei.ttc",
        "migrations env.py": internal / "station_desk" / "db" / "migrations" / "env.py",
        "migrations script.py.mako": internal / "station_desk" / "db" / "migrations" / "script.py.mako",
    }
    for what, path in wanted.items():
        if not path.is_file():
            problems.append(f"missing {what}: {path}")
    if not list((internal / "resources" / "translations").glob("*_zh_CN.qm")):
        problems.append("no resources/translations/*_zh_CN.qm")
    if not list(internal.rglob("qtbase_zh_CN.qm")):
        problems.append("no Qt qtbase_zh_CN.qm")
    return problems


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["STATION_DESK_HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPATH", None)  # the frozen program must not see the source tree
    env.pop("PYTHONHOME", None)
    return env


def run_frozen(exe: Path, args: list[str], home: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], env=_env(home), capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout, cwd=str(home))


def _launcher(bundle: Path, name: str) -> Path:
    return bundle / (name + (".exe" if os.name == "nt" else ""))


def smoke(exe: Path, home: Path | None = None) -> str:
    """Run the checks on a bundle folder (or its executable); returns the smoke line. Raises SmokeFailed."""
    exe = Path(exe).resolve()
    bundle = exe if exe.is_dir() else exe.parent
    main_exe = _launcher(bundle, NAME)
    cli_exe = _launcher(bundle, NAME + "_cli")
    if not main_exe.is_file():
        raise SmokeFailed(f"no executable at {main_exe}")
    if not cli_exe.is_file():
        cli_exe = main_exe
    problems = bundle_files_ok(bundle)
    if problems:
        raise SmokeFailed("; ".join(problems))
    with tempfile.TemporaryDirectory(prefix="sd-bundle-smoke-") as tmp:
        home = Path(home or tmp)
        # 1. the program itself (windowed on Windows: no output there, the exit code tells)
        proc = run_frozen(main_exe, ["--smoke", "--demo"], home)
        if proc.returncode != 0:
            raise SmokeFailed(f"--smoke --demo exited {proc.returncode}:\n{(proc.stdout + proc.stderr)[-3000:]}")
        if os.name != "nt" and not SMOKE_RE.search(proc.stdout):
            raise SmokeFailed(f"no smoke line in the output:\n{(proc.stdout + proc.stderr)[-3000:]}")
        if not (home / "demo-station.db").is_file():
            raise SmokeFailed("the frozen program wrote no demo-station.db in STATION_DESK_HOME")
        # 2. the console launcher on the demo file just built: the smoke line must be there on every platform
        proc = run_frozen(cli_exe, ["--smoke", "--demo"], home)
        m = SMOKE_RE.search(proc.stdout)
        if proc.returncode != 0 or m is None:
            raise SmokeFailed(f"{cli_exe.name} --smoke --demo exited {proc.returncode}:\n"
                              f"{(proc.stdout + proc.stderr)[-3000:]}")
        if int(m.group(3)) < 1:
            raise SmokeFailed(f"no tabs in the main window: {m.group(0)}")
        # 3. the migrations are read from inside the bundle; 4. the file the frozen program wrote is sound
        mig = run_frozen(cli_exe, ["migrate", "--demo"], home)
        if mig.returncode != 0 or "schema:" not in mig.stdout:
            raise SmokeFailed(f"migrate exited {mig.returncode}:\n{(mig.stdout + mig.stderr)[-3000:]}")
        chk = run_frozen(cli_exe, ["check", "--demo"], home)
        if chk.returncode != 0:
            raise SmokeFailed(f"check exited {chk.returncode}:\n{(chk.stdout + chk.stderr)[-3000:]}")
    return m.group(0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    bundle = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "dist" / NAME
    try:
        print(smoke(bundle))
    except SmokeFailed as exc:
        print(f"bundle smoke test FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
