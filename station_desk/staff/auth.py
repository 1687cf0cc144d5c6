"""PINs, sign-in and manager approvals (SPEC §1; issue: permissions are checked in the service layer).

PINs are stored as scrypt hashes ``scrypt$n$r$p$salt$digest``: the cost is stored with each hash, so a hash made
with another cost still opens and is re-made with :data:`PIN_KDF` at the next right PIN (sign-in or approval).
:data:`PIN_KDF` is chosen so that one guess costs about half a second: N=2^13, r=8, p=24 takes as long as N=2^17,
r=8, p=1 did (measured 0.41 s each on the development machine; p=16, the same number of operations, ran in
0.28 s: 8 MiB stays in the CPU's caches better) in 8 MiB instead of 128 MiB — a PIN is checked at every sign-in
and manager approval, with every tab open and after a month-end backup, and the program stays under 200 MB at
every moment (issue #15; the backup passphrase's key made the same change). Less memory per guess lets an
attacker with the file run more guesses side by side; for a 4–6 digit PIN that changes little (its space is
small whatever the cost: the disk must be encrypted, below). Hashes made by earlier versions (N=2^17, p=1) still open, at 128 MiB once,
and are re-made at today's cost. One guess in half a second turns "try all 10,000 four-digit PINs" from minutes
into over an hour per person, and a million six-digit PINs into days. The station file must still live on an
encrypted disk (BitLocker): it holds the customers' data, and a PIN hash is only a delay.

Wrong tries are counted in their own transaction (so a refused action still counts the try); after
``policy.security.max_pin_tries`` wrong tries in a row, PIN entry for that person is locked for
``policy.security.pin_lock_minutes``. The same rule guards the start-up recovery, where the PINs are checked
against a backup's staff list: its counts are kept beside the backups (:class:`FileLockout`).

A manager's new PIN needs ``policy.security.manager_min_pin_length`` digits (6); an existing shorter one keeps
working, and :func:`pin_change_due` tells the sign-in to ask the manager to change it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.errors import DomainError, PinLocked, WrongPin
from station_desk.staff.roles import Role

if TYPE_CHECKING:
    from station_desk.staff.models import Staff

MIN_PIN_LENGTH = 4


@dataclass(frozen=True)
class KdfCost:
    n: int
    r: int
    p: int = 1

    def covers(self, other: "KdfCost") -> bool:
        """At least as costly as ``other`` in every parameter."""
        return self.n >= other.n and self.r >= other.r and self.p >= other.p


#: the production cost of one PIN guess (~0.4 s, 8 MiB: as long as N=2^17, r=8, p=1, which needed 128 MiB)
PRODUCTION_PIN_KDF = KdfCost(n=2**13, r=8, p=24)
#: the cost new hashes get (tests lower it with a fixture; nothing in the program changes it)
PIN_KDF = PRODUCTION_PIN_KDF
#: what a stored hash may ask for at most (a crafted row must not make sign-in allocate gigabytes or run for
#: minutes): the memory of the earlier production cost (N=2^17, r=8: 128 MiB), 16 × today's work, p ≤ 32
MAX_KDF_MEMORY = 128 * 2**17 * 8
MAX_KDF_WORK = 16 * 2**17 * 8
MAX_KDF_P = 32
#: a cheap cost for the test suite only (tests/conftest.py patches PIN_KDF with it)
TEST_KDF = KdfCost(n=2**10, r=8, p=1)


@contextlib.contextmanager
def demo_pin_cost():
    """While the demo station is built: PIN hashes at :data:`TEST_KDF` (the demo's PINs are public). A demo hash is
    re-made at the production cost when someone signs in to the demo."""
    global PIN_KDF
    before, PIN_KDF = PIN_KDF, TEST_KDF if PIN_KDF.covers(TEST_KDF) else PIN_KDF
    try:
        yield
    finally:
        PIN_KDF = before


def _scrypt(pin: str, salt: bytes, cost: KdfCost) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=32,
                          maxmem=129 * cost.n * cost.r * cost.p + (1 << 20))


def check_pin_rules(pin: str, *, min_length: int = MIN_PIN_LENGTH) -> None:
    """A new PIN: digits or letters, at least ``min_length`` long."""
    if len(pin or "") < min_length:
        raise DomainError("auth.pin_too_short", min=min_length)


def check_pin_length(pin: str, *, min_length: int = MIN_PIN_LENGTH) -> None:
    """The staff form's early check (before the manager's PIN is asked): the same rule as :func:`check_pin_rules`."""
    check_pin_rules(pin, min_length=min_length)


def hash_pin(pin: str, *, min_length: int = MIN_PIN_LENGTH) -> str:
    check_pin_rules(pin, min_length=min_length)
    salt = secrets.token_bytes(16)
    cost = PIN_KDF
    return f"scrypt${cost.n}${cost.r}${cost.p}${salt.hex()}${_scrypt(pin, salt, cost).hex()}"


def kdf_allowed(cost: KdfCost) -> bool:
    """A cost a stored hash may ask for: a power-of-two N, within :data:`MAX_KDF_MEMORY` and :data:`MAX_KDF_WORK`."""
    n, r, p = cost.n, cost.r, cost.p
    return (min(n, r, p) >= 1 and n & (n - 1) == 0 and p <= MAX_KDF_P and 128 * n * r <= MAX_KDF_MEMORY
            and n * r * p <= MAX_KDF_WORK)


def _parse(stored: str) -> tuple[KdfCost, bytes, str]:
    scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    cost = KdfCost(int(n), int(r), int(p))
    if scheme != "scrypt" or not kdf_allowed(cost):
        raise ValueError("unsupported PIN hash")
    return cost, bytes.fromhex(salt_hex), digest_hex


def pin_matches(pin: str, stored: str) -> bool:
    try:
        cost, salt, digest_hex = _parse(stored)
        digest = _scrypt(pin, salt, cost)
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with less than today's :data:`PIN_KDF` (re-made at the next right PIN)."""
    try:
        return not _parse(stored)[0].covers(PIN_KDF)
    except (ValueError, TypeError):
        return False


