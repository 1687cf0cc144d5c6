"""Layer boundaries (docs/layout.md): services never import Qt; Qt files never touch the database directly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "station_desk"
QT_FILE_NAMES = {"tab.py", "dialogs.py", "widgets.py", "app.py"}
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b")
DB_CALLS = {"session", "execute", "exec_driver_sql", "exec"}


def is_qt_file(path: Path) -> bool:
    rel = path.relative_to(PKG)
    return (rel.parts[0] == "qt" or path.name in QT_FILE_NAMES or path.name.startswith("tab_")) and \
        "forms" not in rel.parts


def imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files():
    return [p for p in PKG.rglob("*.py") if "forms" not in p.relative_to(PKG).parts]


def test_services_never_import_qt():
    offenders = []
    for path in python_files():
        if is_qt_file(path):
            continue
        mods = imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        if any(m.split(".")[0] in ("PySide6", "shiboken6") for m in mods):
            offenders.append(str(path.relative_to(PKG)))
    assert offenders == [], f"Qt imported outside the Qt layer: {offenders}"


def test_qt_files_never_touch_the_database():
    offenders = []
    for path in python_files():
        if not is_qt_file(path):
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        mods = imported_modules(tree)
        if any(m.split(".")[0] in ("sqlmodel", "sqlalchemy", "sqlite3") for m in mods):
            offenders.append(f"{path.relative_to(PKG)}: imports the database layer")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                offenders.append(f"{path.relative_to(PKG)}:{node.lineno}: SQL text")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DB_CALLS:
                owner = node.func.value
                if isinstance(owner, ast.Attribute) and owner.attr == "db" or \
                        isinstance(owner, ast.Name) and owner.id == "db":
                    offenders.append(f"{path.relative_to(PKG)}:{node.lineno}: db.{node.func.attr}()")
    assert offenders == [], "\n".join(offenders)


def test_the_check_itself_catches_offenders(tmp_path):
    """The rules above would fail on a bad file (a boundary test that cannot fail is a defect)."""
    bad = ast.parse("import sqlmodel\nfrom PySide6.QtWidgets import QWidget\nq = 'SELECT * FROM customer'\n")
    assert {"sqlmodel", "PySide6.QtWidgets"} <= imported_modules(bad)
    assert SQL.search("SELECT * FROM customer")


def test_heavy_libraries_not_imported_at_startup():
    """reportlab and openpyxl load only when a sheet or workbook is made (start-up speed)."""
    import subprocess
    import sys

    code = ("import station_desk.app, station_desk.qt.main_window, station_desk.cli, sys; "
            "print(','.join(m for m in ('reportlab', 'openpyxl', 'sqlmodel') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert "reportlab" not in out and "openpyxl" not in out


def test_window_path_does_not_register_module_commands():
    from station_desk.cli import _wants_window

    assert _wants_window([]) and _wants_window(["--demo"]) and _wants_window(["--db", "x.db", "--smoke"])
    assert _wants_window(["run", "--demo"])
    assert not _wants_window(["check"]) and not _wants_window(["--db", "run.db", "points", "--month", "2026-10"])
    assert not _wants_window(["--help"])
