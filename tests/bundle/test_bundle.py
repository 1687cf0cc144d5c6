"""The release bundle: build it with PyInstaller into a temporary folder and start the frozen program offscreen.

Slow (a few minutes), so it runs only when asked for:

    .venv/bin/python -m pytest -m bundle tests/bundle          # or STATION_DESK_BUNDLE_TEST=1
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

from smoke_test_bundle import SMOKE_RE, bundle_files_ok, run_frozen, smoke  # noqa: E402

pytestmark = [pytest.mark.bundle, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def _only_when_asked(request):
    # module scope, and requested by ``bundle``: the skip happens before the (minutes-long) build
    if "bundle" not in (request.config.option.markexpr or "") and not os.environ.get("STATION_DESK_BUNDLE_TEST"):
        pytest.skip("bundle build: run with -m bundle (or STATION_DESK_BUNDLE_TEST=1)")


@pytest.fixture(scope="module")
def bundle(_only_when_asked, tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # PyInstaller's cache lives in the git-ignored build/work/ (a separate folder from a developer's own build),
    # so a second run takes seconds instead of minutes; the bundle itself goes to the temp folder.
    work = ROOT / "build" / "work" / "bundle-test"
    proc = subprocess.run([sys.executable, str(ROOT / "build" / "build_bundle.py"), "--distpath", str(dist),
                           "--workpath", str(work)], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "bundle size:" in proc.stdout
    path = dist / "station_desk"
    assert path.is_dir()
    return path


def test_bundle_has_its_data_files(bundle):
    assert bundle_files_ok(bundle) == []
    for name in ("station_desk", "station_desk_cli"):
        assert (bundle / (name + (".exe" if os.name == "nt" else ""))).is_file(), name


def test_frozen_program_starts_offscreen_with_demo(bundle, tmp_path):
    line = smoke(bundle, home=tmp_path)  # --smoke --demo, then migrate and check through the frozen program
    m = SMOKE_RE.search(line)
    assert m, line
    assert int(m.group(3)) >= 2  # at least the staff and audit tabs
    assert (tmp_path / "demo-station.db").is_file()


def test_frozen_program_refuses_a_bad_file_in_chinese(bundle, tmp_path):
    """A bad --db is refused with the Chinese message and exit 2, not a traceback (messages are bundled)."""
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 10)
    proc = run_frozen(bundle / ("station_desk_cli.exe" if os.name == "nt" else "station_desk_cli"),
                      ["--smoke", "--db", str(bad)], tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "不是本程序的数据文件" in proc.stderr
