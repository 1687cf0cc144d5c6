"""``manifest.json``: the list of verified backups in one folder (SPEC §10).

A file is a backup only if the manifest beside it lists it with the same size and SHA-256; a half-written, 0-byte,
truncated or replaced file is never offered for restore. The manifest itself is written the same way as a backup:
temporary name, fsync, rename, fsync of the folder, so it is always either the old or the new list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filelock import FileLock

from station_desk.files import fsync_dir, write_atomic  # noqa: F401 - the backup module imports them from here

MANIFEST = "manifest.json"
FORMAT = 1
_local = threading.Lock()


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    size: int
    sha256: str
    created_at: str  # ISO station-local time
    kind: str  # auto | folder | usb | safety
    reason: str = ""
    encrypted: bool = False
    schema_revision: str | None = None
    row_counts: dict[str, int] = field(default_factory=dict)
    last_entry_at: str | None = None
    app_version: str = ""
    station: str = ""
    fingerprint: str = ""
    read_back: bool = False  # the copy was read back from the target and its hash compared
    check: str = "integrity_check"  # the SQLite check the copy passed before it got its name
    chain: str = ""  # the audit chain's head when the copy was taken: an anchor check looks for (audit.rows)

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)

    @classmethod
    def from_dict(cls, data: dict) -> "ManifestEntry":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def sha256_of(path: Path, *, progress: Callable[[int, int], None] | None = None, block: int = 1 << 20) -> str:
    h = hashlib.sha256()
    total = Path(path).stat().st_size
    done = 0
    with open(path, "rb", buffering=0) as fh:
        while True:
            chunk = fh.read(block)
            if not chunk:
                break
            h.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return h.hexdigest()




def read_manifest(folder: Path) -> list[ManifestEntry]:
    """The entries listed in ``folder``'s manifest ([] if none or unreadable)."""
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries = []
    for raw in data.get("backups", []) if isinstance(data, dict) else []:
        try:
            entries.append(ManifestEntry.from_dict(raw))
        except TypeError:
            continue
    return entries


def _lock(folder: Path) -> FileLock:
    return FileLock(str(Path(folder) / (MANIFEST + ".lock")), timeout=30)


def update_manifest(folder: Path, *, add: ManifestEntry | None = None, remove: set[str] = frozenset()) -> None:
    """Add one entry and/or drop entries by file name, atomically."""
    folder = Path(folder)
    with _local, _lock(folder):
        _rewrite(folder, add, remove)


def _rewrite(folder: Path, add: ManifestEntry | None, remove: set[str]) -> None:
    """Write the manifest with ``add`` listed and ``remove`` dropped (the caller holds the folder's lock)."""
    entries = [e for e in read_manifest(folder) if e.file not in remove and (add is None or e.file != add.file)]
    if add is not None:
        entries.append(add)
    entries.sort(key=lambda e: e.created_at)
    doc = {"format": FORMAT, "program": "station_desk", "backups": [asdict(e) for e in entries]}
    write_atomic(folder / MANIFEST, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))




def publish(folder: Path, tmp: Path, name: str,
            make_entry: Callable[[str], ManifestEntry]) -> tuple[Path, ManifestEntry]:
    """Give the verified ``tmp`` its final name and list it, under the folder's lock. If ``name`` was taken in the
    meantime (by a program that does not reserve names), the next free ``-N`` name is used: a listed file is never
    replaced, and a listed entry always describes the file the caller wrote and checked."""
    folder = Path(folder)
    with _local, _lock(folder):
        listed = {e.file for e in read_manifest(folder)}
        stem, ext = name.rsplit(".", 1)
        candidate, n = name, 1
        while candidate in listed or (folder / candidate).exists():
            n += 1
            candidate = f"{stem}-{n}.{ext}"
        final = folder / candidate
        os.replace(tmp, final)
        fsync_dir(folder)
        entry = make_entry(candidate)
        try:
            _rewrite(folder, entry, frozenset())
        except BaseException:
            final.unlink(missing_ok=True)  # not listed means not a backup: do not leave it looking like one
            raise
        return final, entry


def entry_for(path: Path) -> ManifestEntry | None:
    path = Path(path)
    for entry in read_manifest(path.parent):
        if entry.file == path.name:
            return entry
    return None
