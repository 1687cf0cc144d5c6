from __future__ import annotations

import datetime as dt

from station_desk.db.base import DateTimeField, Field, SQLModel


class Customer(SQLModel, table=True):
    """A subscriber (SPEC §2). Confidential: phone numbers are masked in lists (policy.security)."""

    __tablename__ = "customer"

    id: int | None = Field(default=None, primary_key=True)
    account_no: str = Field(max_length=30, unique=True)
    name: str = Field(max_length=40, index=True)
    initials: str = Field(default="", max_length=40, index=True)  # pinyin initials of the name: 张三丰 → zsf
    area: str = Field(default="", max_length=30, index=True)  # 片区
    building: str = Field(default="", max_length=40)
    unit: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=120)  # the rest of the address (room, street)
    phone: str = Field(default="", max_length=20, index=True)
    package: str = Field(default="3.0", max_length=10)  # CustomerPolicy.packages code
    cycle: str = Field(default="monthly", max_length=12)  # CustomerPolicy.cycles key
    expiry_date: dt.date | None = Field(default=None, index=True)
    notes: str = Field(default="", max_length=500)
    active: bool = True
    created_at: dt.datetime = DateTimeField()
    updated_at: dt.datetime | None = DateTimeField(nullable=True)

    @property
    def full_address(self) -> str:
        return "".join(p for p in (self.area, self.building, self.unit, self.address) if p)


class Renewal(SQLModel, table=True):
    """A customer's renewal (续费), with any package change (SPEC §6 renewal points, §7.3–7.4 rewards).

    Written by the front desk when a renewal is paid (``customers.service``); read by points and rewards."""

    __tablename__ = "customer_renewal"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    day: dt.date = Field(index=True)
    handled_by_id: int | None = Field(default=None, foreign_key="staff.id", index=True)  # renewal specialist
    recommended_by_id: int | None = Field(default=None, foreign_key="staff.id")  # staff who recommended an upgrade
    cycle: str = Field(max_length=12)  # monthly | half_year | yearly
    package_before: str = Field(max_length=10)
    package_after: str = Field(max_length=10)
    amount_fen: int = 0
    # indexed: a month's points and rewards read the renewals due in it, and the ones reversed (issue #15)
    expiry_before: dt.date | None = Field(default=None, index=True)
    expiry_after: dt.date | None = None
    contact_id: int | None = None  # the front-desk contact it came from, if any
    reverses_id: int | None = Field(default=None, foreign_key="customer_renewal.id", index=True)
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class SignUp(SQLModel, table=True):
    """A new-install sign-up (新开/签约): who signed the household up, in which area, for what income; pending
    until the install happens (SPEC §7.1–7.2 rewards, §6 install quotas)."""

    __tablename__ = "customer_signup"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    day: dt.date = Field(index=True)  # the day of the sign-up
    signed_by_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    team: str = Field(default="", max_length=20)  # '' or 'promotion' (宣传组)
    area: str = Field(default="", max_length=30)
    package: str = Field(default="3.0", max_length=10)
    cycle: str = Field(default="monthly", max_length=12)
    income_fen: int = 0
    status: str = Field(default="pending", max_length=12)  # pending | installed | cancelled
    installed_on: dt.date | None = Field(default=None, index=True)
    installed_by_id: int | None = Field(default=None, foreign_key="staff.id")
    work_order_id: int | None = None
    contact_id: int | None = None
    note: str = Field(default="", max_length=200)
    created_at: dt.datetime = DateTimeField()


class ExpiryCall(SQLModel, table=True):
    """One follow-up call (or door visit) to a customer near expiry: the 到期用户回访表's outcome column."""

    __tablename__ = "customer_expiry_call"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    at: dt.datetime = DateTimeField(index=True)
    expiry_date: dt.date | None = None  # the expiry the call was about
    outcome: str = Field(max_length=20)  # will_renew | renewed | thinking | refused | no_answer | not_home | other
    note: str = Field(default="", max_length=200)
    by_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    by_name: str = Field(default="", max_length=20)


