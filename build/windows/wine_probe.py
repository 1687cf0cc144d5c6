"""Checks that need the Windows APIs themselves, run by the Windows CPython under Wine on the source tree
(build/windows/smoke_wine.py starts it with PYTHONPATH at the repository):

    python wine_probe.py user PROFILE_NAME            point the Wine user's Local AppData and Desktop at C:\\users\\<name>
    python wine_probe.py drive LETTER TYPE           declare a Wine drive's type (floppy = removable, hd = fixed)
    python wine_probe.py drives                      list_drives() of the backup tab, as JSON
    python wine_probe.py pipe-server DBPATH          InstanceServer on the file's named pipe; exit 0 once raised
    python wine_probe.py pipe-client DBPATH          hand_over(); prints handed-over / nobody
Arguments may be passed as ``hex:`` + their UTF-8 in hex (the command line goes through the Unix locale).
"""

from __future__ import annotations

import json
import os
import sys


def _arg(text: str) -> str:
    return bytes.fromhex(text[4:]).decode("utf-8") if text.startswith("hex:") else text


def set_user(name: str) -> None:
    import winreg

    folders = {"Local AppData": f"C:\\users\\{name}\\AppData\\Local", "Desktop": f"C:\\users\\{name}\\Desktop"}
    for path in folders.values():
        os.makedirs(path, exist_ok=True)
    for key, kind in (("User Shell Folders", winreg.REG_EXPAND_SZ), ("Shell Folders", winreg.REG_SZ)):
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, f"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\{key}",
                            0, winreg.KEY_SET_VALUE) as k:
            for value, path in folders.items():
                winreg.SetValueEx(k, value, 0, kind, path)
    print(ascii(folders))


def set_drive_type(letter: str, kind: str) -> None:
    import winreg

    with winreg.CreateKeyEx(winreg.HKEY_LOCAL_MACHINE, "Software\\Wine\\Drives", 0, winreg.KEY_SET_VALUE) as k:
        winreg.SetValueEx(k, f"{letter.lower()}:", 0, winreg.REG_SZ, kind)


def drives() -> None:
    from PySide6.QtCore import QCoreApplication

    from station_desk.backup.widgets import list_drives, windows_drive_type

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
    out = [{"root": d.root, "removable": d.removable, "type": windows_drive_type(d.root), "free": d.free}
           for d in list_drives()]
    print(json.dumps(out))


def pipe_server(path: str) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from station_desk.qt.single_instance import InstanceServer, server_name

    app = QCoreApplication.instance() or QCoreApplication([])
    server = InstanceServer(path)
    if not server.server.isListening():
        print(f"not listening: {server.server.errorString()}", flush=True)
        return 1
    raised = []
    server.raise_requested.connect(lambda: (raised.append(1), app.quit()))
    QTimer.singleShot(60_000, app.quit)
    print(f"listening {server.server.fullServerName()} ({server_name(path)})", flush=True)
    app.exec()
    print("raised" if raised else "timed out", flush=True)
    return 0 if raised else 1


def pipe_client(path: str) -> int:
    from PySide6.QtCore import QCoreApplication

    from station_desk.qt.single_instance import hand_over

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
    print("handed-over" if hand_over(path) else "nobody", flush=True)
    return 0


def main(argv: list[str]) -> int:
    cmd, *rest = argv
    rest = [_arg(a) for a in rest]
    if cmd == "user":
        set_user(rest[0])
    elif cmd == "drive":
        set_drive_type(rest[0], rest[1])
    elif cmd == "drives":
        drives()
    elif cmd == "pipe-server":
        return pipe_server(rest[0])
    elif cmd == "pipe-client":
        return pipe_client(rest[0])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
