"""PySide's import hook (``__feature__``) asks every imported module whether it uses PySide6 by reading its whole
source through ``inspect.getsource``, which keeps every line in ``linecache`` for the life of the process (tens of
MB). ``station_desk.qt`` gives it the same answer from the file's bytes and keeps nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str, tmp_path) -> str:
    (tmp_path / "uses_qt_mod.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    (tmp_path / "plain_mod.py").write_text("VALUE = 1\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys, linecache
        sys.path.insert(0, {str(tmp_path)!r})
        {code}
        import uses_qt_mod, plain_mod
        feature = sys.modules["shibokensupport.feature"]
        kept = [f for f in linecache.cache if f.endswith(("uses_qt_mod.py", "plain_mod.py"))]
        print(feature.pyside_feature_dict.get("uses_qt_mod"), feature.pyside_feature_dict.get("plain_mod"),
              len(kept))
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()


def test_pyside_alone_keeps_every_imported_source(tmp_path):
    """The cost this removes is real (this test fails if PySide stops doing it: then the patch can go)."""
    assert _run("import PySide6.QtCore", tmp_path) == ["0", "-1", "2"]


def test_station_desk_qt_gives_the_same_answers_and_keeps_nothing(tmp_path):
    assert _run("import station_desk.qt", tmp_path) == ["0", "-1", "0"]
