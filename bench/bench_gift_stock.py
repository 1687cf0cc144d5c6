"""Benchmark data and measurements of the gift inventory: 8 gifts over the years, monthly deliveries and about 300
gifts issued a month (≈18,000 issues in 5 years), with returns, transfers and write-offs; balances never negative.

Measured: the stock list (on hand of every item), the never-negative check of a move back-dated by a year (every
later running balance), the month's statistics table, the stock-move list, low-stock items, the PDF sheet.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import day, insert_rows, median_ms, table_columns, ts  # noqa: E402

ITEMS = [("保温杯", "个", 2550), ("电饭煲", "台", 12000), ("雨伞", "把", 1800), ("数据线", "根", 990),
         ("洗衣液", "瓶", 3200), ("台历", "本", 1200), ("毛巾礼盒", "盒", 2800), ("充电宝", "个", 4500)]
ISSUES_PER_MONTH = 300


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, d = [], start.replace(day=1)
    while d <= end:
        out.append(d)
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


def populate(conn, rng, spec) -> None:
    if not table_columns(conn, "gift_stock_move"):
        return
    start, end = spec["start"], spec["end"]
    now = ts(dt.datetime.combine(end, dt.time(18, 0)))
    first_item = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM gift_item").fetchone()[0] or 0) + 1
    insert_rows(conn, "gift_item", ["id", "name", "unit", "unit_cost_fen", "active", "photo_path", "low_stock",
                                    "note", "created_at"],
                [(first_item + i, f"{n}{'' if first_item == 1 else first_item}", u, c, 1, "", 10, "", now)
                 for i, (n, u, c) in enumerate(ITEMS)])
    item_ids = list(range(first_item, first_item + len(ITEMS)))
    first_promo = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM gift_promotion").fetchone()[0] or 0) + 1
    actions = ["new_install", "renewal", "upgrade", "renewal", "new_install", "renewal", "upgrade", "renewal"]
    insert_rows(conn, "gift_promotion", ["id", "name", "action", "cycle", "package", "item_id", "qty", "valid_from",
                                         "valid_to", "active", "note", "created_at", "created_by"],
                [(first_promo + i, f"促销{i + 1}", actions[i], "", "", item_ids[i], 1, day(start), day(end), 1, "",
                  now, "bench") for i in range(len(ITEMS))])
    staff = list(spec.get("staff_by_role", {}).get("dispatch_clerk", [])) or list(spec.get("staff_ids", [])) or [None]
    customers = spec.get("customer_ids") or [None]
    cols = ["item_id", "day", "kind", "qty", "unit_cost_fen", "staff_id", "customer_id", "promotion_id",
            "entitlement_ref", "action", "delivery_note", "counterparty", "override_reason", "note", "created_at",
            "created_by"]
    rows = []
    ref = 0
    for month in _months(start, end):
        last = min(end, (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
        span = (last - month).days + 1
        demand = [0] * len(ITEMS)
        issues = []
        for _ in range(ISSUES_PER_MONTH):
            i = rng.randrange(len(ITEMS))
            demand[i] += 1
            issues.append((i, month + dt.timedelta(days=rng.randrange(span))))
        for i, item_id in enumerate(item_ids):
            rows.append((item_id, day(month), "receive", demand[i] + rng.randint(5, 15), ITEMS[i][2], staff[0], None,
                         None, "", "", f"SH{month:%Y%m}", "", "", "", now, "bench"))
        for i, d in sorted(issues, key=lambda x: x[1]):
            ref += 1
            rows.append((item_ids[i], day(d), "issue", -1, ITEMS[i][2], rng.choice(staff),
                         customers[rng.randrange(len(customers))], first_promo + i, f"contact:{ref}", actions[i], "",
                         "", "", "", now, "bench"))
        i = rng.randrange(len(ITEMS))
        rows.append((item_ids[i], day(last), "transfer", -2, ITEMS[i][2], staff[0], None, None, "", "", "", "公司仓库",
                     "", "", now, "bench"))
    insert_rows(conn, "gift_stock_move", cols, rows)
    spec["gift_item_ids"] = item_ids


def measure(db, spec) -> dict[str, float]:
    from station_desk import clock
    from station_desk.gift_stock import service as gifts
    from station_desk.gift_stock.models import GiftItem
    from station_desk.gift_stock.stats import gift_statistics

    end = spec["end"]
    runs = spec.get("runs", 5)
    month = f"{end:%Y-%m}"
    item_id = (spec.get("gift_item_ids") or [1])[0]
    clock.set_fake_now(dt.datetime.combine(end, dt.time(15, 0)))
    try:
        def back_dated_check():
            with db.read() as s:
                item = s.get(GiftItem, item_id)
                try:
                    gifts.check_delta(s, item, end - dt.timedelta(days=365), -1, "发放")
                except Exception:  # noqa: BLE001 - a refusal is as costly as a pass
                    pass

        out = {
            "gifts_stock_list_ms": median_ms(lambda: gifts.list_items(db), runs=runs),
            "gifts_back_dated_check_ms": median_ms(back_dated_check, runs=runs),
            "gifts_statistics_month_ms": median_ms(lambda: gift_statistics(db, month), runs=runs),
            "gifts_moves_list_1000_ms": median_ms(lambda: gifts.list_moves(db, limit=1000), runs=runs),
            "gifts_low_stock_ms": median_ms(lambda: gifts.low_stock_items(db), runs=runs),
        }
        workdir = spec.get("workdir")
        if workdir:
            from station_desk.reports.gift_sheet import write_gift_pdf

            out["gifts_sheet_pdf_ms"] = median_ms(lambda: write_gift_pdf(db, Path(workdir) / "gift.pdf", month),
                                                  runs=max(1, runs // 2))
    finally:
        clock.set_fake_now(None)
    return out
