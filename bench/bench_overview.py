"""Benchmark of the overview (概览, issue #20): no data of its own — it reads every module's — so ``populate``
adds nothing and ``measure`` times its reads on the 5-year station at 10:00 on the last day: the first paint
(today's contacts and takings, target ≤ 100 ms with the tab's drawing; the whole tab, drawing and the module
imports included, is in ``tabs.open_ms.overview``), the rest of today, the month with its charts, the checklist."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from common import median_ms  # noqa: E402


def populate(conn, rng, spec) -> None:
    """Nothing: the overview only reads the other modules' rows."""


def measure(db, spec) -> dict[str, float]:
    from station_desk import clock
    from station_desk.overview import checklist, service

    runs = spec.get("runs", 5)
    now = dt.datetime.combine(spec["end"], dt.time(10, 0))
    clock.set_fake_now(now)
    try:
        out = {
            "overview_first_paint_reads_ms": median_ms(lambda: service.today_view(db, now, part="desk"), runs=runs),
            "overview_today_rest_ms": median_ms(lambda: service.today_view(db, now, part="rest"), runs=runs),
            "overview_month_ms": median_ms(lambda: service.month_view(db, now.date()), runs=max(1, runs // 2)),
            "overview_checklist_ms": median_ms(lambda: checklist.checklist(db, now.date()), runs=runs),
        }
        return {k: round(v, 1) for k, v in out.items()}
    finally:
        clock.set_fake_now(None)
