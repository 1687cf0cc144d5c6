"""Translation catalogues: one per package, ``resources/translations/<package>_zh_CN.ts``.

    python build/i18n.py update            # refresh every catalogue from the sources (pyside6-lupdate)
    python build/i18n.py fill PKG map.json # fill PKG's translations from {"English source": "中文"}
    python build/i18n.py compile           # .ts → .qm (pyside6-lrelease), loaded by the program
    python build/i18n.py check             # list unfinished entries; exit 1 if any

Which sources feed which catalogue: ``station_desk/<package>/**.py`` and ``ui/<package>*.ui`` feed
``<package>``; everything else (``station_desk/qt``, ``app.py``, other ``ui/*.ui``) feeds ``core``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "station_desk"
UI = ROOT / "ui"
TS_DIR = ROOT / "resources" / "translations"
LANG = "zh_CN"
#: packages with Qt code but no catalogue of their own (their strings go to core)
CORE_PACKAGES = {"qt", "demo", "db", "messages", "policy", "reports", "exchange"}


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def _uses_tr(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="ignore")
    return bool(re.search(r"(?<![A-Za-z_])tr\(|translate\(|QT_TRANSLATE_NOOP", text))


def catalogues() -> dict[str, list[Path]]:
    cats: dict[str, list[Path]] = {"core": []}
    for py in sorted(PKG.rglob("*.py")):
        if "forms" in py.parts or not _uses_tr(py):
            continue
        rel = py.relative_to(PKG)
        name = rel.parts[0] if len(rel.parts) > 1 and rel.parts[0] not in CORE_PACKAGES else "core"
        cats.setdefault(name, []).append(py)
    for ui in sorted(UI.glob("*.ui")):
        owner = next((p for p in cats if p != "core" and ui.stem.startswith(p)), "core")
        cats[owner].append(ui)
    return {k: v for k, v in cats.items() if v}


def ts_path(package: str) -> Path:
    return TS_DIR / f"{package}_{LANG}.ts"


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for package, sources in catalogues().items():
        cmd = [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *map(str, sources),
               "-ts", str(ts_path(package))]
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"{package}: {len(sources)} files → {ts_path(package).relative_to(ROOT)}")


def fill(package: str, mapping_file: str) -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    path = ts_path(package)
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        tr = message.find("translation")
        if source in mapping and tr is not None:
            if message.get("numerus") == "yes":
                for form in tr.findall("numerusform"):
                    tr.remove(form)
                ET.SubElement(tr, "numerusform").text = mapping[source]
            else:
                tr.text = mapping[source]
            tr.attrib.pop("type", None)
            filled += 1
    _write(tree, path)
    print(f"{package}: {filled} translations filled")


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def unfinished() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for path in sorted(TS_DIR.glob(f"*_{LANG}.ts")):
        tree = ET.parse(path)
        missing = []
        for message in tree.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished",):
                missing.append(message.findtext("source") or "")
            elif message.get("numerus") != "yes" and not (tr.text or "").strip():
                missing.append(message.findtext("source") or "")
        if missing:
            result[path.name] = missing
    return result


def compile_all(out_dir: Path | None = None) -> list[Path]:
    out_dir = out_dir or TS_DIR
    out = []
    for path in sorted(TS_DIR.glob(f"*_{LANG}.ts")):
        qm = out_dir / (path.stem + ".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(path), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd = argv[0]
    if cmd == "update":
        update()
    elif cmd == "fill":
        fill(argv[1], argv[2])
    elif cmd == "compile":
        for qm in compile_all():
            print(qm.relative_to(ROOT))
    elif cmd == "check":
        missing = unfinished()
        for name, items in missing.items():
            print(f"{name}: {len(items)} unfinished")
            for s in items[:20]:
                print(f"   {s}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
