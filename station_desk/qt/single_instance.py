"""One window per data file (per PC for a PostgreSQL station): a second start hands over to the first (which comes
to the front) and exits."""

from __future__ import annotations

import os
import zlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from station_desk.db.url import is_server_url


def server_name(db_path) -> str:
    """The local server's name for a data file: a named pipe ``\\\\.\\pipe\\station_desk-…`` on Windows, a socket
    in the temp folder elsewhere. Windows paths are compared as Windows does (case-insensitive, either slash), so
    ``C:\\Users\\张 三\\…`` and ``c:/users/张 三/…`` are the same station; the checksums keep the name ASCII. Every
    PostgreSQL station shares one name: one window per PC (the server is shared by the desks, not the window)."""
    if is_server_url(db_path):
        return "station_desk-server-desk"
    path = os.path.normcase(os.path.abspath(os.fspath(db_path))).encode("utf-8")
    # two 32-bit checksums, not a hash from hashlib: this runs before the first paint, and hashlib loads OpenSSL
    return f"station_desk-{zlib.crc32(path):08x}{zlib.adler32(path):08x}"


def hand_over(db_path) -> bool:
    """True if another instance is running on this file (it was asked to come to the front)."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(db_path))
    if not sock.waitForConnected(300):
        return False
    sock.write(b"raise\n")
    sock.waitForBytesWritten(300)
    sock.disconnectFromServer()
    return True


class InstanceServer(QObject):
    raise_requested = Signal()

    def __init__(self, db_path, parent=None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(db_path)
        QLocalServer.removeServer(name)  # a crashed instance's leftover socket
        self.server.listen(name)
        self.server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        conn = self.server.nextPendingConnection()
        if conn is not None:
            conn.readyRead.connect(lambda: (conn.readAll(), self.raise_requested.emit()))
