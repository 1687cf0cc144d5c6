"""The month file's schema (``station-desk points load FILE.json``), checked before anything is loaded.

Every key the loader reads is declared here; an unknown key (``"signup"`` for ``"signups"``), a value of the wrong
type or a person who is neither in the file's ``staff`` nor in the station's register refuses the whole file with
the key path named (``signups[3].signed_by``), and nothing is loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from station_desk.errors import DomainError

#: an amount or a number of points: "12.50" or 12.5 (the loader reads it as at most two decimals)
Number = Union[StrictStr, StrictInt, float]
Text = StrictStr
Day = Annotated[dt.date, Field(strict=False)]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class StaffItem(_Item):
    emp_no: Text
    name: Text
    role: Text
    phone: Text = ""
    hire_date: Day | None = None


class CustomerItem(_Item):
    account_no: Text
    name: Text | None = None
    area: Text = ""
    package: Text | StrictInt | float = "3.0"
    cycle: Text = "monthly"
    expiry_date: Day | None = None
    address: Text = ""


class RenewalItem(_Item):
    account_no: Text
    day: Day
    handled_by: Text | None = None
    recommended_by: Text | None = None
    cycle: Text = "monthly"
    package_before: Text | StrictInt | float = "3.0"
    package_after: Text | StrictInt | float | None = None
    amount_yuan: Number = 0
    expiry_before: Day | None = None
    expiry_after: Day | None = None
    note: Text = ""


class SignupItem(_Item):
    day: Day
    account_no: Text | None = None
    signed_by: Text | None = None
    team: Text = ""
    area: Text = ""
    package: Text | StrictInt | float = "3.0"
    cycle: Text = "monthly"
    income_yuan: Number = 0
    status: Literal["pending", "installed", "cancelled"] | None = None
    installed_on: Day | None = None
    installed_by: Text | None = None
    note: Text = ""


class UpgradeCheckItem(_Item):
    account_no: Text
    renewal_day: Day
    confirmed: StrictBool = True
    day: Day | None = None
    note: Text = ""


class PointItem(_Item):
    emp_no: Text
    day: Day
    points: Number
    kind: Literal["order", "auxiliary", "manual", "deduction"] = "order"
    rule: Text | None = None
    source_kind: Text = "import"
    source_id: Text | StrictInt | None = None
    note: Text = ""


class WorkOrderItem(_Item):
    kind: Text = "repair"
    service_class: Text = "C"
    created_at: dt.datetime
    account_no: Text | None = None
    customer_name: Text = ""
    area: Text = ""
    address: Text = ""
    phone: Text = ""
    description: Text = ""
    fault_type: Text = ""
    priority: StrictInt = 0
    technician: Text | None = None
    dispatched_by: Text | None = None
    for_manager: StrictBool = False
    dispatched_at: dt.datetime | None = None
    responded_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    called_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    work_done: Text = ""
    equipment: Text = ""
    minutes_spent: StrictInt | None = None
    amount_fen: StrictInt = 0
    pay_method: Text = ""
    signed: StrictBool = False
    late_reason: Text = ""
    solved: StrictBool | None = None
    attitude: Text = ""
    score: StrictInt | None = None
    charged: StrictBool = False
    suggestion: Text = ""


class _Event(_Item):
    emp_no: Text | None = None
    staff_id: StrictInt | None = None


class ClockEvent(_Event):
    type: Literal["clock"]
    at: dt.datetime
    kind: Literal["in", "out"]
    note: Text = ""


class ExceptionEvent(_Event):
    type: Literal["exception"]
    day: Day
    kind: Literal["late", "early", "missing_in", "missing_out", "absent"]
    status: Literal["confirmed", "excused"] = "confirmed"
    minutes: StrictInt = 0
    reason: Text = ""


class ViolationEvent(_Event):
    type: Literal["violation"]
    day: Day
    description: Text = "违纪"


class LeaveEvent(_Event):
    type: Literal["leave"]
    kind: Text
    start: Day
    end: Day | None = None
    half: Literal["am", "pm"] | None = None
    status: Text = "approved"
    reason: Text = ""
    certificate: Text = ""
    approved_by: Text | None = None
    external_approver: Text = ""
    external_approved_on: Day | None = None


AttendanceEvent = Annotated[Union[ClockEvent, ExceptionEvent, ViolationEvent, LeaveEvent], Field(discriminator="type")]


class FactItem(_Item):
    kind: Text
    day: Day
    emp_no: Text | None = None
    body: Text = ""
    note: Text = ""


class WeekItem(_Item):
    kind: Literal["repair", "dispatch"]
    emp_no: Text
    week_start: Day
    ok: StrictBool
    detail: Text = ""


class Company(_Item):
    new_install_target: StrictInt | None = None
    manager_coefficient: Number | None = None
    money_per_point_yuan: Number | None = None
    renovation_done: StrictBool | None = None
    failure_rate_per_100: Number | None = None
    promotion_leader: Text | None = None


class PayItem(_Item):
    emp_no: Text
    base_yuan: Number = 0
    seniority_yuan: Number = 0


class MonthFile(_Item):
    month: Text
    staff: list[StaffItem] = []
    customers: list[CustomerItem] = []
    renewals: list[RenewalItem] = []
    signups: list[SignupItem] = []
    upgrade_checks: list[UpgradeCheckItem] = []
    points: list[PointItem] = []
    work_orders: list[WorkOrderItem] = []
    attendance: list[AttendanceEvent] = []
    facts: list[FactItem] = []
    weeks: list[WeekItem] = []
    company: Company | None = None
    pay: list[PayItem] = []


#: where a file names a person (key path → field), checked against the file's staff and the register
_PEOPLE = {"renewals": ("handled_by", "recommended_by"), "signups": ("signed_by", "installed_by"),
           "points": ("emp_no",), "work_orders": ("technician", "dispatched_by"), "attendance": ("emp_no",),
           "facts": ("emp_no",), "weeks": ("emp_no",), "pay": ("emp_no",)}


def key_path(loc: tuple) -> str:
    """('signups', 2, 'signed_by') → 'signups[3].signed_by' (items counted from 1, as the README does)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part in ("clock", "exception", "violation", "leave") and out.endswith("]"):
            continue  # the union's tag pydantic adds to the path
        else:
            out += ("." if out else "") + str(part)
    return out or "（文件）"


_TEXT = {"extra_forbidden": "没有这个键", "missing": "缺少这个键", "literal_error": "取值不对",
         "union_tag_invalid": "type 不对", "union_tag_not_found": "缺少 type"}


def check(data: dict, known_staff: set[str]) -> MonthFile:
    """The file checked against the schema and the register; raises ``points.load_invalid`` at the first bad key."""
    try:
        parsed = MonthFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        detail = _TEXT.get(err["type"], f"类型不对（{err['msg']}）")
        raise DomainError("points.load_invalid", where=key_path(tuple(err["loc"])), detail=detail) from None
    people = known_staff | {st.emp_no for st in parsed.staff}
    for key, fields in _PEOPLE.items():
        for i, item in enumerate(data.get(key) or [], 1):
            for field in fields:
                emp = item.get(field)
                if emp not in (None, "") and str(emp) not in people:
                    raise DomainError("points.load_invalid", where=f"{key}[{i}].{field}",
                                      detail=f"工号“{emp}”不在员工名册里")
    leader = (data.get("company") or {}).get("promotion_leader")
    if leader not in (None, "") and str(leader) not in people:
        raise DomainError("points.load_invalid", where="company.promotion_leader",
                          detail=f"工号“{leader}”不在员工名册里")
    return parsed
