"""PINs, sign-in and manager approvals (SPEC §1; issue: permissions are checked in the service layer).

PINs are stored as scrypt hashes. Wrong tries are counted in their own transaction (so a refused action still
counts the try); after ``policy.security.max_pin_tries`` wrong tries in a row, PIN entry for that person is locked
for ``policy.security.pin_lock_minutes``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.errors import DomainError, PinLocked, WrongPin
from station_desk.staff.roles import Role

if TYPE_CHECKING:
    from station_desk.staff.models import Staff

_N, _R, _P = 2**14, 8, 1
MIN_PIN_LENGTH = 4


def check_pin_length(pin: str) -> None:
    if len(pin) < MIN_PIN_LENGTH:
        raise DomainError("auth.pin_too_short", min=MIN_PIN_LENGTH)


def hash_pin(pin: str) -> str:
    check_pin_length(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def verify_pin(db, staff_id: int, pin: str) -> Staff:
    """Check a person's PIN. Raises WrongPin (with tries left) or PinLocked; a right PIN resets the count."""
    from station_desk.policy.service import policy_on
    from station_desk.staff.service import person_in

    now = clock.now()
    with db.session() as s:
        person = person_in(s, staff_id)
        if not person.pin_hash:
            raise DomainError("auth.no_pin", name=person.name)
        if person.pin_locked_until and person.pin_locked_until > now:
            raise PinLocked(until=person.pin_locked_until.strftime("%H:%M"))
        sec = policy_on(s, now.date()).security
        if pin_matches(pin or "", person.pin_hash):
            person.failed_pins = 0
            person.pin_locked_until = None
            s.add(person)
            return person
        person.failed_pins += 1
        left = sec.max_pin_tries - person.failed_pins
        locked_until = None
        if left <= 0:
            locked_until = now + dt.timedelta(minutes=sec.pin_lock_minutes)
            person.pin_locked_until = locked_until
            person.failed_pins = 0
        s.add(person)
    # committed above: the wrong try counts even though we refuse
    if locked_until is not None:
        raise PinLocked(until=locked_until.strftime("%H:%M"))
    raise WrongPin(left=left)


def require_manager(db, approval: ManagerApproval | None, action: str) -> Actor:
    """The approving manager as an Actor, or raise. Call it *before* opening the action's transaction."""
    from station_desk.staff.service import role_on

    if approval is None or not approval.pin:
        raise DomainError("auth.permission_denied", action=action)
    person = verify_pin(db, approval.staff_id, approval.pin)
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
