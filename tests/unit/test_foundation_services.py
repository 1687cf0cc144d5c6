"""Foundation services: the versioned policy, month locks, the audit hash chain, the instance lock, money."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest

from station_desk.audit import service as audit
from station_desk.db.lock import InstanceLock
from station_desk.errors import DomainError, PeriodLocked
from station_desk.money import fmt_fen, parse_yuan
from station_desk.periods import service as periods
from station_desk.policy import service as policy
from station_desk.settings.service import set_policy
from station_desk.policy.station_policy import StationPolicy
from tests.conftest import SETUP_TIME
from tests.raw_sql import tamper


def test_shipped_policy_has_specs_numbers():
    p = StationPolicy()
    assert (p.work_orders.respond_minutes, p.work_orders.resolve_minutes) == (30, 240)
    assert p.roster.rest_days_per_month == 6
    assert p.points.renewal_base_rate_pct == 58 and p.points.renewal_points_per_pct == 8
    assert [(s.start, s.end) for s in p.hours.segments_on(dt.date(2026, 11, 23))] == [(dt.time(8, 30), dt.time(20, 0))]


def test_policy_versions_apply_from_their_date(db, manager):
    actor, approval = manager
    doc = StationPolicy().model_dump()
    doc["work_orders"]["resolve_minutes"] = 120
    set_policy(db, actor=actor, approval=approval, effective_from=dt.date(2026, 12, 1), policy=doc,
                      note="近区 2 小时")
    assert policy.current_policy(db, dt.date(2026, 11, 30)).work_orders.resolve_minutes == 240
    assert policy.current_policy(db, dt.date(2026, 12, 1)).work_orders.resolve_minutes == 120
    entry = audit.list_entries(db, entity="policy")[0]
    assert "120" in entry.after and "240" in entry.before and entry.reason == "近区 2 小时"


def test_bad_policy_is_refused_in_chinese(db, manager):
    actor, approval = manager
    doc = StationPolicy().model_dump()
    doc["roster"]["rest_days_per_month"] = 40
    with pytest.raises(DomainError, match="政策设置有误"):
        set_policy(db, actor=actor, approval=approval, effective_from=dt.date(2026, 12, 1), policy=doc)
    assert policy.versions(db) == []


def test_policy_cannot_change_a_locked_month(db, manager):
    actor, approval = manager
    periods.lock_month(db, actor=actor, approval=approval, scope="points", month="2026-10")
    with pytest.raises(DomainError, match="2026-10 已锁定"):
        set_policy(db, actor=actor, approval=approval, effective_from=dt.date(2026, 10, 15),
                          policy=StationPolicy())
    set_policy(db, actor=actor, approval=approval, effective_from=dt.date(2026, 11, 1), policy=StationPolicy())


def test_locked_month_refuses_writes(db, manager):
    actor, approval = manager
    periods.lock_month(db, actor=actor, approval=approval, scope="cash_book", month="2026-10")
    with db.read() as s:
        periods.ensure_open(s, "cash_book", dt.date(2026, 11, 1))
        periods.ensure_open(s, "points", dt.date(2026, 10, 31))
        with pytest.raises(PeriodLocked, match="2026-10 的账务已结账锁定"):
            periods.ensure_open(s, "cash_book", dt.date(2026, 10, 31))
    with pytest.raises(DomainError, match="已经锁定"):
        periods.lock_month(db, actor=actor, approval=approval, scope="cash_book", month="2026-10")


def test_audit_chain_reports_the_first_altered_row(db, manager):
    actor, approval = manager
    for month in ("2026-07", "2026-08", "2026-09"):
        periods.lock_month(db, actor=actor, approval=approval, scope="roster", month=month)
    assert audit.verify_chain(db) is None
    rows = audit.list_entries(db)
    target = sorted(r.id for r in rows)[2]
    tamper(db, "UPDATE audit_log SET after = replace(after, '2026-08', '2026-12') WHERE id = :id", id=target)
    problem = audit.verify_chain(db)
    assert problem is not None and problem.entry_id == target and problem.problem == "content"


def test_a_reason_that_is_not_valid_unicode_is_refused_not_a_traceback(db, manager):
    """A lone surrogate (an undecodable paste) in a reason no form checked — found by the service fuzz test in
    cancel_stocktake's reason: the audit row's hash encoded it first and failed with UnicodeEncodeError. It is bad
    input with a Chinese message, and nothing is written."""
    from station_desk.gift_stock import stocktake

    actor, _ = manager
    before = len(audit.list_entries(db))
    with pytest.raises(DomainError) as err:
        with db.session() as s:
            audit.record(s, actor=actor, action="gift.cancel_stocktake", entity="gift_stocktake", entity_id=1,
                         after={"status": "cancelled"}, reason="\ud800")
    assert "输入" in err.value.message
    with pytest.raises(DomainError):
        stocktake.cancel_stocktake(db, actor=actor, stocktake_id=1, reason="盘点作废\ud800")
    assert len(audit.list_entries(db)) == before and audit.verify_chain(db) is None


def test_audit_chain_reports_a_deleted_row(db, manager):
    actor, approval = manager
    for month in ("2026-07", "2026-08", "2026-09"):
        periods.lock_month(db, actor=actor, approval=approval, scope="roster", month=month)
    ids = sorted(r.id for r in audit.list_entries(db))
    tamper(db, "DELETE FROM audit_log WHERE id = :id", id=ids[1])
    problem = audit.verify_chain(db)
    # the next entry in the log (the deleted action's row record, audit.rows) no longer links
    assert problem is not None and problem.entry_id == ids[1] + 1 and problem.problem == "link"


def test_second_instance_is_refused_and_a_killed_holder_leaves_no_stale_lock(tmp_path):
    path = tmp_path / "station.db"
    with InstanceLock(path):
        with pytest.raises(DomainError, match="程序已在运行"):
            InstanceLock(path).acquire()
    # a holder that dies without releasing
    code = ("import sys, time; from station_desk.db.lock import InstanceLock; "
            f"lock = InstanceLock(r'{path}'); lock.acquire(); print('held', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    with pytest.raises(DomainError):
        InstanceLock(path).acquire()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    time.sleep(0.1)
    lock = InstanceLock(path)
    lock.acquire()
    lock.release()


@pytest.mark.parametrize("text,fen", [("12", 1200), ("12.5", 1250), ("12.50", 1250), ("¥1,200.05", 120005),
                                      ("0.01", 1), ("-3.20", -320), ("35元", 3500)])
def test_money_parses_to_fen(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["12.345", "abc", "", "1e5x", "NaN"])
def test_bad_money_is_refused(text):
    with pytest.raises(DomainError):
        parse_yuan(text)


def test_money_formats():
    assert fmt_fen(123456789) == "1,234,567.89"
    assert fmt_fen(-5) == "-0.05"
    assert fmt_fen(100, symbol=True) == "¥1.00"


def test_times_are_stored_with_the_station_offset(db, manager):
    with db.read() as s:
        from sqlalchemy import text

        stored = s.exec(text("SELECT at FROM audit_log LIMIT 1")).one()[0]
    # the manager fixture registers the first manager at SETUP_TIME, station time
    assert stored == SETUP_TIME.isoformat() + "+08:00"
    assert audit.list_entries(db)[0].at == SETUP_TIME


def test_stored_times_read_back_as_station_time_from_any_offset():
    """The program's own "+08:00" text is read without a time-zone conversion (the quick path); a time stored with
    another offset (an import, a hand edit) is still converted to station time, and the two agree."""
    from station_desk.db.types import StationDateTime

    t = StationDateTime()
    at = dt.datetime(2026, 12, 4, 23, 59, 7)
    assert t.process_result_value(t.process_bind_param(at, None), None) == at
    assert t.process_result_value("2026-12-04T23:59:07+08:00", None) == at
    assert t.process_result_value("2026-12-04T15:59:07+00:00", None) == at
    assert t.process_result_value("2026-12-04T10:59:07-05:00", None) == at
    assert t.process_result_value("2026-12-04T23:59:07", None) == at


def test_every_audit_action_in_the_code_has_a_chinese_name():
    import re
    from pathlib import Path

    from station_desk.audit.labels import ENTITIES, MODULES, VERBS

    src = Path(__file__).resolve().parents[2] / "station_desk"
    text = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py"))
    actions = set(re.findall(r'action="([a-z_]+)\.([a-z_]+)"', text))
    entities = set(re.findall(r'entity="([a-z_]+)"', text))
    missing = [f"{m}.{v}" for m, v in actions if m not in MODULES or v not in VERBS]
    missing += [e for e in entities if e not in ENTITIES]
    assert missing == [], f"add Chinese names in station_desk/audit/labels.py: {sorted(missing)}"


def test_closing_a_month_closes_every_month_before_it(db, manager, fake_now):
    """Issue: after November was closed, a line typed as 2026-01-15 went into January and changed December's
    opening balance. A closed month closes the months before it, in every ledger with month locks."""
    actor, approval = manager
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    periods.lock_month(db, actor=actor, approval=approval, scope="cash_book", month="2026-11")
    with db.read() as s:
        for day in (dt.date(2026, 11, 30), dt.date(2026, 1, 15), dt.date(2025, 12, 31)):
            with pytest.raises(PeriodLocked) as refused:
                periods.ensure_open(s, "cash_book", day)
            assert "2026-11" in refused.value.message and day.strftime("%Y-%m") in refused.value.message
        periods.ensure_open(s, "cash_book", dt.date(2026, 12, 1))  # the month after is open
        periods.ensure_open(s, "takings", dt.date(2026, 1, 15))  # other ledgers keep their own locks
        assert periods.is_closed(s, "cash_book", "2026-02") and not periods.is_closed(s, "cash_book", "2026-12")


def test_typed_names_go_through_the_one_rule_for_typed_text(db, manager):
    """Gift items, assets, customers and staff refuse an over-long name, or one with a hidden direction mark, with
    the one rule (validate.text): the refusal names the field, before anything is written."""
    from station_desk.assets import service as assets
    from station_desk.customers import service as customers
    from station_desk.errors import DomainError
    from station_desk.gift_stock import catalogue
    from station_desk.staff import service as staff

    actor, approval = manager
    calls = [
        (lambda: catalogue.add_item(db, actor=actor, name="礼" * 41), "input.too_long", "礼品名称"),
        (lambda: assets.add_asset(db, actor=actor, tag="A-1", name="打印机\u202e"), "input.control_chars", "资产名称"),
        (lambda: customers.create_customer(db, actor=actor, account_no="A" * 31, name="张三"), "input.too_long",
         "用户账号"),
        (lambda: staff.check_staff(db, emp_no="T09", name="张" * 21, phone="", role="technician"), "input.too_long",
         "姓名"),
    ]
    for call, code, field in calls:
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.code == code and refused.value.params["field"] == field
