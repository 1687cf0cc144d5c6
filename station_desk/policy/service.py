"""Reading the versioned policy.

``policy_on(s, day)`` is what every rule calls: the version in force on that date (SPEC defaults if none).
Changing it is the manager's settings service (``station_desk.settings.service.set_policy``), which sits above
the staff register and the month locks that it needs; this module sits below them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import ValidationError as PydanticError
from sqlmodel import Session, select

from station_desk import clock
from station_desk.errors import DomainError
from station_desk.policy.station_policy import StationPolicy
from station_desk.policy.models import PolicyVersion

DEFAULT = StationPolicy()


@lru_cache(maxsize=64)
def _parse(data: str) -> StationPolicy:
    return StationPolicy.model_validate_json(data)


def check_day_in(s, day, *, field: str):
    """The one rule for a date a person enters: in the station's sane range today (policy
    ``station.earliest_date`` … ``station.latest_years_ahead`` years ahead); a Chinese refusal otherwise."""
    from station_desk import validate

    station = policy_on(s, clock.today()).station
    return validate.day(day, field=field, today=clock.today(), earliest=station.earliest_date,
                        years_ahead=station.latest_years_ahead)


def policy_on(s: Session, day: dt.date) -> StationPolicy:
    data = s.exec(
        select(PolicyVersion.data).where(PolicyVersion.effective_from <= day)
        .order_by(PolicyVersion.effective_from.desc()).limit(1)
    ).first()
    return _parse(data) if data else DEFAULT


def current_policy(db, day: dt.date | None = None) -> StationPolicy:
    with db.read() as s:
        return policy_on(s, day or clock.today())


def versions(db) -> list[tuple[dt.date, str, str, dt.datetime]]:
    with db.read() as s:
        rows = s.exec(select(PolicyVersion).order_by(PolicyVersion.effective_from)).all()
        return [(r.effective_from, r.created_by, r.note, r.created_at) for r in rows]


def parse_policy(raw: dict | str) -> StationPolicy:
    """Validate a policy document (dict or JSON); raises DomainError('policy.invalid') with the first problem."""
    try:
        if isinstance(raw, str):
            return StationPolicy.model_validate_json(raw)
        return StationPolicy.model_validate(raw)
    except PydanticError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise DomainError("policy.invalid", detail=f"{where}: {first.get('msg')}") from None


def to_json(policy: StationPolicy) -> str:
    return policy.model_dump_json(indent=1)


def policy_or_defaults(db) -> StationPolicy:
    """The policy in force today; the shipped defaults when the policy rows cannot be read (a damaged policy row
    must not stop a backup or a restore)."""
    try:
        return current_policy(db)
    except Exception:  # noqa: BLE001 - whatever is wrong with the rows, the defaults are safe
        return StationPolicy()
