"""A station's address: an SQLite file's path, or a PostgreSQL server's URL (``postgresql://user@host/db``).
Plain text functions, no database driver: the window's start-up and the single-instance check use them."""

from __future__ import annotations

from urllib.parse import urlsplit

from station_desk.errors import DomainError

SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_url(target) -> bool:
    """``--db postgresql://user@host/db`` (or a libpq service: ``postgresql:///?service=station``)."""
    return isinstance(target, str) and target.startswith(SERVER_SCHEMES)


def driver_url(url: str) -> str:
    for scheme in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def check_no_password(url: str) -> None:
    """A password never travels on the command line or in a setting: libpq reads it from the user's password
    file (``~/.pgpass``; Windows ``%APPDATA%\\postgresql\\pgpass.conf``) or a service file."""
    parts = urlsplit(url)
    if parts.password or "password=" in (parts.query or ""):
        raise DomainError("db.password_in_url")


def public_url(url: str) -> str:
    """The URL as shown to people and written to logs (never a password)."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", "@")
        return parts._replace(netloc=netloc).geturl()
    return url
