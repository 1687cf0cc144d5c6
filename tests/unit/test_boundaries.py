"""Layer boundaries (docs/layout.md): services never import Qt; Qt files never touch the database directly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "station_desk"
QT_FILE_NAMES = {"tab.py", "dialogs.py", "widgets.py", "app.py"}
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b")
DB_CALLS = {"session", "execute", "exec_driver_sql", "exec"}


#: a view split along a seam keeps its kind in its name: tab_day.py is a page of tab.py, dialogs_recovery.py more
#: dialogs of the module
QT_FILE_PREFIXES = ("tab_", "dialogs_")


def is_qt_file(path: Path) -> bool:
    rel = path.relative_to(PKG)
    return (rel.parts[0] == "qt" or path.name in QT_FILE_NAMES or path.name.startswith(QT_FILE_PREFIXES)) and \
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
    views = ["qt/ops.py", "backup/tab.py", "points/tab_day.py", "backup/dialogs.py", "backup/dialogs_recovery.py",
             "backup/widgets.py"]
    rules = ["backup/service.py", "backup/restore.py", "points/month.py", "qt/forms/ui_x.py"]
    assert all(is_qt_file(PKG / v) for v in views) and not any(is_qt_file(PKG / r) for r in rules)


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


# -- one road for writes ------------------------------------------------------------------------------------------
#: the calls that run a function on the database worker (or another thread): a write passed to them is on the road
ROADS = {"Op", "run_now", "call_on_worker", "run_in_thread", "run_op",
         "manager_step"}  # AttendancePage.manager_step asks, then run_op's the call


def write_functions() -> dict[str, set[str]]:
    """Service functions that write: module → names of the functions whose body opens ``db.session()`` or calls
    one that does (in the same module)."""
    out: dict[str, set[str]] = {}
    for path in python_files():
        if is_qt_file(path) or "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        writes = {name for name, f in funcs.items() if any(
            isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "session"
            for c in ast.walk(f))}
        grew = True
        while grew:
            grew = False
            for name, f in funcs.items():
                if name not in writes and any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
                                              and c.func.id in writes for c in ast.walk(f)):
                    writes.add(name)
                    grew = True
        # names a package re-exports from its modules count for the package too
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if alias.name in out.get(node.module, set()):
                        writes.add(alias.asname or alias.name)
        out[module] = writes
    return out


def _calls_on_the_road(tree: ast.AST, writes: dict[str, set[str]]) -> list[tuple[int, str]]:
    aliases: dict[str, str | tuple[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("station_desk"):
            for a in node.names:
                full = f"{node.module}.{a.name}"
                if full in writes:
                    aliases[a.asname or a.name] = full
                elif a.name in writes.get(node.module, set()):
                    aliases[a.asname or a.name] = (node.module, a.name)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def on_road(node) -> bool:
        while node in parents:
            parent = parents[node]
            if isinstance(node, (ast.Lambda, ast.FunctionDef)):
                # a lambda or nested function handed to Op (or returned by a FormDialog's work()) is on the road
                if isinstance(parent, ast.Call) and getattr(parent.func, "id", getattr(parent.func, "attr", "")) \
                        in ROADS:
                    return True
                if isinstance(parent, ast.Return):
                    func = parent
                    while func in parents and not isinstance(func, ast.FunctionDef):
                        func = parents[func]
                    return isinstance(func, ast.FunctionDef) and func.name == "work"
                if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and \
                        isinstance(parent.targets[0], ast.Name):  # fn = lambda: …; Op(self, fn)
                    name, func = parent.targets[0].id, parent
                    while func in parents and not isinstance(func, ast.FunctionDef):
                        func = parents[func]
                    return any(isinstance(c, ast.Call) and getattr(c.func, "id", getattr(c.func, "attr", ""))
                               in ROADS and any(isinstance(a, ast.Name) and a.id == name for a in c.args)
                               for c in ast.walk(func))
                if isinstance(node, ast.FunctionDef) and isinstance(parent, ast.FunctionDef):
                    handed = any(isinstance(c, ast.Call) and getattr(c.func, "id", getattr(c.func, "attr", ""))
                                 in ROADS and any(isinstance(a, ast.Name) and a.id == node.name for a in c.args)
                                 for c in ast.walk(parent))
                    return handed
                return False
            node = parent
        return False

    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f, hit = node.func, None
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and isinstance(aliases.get(f.value.id), str):
            if f.attr in writes[aliases[f.value.id]]:
                hit = f"{aliases[f.value.id]}.{f.attr}"
        elif isinstance(f, ast.Name) and isinstance(aliases.get(f.id), tuple):
            hit = ".".join(aliases[f.id])
        if hit and not on_road(node):
            bad.append((node.lineno, hit))
    return bad


def test_qt_files_write_only_through_op():
    """Every service write from a Qt file runs on the database worker: a lambda or function handed to ``Op``
    (or ``run_now`` / ``call_on_worker``), or the call a ``FormDialog.work()`` returns."""
    writes = write_functions()
    offenders = []
    for path in python_files():
        if is_qt_file(path):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(PKG)}:{line}: {name}" for line, name in _calls_on_the_road(tree, writes)]
    assert offenders == [], "\n".join(offenders)


def test_the_write_check_catches_a_direct_write():
    writes = {"station_desk.cash_book.service": {"post_entry"}}
    direct = ast.parse("from station_desk.cash_book import service as cash\n"
                       "class T:\n    def save(self):\n        cash.post_entry(self.db)\n")
    assert _calls_on_the_road(direct, writes) == [(4, "station_desk.cash_book.service.post_entry")]
    synchronous_lambda = ast.parse("from station_desk.cash_book import service as cash\n"
                                   "class T:\n    def save(self):\n        self.on_submit(lambda: cash.post_entry(1))\n")
    assert _calls_on_the_road(synchronous_lambda, writes)
    through_op = ast.parse("from station_desk.cash_book import service as cash\n"
                           "class T:\n    def save(self):\n        Op(self, lambda: cash.post_entry(1)).run()\n"
                           "    def work(self):\n        return lambda: cash.post_entry(2)\n")
    assert _calls_on_the_road(through_op, writes) == []
