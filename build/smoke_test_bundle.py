"""Start a built bundle offscreen and check it works (used by build_bundle.py --smoke and tests/bundle).

    python build/smoke_test_bundle.py [dist/station_desk]

In a fresh, temporary data folder (``STATION_DESK_HOME``) it runs the frozen program:
1. ``--smoke --demo``: builds the demo station, the main window and the first tab offscreen; must exit 0 and print
   ``smoke ok: first paint … ms, usable … ms, tabs N``;
2. ``migrate --demo``: reads the Alembic migrations from inside the bundle and prints the schema revision;
3. ``check --demo``: integrity, foreign keys and the audit chain of the file the frozen program wrote.
Also checks the bundle holds the font, the Chinese translations and the migrations. Exit 0 when all pass.

A Windows bundle built without a console (the default) prints nothing; build it with STATION_DESK_CONSOLE=1 to
see the output, or rely on the exit codes (this script accepts an empty output on Windows only).
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


def smoke(exe: Path, home: Path | None = None) -> str:
    """Run the checks; returns the smoke line. Raises SmokeFailed."""
    exe = Path(exe).resolve()
    if exe.is_dir():
        exe = exe / (NAME + (".exe" if os.name == "nt" else ""))
    if not exe.is_file():
        raise SmokeFailed(f"no executable at {exe}")
    problems = bundle_files_ok(exe.parent)
    if problems:
        raise SmokeFailed("; ".join(problems))
    with tempfile.TemporaryDirectory(prefix="sd-bundle-smoke-") as tmp:
        home = Path(home or tmp)
        proc = run_frozen(exe, ["--smoke", "--demo"], home)
        out = proc.stdout + proc.stderr
        if proc.returncode != 0:
            raise SmokeFailed(f"--smoke --demo exited {proc.returncode}:\n{out[-3000:]}")
        m = SMOKE_RE.search(proc.stdout)
        if m is None and not (os.name == "nt" and not proc.stdout.strip()):
            raise SmokeFailed(f"no smoke line in the output:\n{out[-3000:]}")
        line = m.group(0) if m else "smoke ok (windowed build: no output, exit 0)"
        if m and int(m.group(3)) < 1:
            raise SmokeFailed(f"no tabs in the main window: {line}")
        mig = run_frozen(exe, ["migrate", "--demo"], home)
        if mig.returncode != 0 or (mig.stdout and "schema:" not in mig.stdout):
            raise SmokeFailed(f"migrate exited {mig.returncode}:\n{(mig.stdout + mig.stderr)[-3000:]}")
        chk = run_frozen(exe, ["check", "--demo"], home)
        if chk.returncode != 0:
            raise SmokeFailed(f"check exited {chk.returncode}:\n{(chk.stdout + chk.stderr)[-3000:]}")
        if not (home / "demo-station.db").is_file():
            raise SmokeFailed("the frozen program wrote no demo-station.db in STATION_DESK_HOME")
    return line


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
