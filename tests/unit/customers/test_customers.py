"""Customer register: search as you type (pinyin initials, FTS and short-term fallback), renewals, sign-ups,
expiring list with call outcomes."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlmodel import select

from station_desk.customers import search
from station_desk.customers import service as customers
from station_desk.customers.models import Customer, Renewal
from station_desk.errors import DomainError


def names(rows):
    return [r.name for r in rows]


def test_search_by_initials_name_phone_account_address(db, desk):
    assert names(customers.search_customers(db, "zsf")) == ["张三丰"]
    assert names(customers.search_customers(db, "张三")) == ["张三丰"]  # 2 chars: prefix fallback
    assert names(customers.search_customers(db, "三丰")) == ["张三丰"]  # 2 chars in the middle
    assert names(customers.search_customers(db, "张三丰")) == ["张三丰"]
    assert names(customers.search_customers(db, "1111")) == ["李四"]  # phone tail, FTS
    assert names(customers.search_customers(db, "gw002")) == ["李四"]
    assert names(customers.search_customers(db, "幸福小区")) == ["张三丰"]
    assert names(customers.search_customers(db, "幸福小区 zs")) == ["张三丰"]  # words are ANDed
    assert customers.search_customers(db, "幸福小区 李") == []
    assert customers.search_customers(db, "  ") == []
    assert customers.search_customers(db, '"; drop') == []


def test_search_index_follows_updates(db, desk):
    customers.update_customer(db, actor=desk.manager, customer_id=desk.lisi, name="王五")
    assert names(customers.search_customers(db, "ww")) == ["王五"]
    assert customers.search_customers(db, "ls") == []
    assert customers.get_customer(db, desk.lisi).initials == "ww"


def test_search_ranks_exact_account_first(db, desk):
    for i in range(5):
        customers.create_customer(db, actor=desk.manager, account_no=f"GW00{i + 3}", name=f"张三丰{i}",
                                  phone=f"1380000000{i}")
    rows = customers.search_customers(db, "GW003")
    assert rows[0].account_no == "GW003"
    rows = customers.search_customers(db, "zsf", limit=3)
    assert len(rows) == 3 and rows[0].name == "张三丰"


@pytest.mark.sqlite_only  # the FTS5 table and its triggers (PostgreSQL: test_pg_search_index_created_when_missing)
def test_index_created_for_migrated_database(db, desk):
    with sqlite3.connect(db.path) as conn:
        conn.execute("DROP TABLE customer_fts")
        for t in ("ai", "ad", "au"):
            conn.execute(f"DROP TRIGGER customer_fts_{t}")
        conn.execute("DROP INDEX ix_customer_given_name")
    customers._search._ensured.discard(db.address)
    assert names(customers.search_customers(db, "zsf")) == ["张三丰"]
    with sqlite3.connect(db.path) as conn:
        names_ = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"customer_fts", "customer_fts_au", "ix_customer_given_name", "ix_customer_building"} <= names_


def test_mask_phone():
    assert customers.mask_phone("13812345678") == "138****5678"
    assert customers.mask_phone("0271234567") == "027*****67"
    assert customers.mask_phone("") == ""


def test_create_validates(db, desk):
    with pytest.raises(DomainError, match="已存在"):
        customers.create_customer(db, actor=desk.manager, account_no="GW001", name="某人")
    with pytest.raises(DomainError, match="未知套餐"):
        customers.create_customer(db, actor=desk.manager, account_no="GW009", name="某人", package="99")
    with pytest.raises(DomainError, match="格式不对"):
        customers.create_customer(db, actor=desk.manager, account_no="GW009", name="某人", phone="abc")
    with pytest.raises(DomainError, match="片区"):
        customers.create_customer(db, actor=desk.manager, account_no="GW009", name="某人", area="火星")


def test_renewal_moves_expiry_and_package(db, desk):
    with db.session() as s:
        r = customers.record_renewal_in(s, actor=desk.clerk, customer_id=desk.zsf, day=dt.date(2026, 11, 23),
                                        cycle="half_year", package_after="6.0", amount_fen=36000,
                                        handled_by_id=desk.clerk.staff_id)
    assert (r.package_before, r.package_after) == ("3.0", "6.0")
    assert r.expiry_before == dt.date(2026, 12, 5) and r.expiry_after == dt.date(2027, 6, 5)
    c = customers.get_customer(db, desk.zsf)
    assert (c.package, c.cycle, c.expiry_date) == ("6.0", "half_year", dt.date(2027, 6, 5))
    # a lapsed customer runs from the renewal day
    assert customers.renewal_expiry(dt.date(2026, 1, 31), dt.date(2026, 3, 31), "monthly") == dt.date(2026, 4, 30)
    assert customers.renewal_expiry(dt.date(2026, 1, 31), dt.date(2026, 1, 10), "monthly") == dt.date(2026, 2, 28)


def test_renewal_rolls_back_with_its_transaction(db, desk):
    with pytest.raises(RuntimeError):
        with db.session() as s:
            customers.record_renewal_in(s, actor=desk.clerk, customer_id=desk.zsf, day=dt.date(2026, 11, 23),
                                        cycle="yearly", package_after="3.0", amount_fen=1, handled_by_id=None)
            raise RuntimeError("boom")
    with db.read() as s:
        assert s.get(Customer, desk.zsf).expiry_date == dt.date(2026, 12, 5)
        assert s.exec(select(Renewal)).all() == []


def test_signup_and_install(db, desk):
    with db.session() as s:
        su = customers.record_signup_in(s, actor=desk.clerk, day=dt.date(2026, 11, 23),
                                        signed_by_id=desk.clerk.staff_id, area="简易片区", package="8.2",
                                        cycle="yearly", income_fen=98000)
    with db.session() as s:
        done = customers.mark_installed_in(s, actor=desk.clerk, signup_id=su.id, installed_on=dt.date(2026, 11, 24),
                                           installed_by_id=desk.tech_id, work_order_id=7)
    assert done.status == "installed" and done.work_order_id == 7
    with pytest.raises(DomainError, match="不能再登记安装"):
        with db.session() as s:
            customers.mark_installed_in(s, actor=desk.clerk, signup_id=su.id, installed_on=dt.date(2026, 11, 25),
                                        installed_by_id=desk.tech_id)


def test_similar_customers_for_anti_gaming(db, desk):
    assert names(customers.similar_customers(db, phone="13812345678")) == ["张三丰"]
    assert names(customers.similar_customers(db, address="简易片区幸福小区3栋2单元301室")) == ["张三丰"]
    assert names(customers.similar_customers(db, name="张三丰", within_days=30)) == ["张三丰"]
    assert customers.similar_customers(db, name="李四", within_days=30) == []
    assert customers.similar_customers(db, name="王二") == []


def test_expiring_list_and_call_outcome(db, desk):
    rows = customers.list_expiring(db, start=dt.date(2026, 11, 23), end=dt.date(2026, 12, 31))
    assert [r.customer.name for r in rows] == ["张三丰"] and rows[0].days_left == 12
    assert rows[0].last_outcome == ""
    customers.record_call_outcome(db, actor=desk.clerk, customer_id=desk.zsf, outcome="not_home", note="留上门条")
    rows = customers.list_expiring(db, start=dt.date(2026, 11, 23), end=dt.date(2026, 12, 31))
    assert rows[0].outcome_label.startswith("不在家") and rows[0].last_by == "刘前台"
    with pytest.raises(DomainError):
        customers.record_call_outcome(db, actor=desk.clerk, customer_id=desk.zsf, outcome="nope")


def test_an_address_typed_as_written_finds_the_customer(db, desk):
    """No spaces between the building and the number, full-width digits, a 号 the record has or has not."""
    actor = desk.manager
    for name, building, address in (("周阳光", "阳光新村", "209号"), ("吴新村", "阳光新村", "2091号"),
                                    ("郑金桥", "金桥花园12栋", "502室")):
        customers.create_customer(db, actor=actor, account_no=f"GW9{len(name)}{ord(name[0]) % 97}", name=name,
                                  area="简易片区", building=building, unit="3单元" if "金桥" in building else "",
                                  address=address, phone=f"139{ord(name[0]) % 100000000:08d}", package="3.0",
                                  cycle="monthly", expiry_date=dt.date(2026, 12, 5))
    assert names(customers.search_customers(db, "阳光新村209号")) == ["周阳光"]
    assert names(customers.search_customers(db, "阳光新村２０９号")) == ["周阳光"]
    assert set(names(customers.search_customers(db, "阳光新村 209"))) == {"周阳光", "吴新村"}
    assert names(customers.search_customers(db, "金桥花园12栋3单元502室")) == ["郑金桥"]
    assert names(customers.search_customers(db, "幸福小区3栋2单元301室")) == ["张三丰"]
    assert names(customers.search_customers(db, "GW002")) == ["李四"]
    assert search.query_terms("阳光新村２０９号 GW-002") == ["阳光新村", "209号", "gw", "002"]


def test_the_expiring_list_reads_a_page_at_a_time_and_its_counts_agree(db, desk):
    """The 回访 screen reads one page and counts the rest in SQL (issue #15): the counts are what the whole list
    says — a call about an earlier expiry does not count, the latest call does."""
    start, end = dt.date(2026, 11, 23), dt.date(2026, 12, 31)
    for i in range(5):
        customers.create_customer(db, actor=desk.manager, account_no=f"EX{i}", name=f"到期{i}",
                                  expiry_date=dt.date(2026, 12, 1 + i))
    rows = customers.list_expiring(db, start=start, end=end)
    ids = [r.customer.id for r in rows]
    customers.record_call_outcome(db, actor=desk.clerk, customer_id=ids[0], outcome="will_renew")
    # a call about an earlier expiry, then the renewal moved the expiry on: not called about this one
    customers.record_call_outcome(db, actor=desk.clerk, customer_id=ids[1], outcome="refused")
    with db.session() as s:
        from station_desk.customers.models import Customer

        c = s.get(Customer, ids[1])
        c.expiry_date = dt.date(2026, 12, 30)
    rows = customers.list_expiring(db, start=start, end=end)
    assert customers.count_expiring(db, start=start, end=end) == (len(rows), sum(1 for r in rows if r.last_outcome))
    assert customers.count_expiring(db, start=start, end=end) == (len(rows), 1)
    pages = [r.customer.id for k in range(0, len(rows), 2)
             for r in customers.list_expiring(db, start=start, end=end, limit=2, offset=k)]
    assert pages == [r.customer.id for r in rows]
    assert customers.count_expiring(db, start=start, end=end, area="没有这个片区") == (0, 0)
