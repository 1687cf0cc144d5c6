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


# -- issue 14 items 12 and 13: a second load, a changed file, typos ---------------------------------------------------

def _rewards_total(db) -> int:
    return sum(ln.amount_fen for ln in RW.month_rewards(db, "2026-10").lines)


def test_the_same_file_twice_is_refused_and_changes_nothing(loaded):
    before = (_rewards_total(loaded), M.month_points(loaded, "2026-10").people)
    assert before[0] == 82500
    with pytest.raises(DomainError, match="同一个文件"):
        load_month(loaded, actor=SYSTEM, data=read_file(EXAMPLE))
    assert (_rewards_total(loaded), M.month_points(loaded, "2026-10").people) == before


def test_a_changed_file_replaces_the_months_loaded_facts(loaded):
    data = read_file(EXAMPLE)
    first = {p.emp_no: p.total_x100 for p in M.month_points(loaded, "2026-10").people}
    data["renewals"] = data["renewals"][:-1]  # one renewal fewer
    data["points"] = [p for p in data["points"] if p["emp_no"] != "T02"] + [
        {"emp_no": "T02", "day": "2026-10-20", "points": "10", "kind": "order", "note": "新文件"}]
    load_month(loaded, actor=SYSTEM, data=data)
    again = {p.emp_no: p for p in M.month_points(loaded, "2026-10").people}
    assert again["R01"].total_x100 < first["R01"]  # 16 renewals counted, not 17 + 16
    assert again["T02"].lines  # only the new file's points for T02
    from station_desk.customers.models import Renewal
    from sqlmodel import func, select
    with loaded.read() as s:
        assert s.exec(select(func.count()).select_from(Renewal)).one() == 16
    # and loading the first file again gives the first month back
    load_month(loaded, actor=SYSTEM, data=read_file(EXAMPLE))
    assert {p.emp_no: p.total_x100 for p in M.month_points(loaded, "2026-10").people} == first
    assert _rewards_total(loaded) == 82500


@pytest.mark.parametrize("change, where", [
    (lambda d: d.__setitem__("signup", d.pop("signups")), "signup"),
    (lambda d: d["renewals"][2].__setitem__("amount_yaun", "30"), r"renewals\[3\]\.amount_yaun"),
    (lambda d: d["weeks"][0].__setitem__("ok", "yes"), r"weeks\[1\]\.ok"),
    (lambda d: d["signups"][1].__setitem__("day", "2026-13-01"), r"signups\[2\]\.day"),
    (lambda d: d["signups"][1].__setitem__("signed_by", "X99"), r"signups\[2\]\.signed_by.*X99"),
    (lambda d: d["company"].__setitem__("promotion_leader", "Q1"), r"company\.promotion_leader"),
    (lambda d: d.__setitem__("staff", {"emp_no": "M01"}), r"staff"),
    (lambda d: d.__setitem__("month", 202610), r"month"),
])
def test_typos_and_wrong_types_are_refused_with_the_key_path(db, fake_now, change, where):
    fake_now(dt.datetime(2026, 11, 2, 9, 0))
    data = read_file(EXAMPLE)
    change(data)
    with pytest.raises(DomainError, match=where):
        load_month(db, actor=SYSTEM, data=data)
    from station_desk.staff.models import Staff
    from sqlmodel import select
    with db.read() as s:
        assert s.exec(select(Staff)).all() == []  # nothing loaded, not even the staff before the bad key



def test_a_locked_month_is_not_loaded(db, fake_now):
    from station_desk.periods.service import lock_month_in

    fake_now(dt.datetime(2026, 11, 2, 9, 0))
    with db.session() as s:
        lock_month_in(s, actor=SYSTEM, scope="points", month="2026-10")
    with pytest.raises(DomainError):
        load_month(db, actor=SYSTEM, data=read_file(EXAMPLE))
    assert M.month_points(db, "2026-10").people == ()
