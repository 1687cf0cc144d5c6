"""Benchmark data and measurements of the front desk: 300,000 contacts with their receipts and day closes, 20,000
cash-book lines (with a valid hash chain), and the figures the issue asks for:

* ``front_desk_search_p95_ms``: customer search p95 on the 200,000 customers (short and long queries);
* ``ledger_first_rows_ms``: opening the ledger tab on 300,000 contacts (today's rows + running totals);
* ``accounts_sheet_ms``: the accounts sheet (PDF) of the busiest month.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import day, insert_rows, median_ms, percentile, table_columns, ts  # noqa: E402

KINDS = (("inquiry", 28), ("renewal", 30), ("fault", 16), ("new_install", 6), ("complaint", 4), ("payment", 10),
         ("other", 6))
METHODS = (("cash", 45), ("wechat", 35), ("alipay", 15), ("card", 5))
ASKED = ["问资费", "上不了网", "问到期日", "电视没信号", "投诉师傅迟到", "补交费用", "问移机", "WiFi 连不上"]


def _pick(rng, pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights)[0]


def populate(conn, rng: random.Random, spec: dict) -> None:
    populate_contacts(conn, rng, spec)
    populate_cash(conn, rng, spec)


def populate_contacts(conn, rng: random.Random, spec: dict) -> None:
    if not table_columns(conn, "contact"):
        return
    start, end = spec["start"], spec["end"]
    days = (end - start).days + 1
    n = spec["contacts"]
    clerks = (spec.get("staff_by_role", {}).get("dispatch_clerk") or spec.get("staff_ids") or [1])[:4]
    manager = spec.get("manager_id", 1)
    customers = spec.get("customer_ids") or range(1, 2)
    first_contact = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM contact").fetchone()[0] or 0) + 1
    first_receipt = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM takings_receipt").fetchone()[0] or 0) + 1
    contacts, receipts = [], []
    per_day: dict[dt.date, list[int]] = {}
    ats = [dt.datetime.combine(start, dt.time(8, 30)) + dt.timedelta(
        days=rng.randrange(days), seconds=rng.randrange(11 * 3600)) for _ in range(n)]
    # the front desk's today has rows too: a day's share, from opening until the station's now (UTC+8)
    from station_desk import clock

    now = clock.now().replace(tzinfo=None, microsecond=0)
    opening = dt.datetime.combine(now.date(), dt.time(8, 30))
    if now.date() > end and now > opening:
        span = int((now - opening).total_seconds())
        ats += [opening + dt.timedelta(seconds=rng.randrange(span)) for _ in range(max(1, n // days))]
    ats.sort()
    invoice = 10_000_000
    for i, at in enumerate(ats):
        cid = first_contact + i
        kind = _pick(rng, KINDS)
        customer = rng.choice(customers)
        clerk = rng.choice(clerks)
        amount = rng.choice([3000, 5000, 16800, 30000, 50000]) if kind in ("renewal", "payment") else 0
        method = _pick(rng, METHODS) if amount else ""
        receipt_id = None
        inv = ""
        if amount:
            invoice += 1
            inv = f"FP{invoice:08d}"
            receipt_id = first_receipt + len(receipts)
            receipts.append((ts(at), day(at.date()), amount, method, customer, "contact", str(cid), inv, "",
                             clerk, "前台", None, "", ts(at)))
            if method == "cash":
                per_day.setdefault(at.date(), []).append(amount)
            else:
                per_day.setdefault(at.date(), [])
        contacts.append((ts(at), day(at.date()), "walk_in" if rng.random() < 0.7 else "phone", kind, customer, "", "",
                         "", rng.choice(ASKED), "已处理", "done", None, clerk, "前台", amount, method, inv, receipt_id,
                         None, None, "", None, "", ts(at)))
    insert_rows(conn, "contact", ["at", "day", "channel", "kind", "customer_id", "person_name", "person_phone",
                                  "address", "asked", "done", "result", "reply_by", "clerk_id", "clerk_name",
                                  "amount_fen", "method", "invoice_no", "receipt_id", "renewal_id", "signup_id",
                                  "warning", "reverses_id", "reason", "created_at"], contacts)
    insert_rows(conn, "takings_receipt", ["at", "day", "amount_fen", "method", "customer_id", "source_kind",
                                          "source_id", "invoice_no", "note", "taken_by_id", "taken_by_name",
                                          "reverses_id", "reason", "created_at"], receipts)
    closes = []
    for d, cash in sorted(per_day.items()):
        if d >= end:
            continue
        expected = sum(cash)
        closes.append((day(d), expected, expected, 0, "", expected, "{}", len(cash), None, None, clerks[0], "前台",
                       manager, "经理", ts(dt.datetime.combine(d, dt.time(20))), ""))
    insert_rows(conn, "takings_till_close", ["day", "expected_cash_fen", "counted_cash_fen", "difference_fen",
                                             "reason", "total_fen", "by_method", "receipts", "cckd_fen", "boss_fen",
                                             "closed_by_id", "closed_by_name", "handed_to_id", "handed_to_name",
                                             "closed_at", "note"], closes)
    spec["front_desk_today"] = ats[-1].date() if ats else end


def populate_cash(conn, rng: random.Random, spec: dict) -> None:
    from station_desk.cash_book import service as cash

    if not table_columns(conn, "cash_entry"):
        return
    start, end = spec["start"], spec["end"]
    months = []
    m = start.replace(day=1)
    while m <= end:
        months.append(m)
        m = (m + dt.timedelta(days=32)).replace(day=1)
    n = spec["cash_lines"]
    # a seasonal station: December (year-end renewals and promotions) is the busiest month
    weights = [3 if mo.month == 12 else 1 for mo in months]
    handler = (spec.get("staff_by_role", {}).get("accounts_clerk") or [spec.get("manager_id", 1)])[0]
    manager = spec.get("manager_id", 1)
    expense_cats = ["临时宣传员费用", "小额办公费", "水电费", "物业费", "站内电话费", "电脑补助", "电动车补助", "即时奖励",
                    "其他经营费用"]
    lines = []
    # the accounts sheet's target is for a month of 2,000 real lines: the last full December holds that many
    decembers = [mo for mo in months if mo.month == 12 and mo.year < end.year] or months[:1]
    busy = [decembers[-1]] * min(n, 2000 // (10 if spec.get("quick") else 1))
    for k in range(n):
        mo = busy[k] if k < len(busy) else rng.choices(months, weights=weights)[0]
        last = min((mo + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), end)
        d = mo + dt.timedelta(days=rng.randrange((last - mo).days + 1))
        if rng.random() < 0.15:
            lines.append((d, "income", "备用金", rng.randint(500, 3000) * 100, "公司财务部", None, ""))
        else:
            lines.append((d, "expense", rng.choice(expense_cats), rng.randint(10, 400) * 100, "收款人", manager, "经理"))
    lines.sort(key=lambda x: x[0])
    prev = conn.execute("SELECT hash FROM cash_entry ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = prev[0] if prev else cash.GENESIS
    next_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM cash_entry").fetchone()[0] or 0) + 1
    rows = []
    for i, (d, direction, cat, fen, payee, approver_id, approver) in enumerate(lines):
        created = dt.datetime.combine(d, dt.time(10))
        e = SimpleNamespace(id=next_id + i, day=d, direction=direction, category=cat, amount_fen=fen,
                            handler_id=handler, handler_name="内勤", payee=payee, approver_id=approver_id,
                            approver_name=approver, voucher_no=f"{d:%y%m}-{i % 1000:03d}", note="", source_kind="",
                            source_id="", reverses_id=None, reason="", created_at=created, created_by="内勤")
        h = cash.chain_digest(prev_hash, cash.entry_content(e))
        rows.append((e.id, day(d), direction, cat, fen, handler, "内勤", payee, approver_id, approver, e.voucher_no,
                     "", "", "", None, "", ts(created), "内勤", prev_hash, h))
        prev_hash = h
    insert_rows(conn, "cash_entry", ["id", "day", "direction", "category", "amount_fen", "handler_id", "handler_name",
                                     "payee", "approver_id", "approver_name", "voucher_no", "note", "source_kind",
                                     "source_id", "reverses_id", "reason", "created_at", "created_by", "prev_hash",
                                     "hash"], rows)
    counts: dict[str, int] = {}
    for d, *_ in lines:
        counts[f"{d:%Y-%m}"] = counts.get(f"{d:%Y-%m}", 0) + 1
    spec["busiest_cash_month"] = max(counts, key=counts.get) if counts else f"{end:%Y-%m}"
    spec["busiest_cash_lines"] = max(counts.values()) if counts else 0


def measure(db, spec: dict) -> dict[str, float]:
    from station_desk.cash_book import service as cash
    from station_desk.contact_log import service as contacts
    from station_desk.customers import service as customers
    from station_desk.reports.accounts_sheet import accounts_pdf_bytes
    from station_desk.takings import service as takings

    out: dict[str, float] = {}
    runs = spec.get("runs", 5)
    rng = random.Random(5)
    with db.engine.connect() as conn:
        sample = conn.exec_driver_sql("SELECT name, initials, phone, account_no FROM customer "
                                      "WHERE (id / 1009) * 1009 = id LIMIT 200").fetchall()
    queries = []
    for name, initials, phone, account in sample:
        queries += [name[:2], name[1:3], initials, phone[-4:], account[-6:], name]
    rng.shuffle(queries)
    customers.search_customers(db, "张")
    times = []
    for q in queries[:400]:
        t0 = time.perf_counter()
        customers.search_customers(db, q)
        times.append((time.perf_counter() - t0) * 1000)
    out["front_desk_search_p95_ms"] = round(percentile(times, 95), 2)

    today = spec.get("front_desk_today", spec["end"])

    def ledger():
        contacts.list_contacts(db, start=today, end=today)
        contacts.totals(db, start=today, end=today)
        takings.day_summary(db, today)

    out["ledger_first_rows_ms"] = median_ms(ledger, runs)
    week = takings.week_of(today)
    out["invoice_week_reconcile_ms"] = median_ms(lambda: takings.reconcile_invoices(db, start=week[0],
                                                                                    end=week[1]), runs)
    month = spec.get("busiest_cash_month") or f"{today:%Y-%m}"
    out["accounts_sheet_lines"] = spec.get("busiest_cash_lines", 0)
    out["accounts_sheet_ms"] = median_ms(lambda: accounts_pdf_bytes(db, month), max(1, min(runs, 3)))
    out["cash_chain_verify_ms"] = median_ms(lambda: cash.verify_cash_chain(db), 1, warmup=0)
    return out
