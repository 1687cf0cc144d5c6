"""Benchmark data and measurements of the foundation: staff, 200,000 customers, the audit log, start-up, search.

``populate`` writes 40 staff (with their roles and a PIN) and the customers (pinyin initials computed once per
distinct name, the FTS index rebuilt once after the load instead of row-by-row triggers). ``finish`` (called by
run.py after every module's populate) appends an audit history with a valid hash chain. ``measure`` times the
customer search; ``measure_startup`` the cold starts (main window vs a bare QMainWindow).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import insert_rows, median, percentile, table_columns, ts  # noqa: E402

#: (emp_no prefix, role, how many) — 30 people
STAFF_PLAN = [
    ("M", "manager", 1), ("D", "dispatch_clerk", 3), ("A", "accounts_clerk", 1), ("R", "renewal_specialist", 2),
    ("S", "service_supervisor", 1), ("K", "marketing_supervisor", 1), ("X", "sales_rep", 8),
    ("J", "technician", 18), ("P", "promoter", 5),
]
AREAS = ("简易片区", "肖家地片区")
PACKAGES = (("3.0", 45), ("6.0", 30), ("8.2", 15), ("10.3", 10))
CYCLES = (("monthly", 50), ("half_year", 30), ("yearly", 20))
BENCH_PIN = "1234"


def _initials_cache():
    """initials(name) exactly as the program computes them, fast: a character with one reading always gives the
    same letter, so those come from a per-character table; names with a polyphonic character (曾 zeng/ceng, 单 shan/
    dan) go through pypinyin once per distinct name."""
    from pypinyin.pinyin_dict import pinyin_dict

    from station_desk.customers.pinyin import initials

    by_name: dict[str, str] = {}
    by_char: dict[str, str | None] = {}

    def char_letter(ch: str) -> str | None:
        letter = by_char.get(ch, "?")
        if letter == "?":
            readings = pinyin_dict.get(ord(ch), "")
            firsts = {initials(r.strip())[:1] or r.strip()[:1] for r in readings.split(",") if r.strip()}
            letter = initials(ch) if len(firsts) == 1 and len(readings.split(",")) >= 1 and readings else None
            by_char[ch] = letter
        return letter

    def get(name: str) -> str:
        value = by_name.get(name)
        if value is None:
            letters = [char_letter(ch) for ch in name]
            value = "".join(letters) if all(x is not None for x in letters) else initials(name)
            by_name[name] = value
        return value

    return get


def populate_staff(conn, rng: random.Random, spec: dict) -> None:
    from station_desk.demo.names import mobile, person_name
    from station_desk.staff.auth import hash_pin

    pin_hash = hash_pin(BENCH_PIN)  # one salted hash for everyone: hashing 30 PINs would only cost time
    created = ts(dt.datetime.combine(spec["start"], dt.time(9)))
    staff_cols = set(table_columns(conn, "staff"))
    role_cols = set(table_columns(conn, "staff_role"))
    by_role: dict[str, list[int]] = {}
    ids = []
    names = set()
    n = 0
    for prefix, role, count in STAFF_PLAN:
        for i in range(count):
            n += 1
            name = person_name(rng)
            while name in names:
                name = person_name(rng)
            names.add(name)
            hire = spec["start"] - dt.timedelta(days=rng.randint(0, 2000)) if n <= 20 else \
                spec["start"] + dt.timedelta(days=rng.randint(0, (spec["end"] - spec["start"]).days - 60))
            row = dict(emp_no=f"{prefix}{i + 1:03d}", name=name, phone=mobile(rng), hire_date=hire.isoformat(),
                       active=1, left_date=None, pin_hash=pin_hash, failed_pins=0, pin_locked_until=None,
                       created_at=created)
            row = {k: v for k, v in row.items() if k in staff_cols}
            cur = conn.execute(f"INSERT INTO staff ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                               list(row.values()))
            sid = cur.lastrowid
            ids.append(sid)
            by_role.setdefault(role, []).append(sid)
            rrow = dict(staff_id=sid, role=role, effective_from=hire.isoformat(), note="")
            rrow = {k: v for k, v in rrow.items() if k in role_cols}
            conn.execute(f"INSERT INTO staff_role ({', '.join(rrow)}) VALUES ({', '.join('?' * len(rrow))})",
                         list(rrow.values()))
    spec["staff_ids"] = ids
    spec["staff_by_role"] = by_role
    spec["manager_id"] = by_role["manager"][0]


def populate_customers(conn, rng: random.Random, spec: dict) -> None:
    from station_desk.customers.models import SEARCH_INDEX_DDL
    from station_desk.demo.names import building, mobile, person_name

    cols = table_columns(conn, "customer")
    if not cols:
        return
    get_initials = _initials_cache()
    end = spec["end"]
    start = spec["start"]
    span = (end - start).days
    pkg_items, pkg_w = zip(*PACKAGES)
    cyc_items, cyc_w = zip(*CYCLES)
    n = spec["customers"]
    packages = rng.choices(pkg_items, weights=pkg_w, k=n)
    cycles = rng.choices(cyc_items, weights=cyc_w, k=n)
    wanted = ["account_no", "name", "initials", "area", "building", "unit", "address", "phone", "package", "cycle",
              "expiry_date", "notes", "active", "created_at", "updated_at"]
    use = [c for c in wanted if c in cols]

    def rows():
        for i in range(n):
            name = person_name(rng)
            b, unit, room = building(rng)
            created = start + dt.timedelta(days=rng.randint(0, span))
            expiry = end + dt.timedelta(days=rng.randint(-400, 330))
            active = 1 if expiry >= end - dt.timedelta(days=180) else (1 if rng.random() < 0.5 else 0)
            values = dict(account_no=f"GW{2016 + i % 10}{i:07d}", name=name, initials=get_initials(name),
                          area=AREAS[0] if rng.random() < 0.4 else AREAS[1], building=b, unit=unit, address=room,
                          phone=mobile(rng), package=packages[i], cycle=cycles[i], expiry_date=expiry.isoformat(),
                          notes="", active=active, created_at=ts(dt.datetime.combine(created, dt.time(10))),
                          updated_at=None)
            yield [values[c] for c in use]

    # The FTS triggers would index row by row; drop them for the load and rebuild the index once.
    for trig in ("customer_fts_ai", "customer_fts_ad", "customer_fts_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trig}")
    first = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM customer").fetchone()[0] or 0) + 1
    insert_rows(conn, "customer", use, rows())
    for statement in SEARCH_INDEX_DDL:
        conn.execute(statement)
    conn.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
    spec["customer_ids"] = range(first, first + n)


def populate(conn, rng: random.Random, spec: dict) -> None:
    populate_staff(conn, rng, spec)
    populate_customers(conn, rng, spec)


# -- audit history (after every module, so the chain covers their era) -----------------------------------------------
ACTIONS = [("contact_log.record", "contact"), ("work_orders.create", "work_order"), ("work_orders.close", "work_order"),
           ("cash_book.post", "cash_entry"), ("customers.update", "customer"), ("gift_stock.issue", "gift_move"),
           ("rest_roster.plan", "roster"), ("points.credit", "points_entry")]


def finish(conn, rng: random.Random, spec: dict) -> None:
    """Append ~one audit row per contact, work order and cash line, spread over the years, hash-chained."""
    cols = table_columns(conn, "audit_log")
    if not cols:
        return
    n = spec["contacts"] + spec["work_orders"] + spec["cash_lines"]
    last = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else "0" * 64
    start = dt.datetime.combine(spec["start"], dt.time(8, 30))
    span = (dt.datetime.combine(spec["end"], dt.time(18)) - start).total_seconds()
    people = [(sid, f"员工{sid}") for sid in spec.get("staff_ids", [])] or [(None, "系统")]
    names = dict(conn.execute("SELECT id, name FROM staff").fetchall())
    people = [(sid, names.get(sid, name)) for sid, name in people]
    times = sorted(start + dt.timedelta(seconds=rng.random() * span) for _ in range(n))

    def rows():
        nonlocal prev
        for i, at in enumerate(times):
            at = at.replace(microsecond=0)
            sid, name = rng.choice(people)
            action, entity = ACTIONS[i % len(ACTIONS)]
            eid = str(rng.randint(1, 50_000))
            after = json.dumps({"id": int(eid), "note": "基准数据"}, ensure_ascii=False, sort_keys=True)
            content = "\x1f".join([at.isoformat(), str(sid), name, action, entity, eid, "", after, ""])
            digest = hashlib.sha256((prev + content).encode("utf-8")).hexdigest()
            yield [ts(at), sid, name, action, entity, eid, None, after, None, prev, digest]
            prev = digest

    insert_rows(conn, "audit_log", ["at", "actor_id", "actor_name", "action", "entity", "entity_id", "before", "after",
                                    "reason", "prev_hash", "hash"], rows())


# -- measurements ---------------------------------------------------------------------------------------------------
SEARCH_QUERIES_PER_RUN = 200


def _search_queries(db, rng: random.Random) -> list[str]:
    with db.engine.connect() as conn:
        sample = conn.exec_driver_sql(
            "SELECT name, initials, phone, account_no, building FROM customer "
            "WHERE (id / 997) * 997 = id LIMIT 400").fetchall()
    queries = []
    for name, initials, phone, account, building in sample:
        queries += [name[:1], name[:2], name, initials[:2], initials, phone[-4:], phone[:7], account[-5:],
                    building[:3], f"{name[:1]} {building[:2]}"]
    rng.shuffle(queries)
    return [q for q in queries if q.strip()][:SEARCH_QUERIES_PER_RUN * 2]


def measure(db, spec: dict) -> dict[str, float]:
    """Customer search as the front desk types: p50/p95 over a mix of 1–11 character queries."""
    from station_desk.customers import service as customers

    rng = random.Random(11)
    queries = _search_queries(db, rng)
    customers.search_customers(db, "王")  # warm: the FTS index check and the first statement compile
    times = []
    for q in queries:
        t0 = time.perf_counter()
        customers.search_customers(db, q)
        times.append((time.perf_counter() - t0) * 1000)
    slow = sorted(zip(times, queries), reverse=True)[:3]
    return {"customer_search_p50_ms": round(percentile(times, 50), 2),
            "customer_search_p95_ms": round(percentile(times, 95), 2),
            "customer_search_queries": len(times),
            "customer_search_slowest": [f"{q!r} {t:.1f} ms" for t, q in slow]}


# -- start-up -------------------------------------------------------------------------------------------------------
SMOKE_RE = re.compile(r"smoke ok: first paint (\d+) ms, usable (\d+) ms, tabs (\d+)")
PROBE_RE = re.compile(r"probe: paint_wall ([\d.]+) since_interp_ms ([\d.]+)")
RSS_RE = re.compile(r"probe: peak_rss_mb ([\d.]+)")
USABLE_RE = re.compile(r"probe: usable_wall ([\d.]+)")
BARE_RE = re.compile(r"bare: paint_wall ([\d.]+) since_interp_ms ([\d.]+)")


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["STATION_DESK_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT)
    # the program's own settings (the remembered tab, the window's geometry) are the bench's, not this machine
    # user's: the first tab is the registry's first, the manager's overview
    env["XDG_CONFIG_HOME"] = str(home / "config")
    # as installed (the bundle carries compiled bytecode) or run from source a second time: the untimed first start
    # writes the .pyc files; with PYTHONDONTWRITEBYTECODE inherited, every timed start compiled every module again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(cmd: list[str], env: dict) -> tuple[float, str]:
    t_spawn = time.time()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=str(ROOT))
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:3])} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return t_spawn, proc.stdout


def measure_startup(db_path: Path, spec: dict, home: Path) -> dict:
    """Cold process starts (warm file cache): ``pairs`` alternating pairs of the bare window and the program
    (``--smoke``), each figure from the moment the process was spawned (interpreter start included).

    - first_paint_ms / bare_first_paint_ms: spawn to the window's first paint (both children print the wall clock
      at first paint; same interpreter, same flags); the ratio is the median of the per-pair ratios (the two starts
      of a pair see the same machine load);
    - usable_ms: spawn to usable (the sign-in list filled and the first tab's rows shown: the ``--smoke`` line's
      moment, as wall-clock time);
    - smoke_*: the program's own ``--smoke`` figures, measured from the import of station_desk.app (they leave out
      the interpreter and the command line's set-up).
    """
    py = sys.executable
    env = _env(home)
    main_cmd = [py, str(HERE / "probe_main.py"), "--db", str(db_path), "--smoke"]
    bare_cmd = [py, str(HERE / "bare_window.py")]
    res: dict[str, list[float]] = {k: [] for k in ("main_spawn", "bare_spawn", "ratio", "usable", "main_interp",
                                                   "bare_interp", "smoke_fp", "smoke_usable", "main_exit", "rss")}
    tabs = 0
    pairs = max(1, spec.get("pairs", 11))
    # one untimed start of each: compiles .pyc files and warms the file cache
    _run(bare_cmd, env)
    _run(main_cmd, env)
    for i in range(pairs):
        order = (bare_cmd, main_cmd) if i % 2 == 0 else (main_cmd, bare_cmd)
        for cmd in order:
            t, out = _run(cmd, env)
            if cmd is bare_cmd:
                m = BARE_RE.search(out)
                res["bare_spawn"].append((float(m.group(1)) - t) * 1000)
                res["bare_interp"].append(float(m.group(2)))
                continue
            t_exit = time.time()
            m = PROBE_RE.search(out)
            s = SMOKE_RE.search(out)
            u = USABLE_RE.search(out)
            if not (m and s and u):
                raise RuntimeError(f"no smoke/probe line in: {out[-500:]}")
            res["main_spawn"].append((float(m.group(1)) - t) * 1000)
            res["usable"].append((float(u.group(1)) - t) * 1000)
            res["main_interp"].append(float(m.group(2)))
            res["smoke_fp"].append(float(s.group(1)))
            res["smoke_usable"].append(float(s.group(2)))
            res["main_exit"].append((t_exit - t) * 1000)
            r = RSS_RE.search(out)
            if r:
                res["rss"].append(float(r.group(1)))
            tabs = int(s.group(3))
        res["ratio"].append(res["main_spawn"][-1] / res["bare_spawn"][-1])
    med = {k: median(v) for k, v in res.items()}
    return {
        "first_paint_ms": med["main_spawn"],
        "first_paint_p95_ms": round(percentile(res["main_spawn"], 95), 1),
        "bare_first_paint_ms": med["bare_spawn"],
        "first_paint_ratio": round(statistics.median(res["ratio"]), 2),
        "first_paint_ratio_of_medians": round(med["main_spawn"] / med["bare_spawn"], 2),
        "first_paint_ratios": [round(x, 2) for x in res["ratio"]],
        "usable_ms": med["usable"],
        "usable_p95_ms": round(percentile(res["usable"], 95), 1),
        "first_paint_since_interpreter_ms": med["main_interp"],
        "bare_first_paint_since_interpreter_ms": med["bare_interp"],
        "smoke_first_paint_ms": med["smoke_fp"],
        "smoke_usable_ms": med["smoke_usable"],
        "process_start_to_exit_ms": med["main_exit"],
        "smoke_peak_rss_mb": max(res["rss"]) if res["rss"] else None,
        "startup_pairs": pairs,
        "tabs_at_start": tabs,
    }
