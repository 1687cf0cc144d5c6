"""Major outages (大网故障): log one, revise or record its recovery, link the orders it caused."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.actor import Actor
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.work_orders.models import Outage
from station_desk.work_orders.service.pauses import resume_after_outage_in
from station_desk.work_orders.service.states import add_event, audit_order, clean_text, order_in


def record_outage(db, *, actor: Actor, area: str, cause: str, started_at: dt.datetime,
                  expected_recovery_at: dt.datetime | None = None, fault_type: str = "", note: str = "") -> int:
    area, cause = clean_text(area, "片区", 30), clean_text(cause, "故障原因", 300)
    if not area:
        raise DomainError("wo.outage_area_required")
    if not cause:
        raise DomainError("wo.outage_cause_required")
    if expected_recovery_at is not None and expected_recovery_at < started_at:
        raise DomainError("wo.outage_recovery_before_start")
    with db.session() as s:
        row = Outage(area=area, cause=cause, fault_type=clean_text(fault_type, "故障类型", 20),
                     started_at=started_at, expected_recovery_at=expected_recovery_at,
                     note=clean_text(note, "备注", 300), created_at=clock.now(), created_by=actor.name[:20])
        audit.add_new(s, row, actor=actor, action="work_orders.outage")
        return row.id


def update_outage(db, *, actor: Actor, outage_id: int, expected_recovery_at: dt.datetime | None = None,
                  recovered_at: dt.datetime | None = None, note: str | None = None) -> None:
    """Revise the expected recovery or record the actual recovery (audited with before/after)."""
    with db.session() as s:
        row = s.get(Outage, outage_id)
        if row is None:
            raise DomainError("wo.outage_not_found", id=outage_id)
        before = audit.snapshot(row)
        for value in (expected_recovery_at, recovered_at):
            if value is not None and value < row.started_at:
                raise DomainError("wo.outage_recovery_before_start")
        if expected_recovery_at is not None:
            row.expected_recovery_at = expected_recovery_at
        if recovered_at is not None:
            row.recovered_at = recovered_at
        if note is not None:
            row.note = clean_text(note, "备注", 300)
        s.add(row)
        audit.record(s, actor=actor, action="work_orders.outage_update", entity="work_order_outage",
                     entity_id=row.id, before=before, after=audit.snapshot(row))
        if recovered_at is not None:
            s.flush()
            resume_after_outage_in(s, actor=actor, outage=row)


def link_orders_to_outage(db, *, actor: Actor, outage_id: int, order_ids: list[int]) -> None:
    with db.session() as s:
        out = s.get(Outage, outage_id)
        if out is None:
            raise DomainError("wo.outage_not_found", id=outage_id)
        for oid in order_ids:
            order = order_in(s, oid)
            before = audit.snapshot(order)
            order.outage_id = out.id
            if not order.fault_type and out.fault_type:
                order.fault_type = out.fault_type
            s.add(order)
            add_event(s, order, "outage", actor=actor, at=clock.now(), note=f"大网故障 {out.id}：{out.cause}")
            audit_order(s, actor, "link_outage", order, before)