def manager_min_pin_length(db) -> int:
    from station_desk.policy.service import policy_on

    with db.read() as s:
        return policy_on(s, clock.today()).security.manager_min_pin_length


def pin_change_due(db, staff_id: int, pin: str | None) -> bool:
    """After a right ``pin``: True when this person is a manager and the PIN is shorter than the policy's minimum
    (``security.manager_min_pin_length``). The sign-in then asks them to choose a new one; the old one keeps
    working until they do. (Only the typed PIN tells its length: nothing about it is stored.)"""
    from station_desk.staff.service import role_on

    with db.read() as s:
        is_manager = role_on(s, staff_id, clock.today()) == Role.MANAGER
    return is_manager and len(pin or "") < manager_min_pin_length(db)


def min_pin_length_for(db, staff_id: int | None, role: str | None = None) -> int:
    """The shortest new PIN allowed for this person (or a new person of ``role``): the manager's minimum for a
    manager, else :data:`MIN_PIN_LENGTH`."""
    from station_desk.staff.service import role_on

    if role is None and staff_id is not None:
        with db.read() as s:
            role = role_on(s, staff_id, clock.today())
    return manager_min_pin_length(db) if role == Role.MANAGER else MIN_PIN_LENGTH


# -- lock-out ----------------------------------------------------------------------------------------------------
def _register_try(now: dt.datetime, failed: int, ok: bool, max_tries: int, lock_minutes: int):
    """The lock-out rule, one for every PIN check: (failed count, locked until, tries left)."""
    if ok:
        return 0, None, max_tries
    failed += 1
    left = max_tries - failed
    if left <= 0:
        return 0, now + dt.timedelta(minutes=lock_minutes), 0
    return failed, None, left


