"""Imports every module's tables so ``SQLModel.metadata`` is complete (for migrations, tests and the demo).

A module registers by having ``station_desk/<module>/models.py``; list it in ``MODULES`` (order does not
matter for SQLite, but keep foundation first)."""

from __future__ import annotations

import importlib
import importlib.util

MODULES = [
    "audit",
    "policy",
    "periods",
    "staff",
    "customers",
    "points",
    "contact_log",
    "takings",
    "cash_book",
    "work_orders",
    "gift_stock",
    "assets",
    "rest_roster",
    "attendance",
    "rewards",
    "backup",
]

_loaded = False


def load_all_models():
    """Import all ``models.py`` files once and return the metadata."""
    global _loaded
    from station_desk.db.base import SQLModel

    if not _loaded:
        for name in MODULES:
            qual = f"station_desk.{name}.models"
            if importlib.util.find_spec(f"station_desk.{name}") and importlib.util.find_spec(qual):
                importlib.import_module(qual)
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
