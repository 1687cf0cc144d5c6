"""What a customer of the register is to the rest of the program: the row (``CustomerRow``), built from the table
or, for reads of thousands of rows, from plain column tuples (``ROW_COLUMNS`` / ``row_from_tuple``), and the one
read of a customer by id inside a transaction (``get_customer_in``). ``customers.service`` re-exports them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from station_desk.customers.models import Customer
from station_desk.errors import NotFound


@dataclass(frozen=True)
class CustomerRow:
    id: int
    account_no: str
    name: str
    area: str
    address: str  # the full address: area + building + unit + room
    phone: str  # unmasked: views call mask_phone()
    package: str
    cycle: str
    expiry_date: dt.date | None
    building: str = ""
    unit: str = ""
    room: str = ""  # Customer.address (room / street number)
    notes: str = ""
    active: bool = True
    initials: str = ""

    def days_to_expiry(self, today: dt.date) -> int | None:
        return None if self.expiry_date is None else (self.expiry_date - today).days


def customer_row(c: Customer) -> CustomerRow:
    return CustomerRow(c.id, c.account_no, c.name, c.area, c.full_address, c.phone, c.package, c.cycle,
                       c.expiry_date, c.building, c.unit, c.address, c.notes, c.active, c.initials)


#: the columns of a register row, in the order :func:`row_from_tuple` reads them (a read of thousands of rows
#: builds no ORM objects: issue #15)
ROW_COLUMNS = (Customer.id, Customer.account_no, Customer.name, Customer.initials, Customer.area, Customer.building,
                Customer.unit, Customer.address, Customer.phone, Customer.package, Customer.cycle,
                Customer.expiry_date, Customer.notes, Customer.active)


def row_from_tuple(r: tuple) -> CustomerRow:
    (cid, account_no, name, initials, area, building, unit, room, phone, package, cycle, expiry, notes,
     active) = r
    if isinstance(expiry, str):
        expiry = dt.date.fromisoformat(expiry)
    full = "".join(p for p in (area, building, unit, room) if p)
    return CustomerRow(cid, account_no, name, area, full, phone, package, cycle, expiry, building, unit, room,
                       notes, bool(active), initials)


def get_customer_in(s: Session, customer_id: int) -> Customer:
    c = s.get(Customer, customer_id)
    if c is None:
        raise NotFound(what="用户", id=customer_id)
    return c
