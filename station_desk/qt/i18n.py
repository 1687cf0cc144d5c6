"""Loading the translations: Qt's own Chinese strings (buttons, dialogs) and ours (one .qm per package).

Chinese is the default. English (the source strings) is used when asked for: ``--lang en``,
``STATION_DESK_LANG=en``, or a ``LANGUAGE`` environment variable that starts with ``en``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from station_desk.paths import translations_dir

_installed: list[QTranslator] = []

#: What Qt's own zh_CN catalogue lacks: its file dialog's labels with a mnemonic ("&Look in:", "Files of &type:"
#: are translated only without the "&"). Our core catalogue carries them and is installed after Qt's, so it wins.
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def qt_translation_dirs() -> list[str]:
    """Where Qt's own .qm files may be: what Qt reports, then PySide6's folders (``Qt/translations`` in Linux and
    macOS wheels, ``translations`` in Windows wheels and the Windows bundle), whichever exist."""
    import PySide6

    here = Path(PySide6.__file__).resolve().parent
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(here / "Qt" / "translations"), str(here / "translations")]
    return [d for i, d in enumerate(dirs) if d and d not in dirs[:i] and Path(d).is_dir()]


def choose_language(requested: str | None = None) -> str:
    value = requested or os.environ.get("STATION_DESK_LANG") or ""
    if not value and os.environ.get("LANGUAGE", "").lower().startswith("en"):
        value = "en"
    return "en" if value.lower().startswith("en") else "zh_CN"


def install(app: QApplication, language: str) -> list[str]:
    """Install translators for ``language``; returns the catalogues loaded."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded = []
    qt_dir = next((d for d in qt_translation_dirs() if (Path(d) / "qtbase_zh_CN.qm").is_file()), "")
    candidates = [(qt_dir, "qtbase_zh_CN.qm")] if qt_dir else []
    folder = translations_dir()
    candidates += [(str(folder), p.name) for p in sorted(folder.glob("*_zh_CN.qm"))]
    for directory, name in candidates:
        tr = QTranslator(app)
        if tr.load(name, directory):
            app.installTranslator(tr)
            _installed.append(tr)
            loaded.append(name)
    return loaded
