"""The station's SLA line is computed from the counts behind each technician's row, not from rounded figures."""

from __future__ import annotations

from types import SimpleNamespace

from station_desk.work_orders.queries.sla import sla_total, summarise_facts


def _fact(*, late: bool, response: int, resolution: int, scores=()):
    sla = SimpleNamespace(respond_late=late, resolve_late=late, response_minutes=response,
                          resolution_minutes=resolution, late=late, pauses=(), paused_minutes=0)
    return SimpleNamespace(sla=sla, scores=tuple(scores), unsatisfied=0)


def test_station_line_is_fifteen_of_sixteen_not_an_average_of_rounded_rows():
    # technician A: 5 of 6 on time (83.3 % rounded); B: 10 of 10. The station: 15 of 16 = 93.75 → 93.8 %.
    a = summarise_facts(1, "甲", [_fact(late=i == 0, response=10, resolution=100, scores=(5,)) for i in range(6)])
    b = summarise_facts(2, "乙", [_fact(late=False, response=13, resolution=40, scores=(4, 3)) for _ in range(10)])
    assert (a.resolved_on_time_pct, b.resolved_on_time_pct) == (83.3, 100.0)
    total = sla_total([a, b])
    assert total.orders == 16
    assert total.responded_on_time_pct == total.resolved_on_time_pct == 93.8  # the rounded rows gave 93.7
    assert total.avg_response_minutes == round((6 * 10 + 10 * 13) / 16, 1)
    assert total.avg_resolution_minutes == round((6 * 100 + 10 * 40) / 16, 1)
    assert total.follow_up_avg_score == round((6 * 5 + 10 * 7) / 26, 1)  # per score, not per order


def test_no_orders_no_line():
    assert sla_total([]) is None
