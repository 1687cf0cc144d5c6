"""The per-PC database address (issue #17): ``station-desk set-db postgresql://…`` writes it once to this PC's
``desk.json`` in the data folder (never a password); every later start and command without ``--db`` opens it;
``--db`` still wins; ``set-db --clear`` goes back to the station file."""

from __future__ import annotations

import json
from argparse import Namespace

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
