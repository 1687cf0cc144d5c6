"""Work-order tables (SPEC §3).

``WorkOrder`` holds what the order *is* (customer, kind, class, description, return form) and a cached current
``status``/``technician_id`` for fast lists. What *happened* is the append-only ``work_order_event`` log; SLA
deadlines and breaches are computed from it on read (``timeline``), never stored.
"""

from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class WorkOrder(SQLModel, table=True):
    __tablename__ = "work_order"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20, index=True)  # new_install | repair | fee_collection | expiring_visit | complaint
    service_class: str = Field(default="C", max_length=1)  # A paid | B contract | C free | D internal
    priority: int = Field(default=0)  # 0 normal, 1 urgent
    status: str = Field(default="new", max_length=12, index=True)  # cached from the event log
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    customer_name: str = Field(default="", max_length=40)
    phone: str = Field(default="", max_length=20)
    area: str = Field(default="", max_length=30)
    address: str = Field(default="", max_length=160)
    description: str = Field(default="", max_length=500)
    fault_type: str = Field(default="", max_length=20)
    contact_id: int | None = Field(default=None, index=True)  # the front-desk contact it came from
    signup_id: int | None = Field(default=None)  # a new-install order's sign-up
    parent_id: int | None = Field(default=None, foreign_key="work_order.id")  # a complaint raised from an order
    outage_id: int | None = Field(default=None, foreign_key="work_order_outage.id", index=True)
    for_manager: bool = False  # complaint raised by an unsatisfied follow-up: the manager handles it
    technician_id: int | None = Field(default=None, foreign_key="staff.id", index=True)  # current assignee
    dispatched_by_id: int | None = Field(default=None, foreign_key="staff.id", index=True)  # clerk of 1st dispatch
    created_at: dt.datetime = DateTimeField(index=True)
    created_by_id: int | None = Field(default=None, foreign_key="staff.id")
    first_dispatched_at: dt.datetime | None = DateTimeField(nullable=True, index=True)  # copy of the event time
    # indexed: the orders still open at a week's end are found from it (the rewards' dragged orders, issue #15)
    returned_at: dt.datetime | None = DateTimeField(nullable=True, index=True)  # latest return (finish) time
    closed_at: dt.datetime | None = DateTimeField(nullable=True)
    # return form (回单)
    work_done: str = Field(default="", max_length=500)
    equipment: str = Field(default="", max_length=120)
    minutes_spent: int | None = None
    amount_fen: int = 0
    pay_method: str = Field(default="", max_length=12)
    invoice_no: str = Field(default="", max_length=40)
    receipt_id: int | None = None  # the takings row, when the takings module recorded the money
    signed: bool = False
    # follow-up call (回访), latest answers
    call_solved: bool | None = None
    call_attitude: str = Field(default="", max_length=12)  # satisfied | average | unsatisfied
    call_score: int | None = None


class WorkOrderEvent(SQLModel, table=True):
    """One thing that happened to an order. Append-only: never updated, never deleted.

    ``at`` is when it happened (the technician's call at 08:45), ``recorded_at`` when the clerk entered it."""

    __tablename__ = "work_order_event"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="work_order.id", index=True)
    kind: str = Field(max_length=20)
    sub: str = Field(default="", max_length=12)  # follow mode (note/call/not_home); call result (solved/unsolved)
    at: dt.datetime = DateTimeField(index=True)
    recorded_at: dt.datetime = DateTimeField()
    actor_id: int | None = Field(default=None, foreign_key="staff.id")
    actor_name: str = Field(default="", max_length=20)
    technician_id: int | None = Field(default=None, foreign_key="staff.id")
    note: str = Field(default="", max_length=500)
    reason: str = Field(default="", max_length=200)  # late reason, cancel reason, reopen reason
    data: str = Field(default="", max_length=1000)  # JSON of the action's answers (return form, call script)


class Outage(SQLModel, table=True):
    """A major network outage (大网故障): area, cause, start, expected and actual recovery."""

    __tablename__ = "work_order_outage"

    id: int | None = Field(default=None, primary_key=True)
    area: str = Field(default="", max_length=30)
    fault_type: str = Field(default="", max_length=20)
    cause: str = Field(default="", max_length=300)
    started_at: dt.datetime = DateTimeField(index=True)
    expected_recovery_at: dt.datetime | None = DateTimeField(nullable=True)
    recovered_at: dt.datetime | None = DateTimeField(nullable=True)
    note: str = Field(default="", max_length=300)
    created_at: dt.datetime = DateTimeField()
    created_by: str = Field(default="", max_length=20)
