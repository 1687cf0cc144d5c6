"""The Simplified Chinese catalogues are complete and current: every UI string in the sources has a finished
translation (a string added without one fails here, not in front of a clerk)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

import i18n  # noqa: E402


def test_every_catalogue_entry_is_translated():
    missing = i18n.unfinished()
    assert missing == {}, f"untranslated UI strings: { {k: v[:5] for k, v in missing.items()} }"


def test_catalogues_cover_every_string_in_the_sources(tmp_path):
    """Re-extract the strings into copies of the catalogues: nothing new may appear."""
    for package, sources in i18n.catalogues().items():
        original = i18n.ts_path(package)
        assert original.exists(), f"no catalogue for {package}: run build/i18n.py update"
        copy = tmp_path / original.name
        shutil.copyfile(original, copy)
        subprocess.run([i18n._tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *map(str, sources),
                        "-ts", str(copy)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        fresh = ET.parse(copy)
        new = [m.findtext("source") for m in fresh.iter("message")
               if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]
        assert new == [], f"{package}: strings not in the catalogue yet: {new[:5]}"


def test_chinese_is_loaded_by_default(zh_app):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("Tabs", "Front desk") == "前台登记"
    assert QCoreApplication.translate("QDialogButtonBox", "Cancel") in ("取消", "Cancel")


def test_every_message_file_is_read_and_named_after_its_module():
    """One file per module: a file nobody reads would hide its messages; codes live in their module's file."""
    import importlib

    from station_desk import messages

    files = sorted(p.stem for p in (ROOT / "station_desk" / "messages").glob("*.py") if p.stem != "__init__")
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in messages._modules()) == files
    packages = {p.name for p in (ROOT / "station_desk").iterdir() if p.is_dir()}
    assert [f for f in files if f not in packages and f != "core"] == []
    for name in files:
        module = importlib.import_module(f"station_desk.messages.{name}")
        assert module.MESSAGES, name


def test_qt_file_dialogs_and_standard_buttons_read_in_chinese(zh_app, qtbot):
    """Qt's own widgets speak Chinese: qtbase_zh_CN.qm is found and loaded, and what it lacks (the file dialog's
    "&Look in:" and "Files of &type:") our core catalogue supplies."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QFileDialog, QLabel

    from station_desk.qt import i18n
    from tests.gui.qt.test_walk_every_screen import english_words

    assert any((Path(d) / "qtbase_zh_CN.qm").is_file() for d in i18n.qt_translation_dirs())
    for mode in ("open", "save", "folder"):
        dialog = QFileDialog(None, "选择文件", str(ROOT), "表格 (*.xlsx)")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if mode == "save":
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        elif mode == "folder":
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.show()
        texts = [("QLabel", w.text()) for w in dialog.findChildren(QLabel) if w.isVisible()]
        texts += [("QAbstractButton", w.text()) for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
        texts += [("QComboBox", w.itemText(i)) for w in dialog.findChildren(QComboBox) for i in range(w.count())
                  if w.isVisible()]
        assert english_words(texts) == [], mode
        dialog.hide()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(box)
    assert english_words([("QAbstractButton", b.text()) for b in box.buttons()]) == []


def test_no_tr_called_on_another_object():
    """``window.tr("…")`` outside the window's class is catalogued under the context "window" (lupdate names it
    after the variable) but looked up under the object's class name at run time, so it shows in English — as the
    demo's "Building the demo station…" did. Use ``QCoreApplication.translate("<context>", "…")`` there."""
    import re

    bad = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "station_desk").rglob("*.py"))
           for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"\b(?!self\b)[A-Za-z_]\w*\.tr\(", line)]
    assert bad == []
