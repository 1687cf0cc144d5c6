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


def desk_settings_path() -> Path:
    """This PC's own settings (``desk.json`` in the data folder): the database address the installer or the
    manager set once with ``station-desk set-db``. Never a password: the OS keyring or libpq's password file holds
    that (``db.credentials``); desk.json notes only which accounts the keyring holds."""
    return data_dir() / "desk.json"


def desk_db() -> str | None:
    """The database address set for this PC, or None (the station file). A damaged settings file counts as none:
    the program then opens the station file and says where it is."""
    import json

    try:
        value = json.loads(desk_settings_path().read_text(encoding="utf-8")).get("db")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value.strip() else None


def write_desk_db(url: str | None) -> None:
    """Set (or with None clear) this PC's database address; checked by the caller (``set-db``)."""
    import json

    path = desk_settings_path()
    if url is None:
        path.unlink(missing_ok=True)
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data = {**(data if isinstance(data, dict) else {}), "db": url}  # keeps the keyring note (db.credentials)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


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
