"""Forms generated from the Qt Designer files in ``ui/`` by ``pyside6-uic`` (``build/compile_ui.py``; the
generated ``*_ui.py`` are not committed). Import them plainly (``from station_desk.qt.forms.main_window_ui import
Ui_MainWindow``): in a source checkout, importing this package first regenerates any form that is missing or older
than its ``.ui`` file, so editing a ``.ui`` file and restarting is enough. The bundle has no ``ui/`` folder and
carries the forms it was built with."""

from __future__ import annotations

import re
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
    out.write_text(tidy_form(out.read_text(encoding="utf-8")), encoding="utf-8")
    return out


_SET_SHORTCUT = re.compile(r"\.setShortcut\((.*)\)$", re.M)


def tidy_form(source: str) -> str:
    """What uic writes, made cheap to import and build (the main window's form is built before the first paint).
    PySide6 builds a class's Python enums the first time the class is looked up (``Qt`` alone: ~90 enums, ~15 ms):

    - ``action.setShortcut("Ctrl+Q")`` looks ``Qt`` up to choose its overload; ``setShortcuts([QKeySequence(…)])``
      sets the same one shortcut without it;
    - uic imports some forty classes whatever the form holds: only the PySide6 names the form uses are kept."""
    import ast

    source = _SET_SHORTCUT.sub(r".setShortcuts([QKeySequence(\1)])", source)
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            names = [a.name for a in node.names if (a.asname or a.name) in used]
            text = f"from {node.module} import {', '.join(names)}\n" if names else ""
            lines[node.lineno - 1:node.end_lineno] = [text]
    return "".join(lines)


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
