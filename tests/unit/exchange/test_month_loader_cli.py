"""The JSON month loader and the headless commands, on the documented example file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from station_desk.actor import SYSTEM
from station_desk.errors import DomainError
from station_desk.points import month as M
from station_desk.exchange.month_loader import load_month, read_file
from station_desk.rewards import service as RW

EXAMPLE = Path(__file__).parents[2] / "data" / "month_example.json"


@pytest.fixture
def loaded(db, fake_now):
    fake_now(dt.datetime(2026, 11, 2, 9, 0))
    counts = load_month(db, actor=SYSTEM, data=read_file(EXAMPLE))
    assert counts["staff"] == 10 and counts["renewals"] == 17
    return db


def test_example_month_points(loaded):
    mp = M.month_points(loaded, "2026-10")
    by = {p.emp_no: p for p in mp.people}
    assert by["R01"].total_x100 == 8200  # 17 of 25 due = 68 % → 80, package changes −1 + 1 + 2
    assert by["A01"].total_x100 == 5000
    assert by["T02"].deductions_x100 == 500
    # technicians (313.50 + 282.25) / 2 = 297.875 → 297.88 × 1.5 = 446.82; one training short −10; penalty −5
    assert by["S01"].total_x100 == 43182
    assert by["K01"].auxiliary_x100 == 36788  # 9 installs ≥ target 8: reps (290 + 200.50) / 2 × 1.5
    assert by["T01"].pay_fen == 200000 + 10000 + 47025  # 313.50 × 1.50 yuan
    assert mp.warnings == ()  # September has no records: no evidence for a second month


def test_example_month_rewards(loaded):
    got = sorted((ln.name, ln.rule, ln.amount_fen) for ln in RW.month_rewards(loaded, "2026-10").lines)
    assert got == sorted([
        ("萧销一", "rewards.install", 3000), ("谢销二", "rewards.install", 3000),
        ("萧销一", "rewards.signup", 4500), ("谢销二", "rewards.signup", 6000), ("田技一", "rewards.signup", 3000),
        ("田技一", "rewards.technician_week", 5000), ("丁内勤", "rewards.dispatch_week", 5000),
        ("田技一", "rewards.upgrade", 3000), ("孔市场", "rewards.marketing", 30000),
        ("安税控", "rewards.accounts_month", 20000)])


def test_loader_is_all_or_nothing_and_names_the_bad_item(db, fake_now):
    fake_now(dt.datetime(2026, 11, 2, 9, 0))
    data = read_file(EXAMPLE)
    data["points"][3]["emp_no"] = "NOBODY"
    with pytest.raises(DomainError, match=r"points\[4\].*NOBODY"):
        load_month(db, actor=SYSTEM, data=data)
    assert M.month_points(db, "2026-10").people == ()
    with pytest.raises(DomainError, match="格式不对"):
        load_month(db, actor=SYSTEM, data={"month": "10/2026"})


def test_cli_load_and_json(tmp_path, capsys, fake_now, monkeypatch):
    from station_desk.cli import main

    monkeypatch.setenv("STATION_DESK_HOME", str(tmp_path / "home"))
    fake_now(dt.datetime(2026, 11, 2, 9, 0))
    path = str(tmp_path / "cli.db")
    assert main(["points", "--db", path, "load", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(["points", "--db", path, "--month", "2026-10", "--json"]) == 0
    points = json.loads(capsys.readouterr().out)
    r01 = next(p for p in points["people"] if p["emp_no"] == "R01")
    assert r01["total"] == "82.00" and r01["lines"][0]["rule"] == "points.renewal_rate"
    assert r01["lines"][0]["points"] == "80.00" and len(r01["lines"][0]["facts"]) == 17
    assert main(["rewards", "--db", path, "--month", "2026-10", "--json"]) == 0
    rewards = json.loads(capsys.readouterr().out)
    assert rewards["total_yuan"] == "825.00"
    assert main(["points", "--db", path, "--month", "2026-13", "--json"]) == 2
