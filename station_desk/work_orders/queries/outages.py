"""Major outages and the weekly fault-type statistics of repair orders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from station_desk import clock
from station_desk.work_orders.models import Outage, WorkOrder


@dataclass(frozen=True)
class OutageRow:
    id: int
    area: str
    fault_type: str
    cause: str
    started_at: dt.datetime
    expected_recovery_at: dt.datetime | None
    recovered_at: dt.datetime | None
    linked_orders: int


def list_outages(db, *, since: dt.date | None = None) -> list[OutageRow]:
    with db.read() as s:
        q = select(Outage).order_by(Outage.started_at.desc())
        if since:
            q = q.where(Outage.started_at >= dt.datetime.combine(since, dt.time()))
        rows = s.exec(q).all()
        counts = dict(s.exec(select(WorkOrder.outage_id, func.count()).where(WorkOrder.outage_id.is_not(None))
                             .group_by(WorkOrder.outage_id)).all())
        return [OutageRow(r.id, r.area, r.fault_type, r.cause, r.started_at, r.expected_recovery_at, r.recovered_at,
                          counts.get(r.id, 0)) for r in rows]


def fault_type_weekly(db, *, weeks: int = 8, until: dt.date | None = None) -> list[tuple[dt.date, dict[str, int]]]:
    """Weekly fault-type statistics: repair orders registered per week by fault type (latest ``weeks`` weeks)."""
    until = until or clock.today()
    last_monday = until - dt.timedelta(days=until.weekday())
    first = last_monday - dt.timedelta(days=7 * (weeks - 1))
    with db.read() as s:
        rows = s.exec(select(WorkOrder.created_at, WorkOrder.fault_type).where(
            WorkOrder.kind == "repair", WorkOrder.status != "cancelled",
            WorkOrder.created_at >= dt.datetime.combine(first, dt.time()))).all()
    out: dict[dt.date, dict[str, int]] = {first + dt.timedelta(days=7 * i): {} for i in range(weeks)}
    for created, ftype in rows:
        d = created.date()
        wk = d - dt.timedelta(days=d.weekday())
        if wk in out:
            key = ftype or "未分类"
            out[wk][key] = out[wk].get(key, 0) + 1
    return sorted(out.items())
