"""Imports among the points packages run one way (issue #13): the ledger at the bottom, the modules that credit it,
the monthly points engine, the instant rewards, the month close on top. Qt views and CLI commands sit above all of
them and are not checked here (the lead's layer test covers the whole tree)."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[3] / "station_desk"

#: low → high; a core file may import only packages of a lower rank (never a higher one or one of its own rank)
ORDER = {"points_ledger": 0, "work_orders": 1, "attendance": 1, "points": 2, "rewards": 3, "month_close": 4}
NOT_CORE = {"tab.py", "dialogs.py", "widgets.py", "cli.py"}


def _targets(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):  # lazy imports inside functions count too
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for name in names:
            parts = name.split(".")
            if parts[0] == "station_desk" and len(parts) > 1:
                out.add(parts[1])
            if isinstance(node, ast.ImportFrom) and name == "station_desk":
                out.update(a.name for a in node.names)
    return out


def upward_imports(root: Path = PKG) -> list[str]:
    bad = []
    for package, rank in ORDER.items():
        for path in sorted((root / package).rglob("*.py")):
            if path.name in NOT_CORE or path.name.startswith("tab_"):
                continue
            for target in _targets(ast.parse(path.read_text(encoding="utf-8"))):
                if target != package and ORDER.get(target, -1) >= rank:
                    bad.append(f"{path.relative_to(root)} imports {target}")
    return bad


def test_points_packages_import_only_downwards():
    assert upward_imports() == []


def test_the_check_catches_an_upward_import(tmp_path):
    """A ledger file reaching up to the monthly engine is reported (a check that cannot fail is a defect)."""
    for package in ORDER:
        (tmp_path / package).mkdir()
    (tmp_path / "points_ledger" / "service.py").write_text("from station_desk.points import month\n")
    (tmp_path / "points" / "tab.py").write_text("from station_desk.month_close import service\n")
    assert upward_imports(tmp_path) == ["points_ledger/service.py imports points"]
