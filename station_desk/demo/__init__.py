"""The demo station (``station-desk --demo``): a believable station in its own file, built through the same
services the program uses. Each module adds its activity in ``demo/<module>.py`` with ``populate(demo)``."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from station_desk.actor import Actor, ManagerApproval

DEMO_PIN = "1234"  # every demo person's PIN (shown in the README and the sign-in dialog of a demo file)



@dataclass
class DemoContext:
    db: object
    rng: random.Random
    start: dt.date  # first day of activity
    end: dt.date  # today (last day of activity)
    now: dt.datetime = dt.datetime.max  # the moment the station is built: nothing is written after it
    manager: Actor | None = None
    approval: ManagerApproval | None = None
    staff_by_role: dict[str, list[int]] = field(default_factory=dict)
    staff_actors: dict[int, Actor] = field(default_factory=dict)
    customer_ids: list[int] = field(default_factory=list)
    n_customers: int = 2000

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        """``day`` at ``time``, but never later than the moment the demo is built (the demo never shows the
        future)."""
        return min(dt.datetime.combine(day, time), self.now)

    def actor_for(self, staff_id: int) -> Actor:
        return self.staff_actors[staff_id]

    def one_of_role(self, role: str) -> Actor:
        return self.staff_actors[self.rng.choice(self.staff_by_role[role])]


def demo_steps() -> list[tuple[str, object]]:
    """Each module's ``populate(demo)``, in the order their data builds on each other."""
    from station_desk.demo import (assets, attendance, cash_book, contact_log, customers, gift_stock, points,
                                   rest_roster, rewards, staff, work_orders)

    modules = (staff, customers, contact_log, cash_book, work_orders, gift_stock, assets, rest_roster, attendance,
               points, rewards)
    return [(m.__name__.rsplit(".", 1)[1], m.populate) for m in modules]


def build_demo(path: Path, *, seed: int = 7, months: int = 4, n_customers: int = 2000,
               today: dt.date | None = None, progress=None, cancelled=None) -> Path | None:
    """Create (or recreate) a demo station database at ``path``. Returns the path, or None when ``cancelled()``
    said stop (checked between steps; nothing is left behind). ``progress(done, total, step)`` hears each step."""
    from station_desk import clock
    from station_desk.db.migrate import open_database

    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()
    db = open_database(path, backup_before_migrate=False)
    end = today or clock.today()
    start = (end.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    now = clock.now() if clock.today() == end else dt.datetime.combine(end, dt.time(20, 0))
    demo = DemoContext(db=db, rng=random.Random(seed), start=start, end=end, now=now, n_customers=n_customers)
    steps = demo_steps()
    from station_desk.staff.auth import demo_pin_cost

    stopped = False
    try:
        with demo_pin_cost():  # the demo's PIN (1234) is public: its hashes need not be slow to make or check
            for i, (name, populate) in enumerate(steps):
                if cancelled is not None and cancelled():
                    stopped = True
                    break
                if progress:
                    progress(i, len(steps), name)
                populate(demo)
    finally:
        db.close()
        if stopped:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
    return None if stopped else path
