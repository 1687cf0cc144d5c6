"""Forms generated from the Qt Designer files in ``ui/`` by ``pyside6-uic`` (``build/compile_ui.py``; the
generated ``*_ui.py`` are not committed). In a source checkout a missing or stale form is regenerated on first use,
so editing a ``.ui`` file and restarting is enough."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI_DIR = HERE.parent.parent.parent / "ui"


def _uic() -> str:
    exe = Path(sys.executable).parent / "pyside6-uic"
    return str(exe) if exe.exists() else "pyside6-uic"


def compile_form(name: str) -> Path:
    import subprocess

    src = UI_DIR / f"{name}.ui"
    out = HERE / f"{name}_ui.py"
    subprocess.run([_uic(), "--from-imports", str(src), "-o", str(out)], check=True)
    # pyside6-uic --from-imports writes "from . import x_rc" only for resources; we have none.
    return out


def load_form(name: str):
    """The ``Ui_…`` class of ``ui/<name>.ui``."""
    src = UI_DIR / f"{name}.ui"
    out = HERE / f"{name}_ui.py"
    if src.exists() and (not out.exists() or out.stat().st_mtime < src.stat().st_mtime):
        compile_form(name)
        importlib.invalidate_caches()
    module = importlib.import_module(f"{__name__}.{name}_ui")
    classes = [v for k, v in vars(module).items() if k.startswith("Ui_")]
    return classes[0]
