"""The direction of imports between the program's packages, written once in docs/layout.md (the ``layers``
block) and checked here: a package's rules (everything but its Qt files, its commands and the demo) import only
packages below it, so there is no import cycle between packages. A module's policy section (``<module>/policy.py``)
is a leaf the policy model collects: it imports only the policy base and the role names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.unit.test_boundaries import is_qt_file  # one definition of what a Qt file is

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "station_desk"
LAYOUT = ROOT / "docs" / "layout.md"
#: entry points and views: they sit above every package's rules and may use any of them
ABOVE_ALL = {"qt", "demo", "cli", "cli_support", "cli_args", "console", "app", "__main__"}
SECTION_MAY_IMPORT = {"station_desk.policy.base", "station_desk.staff.roles"}
#: files that collect a piece of every module, and what they may collect
COLLECTORS = {"station_desk/db/registry.py": re.compile(r"station_desk\.\w+\.models$"),
              # an upgrade takes a verified backup first, through the backup module's one write path
              "station_desk/db/migrate.py": re.compile(r"station_desk\.backup\.service$")}
#: imports still to be untied (none: keep it that way)
KNOWN: set[str] = set()


def declared_layers() -> list[list[str]]:
    """The ``layers`` block of docs/layout.md: one line per layer, lowest first, packages separated by spaces."""
    text = LAYOUT.read_text(encoding="utf-8")
    block = re.search(r"```layers\n(.*?)```", text, re.S)
    assert block, "docs/layout.md has no ```layers block"
    layers = []
    for line in block.group(1).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            layers.append(line.split())
    return layers


def is_view_or_entry(path: Path) -> bool:
    rel = path.relative_to(PKG)
    return rel.parts[0].removesuffix(".py") in ABOVE_ALL or is_qt_file(path) or path.name == "cli.py"


def is_policy_section(path: Path) -> bool:
    rel = path.relative_to(PKG)
    return path.name == "policy.py" and len(rel.parts) == 2 and rel.parts[0] != "policy"


def package_of(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0].removesuffix(".py")


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("station_desk."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "station_desk":
                out.update(f"station_desk.{a.name}" for a in node.names)
            elif node.module.startswith("station_desk."):
                out.add(node.module)
    return out


def rule_files():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if "migrations" in rel.parts or "forms" in rel.parts or path.name == "__init__.py" and len(rel.parts) == 1:
            continue
        if not is_view_or_entry(path):
            yield path


def test_every_package_has_a_layer():
    rank = {p: i for i, layer in enumerate(declared_layers()) for p in layer}
    packages = {package_of(p) for p in rule_files() if not is_policy_section(p)}
    assert sorted(packages - set(rank) - {"__init__"}) == []


def test_rules_import_only_lower_layers():
    rank = {p: i for i, layer in enumerate(declared_layers()) for p in layer}
    wrong = []
    for path in rule_files():
        if is_policy_section(path):
            continue
        mine = package_of(path)
        collects = COLLECTORS.get(path.relative_to(ROOT).as_posix())
        for mod in imports(path):
            other = mod.split(".")[1]
            if collects and collects.match(mod):
                continue
            if other == mine or other == "policy" and mod.count(".") >= 2 and mod.split(".")[2] == "base":
                continue
            if is_policy_section(PKG / other / "policy.py") and mod == f"station_desk.{other}.policy":
                continue  # the policy model collects the sections
            if other in ABOVE_ALL or rank.get(other, -1) >= rank.get(mine, -1):
                wrong.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert sorted(set(wrong) - KNOWN) == []
    assert sorted(KNOWN - set(wrong)) == [], "untied: remove from KNOWN"


def test_policy_sections_are_leaves():
    wrong = [f"{p.relative_to(ROOT)} imports {m}" for p in PKG.glob("*/policy.py") if is_policy_section(p)
             for m in imports(p) if m not in SECTION_MAY_IMPORT]
    assert wrong == []
