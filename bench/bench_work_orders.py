"""Benchmark data and measurements of the work orders: ``spec['work_orders']`` orders over the years (each with its
created → dispatched → responded → returned → called → closed events), of which 200 are open on the last day.

Targets (issue 4): the board's first view ≤ 100 ms; the countdown refresh of 200 open orders ≤ 5 ms per tick.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import insert_rows, median_ms, table_columns, ts  # noqa: E402

OPEN = 200
KINDS = (("repair", 60), ("new_install", 20), ("fee_collection", 8), ("expiring_visit", 10), ("complaint", 2))
AREAS = ("简易片区", "肖家地片区")
FAULTS = ("无信号", "断网", "网速慢", "画面马赛克", "设备故障", "线路故障", "其他")


def _open_day(spec) -> dt.date:
    return spec["end"]


def populate(conn, rng, spec) -> None:
    if not table_columns(conn, "work_order"):
        return
    techs = list(spec.get("staff_by_role", {}).get("technician", [])) or [1]
    clerks = list(spec.get("staff_by_role", {}).get("dispatch_clerk", [])) or [1]
    customers = spec.get("customer_ids") or range(1, 2)
    kinds, weights = zip(*KINDS)
    total = max(spec["work_orders"], OPEN + 1)
    start, end = spec["start"], spec["end"]
    span = (end - start).days
    orders, events = [], []
    ocols = ["id", "kind", "service_class", "priority", "status", "customer_id", "customer_name", "phone", "area",
             "address", "description", "fault_type", "for_manager", "technician_id", "dispatched_by_id", "created_at",
             "created_by_id", "first_dispatched_at", "returned_at", "closed_at", "work_done", "equipment",
             "minutes_spent", "amount_fen", "pay_method", "invoice_no", "signed", "call_solved", "call_attitude",
             "call_score"]
    ecols = ["order_id", "kind", "sub", "at", "recorded_at", "actor_id", "actor_name", "technician_id", "note",
             "reason", "data"]
    first_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM work_order").fetchone()[0] or 0) + 1
    for n in range(total):
        oid = first_id + n
        is_open = n >= total - OPEN
        kind = rng.choices(kinds, weights)[0]
        tech, clerk = rng.choice(techs), rng.choice(clerks)
        # a closed order was created at least three days ago: its return, call and close are all in the past
        day = _open_day(spec) if is_open else start + dt.timedelta(days=rng.randrange(max(1, span - 3)))
        created = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=rng.randrange(0, 600 if not is_open
                                                                                               else 360))
        cust = customers[rng.randrange(len(customers))]
        area = rng.choice(AREAS)
        fault = rng.choice(FAULTS) if kind == "repair" else ""
        disp = created + dt.timedelta(minutes=rng.randint(1, 45))
        resp = disp + dt.timedelta(minutes=rng.choice((5, 10, 15, 20, 25, 28, 35, 50)))
        fin = resp + dt.timedelta(minutes=rng.randint(20, 300))
        called = fin + dt.timedelta(hours=rng.randint(2, 30))
        closed = called + dt.timedelta(minutes=5)
        late = fin > disp + dt.timedelta(minutes=240) or resp > disp + dt.timedelta(minutes=30)
        if is_open:
            status = rng.choice(("new", "dispatched", "dispatched", "in_progress"))
            if status == "new":
                disp = None
            stamps = {"dispatched": disp, "responded": resp if status == "in_progress" else None}
            orders.append((oid, kind, "C", int(rng.random() < 0.1), status, cust, "用户", "", area, "某栋某单元",
                           "报修：" + (fault or kind), fault, 0, tech if disp else None, clerk if disp else None,
                           ts(created), clerk, ts(disp) if disp else None, None, None, "", "", None, 0, "", "", 0,
                           None, "", None))
        else:
            score = rng.randint(6, 10)
            att = "satisfied" if score >= 8 else "average" if score >= 6 else "unsatisfied"
            stamps = {"dispatched": disp, "responded": resp, "returned": fin, "called": called, "closed": closed}
            orders.append((oid, kind, "A" if kind == "fee_collection" else "C", 0, "closed", cust, "用户", "", area,
                           "某栋某单元", "报修：" + (fault or kind), fault, 0, tech, clerk, ts(created), clerk,
                           ts(disp), ts(fin), ts(closed), "已处理", "", rng.randint(20, 120), 0, "", "", 1, 1, att,
                           score))
        events.append((oid, "created", "", ts(created), ts(created), clerk, "内勤", None, "", "", ""))
        for kind_ev, at in stamps.items():
            if at is None:
                continue
            data = f'{{"solved": true, "attitude": "satisfied", "score": {rng.randint(6, 10)}}}' \
                if kind_ev == "called" else ""
            events.append((oid, kind_ev, "solved" if kind_ev == "called" else "", ts(at), ts(at), clerk, "内勤",
                           tech if kind_ev != "closed" else None, "", "路远" if late and kind_ev == "returned" else "",
                           data))
    insert_rows(conn, "work_order", ocols, orders)
    insert_rows(conn, "work_order_event", ecols, events)
    spec["work_order_open_day"] = _open_day(spec)


def measure(db, spec) -> dict[str, float]:
    from station_desk import clock
    from station_desk.work_orders import queries

    now = dt.datetime.combine(spec.get("work_order_open_day", spec["end"]), dt.time(15, 0))
    runs = spec.get("runs", 5)
    clock.set_fake_now(now)
    try:
        board_ms = median_ms(lambda: queries.board(db), runs=runs)
        b = queries.board(db)
        later = now + dt.timedelta(seconds=1)
        tick_ms = median_ms(lambda: queries.countdowns(b, later), runs=max(runs, 5))
        sla_ms = median_ms(lambda: queries.sla_report(db, month=f"{now:%Y-%m}"), runs=runs)
        chart_ms = median_ms(lambda: queries.sla_weekly(db, month=f"{now:%Y-%m}"), runs=runs)
    finally:
        clock.set_fake_now(None)
    return {"work_orders_board_first_view_ms": board_ms, "work_orders_board_open_orders": float(len(b.orders)),
            "work_orders_tick_ms": tick_ms, "work_orders_sla_report_month_ms": sla_ms,
            "work_orders_sla_weekly_ms": chart_ms}
