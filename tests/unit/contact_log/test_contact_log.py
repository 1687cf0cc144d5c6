"""The front-desk ledger: one transaction per contact with its renewal / sign-up / receipt, anti-gaming warning,
voiding, totals and filters."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from station_desk.contact_log import service as contacts
from station_desk.contact_log.service import ContactDraft
from station_desk.customers import service as customers
from station_desk.customers.models import Renewal, SignUp
from station_desk.errors import DomainError
from station_desk.periods import service as periods
from station_desk.takings import service as takings

TODAY = dt.date(2026, 11, 23)


def log(db, desk, **kw):
    return contacts.record_contact(db, actor=desk.clerk, draft=ContactDraft(**kw))


def test_inquiry_with_new_person(db, desk):
    row = log(db, desk, kind="inquiry", channel="phone", person_name="路人甲", person_phone="13700000000",
              asked="问 100M 宽带价格", done="已告知资费")
    assert row.clerk == "刘前台" and row.kind_label == "咨询" and row.channel_label == "来电"
    assert row.receipt_id is None and row.amount_fen == 0
    with pytest.raises(DomainError, match="姓名或电话"):
        log(db, desk, kind="inquiry", asked="x")
    with pytest.raises(DomainError, match="问题/事由"):
        log(db, desk, kind="fault", customer_id=desk.zsf)
    with pytest.raises(DomainError, match="答复日期"):
        log(db, desk, kind="inquiry", customer_id=desk.zsf, asked="能否迁移", result="pending")


def test_renewal_with_payment_is_one_transaction(db, desk):
    row = log(db, desk, kind="renewal", customer_id=desk.zsf, cycle="yearly", package_after="6.0",
              amount_fen=98000, method="cash", invoice_no="FP0001")
    assert row.renewal_id and row.receipt_id and row.account_no == "GW001"
    assert "2027-12-05" in row.done
    c = customers.get_customer(db, desk.zsf)
    assert (c.package, c.expiry_date) == ("6.0", dt.date(2027, 12, 5))
    [receipt] = takings.list_receipts(db, start=TODAY, end=TODAY)
    assert (receipt.amount_fen, receipt.source_kind, receipt.source_id, receipt.invoice_no) == (
        98000, "contact", str(row.id), "FP0001")


def test_failed_receipt_rolls_back_renewal_and_contact(db, desk):
    with db.session() as s:
        periods.lock_month_in(s, actor=desk.manager, scope="takings", month="2026-11")
    with pytest.raises(DomainError, match="已结账锁定"):
        log(db, desk, kind="renewal", customer_id=desk.zsf, cycle="yearly", amount_fen=98000, method="wechat")
    assert customers.get_customer(db, desk.zsf).expiry_date == dt.date(2026, 12, 5)
    with db.read() as s:
        assert s.exec(select(Renewal)).all() == []
    assert contacts.list_contacts(db, start=TODAY, end=TODAY) == []


def test_cash_needs_invoice(db, desk):
    with pytest.raises(DomainError, match="发票"):
        log(db, desk, kind="payment", customer_id=desk.zsf, amount_fen=5000, method="cash")
    with pytest.raises(DomainError, match="收款金额"):
        log(db, desk, kind="renewal", customer_id=desk.zsf, cycle="monthly")
    row = log(db, desk, kind="payment", customer_id=desk.zsf, amount_fen=5000, method="wechat", asked="补交月费")
    assert row.receipt_id is not None


def test_new_install_warns_on_existing_customer(db, desk):
    with pytest.raises(DomainError, match="本期到期用户") as err:
        log(db, desk, kind="new_install", person_name="张三丰", person_phone="13812345678", area="简易片区",
            package="6.0", cycle="yearly")
    assert "GW001" in err.value.message
    row = log(db, desk, kind="new_install", person_name="张三丰", person_phone="13812345678", area="简易片区",
              package="6.0", cycle="yearly", confirm_similar=True, amount_fen=98000, method="wechat")
    assert row.signup_id and "GW001" in row.warning
    with db.read() as s:
        su = s.get(SignUp, row.signup_id)
    assert (su.package, su.cycle, su.income_fen, su.contact_id, su.status) == ("6.0", "yearly", 98000, row.id,
                                                                               "pending")
    fresh = log(db, desk, kind="new_install", person_name="新用户", person_phone="13511112222", area="肖家地片区")
    assert fresh.warning == "" and fresh.signup_id


def test_void_contact_reverses_money_and_renewal(db, desk):
    row = log(db, desk, kind="renewal", customer_id=desk.zsf, cycle="monthly", amount_fen=3000, method="wechat")
    assert customers.get_customer(db, desk.zsf).expiry_date == dt.date(2027, 1, 5)
    with pytest.raises(DomainError, match="经理"):
        contacts.void_contact(db, actor=desk.clerk, contact_id=row.id, reason="选错用户")
    v = contacts.void_contact(db, actor=desk.clerk, contact_id=row.id, reason="选错用户", approval=desk.approval)
    assert v.reverses_id == row.id and v.amount_fen == -3000
    assert customers.get_customer(db, desk.zsf).expiry_date == dt.date(2026, 12, 5)
    assert takings.day_summary(db, TODAY).total_fen == 0
    assert contacts.get_contact(db, row.id).voided
    t = contacts.totals(db, start=TODAY, end=TODAY)
    assert t.count == 0 and t.amount_fen == 0
    with pytest.raises(DomainError, match="作废过"):
        contacts.void_contact(db, actor=desk.clerk, contact_id=row.id, reason="x", approval=desk.approval)


def test_totals_and_filters(db, desk, fake_now):
    log(db, desk, kind="inquiry", customer_id=desk.lisi, asked="查询到期日")
    log(db, desk, kind="fault", customer_id=desk.zsf, asked="上不了网", result="forwarded")
    log(db, desk, kind="renewal", customer_id=desk.zsf, cycle="monthly", amount_fen=3000, method="cash",
        invoice_no="FP1")
    log(db, desk, kind="payment", customer_id=desk.lisi, amount_fen=2000, method="alipay", asked="补费")
    fake_now(dt.datetime(2026, 11, 24, 9, 0))
    log(db, desk, kind="complaint", customer_id=desk.lisi, asked="师傅迟到")
    t = contacts.totals(db, start=TODAY, end=TODAY)
    assert t.count == 4 and t.by_kind == {"inquiry": 1, "fault": 1, "renewal": 1, "payment": 1}
    assert t.amount_by_method == {"cash": 3000, "alipay": 2000} and t.amount_fen == 5000 and t.pending == 1
    assert [r.kind for r in contacts.list_contacts(db, start=TODAY, end=dt.date(2026, 11, 24))] == [
        "complaint", "payment", "renewal", "fault", "inquiry"]
    assert len(contacts.list_contacts(db, start=TODAY, end=TODAY, customer_id=desk.lisi)) == 2
    assert [r.kind for r in contacts.list_contacts(db, start=TODAY, end=TODAY, kind="fault")] == ["fault"]
    assert len(contacts.list_contacts(db, start=TODAY, end=TODAY, clerk_id=desk.manager.staff_id)) == 0
    assert [r.asked for r in contacts.list_contacts(db, start=TODAY, end=TODAY, text="上不了")] == ["上不了网"]
    assert len(contacts.list_contacts(db, start=TODAY, end=TODAY, pending_only=True)) == 1


def test_pending_contact_is_answered_by_a_linked_entry(db, desk, fake_now):
    asked = log(db, desk, kind="inquiry", customer_id=desk.lisi, asked="能否移机到新房", result="pending",
                reply_by=dt.date(2026, 11, 24), done="需问公司")
    fault = log(db, desk, kind="fault", customer_id=desk.zsf, asked="断网", result="forwarded")
    fake_now(dt.datetime(2026, 11, 25, 10, 0))
    today = dt.date(2026, 11, 25)
    assert contacts.totals(db, start=today, end=today).pending == 2  # earlier days still wait
    assert {r.id for r in contacts.list_contacts(db, start=TODAY, end=today, pending_only=True)} == {asked.id,
                                                                                                    fault.id}
    with pytest.raises(DomainError, match="答复内容"):
        contacts.answer_pending(db, actor=desk.clerk, contact_id=asked.id, done="")
    reply = contacts.answer_pending(db, actor=desk.clerk, contact_id=asked.id, done="可以移机，已告知，用户满意")
    assert reply.follow_up_of == asked.id and reply.result == "done" and reply.asked.startswith("答复")
    with pytest.raises(DomainError, match="已经答复"):
        contacts.answer_pending(db, actor=desk.clerk, contact_id=asked.id, done="again")
    with pytest.raises(DomainError, match="不是待回复"):
        contacts.answer_pending(db, actor=desk.clerk, contact_id=reply.id, done="x")
    assert [r.id for r in contacts.list_contacts(db, start=TODAY, end=today, pending_only=True)] == [fault.id]
    assert contacts.get_contact(db, asked.id).result == "pending"  # the original row is never edited
    assert [r.answered for r in contacts.list_contacts(db, start=TODAY, end=TODAY)] == [False, True]


def test_signup_for_contact(db, desk):
    row = log(db, desk, kind="new_install", person_name="新用户", person_phone="13511112222", area="肖家地片区")
    assert customers.signup_for_contact(db, row.id) == row.signup_id
    assert customers.signup_for_contact(db, 9999) is None


def test_customer_hint_is_the_services_answer(db, desk):
    """The quick-entry form shows what the service says: 张三丰 expires in 12 days (inside the policy's expiring
    window: due, red), a monthly renewal would move it to 2027-01-05; his last contacts, without the replies."""
    log(db, desk, kind="fault", customer_id=desk.zsf, asked="光猫红灯闪")
    hint = contacts.customer_hint(db, desk.zsf, cycle="monthly")
    assert (hint.expiry_date, hint.days_left, hint.due) == (dt.date(2026, 12, 5), 12, True)
    assert hint.after_renewal == dt.date(2027, 1, 5)
    assert [r.asked for r in hint.recent] == ["光猫红灯闪"]
    assert contacts.customer_hint(db, desk.zsf).after_renewal is None


def test_a_contact_turned_into_a_work_order_reads_so(db, desk):
    """A contact a work order was made from reads 已转工单 with the order's number, in the list and alone."""
    from station_desk.work_orders import service as wo

    row = log(db, desk, kind="fault", customer_id=desk.zsf, asked="光猫红灯闪")
    assert row.result_label == "已办结"
    oid = wo.create_order(db, actor=desk.clerk, kind="repair", customer_id=desk.zsf, description="光猫红灯闪",
                          contact_id=row.id)
    [listed] = contacts.list_contacts(db, start=TODAY, end=TODAY)
    assert listed.work_order_id == oid and listed.result_label == f"已转工单 #{oid}"
    assert contacts.get_contact(db, row.id).result_label == f"已转工单 #{oid}"
