"""Forms generated from the Qt Designer files in ``ui/`` by ``pyside6-uic`` (``build/compile_ui.py``; the
generated ``*_ui.py`` are not committed). Import them plainly (``from station_desk.qt.forms.main_window_ui import
Ui_MainWindow``): in a source checkout, importing this package first regenerates any form that is missing or older
than its ``.ui`` file, so editing a ``.ui`` file and restarting is enough. The bundle has no ``ui/`` folder and
carries the forms it was built with."""

from __future__ import annotations

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


def refresh_forms() -> list[Path]:
    """Regenerate the forms whose ``.ui`` file is newer (or that are missing); the ones it wrote."""
    written = []
    for src in sorted(UI_DIR.glob("*.ui")) if UI_DIR.is_dir() else []:
        out = HERE / f"{src.stem}_ui.py"
        if not out.exists() or out.stat().st_mtime < src.stat().st_mtime:
            written.append(compile_form(src.stem))
    if written:
        import importlib

        importlib.invalidate_caches()
    return written


refresh_forms()
