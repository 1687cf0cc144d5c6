"""The single-instance hand-over: one local server (a named pipe on Windows) per data file."""

import ntpath
import types

from station_desk.qt import single_instance
from station_desk.qt.single_instance import InstanceServer, hand_over, server_name


def test_windows_spellings_of_one_file_share_the_pipe(monkeypatch):
    fake_os = types.SimpleNamespace(path=ntpath, fspath=lambda p: p)
    monkeypatch.setattr(single_instance, "os", fake_os)
    a = server_name("C:\\Users\\张 三\\AppData\\Local\\station_desk\\station.db")
    b = server_name("c:/users/张 三/appdata/local/station_desk/STATION.db")
    assert a == b and a.isascii()
    assert a != server_name("C:\\Users\\李 四\\AppData\\Local\\station_desk\\station.db")


def test_hand_over_reaches_the_first_instance(qtbot, tmp_path):
    path = tmp_path / "张 三" / "station.db"
    assert not hand_over(path)
    server = InstanceServer(path)
    try:
        with qtbot.waitSignal(server.raise_requested, timeout=5000):
            assert hand_over(path)
    finally:
        server.server.close()
