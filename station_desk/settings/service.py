"""The manager's station settings: a new version of the policy from a date.

``set_policy`` is refused if the date falls in or before a locked month, so a locked month is always recomputed
with the policy that was in force then. It sits above the policy reads, the staff register (manager approval)
and the month locks."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.periods.service import latest_locked_month
from station_desk.policy.station_policy import StationPolicy
from station_desk.policy.models import PolicyVersion
from station_desk.policy.service import parse_policy, policy_on
from station_desk.staff import auth


def set_policy(db, *, actor: Actor, approval: ManagerApproval | None, effective_from: dt.date,
               policy: StationPolicy | dict, note: str = "") -> None:
    """Store ``policy`` as the version in force from ``effective_from`` (replacing a version of the same date)."""
    pol = policy if isinstance(policy, StationPolicy) else parse_policy(policy)
    approver = auth.require_manager(db, approval, "修改站内政策")
    data = pol.model_dump_json()
    with db.session() as s:
        locked = latest_locked_month(s)
        if locked and clock.month_key(effective_from) <= locked:
            y, m = clock.parse_month(locked)
            first_open = clock.month_bounds(y, m)[1]
            raise DomainError("policy.past_locked", month=locked, first_open=first_open.isoformat())
        before = policy_on(s, effective_from)
        existing = s.exec(select(PolicyVersion).where(PolicyVersion.effective_from == effective_from)).first()
        if existing:
            existing.data, existing.note = data, note
            existing.created_at, existing.created_by = clock.now(), approver.name
            s.add(existing)
        else:
            s.add(PolicyVersion(effective_from=effective_from, data=data, created_at=clock.now(),
                                created_by=approver.name, note=note))
        audit.record(s, actor=actor, action="policy.set", entity="policy", entity_id=effective_from.isoformat(),
                     before=_diff(before, pol)[0], after=_diff(before, pol)[1], reason=note or None)


def _diff(old: StationPolicy, new: StationPolicy) -> tuple[dict, dict]:
    """Only the changed leaves, as flat dotted keys."""
    def flat(d, prefix=""):
        out = {}
        for k, v in d.items():
            key = f"{prefix}{k}"
            if isinstance(v, dict) and v and all(isinstance(x, str) for x in v):
                out.update(flat(v, key + "."))
            else:
                out[key] = v
        return out

    a = flat(json.loads(old.model_dump_json()))
    b = flat(json.loads(new.model_dump_json()))
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return {k: a.get(k) for k in keys}, {k: b.get(k) for k in keys}
