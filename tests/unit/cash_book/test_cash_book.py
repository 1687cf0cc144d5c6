"""Cash book: approver rules, running balance, reversal, month close and the tamper-evident chain."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.actor import ManagerApproval
from station_desk.cash_book import service as cash
from station_desk.errors import DomainError, PeriodLocked, WrongPin
from station_desk.takings import service as takings
from tests.raw_sql import tamper


def post(db, desk, day, direction, category, fen, payee="张三", approval=None, **kw):
    return cash.post_entry(db, actor=desk.accounts, approval=approval, day=day, direction=direction,
                           category=category, amount_fen=fen, handler_id=desk.accounts.staff_id, payee=payee, **kw)


def test_expense_needs_manager_approver(db, desk):
    with pytest.raises(DomainError, match="经理"):
        post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 12000)
    with pytest.raises(WrongPin):
        post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 12000,
             approval=ManagerApproval(desk.manager.staff_id, "9999"))
    with pytest.raises(DomainError, match="不是服务中心经理"):
        post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 12000,
             approval=ManagerApproval(desk.clerk.staff_id, "1357"))
    with pytest.raises(DomainError, match="不是支出类别"):
        post(db, desk, dt.date(2026, 11, 2), "expense", "买彩票", 100, approval=desk.approval)
    with pytest.raises(DomainError, match="收款人"):
        post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 100, payee="", approval=desk.approval)
    eid = post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 12000, payee="供电所", approval=desk.approval,
               voucher_no="PZ-001")
    line = cash.get_line(db, eid)
    assert (line.handler, line.payee, line.approver, line.voucher_no) == ("陈内勤", "供电所", "王经理", "PZ-001")


def test_running_balance_and_month_book(db, desk):
    post(db, desk, dt.date(2026, 10, 1), "income", "备用金", 100000, payee="公司")
    post(db, desk, dt.date(2026, 10, 9), "expense", "小额办公费", 2550, approval=desk.approval)
    post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 12000, approval=desk.approval)
    post(db, desk, dt.date(2026, 11, 3), "income", "其他收入", 500, payee="废品回收")
    post(db, desk, dt.date(2026, 11, 1), "expense", "物业费", 3000, approval=desk.approval)  # back-dated
    book = cash.month_book(db, "2026-11")
    assert book.opening_fen == 97450
    assert [(x.day.day, x.balance_fen) for x in book.lines] == [(1, 94450), (2, 82450), (3, 82950)]
    assert book.expense_by_category == {"物业费": 3000, "水电费": 12000} and book.income_fen == 500
    assert book.closing_fen == 82950 == cash.balance_now(db)


def test_month_totals_are_the_month_books_figures(db, desk):
    """The overview's four figures, summed in SQL, equal the month book's (before, in and after the month, a
    reversal, a back-dated line; a month with no lines of its own)."""
    post(db, desk, dt.date(2026, 9, 30), "income", "备用金", 100000, payee="公司")
    post(db, desk, dt.date(2026, 10, 9), "expense", "小额办公费", 2550, approval=desk.approval)
    eid = post(db, desk, dt.date(2026, 10, 2), "expense", "水电费", 12000, approval=desk.approval)
    post(db, desk, dt.date(2026, 10, 3), "income", "其他收入", 500, payee="废品回收")
    cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=eid, reason="金额记错",
                       day=dt.date(2026, 10, 20))
    post(db, desk, dt.date(2026, 11, 1), "expense", "物业费", 3000, approval=desk.approval)
    for month in ("2026-08", "2026-09", "2026-10", "2026-11", "2026-12"):
        book, totals = cash.month_book(db, month), cash.month_totals(db, month)
        assert (totals.opening_fen, totals.income_fen, totals.expense_fen, totals.closing_fen) == \
            (book.opening_fen, book.income_fen, book.expense_fen, book.closing_fen), month
    assert cash.month_totals(db, "2026-10") == cash.MonthTotals(100000, 500, 2550, 97950)


def test_reversal_links_original_and_nets_out(db, desk):
    eid = post(db, desk, dt.date(2026, 11, 2), "expense", "水电费", 12000, approval=desk.approval)
    with pytest.raises(DomainError, match="冲正原因"):
        cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=eid, reason="")
    rid = cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=eid, reason="金额记错")
    with pytest.raises(DomainError, match="已经冲正"):
        cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=eid, reason="again")
    book = cash.month_book(db, "2026-11")
    assert book.expense_by_category == {"水电费": 0} and book.closing_fen == 0
    rev = cash.get_line(db, rid)
    assert rev.reverses_id == eid and rev.amount_fen == -12000 and rev.reason == "金额记错"
    assert cash.get_line(db, eid).reversed


def test_source_posting_is_idempotent(db, desk):
    with db.session() as s:
        a = cash.post_entry_in(s, actor=desk.accounts, day=dt.date(2026, 11, 20), direction="expense",
                               category="即时奖励", amount_fen=5000, handler_id=desk.accounts.staff_id,
                               payee="赵师傅", approver=desk.manager, source_kind="reward", source_id=12)
        b = cash.post_entry_in(s, actor=desk.accounts, day=dt.date(2026, 11, 20), direction="expense",
                               category="即时奖励", amount_fen=5000, handler_id=desk.accounts.staff_id,
                               payee="赵师傅", approver=desk.manager, source_kind="reward", source_id="12")
    assert a == b and len(cash.list_lines(db, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))) == 1


def test_month_close_locks_and_adjustment_goes_to_open_month(db, desk):
    eid = post(db, desk, dt.date(2026, 10, 9), "expense", "小额办公费", 2550, approval=desk.approval)
    with pytest.raises(DomainError, match="还没有过完"):
        cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-11")
    with db.session() as s:
        takings.record_receipt_in(s, actor=desk.clerk, at=dt.datetime(2026, 10, 30, 9), amount_fen=100,
                                  method="cash", customer_id=None, source_kind="desk", source_id="", invoice_no="1")
    with pytest.raises(DomainError, match="还没有日结"):
        cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-10")
    takings.close_day(db, actor=desk.clerk, approval=desk.approval, day=dt.date(2026, 10, 30), counted_cash_fen=100)
    closed = cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-10")
    assert closed.closing_fen == -2550 and closed.closed_by == "王经理"
    assert cash.month_book(db, "2026-10").closed
    with pytest.raises(PeriodLocked):
        post(db, desk, dt.date(2026, 10, 20), "income", "其他收入", 100, payee="x")
    with pytest.raises(PeriodLocked):
        cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=eid, reason="x",
                           day=dt.date(2026, 10, 31))
    with pytest.raises(PeriodLocked):
        with db.session() as s:
            takings.record_receipt_in(s, actor=desk.clerk, at=dt.datetime(2026, 10, 31, 9), amount_fen=100,
                                      method="cash", customer_id=None, source_kind="desk", source_id="",
                                      invoice_no=None)
    # the approved adjustment lands in the open month; October's figures stay as closed
    cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=eid, reason="报销单作废")
    assert cash.month_book(db, "2026-10").closing_fen == -2550
    assert cash.month_book(db, "2026-11").closing_fen == 0
    with pytest.raises(DomainError, match="已经锁定"):
        cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-10")


def test_chain_verifies_and_reports_first_tampered_line(db, desk):
    ids = [post(db, desk, dt.date(2026, 11, d), "income", "其他收入", 100 * d, payee="x") for d in range(1, 6)]
    assert cash.verify_cash_chain(db) is None
    tamper(db, "UPDATE cash_entry SET amount_fen = 1 WHERE id = :id", id=ids[2])
    problem = cash.verify_cash_chain(db)
    assert problem is not None and (problem.entry_id, problem.problem) == (ids[2], "content")
    with pytest.raises(DomainError, match="校验未通过"):
        cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-10")


def test_chain_reports_a_deleted_line(db, desk):
    ids = [post(db, desk, dt.date(2026, 11, d), "income", "其他收入", 100 * d, payee="x") for d in range(1, 4)]
    tamper(db, "DELETE FROM cash_entry WHERE id = :id", id=ids[1])
    problem = cash.verify_cash_chain(db)
    assert (problem.entry_id, problem.problem) == (ids[2], "link")


def test_deleting_the_last_line_of_a_closed_month_is_found(db, desk, fake_now):
    post(db, desk, dt.date(2026, 10, 1), "income", "其他收入", 100, payee="x")
    last = post(db, desk, dt.date(2026, 10, 2), "income", "其他收入", 200, payee="x")
    cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-10")
    tamper(db, "DELETE FROM cash_entry WHERE id = :id", id=last)
    assert cash.verify_cash_chain(db).entry_id == last


def test_a_second_reversal_is_refused_before_the_manager_types_the_pin(db, desk, fake_now):
    """Validate first, then ask for the approval: a wrong PIN is not even counted when the answer is no anyway."""
    from station_desk.actor import ManagerApproval
    from station_desk.cash_book import service as cash
    from station_desk.staff.models import Staff

    fake_now(dt.datetime(2026, 11, 23, 10, 0))
    entry = cash.post_entry(db, actor=desk.clerk, approval=None, day=dt.date(2026, 11, 23), direction="income",
                            category="其他收入", amount_fen=5000, handler_id=desk.clerk.staff_id, payee="废品回收站")
    cash.reverse_entry(db, actor=desk.clerk, approval=desk.approval, entry_id=entry, reason="重复")
    wrong = ManagerApproval(desk.approval.staff_id, "0000")
    with pytest.raises(DomainError, match="已经冲正"):
        cash.reverse_entry(db, actor=desk.clerk, approval=wrong, entry_id=entry, reason="再冲一次")
    with db.read() as s:
        assert s.get(Staff, desk.approval.staff_id).failed_pins == 0  # the wrong PIN was never tried


def test_check_entry_refuses_before_the_pin_what_post_entry_would(db, desk):
    """The form asks the service before the manager types the PIN: the same refusals, nothing written."""
    day = dt.date(2026, 11, 2)
    assert cash.needs_approver("expense") and not cash.needs_approver("income")
    with pytest.raises(DomainError, match="收款人"):
        cash.check_entry(db, day=day, direction="expense", category="水电费", amount_fen=100, payee="")
    with pytest.raises(DomainError, match="不是支出类别"):
        cash.check_entry(db, day=day, direction="expense", category="买彩票", amount_fen=100, payee="x")
    with pytest.raises(DomainError, match="大于零"):
        cash.check_entry(db, day=day, direction="income", category="备用金", amount_fen=0, payee="x")
    cash.check_entry(db, day=day, direction="expense", category="水电费", amount_fen=100, payee="供电所")
    assert cash.balance_now(db) == 0


def test_check_close_month_refuses_before_the_pin(db, desk):
    """The month-close page asks the service first: a month not over, a day with takings not closed, a month
    already closed are refused without asking for (or counting) the manager's PIN."""
    with pytest.raises(DomainError, match="还没有过完"):
        cash.check_close_month(db, month="2026-11")
    with db.session() as s:
        takings.record_receipt_in(s, actor=desk.clerk, at=dt.datetime(2026, 10, 30, 9), amount_fen=100,
                                  method="cash", customer_id=None, source_kind="desk", source_id="", invoice_no="1")
    with pytest.raises(DomainError, match="还没有日结"):
        cash.check_close_month(db, month="2026-10")
    takings.close_day(db, actor=desk.clerk, approval=desk.approval, day=dt.date(2026, 10, 30), counted_cash_fen=100)
    cash.check_close_month(db, month="2026-10")
    cash.close_month(db, actor=desk.accounts, approval=desk.approval, month="2026-10")
    with pytest.raises(DomainError, match="已经锁定"):
        cash.check_close_month(db, month="2026-10")
