"""Demo customers: ~2,000 subscribers with packages, billing cycles and expiry dates spread around today."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from station_desk import clock
from station_desk.customers.models import Customer
from station_desk.customers.pinyin import initials
from station_desk.demo import DemoContext
from station_desk.demo.names import building, mobile, person_name

PACKAGE_WEIGHTS = (("3.0", 45), ("6.0", 30), ("8.2", 15), ("10.3", 10))
CYCLE_WEIGHTS = (("monthly", 50), ("half_year", 30), ("yearly", 20))


def _pick(rng, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights=weights)[0]


def populate(demo: DemoContext) -> None:
    rng = demo.rng
    now = clock.now()
    rows = []
    for i in range(demo.n_customers):
        name = person_name(rng)
        area = "肖家地片区" if rng.random() < 0.4 else "简易片区"
        b, unit, room = building(rng)
        expiry = demo.end + dt.timedelta(days=rng.randint(-60, 330))
        rows.append(dict(account_no=f"GW{2016 + i % 10}{i:06d}", name=name, initials=initials(name), area=area,
                         building=b, unit=unit, address=room, phone=mobile(rng), package=_pick(rng, PACKAGE_WEIGHTS),
                         cycle=_pick(rng, CYCLE_WEIGHTS), expiry_date=expiry, notes="", active=True,
                         created_at=now))
    # Bulk insert in one transaction: the demo's customers arrive as an import, not 2,000 clerk actions.
    with demo.db.session() as s:
        s.execute(insert(Customer), rows)
        from sqlmodel import select

        demo.customer_ids = list(s.exec(select(Customer.id).order_by(Customer.id)).all())