class FileLockout:
    """Wrong-PIN counts kept in a JSON file (the recovery path: the live database cannot be written, and the
    backup being checked is a temporary copy). Keyed by 工号, so trying another backup does not reset them."""

    def __init__(self, path: Path, *, max_tries: int = 5, lock_minutes: int = 5) -> None:
        self.path, self.max_tries, self.lock_minutes = Path(path), max_tries, lock_minutes

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def check(self, key: str, pin: str, stored: str) -> None:
        now = clock.now()
        data = self._read()
        row = data.get(key, {})
        until = dt.datetime.fromisoformat(row["until"]) if row.get("until") else None
        if until and until > now:
            raise PinLocked(until=until.strftime("%H:%M"))
        ok = pin_matches(pin or "", stored)
        failed, until, left = _register_try(now, int(row.get("failed", 0)), ok, self.max_tries, self.lock_minutes)
        data[key] = {"failed": failed, "until": until.isoformat() if until else None}
        from station_desk.files import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data).encode("utf-8"))
        if until is not None:
            raise PinLocked(until=until.strftime("%H:%M"))
        if not ok:
            raise WrongPin(left=left)


def verify_pin(db, staff_id: int, pin: str) -> Staff:
    """Check a person's PIN. Raises WrongPin (with tries left) or PinLocked; a right PIN resets the count and
    re-makes a hash of a lower cost. The slow hash runs outside the write transaction."""
    from station_desk.policy.service import policy_on
    from station_desk.staff.service import person_in

    now = clock.now()
    with db.read() as s:
        person = person_in(s, staff_id)
        if not person.pin_hash:
            raise DomainError("auth.no_pin", name=person.name)
        if person.pin_locked_until and person.pin_locked_until > now:
            raise PinLocked(until=person.pin_locked_until.strftime("%H:%M"))
        stored = person.pin_hash
    ok = pin_matches(pin or "", stored)
    new_hash = None
    if ok and needs_rehash(stored):
        new_hash = hash_pin(pin, min_length=1)
    with db.session() as s:
        person = person_in(s, staff_id)
        if person.pin_locked_until and person.pin_locked_until > now:
            raise PinLocked(until=person.pin_locked_until.strftime("%H:%M"))
        sec = policy_on(s, now.date()).security
        failed, locked_until, left = _register_try(now, person.failed_pins, ok, sec.max_pin_tries,
                                                   sec.pin_lock_minutes)
        person.failed_pins, person.pin_locked_until = failed, locked_until
        if new_hash is not None and person.pin_hash == stored:
            person.pin_hash = new_hash
        s.add(person)
    # committed above: the wrong try counts even though we refuse
    if ok:
        return person
    if locked_until is not None:
        raise PinLocked(until=locked_until.strftime("%H:%M"))
    raise WrongPin(left=left)


def require_manager(db, approval: ManagerApproval | None, action: str, *, lockout: FileLockout | None = None,
                    ) -> Actor:
    """The approving manager as an Actor, or raise. Call it *before* opening the action's transaction.
    ``lockout``: count wrong tries there instead of in ``db`` (the recovery path, where ``db`` is a backup)."""
    from station_desk.staff.service import person_in, role_on

    if approval is None or not approval.pin:
        raise DomainError("auth.permission_denied", action=action)
    if lockout is None:
        person = verify_pin(db, approval.staff_id, approval.pin)
    else:
        with db.read() as s:
            person = person_in(s, approval.staff_id)
        if not person.pin_hash:
            raise DomainError("auth.no_pin", name=person.name)
        lockout.check(person.emp_no, approval.pin, person.pin_hash)
    with db.read() as s:
        role = role_on(s, person.id, clock.today())
    if role != Role.MANAGER or not person.active:
        raise DomainError("auth.not_manager", name=person.name, action=action)
    return Actor(staff_id=person.id, name=person.name, role=role)


def sign_in(db, staff_id: int, pin: str | None = None) -> Actor:
    """The person at the desk picks their name; a PIN is asked only if they have one."""
    from station_desk.staff.service import person_in, role_on

    with db.read() as s:
        person = person_in(s, staff_id)
        if not person.active:
            raise DomainError("staff.inactive", name=person.name)
        has_pin = bool(person.pin_hash)
    if has_pin:
        verify_pin(db, staff_id, pin or "")
    with db.read() as s:
        role = role_on(s, staff_id, clock.today())
    return Actor(staff_id=staff_id, name=person.name, role=role or "")