# The search index (FTS5, trigram tokenizer) over the customer table. It is not a SQLModel table: it is created
# with the schema (create_all) by the DDL below and, for databases created by migrations, by
# ``customers.search.ensure_search_index`` on first use. Triggers keep it in step with every insert/update/delete.
SEARCH_INDEX_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_fts USING fts5("
    "name, initials, phone, account_no, area, building, unit, address, "
    "content='customer', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS customer_fts_ai AFTER INSERT ON customer BEGIN "
    "INSERT INTO customer_fts(rowid, name, initials, phone, account_no, area, building, unit, address) "
    "VALUES (new.id, new.name, new.initials, new.phone, new.account_no, new.area, new.building, new.unit, "
    "new.address); END",
    "CREATE TRIGGER IF NOT EXISTS customer_fts_ad AFTER DELETE ON customer BEGIN "
    "INSERT INTO customer_fts(customer_fts, rowid, name, initials, phone, account_no, area, building, unit, "
    "address) VALUES ('delete', old.id, old.name, old.initials, old.phone, old.account_no, old.area, "
    "old.building, old.unit, old.address); END",
    "CREATE TRIGGER IF NOT EXISTS customer_fts_au AFTER UPDATE OF name, initials, phone, account_no, area, "
    "building, unit, address ON customer BEGIN "
    "INSERT INTO customer_fts(customer_fts, rowid, name, initials, phone, account_no, area, building, unit, "
    "address) VALUES ('delete', old.id, old.name, old.initials, old.phone, old.account_no, old.area, "
    "old.building, old.unit, old.address); "
    "INSERT INTO customer_fts(rowid, name, initials, phone, account_no, area, building, unit, address) "
    "VALUES (new.id, new.name, new.initials, new.phone, new.account_no, new.area, new.building, new.unit, "
    "new.address); END",
)


# On PostgreSQL the same substring search is a pg_trgm GIN index over one lower-cased text of the searched fields
# (``pg_trgm`` is a trusted extension: the database's owner may create it; the database must be UTF-8).
PG_SEARCH_TEXT = ("lower(name || ' ' || initials || ' ' || phone || ' ' || account_no || ' ' || area || ' ' || "
                  "building || ' ' || unit || ' ' || address)")
PG_SEARCH_INDEX_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS ix_customer_trgm ON customer USING gin (({PG_SEARCH_TEXT}) gin_trgm_ops)",
)


def search_index_ddl(dialect_name: str) -> tuple[str, ...]:
    """The search index's statements for this engine (``sqlite`` or ``postgresql``)."""
    return PG_SEARCH_INDEX_DDL if dialect_name == "postgresql" else SEARCH_INDEX_DDL


def _create_search_index(target, connection, **_kw) -> None:
    for statement in search_index_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


from sqlalchemy import Index as _Index  # noqa: E402
from sqlalchemy import event as _event  # noqa: E402
from sqlalchemy import func as _func  # noqa: E402

# Prefix search on the building / estate (2-character queries such as "老街") uses this index, and a given name
# ("三丰" finds 张三丰) the expression index on the name after the surname. Alembic cannot compare expression
# indexes on SQLite, so ``customers.search.ensure_search_index`` also creates both when a database lacks them.
_Index("ix_customer_building", Customer.__table__.c.building)
_Index("ix_customer_given_name", _func.substr(Customer.__table__.c.name, 2))
# A month's points count the customers due in it by billing cycle (issue #15): from this index alone, without
# reading 16,000 customer rows a month at ten years.
_Index("ix_customer_expiry_cycle", Customer.__table__.c.expiry_date, Customer.__table__.c.cycle)
# The overview counts the active customers expiring in the next 15 days (and which were called) from this index
# alone: 16,000 rows at ten years, each a table row read without it (issue #15).
_Index("ix_customer_expiry_active", Customer.__table__.c.expiry_date, Customer.__table__.c.active)
SEARCH_SUPPORT_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_customer_building ON customer (building)",
    "CREATE INDEX IF NOT EXISTS ix_customer_given_name ON customer (substr(name, 2))",
)

_event.listen(Customer.__table__, "after_create", _create_search_index)
