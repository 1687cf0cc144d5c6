"""``backups/state.json``: what the backup module remembers outside the database.

It holds the passphrase verifier, the log of USB/folder backups (for the month-end reminder) and a restore
awaiting confirmation. It lives beside the backups, not in the database, so restoring an older database cannot
forget that a restore is pending or which month-end backups exist. Both the backup service and restore use it; it
imports neither of them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from station_desk import paths
from station_desk.backup.manifest import write_atomic

STATE = "state.json"
_state_lock = threading.Lock()


def state_path(db_path: Path) -> Path:
    return paths.backups_dir(db_path) / STATE


def read_state(db_path: Path) -> dict:
    try:
        data = json.loads(state_path(db_path).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def update_state(db_path: Path, fn: Callable[[dict], None]) -> dict:
    """Read, change with ``fn`` and write back ``state.json`` atomically."""
    with _state_lock:
        state = read_state(db_path)
        fn(state)
        write_atomic(state_path(db_path), json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))
        return state


def restore_pending(db_path: Path) -> dict | None:
    """The restore awaiting the manager's confirmation (thinning is paused while it waits), or None."""
    return read_state(db_path).get("restore_pending") or None


def external_backups(db_path: Path) -> list[dict]:
    """The log of month-end (USB / folder) backups, newest first: ``at``, ``path``, ``month``, ``encrypted``."""
    return sorted(read_state(db_path).get("external", []), key=lambda r: r.get("at", ""), reverse=True)
