"""The overview's numbers agree with the modules' own screens, and every number opens the rows behind it."""

from __future__ import annotations

import datetime as dt

from station_desk.contact_log import queries as contacts
from station_desk.money import fmt_fen
from station_desk.overview import drill, service
from station_desk.takings import service as takings
from tests.unit.overview.conftest import BUILT


def _metrics(view):
    return {m.key + "|" + m.label: m for sec in view.sections for m in sec.metrics}


def _get(view, key):
    return next(m for sec in view.sections for m in sec.metrics if m.key == key)


def test_today_agrees_with_the_front_desk_and_the_takings(demo):
    view = service.today_view(demo, BUILT)
    day = BUILT.date()
    t = contacts.totals(demo, start=day, end=day)
    assert _get(view, "contacts:all").value == str(t.count) and t.count > 0
    assert _get(view, "contacts:renewal").value == str(t.by_kind.get("renewal", 0))
    s = takings.day_summary(demo, day)
    assert _get(view, "takings:all").value == fmt_fen(s.total_fen)
    assert _get(view, "takings:cash").value == fmt_fen(s.expected_cash_fen)


def test_every_count_opens_as_many_rows(demo):
    view = service.today_view(demo, BUILT)
    checked = 0
    for sec in view.sections:
        for m in sec.metrics:
            d = drill.rows_for(demo, m.key, BUILT)
            assert d.title and d.tab
            if m.value.isdigit():
                assert len(d.rows) == int(m.value), m
                checked += 1
    assert checked >= 10


def test_month_numbers_and_charts(demo):
    mv = service.month_view(demo, BUILT.date())
    assert mv.month == "2027-01"
    sla_chart, points_chart = mv.charts
    assert len(sla_chart.series) == 2 and sla_chart.unit == "%"
    assert points_chart.threshold == 280 and points_chart.note  # provisional
    assert len(points_chart.categories) == len(points_chart.keys) > 5
    d = drill.rows_for(demo, points_chart.keys[0], BUILT)
    assert d.rows
    for key in ("sla:orders", "installs:month", "renewals:month", "cash:income", "cash:expense"):
        assert drill.rows_for(demo, key, BUILT).headers
    orders = _get(mv, "sla:orders").value
    assert sum(int(r[1]) for r in drill.rows_for(demo, "sla:orders", BUILT).rows) == int(orders)
    income = _get(mv, "cash:income").value
    rows = drill.rows_for(demo, "cash:income", BUILT).rows
    assert fmt_fen(sum(int(round(float(r[5].replace(",", "")) * 100)) for r in rows)) == income


def test_checklist_of_the_demo_on_its_day(demo):
    from station_desk.overview import checklist

    items = checklist.checklist(demo, BUILT.date())
    assert {i.status for i in items} <= {"done", "due", "late"}
    assert dt.date(2027, 1, 5) in {i.due for i in items}


def test_renewal_rate_so_far_counts_the_customers_due_up_to_today(demo):
    mv = service.month_view(demo, BUILT.date())
    metric = _get(mv, "renewals:month")
    rows = drill.rows_for(demo, "renewals:month", BUILT).rows
    renewed = sum(1 for r in rows if r[-1] == "已续费")
    assert f"至今到期 {len(rows)} 户，已续 {renewed} 户" in metric.hint
    if rows:
        assert metric.value == f"{100 * renewed // len(rows)}%"


def test_glance_labels_are_the_modules():
    from station_desk.contact_log.rows import KINDS
    from station_desk.overview import glance

    assert glance.KINDS == KINDS and glance.METHODS == takings.METHODS


def test_month_sla_from_one_read_equals_the_work_orders_screens(demo):
    """The month's SLA numbers and weekly chart come from one read of both months' orders (issue #15); they equal
    what the work-orders tab shows from its own three reads."""
    from station_desk.month import Month
    from station_desk.work_orders import queries as wq

    month = Month.of(BUILT.date())
    total, this, last = service.sla_so_far(demo, month)
    assert total == wq.sla_total(wq.sla_report(demo, month=month)) and total.orders > 0
    assert this == wq.sla_weekly(demo, month=month)
    assert last == wq.sla_weekly(demo, month=month.prev()) and sum(w.orders for w in last) > 0


# -- what a write re-reads (issue #15: a contact does not recompute the month) -------------------------------------


