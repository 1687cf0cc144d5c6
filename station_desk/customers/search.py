"""Find a customer as you type (SPEC §2): name, phone, account number, address or pinyin initials ("zsf" → 张三丰).

Terms of 3+ characters go to an FTS5 trigram index (``customer_fts``, substring match in any column, kept in step
by triggers); 1–2 character terms use indexed prefix ranges on name / initials / account / phone, then a bounded
substring scan of names. Results are capped at ``limit`` before ranking, so a common term never sorts 100,000
rows. Ranking: exact account/phone, exact name, name prefix, initials prefix, then the rest by name.
"""

from __future__ import annotations

from sqlalchemy import text

from station_desk.customers.models import SEARCH_INDEX_DDL

_ensured: set[str] = set()
_HIGH = "\U0010ffff"
_COLUMNS = ("c.id, c.account_no, c.name, c.initials, c.area, c.building, c.unit, c.address, c.phone, c.package, "
            "c.cycle, c.expiry_date, c.notes, c.active")


def ensure_search_index(db) -> None:
    """Create the index and triggers if this database lacks them (a migrated file) and fill it once."""
    key = str(db.path)
    if key in _ensured:
        return
    with db.engine.connect() as conn:
        have = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('customer_fts', 'customer_fts_ai', "
            "'customer_fts_ad', 'customer_fts_au')").scalar()
    if have != 4:
        with db.session() as s:
            for statement in SEARCH_INDEX_DDL:
                s.connection().exec_driver_sql(statement)
            s.connection().exec_driver_sql("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
    _ensured.add(key)


def rebuild_search_index(db) -> None:
    """Refill the index from the customer table (after bulk loads that bypassed the triggers)."""
    ensure_search_index(db)
    with db.session() as s:
        s.connection().exec_driver_sql("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _short_filter(i: int, params: dict) -> str:
    return (f"(c.name LIKE :s{i} ESCAPE '\\' OR c.initials LIKE :p{i} ESCAPE '\\' OR c.account_no LIKE :s{i} "
            f"ESCAPE '\\' OR c.phone LIKE :s{i} ESCAPE '\\' OR c.building LIKE :s{i} ESCAPE '\\' "
            f"OR c.area LIKE :s{i} ESCAPE '\\')")


def search_ids_and_rows(conn, query: str, limit: int) -> list[tuple]:
    """Raw rows (the ``_COLUMNS`` order) for ``query``; ``conn`` is a SQLAlchemy connection."""
    terms = [t for t in query.strip().lower().split() if t]
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    params: dict = {"lim": limit}
    filters = []
    for i, t in enumerate(short_terms):
        params[f"s{i}"] = _like(t)
        params[f"p{i}"] = _like(t)[1:]
        filters.append(_short_filter(i, params))
    if long_terms:
        params["m"] = " AND ".join(_fts_phrase(t) for t in long_terms)
        where = " AND ".join(["customer_fts MATCH :m", *filters])
        sql = f"SELECT {_COLUMNS} FROM customer_fts f JOIN customer c ON c.id = f.rowid WHERE {where} LIMIT :lim"
        return [tuple(r) for r in conn.execute(text(sql), params)]
    # Only short terms: indexed prefix ranges on the first term, the others as filters.
    first = short_terms[0]
    params.update(lo=first, hi=first + _HIGH, ulo=first.upper(), uhi=first.upper() + _HIGH)
    rest = " AND ".join(filters[1:]) or "1"
    rows: dict[int, tuple] = {}
    for column, lo, hi in (("account_no", "ulo", "uhi"), ("phone", "lo", "hi"), ("name", "lo", "hi"),
                           ("initials", "lo", "hi")):
        sql = (f"SELECT {_COLUMNS} FROM customer c WHERE c.{column} >= :{lo} AND c.{column} < :{hi} AND {rest} "
               f"ORDER BY c.{column} LIMIT :lim")
        for r in conn.execute(text(sql), params):
            rows.setdefault(r[0], tuple(r))
        if len(rows) >= limit:
            break
    if len(rows) < limit and any(ord(ch) > 127 for ch in first):
        # a name part that is not at the start (三丰 in 张三丰): a bounded substring scan of names
        sql = (f"SELECT {_COLUMNS} FROM customer c WHERE c.name LIKE :s0 ESCAPE '\\' AND {rest} LIMIT :lim")
        for r in conn.execute(text(sql), params):
            rows.setdefault(r[0], tuple(r))
    return list(rows.values())[: limit * 2]


def rank_key(query: str):
    q = query.strip().lower()

    def key(row) -> tuple:
        name = row.name.lower()
        if q in (row.account_no.lower(), row.phone):
            grade = 0
        elif name == q:
            grade = 1
        elif name.startswith(q):
            grade = 2
        elif row.initials.startswith(q):
            grade = 3
        elif row.phone.endswith(q):
            grade = 4
        else:
            grade = 5
        return (grade, not row.active, len(row.name), row.name, row.id)

    return key
