"""Find a customer as you type (SPEC §2): name, phone, account number, address or pinyin initials ("zsf" → 张三丰).

Terms of 3+ characters go to a trigram index (SQLite: the FTS5 table ``customer_fts``, kept in step by triggers;
PostgreSQL: a ``pg_trgm`` GIN index over the lower-cased searched fields), a substring match in any column. 1–2 character terms (which a trigram index cannot match) use indexed prefix ranges: name, given name
(``substr(name, 2)``: "三丰" finds 张三丰), building, pinyin initials, phone, account; several short words are
matched by intersecting index-only id sets. Results are capped at ``limit`` before ranking, so a common term never
sorts 100,000 rows. Ranking: exact account/phone, exact name, name prefix, initials prefix, then by name.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import bindparam, text

from station_desk.customers.models import PG_SEARCH_TEXT, SEARCH_SUPPORT_INDEXES, search_index_ddl

_ensured: set[str] = set()
_HIGH = "\U0010ffff"
_COLUMNS = ("c.id, c.account_no, c.name, c.initials, c.area, c.building, c.unit, c.address, c.phone, c.package, "
            "c.cycle, c.expiry_date, c.notes, c.active")


#: the search's own objects, per engine (tables, triggers, indexes): all present, or ``ensure_search_index`` adds them
_OBJECTS = {
    "sqlite": ("customer_fts", "customer_fts_ai", "customer_fts_ad", "customer_fts_au", "ix_customer_building",
               "ix_customer_given_name"),
    "postgresql": ("ix_customer_trgm", "ix_customer_building", "ix_customer_given_name"),
}
_PRESENT = {
    "sqlite": "SELECT count(*) FROM sqlite_master WHERE name IN :names",
    "postgresql": "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN :names",
}


def _present(conn, names: tuple[str, ...]) -> int:
    stmt = text(_PRESENT[conn.dialect.name]).bindparams(bindparam("names", expanding=True))
    return conn.execute(stmt, {"names": list(names)}).scalar()


def ensure_search_index(db) -> None:
    """Create the index (and on SQLite its triggers) if this database lacks them (a migrated file) and fill it
    once."""
    key = db.address
    if key in _ensured:
        return
    names = _OBJECTS[db.dialect.name]
    with db.engine.connect() as conn:
        have = _present(conn, names)
    if have != len(names):
        with db.session() as s:
            conn = s.connection()
            fts = db.dialect.name == "sqlite" and _present(conn, ("customer_fts",))
            for statement in search_index_ddl(db.dialect.name) + SEARCH_SUPPORT_INDEXES:
                conn.exec_driver_sql(statement)
            if db.dialect.name == "sqlite" and not fts:
                conn.exec_driver_sql("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
    _ensured.add(key)


def rebuild_search_index(db) -> None:
    """Refill the index from the customer table (after bulk loads that bypassed the triggers). PostgreSQL's
    index is always in step."""
    ensure_search_index(db)
    if db.dialect.name == "sqlite":
        with db.session() as s:
            s.connection().exec_driver_sql("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: a LIKE that ignores ASCII case, as SQLite's LIKE does
_LIKE = {"sqlite": "LIKE", "postgresql": "ILIKE"}


def _short_filter(i: int, like: str) -> str:
    return (f"(c.name {like} :s{i} ESCAPE '\\' OR c.initials {like} :p{i} ESCAPE '\\' OR c.account_no {like} "
            f":s{i} ESCAPE '\\' OR c.phone {like} :s{i} ESCAPE '\\' OR c.building {like} :s{i} ESCAPE '\\' "
            f"OR c.area {like} :s{i} ESCAPE '\\')")


def _long_terms_sql(dialect: str, terms: list[str], params: dict) -> tuple[str, str]:
    """(FROM, WHERE) matching every 3+ character term anywhere in the searched fields, through the trigram index."""
    if dialect == "postgresql":
        for i, t in enumerate(terms):
            params[f"t{i}"] = _like(t)
        # the index's own expression (unqualified: the only table in FROM), so the planner uses it
        where = " AND ".join(f"{PG_SEARCH_TEXT} LIKE :t{i} ESCAPE '\\'" for i in range(len(terms)))
        return "customer c", where
    params["m"] = " AND ".join(_fts_phrase(t) for t in terms)
    return "customer_fts f JOIN customer c ON c.id = f.rowid", "customer_fts MATCH :m"


def search_ids_and_rows(conn, query: str, limit: int) -> list[tuple]:
    """Raw rows (the ``_COLUMNS`` order) for ``query``; ``conn`` is a SQLAlchemy connection."""
    terms = query_terms(query)
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    params: dict = {"lim": limit}
    filters = []
    dialect = conn.dialect.name
    for i, t in enumerate(short_terms):
        params[f"s{i}"] = _like(t)
        params[f"p{i}"] = _like(t)[1:]
        filters.append(_short_filter(i, _LIKE[dialect]))
    if long_terms:
        source, match = _long_terms_sql(dialect, long_terms, params)
        where = " AND ".join([match, *filters])
        sql = f"SELECT {_COLUMNS} FROM {source} WHERE {where} LIMIT :lim"
        return [tuple(r) for r in conn.execute(text(sql), params)]
    if len(short_terms) > 1:
        return _intersect_prefixes(conn, short_terms, limit)
    # One short term: indexed prefix ranges, best field first.
    order = sorted(range(len(short_terms)), key=lambda i: -len(short_terms[i]))
    drive = order[0]
    first = short_terms[drive]
    params.update(lo=first, hi=first + _HIGH, ulo=first.upper(), uhi=first.upper() + _HIGH)
    rest = " AND ".join(f for i, f in enumerate(filters) if i != drive) or "1 = 1"
    rows: dict[int, tuple] = {}
    for column, lo, hi in (("c.account_no", "ulo", "uhi"), ("c.phone", "lo", "hi"), ("c.name", "lo", "hi"),
                           ("substr(c.name, 2)", "lo", "hi"), ("c.initials", "lo", "hi"),
                           ("c.building", "lo", "hi")):
        sql = (f"SELECT {_COLUMNS} FROM customer c WHERE {column} >= :{lo} AND {column} < :{hi} AND {rest} "
               f"ORDER BY {column} LIMIT :lim")
        for r in conn.execute(text(sql), params):
            rows.setdefault(r[0], tuple(r))
        if len(rows) >= limit:
            break
    return list(rows.values())[: limit * 2]


def _columns_for(term: str) -> tuple[str, ...]:
    """The indexed fields a word can start: Chinese → name, given name, building; letters → initials, account;
    digits → phone, account."""
    if any(ord(ch) > 127 for ch in term):
        return ("name", "substr(name, 2)", "building")
    if term.isdigit():
        return ("phone", "account_no")
    return ("initials", "account_no")


def _bounds(column: str, term: str) -> dict:
    t = term.upper() if column == "account_no" else term
    return {"lo": t, "hi": t + _HIGH}


def _prefix_ids(conn, term: str, cap: int = 40_000) -> set[int]:
    """Ids of which an indexed field starts with ``term`` (index-only range scans)."""
    ids: set[int] = set()
    for column in _columns_for(term):
        b = _bounds(column, term)
        ids.update(conn.execute(text(f"SELECT id FROM customer WHERE {column} >= :lo AND {column} < :hi LIMIT :cap"),
                                {**b, "cap": cap}).scalars())
    return ids


def _intersect_prefixes(conn, terms: list[str], limit: int) -> list[tuple]:
    """Several short words ("王 幸福"): every word must start one of the indexed fields. Each word's ids come from
    index-only range scans; the sets are intersected, then only the rows shown are read."""
    found: set[int] | None = None
    for term in sorted(terms, key=len):
        ids = _prefix_ids(conn, term)
        found = ids if found is None else found & ids
        if not found:
            return []
    chosen = sorted(found)[: limit * 2]
    marks = ",".join(str(int(i)) for i in chosen)
    return [tuple(r) for r in conn.execute(text(f"SELECT {_COLUMNS} FROM customer c WHERE c.id IN ({marks})"))]


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


# -- the query as words ------------------------------------------------------------------------------------------------
#: what follows a house, building, unit or room number in an address ("209号", "12栋", "3单元", "502室")
_NUMBER_WORDS = ("号楼", "单元", "号", "栋", "幢", "座", "楼", "层", "室")
_RUN = re.compile(r"[0-9]+|[a-z]+[0-9a-z]*|[^\W0-9a-z_]+")


def query_terms(query: str) -> list[str]:
    """The words of ``query`` as the index holds them. An address is typed as written, without spaces:
    "阳光新村209号" is the words "阳光新村" and "209号" (the building and the house number are separate fields,
    matched each in its own). A number keeps the address word after it ("12栋", "3单元", "502室"), so "209号"
    does not also find 2091号. Full-width digits and letters count as plain ones (NFKC), letters are
    lower-cased, punctuation separates words."""
    terms: list[str] = []
    for chunk in unicodedata.normalize("NFKC", query or "").lower().split():
        runs = _RUN.findall(chunk)
        i = 0
        while i < len(runs):
            run = runs[i]
            if run.isdigit() and i + 1 < len(runs):
                word = next((w for w in _NUMBER_WORDS if runs[i + 1].startswith(w)), "")
                if word:
                    rest = runs[i + 1][len(word):]
                    terms.append(run + word)
                    runs[i + 1] = rest
                    i += 1 if rest else 2
                    continue
            if run:
                terms.append(run)
            i += 1
    return terms
