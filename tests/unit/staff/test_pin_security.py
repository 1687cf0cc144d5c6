"""PIN hashes and lock-out (issue #18 §4): the cost of a guess, hashes upgraded at the next right PIN, a crafted
cost refused, the manager's 6-digit minimum for new PINs."""

from __future__ import annotations

import pytest

from station_desk.errors import DomainError
from station_desk.staff import auth
from station_desk.staff import service as staff

from tests.conftest import MANAGER_PIN


def _cost(stored: str) -> auth.KdfCost:
    _scheme, n, r, p, _salt, _digest = stored.split("$")
    return auth.KdfCost(int(n), int(r), int(p))


def _stored_hash(db, staff_id: int) -> str:
    with db.read() as s:
        return staff.person_in(s, staff_id).pin_hash


def test_production_pin_cost_is_quarter_second_class():
    """The production cost, without timing anything: at least the work of scrypt N=2^17, r=8, p=1 (measured
    ~0.41 s per guess on the development machine, as N=2^13, r=8, p=24 was; N=2^14, p=1 was ~0.04 s), ≥ 2^16·8 is
    the ≥ 250 ms class — in 8 MiB, not 128 MiB: a PIN check happens at every sign-in and approval, and the
    program stays under 200 MB (issue #15)."""
    cost = auth.PRODUCTION_PIN_KDF
    assert cost.n * cost.r * cost.p >= 2**17 * 8
    assert 128 * cost.n * cost.r <= 8 * 2**20  # memory per guess, bytes
    assert auth.kdf_allowed(cost)
    assert auth.kdf_allowed(auth.KdfCost(n=2**17, r=8, p=1))  # hashes of earlier versions still open
    assert auth.TEST_KDF != cost and auth.PIN_KDF == auth.TEST_KDF  # the suite runs cheap (tests/conftest.py)


def test_hashes_of_earlier_versions_open_and_are_remade_at_todays_cost(db, manager, monkeypatch):
    """A hash of N=2^17, r=8, p=1 (128 MiB) opens once and is re-made at today's cost (8 MiB): N is lower, p is
    higher, so "re-make when stored is not at least today's cost" must compare every parameter."""
    actor, _approval = manager
    monkeypatch.setattr(auth, "PIN_KDF", auth.KdfCost(n=2**11, r=8, p=1))  # an earlier version's shape, cheap
    auth.verify_pin(db, actor.staff_id, MANAGER_PIN)  # (re-made with this cost)
    old = _stored_hash(db, actor.staff_id)
    monkeypatch.setattr(auth, "PIN_KDF", auth.KdfCost(n=2**8, r=8, p=8))  # today's shape: lower N, higher p
    assert auth.needs_rehash(old)
    auth.sign_in(db, actor.staff_id, MANAGER_PIN)
    new = _stored_hash(db, actor.staff_id)
    assert _cost(new) == auth.KdfCost(n=2**8, r=8, p=8) and not auth.needs_rehash(new)


def test_cost_is_stored_per_hash_and_old_hashes_upgrade_at_next_sign_in(db, manager, monkeypatch):
    actor, _approval = manager
    old = _stored_hash(db, actor.staff_id)
    assert _cost(old) == auth.TEST_KDF
    stronger = auth.KdfCost(n=2**11, r=8, p=1)
    monkeypatch.setattr(auth, "PIN_KDF", stronger)
    assert auth.needs_rehash(old)
    with pytest.raises(DomainError):
        auth.sign_in(db, actor.staff_id, "0000")
    assert _stored_hash(db, actor.staff_id) == old  # a wrong PIN changes nothing
    auth.sign_in(db, actor.staff_id, MANAGER_PIN)
    new = _stored_hash(db, actor.staff_id)
    assert new != old and _cost(new) == stronger and not auth.needs_rehash(new)
    assert auth.sign_in(db, actor.staff_id, MANAGER_PIN).staff_id == actor.staff_id  # still the same PIN


def test_a_crafted_cost_in_a_stored_hash_is_refused_not_computed(monkeypatch):
    def never(*_a, **_k):
        raise AssertionError("scrypt ran")

    monkeypatch.setattr(auth.hashlib, "scrypt", never)
    for n, r, p in ((2**24, 8, 1), (2**20, 16, 4), (2**18, 8, 1), (2**13, 8, 64), (2**14 + 1, 8, 1), (0, 8, 1)):
        crafted = f"scrypt${n}${r}${p}${'00' * 16}${'00' * 32}"
        assert auth.pin_matches("1234", crafted) is False, (n, r, p)  # 2 GiB, 256 MiB, too much work, not 2^k
    assert auth.pin_matches("1234", "scrypt$0$8$1$00$00") is False


def test_manager_pin_needs_six_digits_when_set_existing_short_one_keeps_working(db, manager):
    actor, approval = manager
    assert len(MANAGER_PIN) == 4
    assert auth.pin_change_due(db, actor.staff_id, MANAGER_PIN)  # the sign-in asks for a new one ...
    auth.sign_in(db, actor.staff_id, MANAGER_PIN)  # ... but the old one still works
    with pytest.raises(DomainError) as e:
        staff.set_pin(db, actor=actor, staff_id=actor.staff_id, old_pin=MANAGER_PIN, new_pin="1357")
    assert e.value.code == "auth.pin_too_short" and "6" in e.value.message
    staff.set_pin(db, actor=actor, staff_id=actor.staff_id, old_pin=MANAGER_PIN, new_pin="135790")
    assert not auth.pin_change_due(db, actor.staff_id, "135790")
    # other staff keep the 4-digit minimum
    from station_desk.actor import ManagerApproval

    row = staff.add_staff(db, actor=actor, approval=ManagerApproval(actor.staff_id, "135790"), emp_no="Q001",
                          name="前台甲", role="dispatch_clerk", hire_date=actor_hire(db, actor), pin="4321")
    assert auth.sign_in(db, row.id, "4321").staff_id == row.id
    assert not auth.pin_change_due(db, row.id, "4321")


def actor_hire(db, actor):
    with db.read() as s:
        return staff.person_in(s, actor.staff_id).hire_date


def test_cli_tells_a_manager_with_a_short_pin_how_to_change_it(db, manager, pin_fd, capsys):
    """On the command line the manager signing in with a PIN shorter than the minimum is told how to change it
    (the window asks at sign-in); the command itself goes on. With the new PIN, no more hint."""
    from station_desk import cli

    db.close()
    args = ["staff", "add", "--db", db.address, "--as", "M001", "--manager", "M001", "--emp-no", "J01",
            "--name", "张三", "--role", "technician", "--hire-date", "2026-11-01"]
    assert cli.main(args + ["--pin-fd", pin_fd(MANAGER_PIN)]) == 0
    err = capsys.readouterr().err
    assert "密码不足 6 位" in err and "station-desk staff set-pin --emp-no M001" in err
    assert cli.main(["staff", "set-pin", "--db", db.address, "--emp-no", "M001",
                     "--pin-fd", pin_fd(MANAGER_PIN, "864209", "864209")]) == 0
    assert "密码不足" not in capsys.readouterr().err
    args[args.index("J01")] = "J02"
    assert cli.main(args + ["--pin-fd", pin_fd("864209")]) == 0
    assert "密码不足" not in capsys.readouterr().err
