"""Where things live: the data folder (platformdirs), the database file, backups, and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_HOME = "STATION_DESK_HOME"


def data_dir() -> Path:
    """The user's data folder (``STATION_DESK_HOME`` overrides it, like Anki's ANKI_BASE)."""
    env = os.environ.get(ENV_HOME)
    if env:
        path = Path(env)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("station_desk", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "station.db"


def demo_db_path() -> Path:
    return data_dir() / "demo-station.db"


def backups_dir(db_path) -> Path:
    """Automatic local backups live beside the database file, in ``backups/``; those of a PostgreSQL station
    (``db_path`` is its ``postgresql://`` URL) on this PC, in ``server-backups/<host>-<port>-<database>/`` of the
    data folder."""
    text = str(db_path)
    if "://" in text and text.split("://", 1)[0].startswith("postgres"):
        from urllib.parse import urlsplit

        parts = urlsplit(text)
        name = f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.strip('/') or 'station'}"
        path = data_dir() / "server-backups" / "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
        path.mkdir(parents=True, exist_ok=True)
        return path
    path = Path(db_path).resolve().parent / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """``resources/`` in a source checkout, or inside the PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def translations_dir() -> Path:
    return resources_dir() / "translations"
