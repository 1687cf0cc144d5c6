"""The per-PC database address (issue #17): ``station-desk set-db postgresql://…`` writes it once to this PC's
``desk.json`` in the data folder (never a password); every later start and command without ``--db`` opens it;
``--db`` still wins; ``set-db --clear`` goes back to the station file."""

from __future__ import annotations

import io
import json
from argparse import Namespace

import pytest

from station_desk import cli, paths
from station_desk.cli_support import db_path

URL = "postgresql://station@192.168.1.10/station"


def test_set_db_writes_the_address_and_every_start_uses_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    assert db_path(Namespace(db=None, demo=False)) == paths.default_db_path()
    assert cli.main(["set-db", URL]) == 0
    assert URL in capsys.readouterr().out
    assert json.loads((tmp_path / "desk.json").read_text(encoding="utf-8")) == {"db": URL}
    assert db_path(Namespace(db=None, demo=False)) == URL
    assert db_path(Namespace(db=str(tmp_path / "other.db"), demo=False)) == tmp_path / "other.db"  # --db wins
    assert db_path(Namespace(db=None, demo=True)) == paths.demo_db_path()  # the demo stays the demo
    assert cli.main(["set-db"]) == 0 and URL in capsys.readouterr().out  # shows it
    assert cli.main(["set-db", "--clear"]) == 0
    capsys.readouterr()
    assert db_path(Namespace(db=None, demo=False)) == paths.default_db_path()


def test_a_password_or_a_file_is_refused_and_nothing_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    assert cli.main(["set-db", "postgresql://station:secret@192.168.1.10/station"]) == 2
    assert "密码" in capsys.readouterr().err
    assert cli.main(["set-db", str(tmp_path / "x.db")]) == 2
    assert "postgresql://" in capsys.readouterr().err
    assert not (tmp_path / "desk.json").exists()
    (tmp_path / "desk.json").write_text("{not json", encoding="utf-8")  # a damaged setting: the station file
    assert db_path(Namespace(db=None, demo=False)) == paths.default_db_path()


def test_move_to_still_moves_the_station_file_when_the_address_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    paths.write_desk_db(URL)
    assert db_path(Namespace(db=None, demo=False), desk_setting=False) == paths.default_db_path()


class _MemoryKeyring:
    """A keyring backend in memory (the tests never touch this PC's real one)."""

    priority = 1
    name = "test keyring"

    def __init__(self):
        self.secrets = {}

    def set_password(self, service, account, password):
        self.secrets[(service, account)] = password

    def get_password(self, service, account):
        return self.secrets.get((service, account))

    def delete_password(self, service, account):
        self.secrets.pop((service, account), None)


def _keyring(monkeypatch, backend):
    from station_desk.db import credentials

    monkeypatch.setattr(credentials, "_backend", lambda: backend)


def test_set_db_password_goes_to_the_keyring_never_to_the_data_folder(tmp_path, monkeypatch, capsys):
    from station_desk.db import credentials
    from station_desk.db.dialect import POSTGRES

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    ring = _MemoryKeyring()
    _keyring(monkeypatch, ring)
    monkeypatch.setattr("sys.stdin", io.StringIO("一个长密码 2026\n"))
    assert cli.main(["set-db", URL, "--password"]) == 0
    assert "系统凭据库" in capsys.readouterr().out
    assert ring.secrets == {("station_desk", "station@192.168.1.10:5432/station"): "一个长密码 2026"}
    for f in tmp_path.rglob("*"):  # nothing in the data folder holds it
        assert f.is_dir() or "一个长密码".encode() not in f.read_bytes()
    assert json.loads((tmp_path / "desk.json").read_text(encoding="utf-8")) == {
        "db": URL, "keyring": ["station@192.168.1.10:5432/station"]}
    assert credentials.lookup(URL) == "一个长密码 2026"
    assert credentials.lookup("postgresql://station@192.168.1.10/other") is None  # only that account
    # the connection gets it from the keyring (psycopg's password argument, never the URL)
    seen = {}
    engine = POSTGRES.make_engine(URL)
    from sqlalchemy import event

    @event.listens_for(engine, "do_connect")
    def _capture(dialect, conn_rec, cargs, cparams):
        seen.update(cparams)
        raise RuntimeError("not connecting in a unit test")

    with pytest.raises(Exception):
        engine.connect()
    assert seen.get("password") == "一个长密码 2026" and "一个长密码" not in str(engine.url)
    assert cli.main(["set-db"]) == 0 and "系统凭据库" in capsys.readouterr().out
    assert cli.main(["set-db", "--clear"]) == 0  # and the password leaves the keyring with the setting
    assert ring.secrets == {} and not (tmp_path / "desk.json").exists()


def test_no_keyring_on_this_pc_falls_back_to_libpq_with_a_clear_message(tmp_path, monkeypatch, capsys):
    """A Linux PC without a Secret Service daemon: ``keyring`` has only its fail backend."""
    from keyring.backends import fail

    from station_desk.db import credentials

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    _keyring(monkeypatch, fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    assert cli.main(["set-db", URL, "--password"]) == 2
    assert "pgpass" in capsys.readouterr().err
    assert not (tmp_path / "desk.json").exists()  # nothing half-set
    assert credentials.lookup(URL) is None
    # a keyring noted in desk.json that fails later: libpq's files are used, no error
    (tmp_path / "desk.json").write_text(json.dumps({"db": URL, "keyring": [credentials.account_of(URL)]}),
                                        encoding="utf-8")
    assert credentials.lookup(URL) is None


def test_the_keyring_this_linux_pc_has_is_none_and_that_is_fine(tmp_path, monkeypatch):
    """The real ``keyring`` on a machine without a Secret Service daemon (this CI): lookup falls back quietly."""
    from station_desk.db import credentials

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    (tmp_path / "desk.json").write_text(json.dumps({"db": URL, "keyring": [credentials.account_of(URL)]}),
                                        encoding="utf-8")
    assert credentials.lookup(URL) is None