def test_a_write_rereads_only_the_parts_it_can_have_changed():
    assert service.stale_parts(None) == list(service.PART_TOPICS)  # first open, F5, sign-in
    assert service.stale_parts({"contacts", "audit"}) == ["desk", "reminders", "checklist"]
    assert service.stale_parts({"cash", "audit"}) == ["business", "checklist"]
    assert service.stale_parts({"work_orders", "audit"}) == ["orders", "sla", "checklist"]
    assert service.stale_parts({"points", "audit"}) == ["points", "business", "checklist"]
    assert service.stale_parts({"periods", "audit"}) == list(service.PART_TOPICS)  # a lock changes every screen
    assert service.stale_parts({"policy"}) == list(service.PART_TOPICS)
    assert service.stale_parts({"assets"}) == []


def test_each_part_reads_only_tables_of_its_topics(demo):
    """The topics of a part are what its reads touch: every table a part's SQL names maps to one of its topics (or
    to the month locks and the policy, which re-read everything), so no write can change a part unseen."""
    import re

    from sqlalchemy import event

    from station_desk.db.changes import EVERYONE, topic_of
    from station_desk.overview import checklist

    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    reads = {"desk": lambda: service.today_view(demo, BUILT, part="desk"),
             "orders": lambda: service.today_view(demo, BUILT, part="orders"),
             "people": lambda: service.today_view(demo, BUILT, part="people"),
             "reminders": lambda: service.today_view(demo, BUILT, part="reminders"),
             "sla": lambda: service.month_view(demo, BUILT.date(), parts=["sla"]),
             "points": lambda: service.month_view(demo, BUILT.date(), parts=["points"]),
             "business": lambda: service.month_view(demo, BUILT.date(), parts=["business"]),
             "checklist": lambda: checklist.checklist(demo, BUILT.date())}
    assert set(reads) == set(service.PART_TOPICS)
    event.listen(demo.engine, "before_cursor_execute", note)
    try:
        for part, read in reads.items():
            seen.clear()
            read()
            tables = {t for sql in seen for t in re.findall(r'\b(?:FROM|JOIN)\s+"?([a-z_]+)', sql, re.IGNORECASE)}
            topics = {topic_of(t) for t in tables} - {None}
            assert topics, part
            assert topics <= service.PART_TOPICS[part] | EVERYONE, (part, topics - service.PART_TOPICS[part])
    finally:
        event.remove(demo.engine, "before_cursor_execute", note)


def test_today_view_reads_the_parts_asked_for(demo):
    titles = lambda part: [sec.title for sec in service.today_view(demo, BUILT, part=part).sections]  # noqa: E731
    assert titles("people") == ["今日人员"]
    assert titles(["orders", "reminders"]) == ["工单", "提醒"]
    assert titles("rest") == ["工单", "今日人员", "提醒"]
    assert titles("all") == ["今日前台登记", "今日收款", "工单", "今日人员", "提醒"]


def test_the_uncalled_expiring_count_is_counted_in_sql_as_the_list_shows(busy_demo_path, tmp_path, fake_now,
                                                                         monkeypatch):
    """The reminder counts the customers the drill lists (no call about this expiry), without fetching them."""
    import shutil

    from station_desk.actor import Actor
    from station_desk.db.engine import Database
    from station_desk.staff.roles import Role

    fake_now(BUILT)
    shutil.copy(busy_demo_path, tmp_path / "station.db")
    db = Database(tmp_path / "station.db")
    try:
        day = BUILT.date()
        uncalled = service.expiring_uncalled(db, day)
        assert len(uncalled) >= 2
        reminders = lambda: _get(service.today_view(db, BUILT, part="reminders"), "customers:expiring").value  # noqa
        assert reminders() == str(len(uncalled))
        clerk = Actor(1, "测试", Role.MANAGER)
        from station_desk.customers import service as customers

        customers.record_call_outcome(db, actor=clerk, customer_id=uncalled[0].customer.id, outcome="thinking")
        assert reminders() == str(len(uncalled) - 1) == str(len(service.expiring_uncalled(db, day)))

        def fetch(*_a, **_k):
            raise AssertionError("the reminder fetched the expiring customers' rows")

        monkeypatch.setattr(customers, "list_expiring", fetch)
        assert reminders() == str(len(uncalled) - 1)
    finally:
        db.close()


def test_the_month_in_parts_is_the_whole_month(demo):
    whole = service.month_view(demo, BUILT.date())
    sla = service.month_view(demo, BUILT.date(), parts=["sla"])
    points = service.month_view(demo, BUILT.date(), parts=["points"])
    business = service.month_view(demo, BUILT.date(), parts=["business"])
    assert whole.sections == sla.sections + business.sections
    assert whole.charts == sla.charts + points.charts
    assert not points.sections and not business.charts
