"""Imports every module's tables so ``SQLModel.metadata`` is complete (for migrations, tests and the demo).

A module with tables adds its ``models`` import to :func:`load_all_models`."""

from __future__ import annotations

_loaded = False


def load_all_models():
    """Import every module's tables once (foundation first) and return the metadata."""
    global _loaded
    from station_desk.db.base import SQLModel

    if not _loaded:
        from station_desk.assets import models as _assets  # noqa: F401
        from station_desk.attendance import models as _attendance  # noqa: F401
        from station_desk.audit import models as _audit  # noqa: F401
        from station_desk.cash_book import models as _cash_book  # noqa: F401
        from station_desk.contact_log import models as _contact_log  # noqa: F401
        from station_desk.customers import models as _customers  # noqa: F401
        from station_desk.gift_stock import models as _gift_stock  # noqa: F401
        from station_desk.periods import models as _periods  # noqa: F401
        from station_desk.points import models as _points  # noqa: F401
        from station_desk.policy import models as _policy  # noqa: F401
        from station_desk.rest_roster import models as _rest_roster  # noqa: F401
        from station_desk.rewards import models as _rewards  # noqa: F401
        from station_desk.staff import models as _staff  # noqa: F401
        from station_desk.takings import models as _takings  # noqa: F401
        from station_desk.work_orders import models as _work_orders  # noqa: F401
        _loaded = True
    return SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Objects the services manage themselves are not the migrations' business: the customer search index
    (FTS5 virtual table and its shadow tables, created on first use) and expression indexes Alembic cannot
    reflect on SQLite."""
    if type_ == "table" and name and name.startswith("customer_fts"):
        return False
    if type_ == "index" and reflected and compare_to is None and name == "ix_customer_given_name":
        return False
    return True
