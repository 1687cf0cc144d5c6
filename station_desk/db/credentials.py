"""A PostgreSQL station's password on a desk PC: never in the address, the settings or the data folder.

Two places, both outside the data folder:

- **the OS keyring** (Windows: the Credential Manager, encrypted with the Windows user's login; through the
  ``keyring`` package): ``station-desk set-db postgresql://… --password`` asks for it once and stores it there
  under the service ``station_desk`` and the account ``user@host:port/database``. ``desk.json`` records only
  *that* the keyring holds it (the account, no secret), so a start on a PC without one never asks the keyring
  (looking for a backend costs a start a quarter of a second);
- **libpq's own files**, when there is no keyring (a Linux PC without a Secret Service daemon) or by choice: the
  Windows user's ``%APPDATA%\\postgresql\\pgpass.conf`` (``~/.pgpass``), or a service in ``pg_service.conf``
  (``postgresql:///?service=station``). libpq reads them itself when no password is given.

A keyring that fails at connect time (locked, removed) is not an error here: the connection then goes to libpq,
which uses its files or says the password is missing.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

from station_desk.errors import DomainError

SERVICE = "station_desk"
_SETTING = "keyring"  # desk.json: the accounts whose password the keyring holds


def account_of(url: str) -> str:
    """``user@host:port/database`` of a server URL: the keyring's account name (no password in it)."""
    parts = urlsplit(url)
    return (f"{parts.username or ''}@{parts.hostname or 'localhost'}:{parts.port or 5432}/"
            f"{parts.path.strip('/') or ''}")


def _settings() -> dict:
    from station_desk import paths

    try:
        data = json.loads(paths.desk_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_settings(data: dict) -> None:
    from station_desk import paths

    path = paths.desk_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _backend():
    """The OS keyring: on Windows its Credential Manager backend directly (no search through the installed
    backends: faster, and a frozen bundle needs no package metadata for it), elsewhere the one ``keyring`` picks
    (on a Linux PC without a Secret Service daemon, its "fail" backend: every call raises)."""
    import sys

    import keyring

    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        return WinVaultKeyring()
    return keyring.get_keyring()


_ERRORS: tuple = (ImportError, RuntimeError, OSError)  # keyring.errors.KeyringError is a RuntimeError


def in_keyring(url: str) -> bool:
    """This PC stored the password of ``url``'s account in the keyring (``set-db --password``)."""
    accounts = _settings().get(_SETTING)
    return isinstance(accounts, list) and account_of(url) in accounts


def store(url: str, password: str) -> str:
    """Put the password in the OS keyring and note that it is there; returns the keyring's name. Raises
    ``db.keyring_unavailable`` on a PC without a usable keyring (then: libpq's password file)."""
    try:
        backend = _backend()
        backend.set_password(SERVICE, account_of(url), password)
    except _ERRORS as exc:
        raise DomainError("db.keyring_unavailable", detail=str(exc).splitlines()[0][:200] if str(exc) else
                          type(exc).__name__) from None
    data = _settings()
    accounts = [a for a in data.get(_SETTING) or [] if isinstance(a, str) and a != account_of(url)]
    data[_SETTING] = [*accounts, account_of(url)]
    _write_settings(data)
    return getattr(backend, "name", type(backend).__name__)


def forget(url: str) -> None:
    """Remove the password of ``url``'s account from the keyring (if it is there) and the note of it."""
    data = _settings()
    accounts = [a for a in data.get(_SETTING) or [] if isinstance(a, str)]
    if account_of(url) not in accounts:
        return
    try:
        _backend().delete_password(SERVICE, account_of(url))
    except _ERRORS:
        pass
    data[_SETTING] = [a for a in accounts if a != account_of(url)]
    if not data[_SETTING]:
        del data[_SETTING]
    if data:
        _write_settings(data)
    else:
        from station_desk import paths

        paths.desk_settings_path().unlink(missing_ok=True)


def lookup(url: str) -> str | None:
    """The password for ``url`` from the keyring, or None: not stored there, or the keyring failed (libpq then
    reads its own password or service file)."""
    if not in_keyring(url):
        return None
    try:
        return _backend().get_password(SERVICE, account_of(url))
    except _ERRORS:
        return None
