"""Imports every module's tables so ``SQLModel.metadata`` is complete (for migrations, tests and the demo).

A module with tables adds its ``models`` import to :func:`load_all_models`."""

from __future__ import annotations

_loaded = False


def load_all_models():
    """Import every module's tables once (foundation first) and return the metadata."""
    global _loaded
    from station_desk.db.base import SQLModel

    if not _loaded:
        import station_desk.assets.models  # noqa: F401
        import station_desk.attendance.models  # noqa: F401
        import station_desk.audit.models  # noqa: F401
        import station_desk.cash_book.models  # noqa: F401
        import station_desk.contact_log.models  # noqa: F401
        import station_desk.customers.models  # noqa: F401
        import station_desk.gift_stock.models  # noqa: F401
        import station_desk.periods.models  # noqa: F401
        import station_desk.points.models  # noqa: F401
        import station_desk.points_ledger.models  # noqa: F401
        import station_desk.policy.models  # noqa: F401
        import station_desk.rest_roster.models  # noqa: F401
        import station_desk.rewards.models  # noqa: F401
        import station_desk.staff.models  # noqa: F401
        import station_desk.takings.models  # noqa: F401
        import station_desk.work_orders.models  # noqa: F401
        _loaded = True
    return SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Objects the services manage themselves are not the migrations' business: the customer search index
    (FTS5 virtual table and its shadow tables, created on first use; pg_trgm index on PostgreSQL) and expression indexes Alembic cannot
    reflect on SQLite."""
    if type_ == "table" and name and name.startswith("customer_fts"):
        return False
    if type_ == "index" and reflected and compare_to is None and name in ("ix_customer_given_name", "ix_customer_trgm"):
        return False
    return True


def configure_mappers() -> None:
    """Configure the mappers of every table imported so far now, not in the next query (the tabs' warm-up)."""
    from sqlalchemy.orm import configure_mappers as configure

    configure()
