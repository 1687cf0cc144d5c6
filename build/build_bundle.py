"""Build the one-folder release bundle ``dist/station_desk/`` (and optionally a zip to hand to a station).

    python build/build_bundle.py                 # translations + forms + PyInstaller → dist/station_desk/
    python build/build_bundle.py --zip           # … and dist/station_desk-<version>-<platform>.zip
    python build/build_bundle.py --distpath D --workpath W   # elsewhere (the bundle test uses a temp folder)
    python build/build_bundle.py --smoke         # … then start the frozen program with --smoke --demo

Works the same on Windows (``.venv\\Scripts\\python build\\build_bundle.py``). PyInstaller's work files go to
``build/work/`` and the bundle to ``dist/`` (both git-ignored). Prints the build time and the bundle size.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "station_desk.spec"
NAME = "station_desk"


def folder_size(path: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``path``."""
    total = count = 0
    for f in path.rglob("*"):
        if f.is_file() and not f.is_symlink():
            total += f.stat().st_size
            count += 1
    return total, count


def _stale(pairs) -> bool:
    return any(not out.exists() or out.stat().st_mtime < src.stat().st_mtime for src, out in pairs)


def prepare(python: str) -> None:
    """Compile the translations (.ts → .qm) and generate the Designer forms (*_ui.py) the spec bundles.

    Only when something is out of date: a running program maps its .qm files into memory, and rewriting one in
    place under it (lrelease writes in place) kills that program with SIGBUS — in a shared working tree that is
    somebody else's test run."""
    ts_dir = ROOT / "resources" / "translations"
    if _stale((ts, ts.with_suffix(".qm")) for ts in ts_dir.glob("*.ts")):
        subprocess.run([python, str(HERE / "i18n.py"), "compile"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    forms = ROOT / "station_desk" / "qt" / "forms"
    if _stale((ui, forms / f"{ui.stem}_ui.py") for ui in (ROOT / "ui").glob("*.ui")):
        subprocess.run([python, str(HERE / "compile_ui.py")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def run_pyinstaller(python: str, distpath: Path, workpath: Path, clean: bool) -> None:
    cmd = [python, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
           "--distpath", str(distpath), "--workpath", str(workpath)]
    if clean:
        cmd.append("--clean")
    subprocess.run(cmd, cwd=ROOT, check=True)


def executable(bundle: Path) -> Path:
    return bundle / (NAME + (".exe" if os.name == "nt" else ""))


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from station_desk import __version__

    return __version__


def make_zip(bundle: Path, distpath: Path) -> Path:
    plat = {"Windows": "windows", "Linux": "linux", "Darwin": "macos"}.get(platform.system(), platform.system())
    base = distpath / f"{NAME}-{version()}-{plat}-{platform.machine().lower()}"
    return Path(shutil.make_archive(str(base), "zip", root_dir=bundle.parent, base_dir=bundle.name))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--distpath", type=Path, default=ROOT / "dist")
    p.add_argument("--workpath", type=Path, default=HERE / "work")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first (slower)")
    p.add_argument("--skip-prepare", action="store_true", help="translations and forms are already compiled")
    p.add_argument("--zip", action="store_true", help="also write a zip of the bundle beside it")
    p.add_argument("--smoke", action="store_true", help="start the frozen program with --smoke --demo afterwards")
    args = p.parse_args(argv)

    python = sys.executable
    started = time.perf_counter()
    if not args.skip_prepare:
        prepare(python)
    run_pyinstaller(python, args.distpath.resolve(), args.workpath.resolve(), args.clean)
    seconds = time.perf_counter() - started
    bundle = args.distpath.resolve() / NAME
    size, files = folder_size(bundle)
    print(f"bundle: {bundle}")
    print(f"build time: {seconds:.0f} s; bundle size: {size / 1e6:.1f} MB in {files} files")
    if args.zip:
        archive = make_zip(bundle, args.distpath.resolve())
        print(f"zip: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    if args.smoke:
        sys.path.insert(0, str(HERE))
        from smoke_test_bundle import smoke

        line = smoke(executable(bundle))
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
