"""Loading the translations: Qt's own Chinese strings (buttons, dialogs) and ours (one .qm per package).

Chinese is the default. English (the source strings) is used when asked for: ``--lang en``,
``STATION_DESK_LANG=en``, or a ``LANGUAGE`` environment variable that starts with ``en``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from station_desk.paths import translations_dir

_installed: list[QTranslator] = []


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
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(qt_dir, "qtbase_zh_CN.qm")]
    folder = translations_dir()
    candidates += [(str(folder), p.name) for p in sorted(folder.glob("*_zh_CN.qm"))]
    for directory, name in candidates:
        tr = QTranslator(app)
        if tr.load(name, directory):
            app.installTranslator(tr)
            _installed.append(tr)
            loaded.append(name)
    return loaded
