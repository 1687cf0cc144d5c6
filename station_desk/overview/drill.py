"""The rows behind every number of the overview (issue #20: "every number clicks through to the rows behind
it"). ``rows_for(db, key, now)`` answers a ``Metric.key`` with a small table; Qt-free, run on the DB worker."""

from __future__ import annotations

import datetime as dt

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.overview.model import Drill


def _t(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _contacts(db, day, kind):
    from station_desk.contact_log import queries as contacts

    pending = kind == "pending"  # awaiting a reply, whatever day they came
    rows = contacts.list_contacts(db, start=dt.date(2000, 1, 1) if pending else day, end=day,
                                  kind=None if kind in ("all", "pending") else kind, pending_only=pending)
    return Drill("前台登记待回复" if pending else "今日前台登记", ("时间", "类别", "姓名", "事项", "金额", "登记人"),
                 tuple((_t(r.at), r.kind_label, r.person_name, r.asked, fmt_fen(r.amount_fen) if r.amount_fen else "",
                        r.clerk) for r in rows if not r.voided and r.reverses_id is None), "contact_log")


def _orders(db, now, which):
    from station_desk.overview.service import order_states

    board, states = order_states(db, now)
    state_labels = {"waiting": "待派单", "ok": "正常", "amber": "将超时", "late": "已超时"}
    picked = []
    for o in board.orders:
        state, kind, left = states.get(o.id, ("", "", 0))
        if which == "open" or (which == "waiting" and state == "waiting") or \
                (which.startswith(("amber:", "late:")) and which == f"{state}:{kind}"):
            picked.append((o, state, kind, left))
    return Drill("工单", ("单号", "类别", "用户", "片区", "服务人员", "状态", "时限", "剩余（营业分钟）", "建单"),
                 tuple((str(o.id), o.kind_label, o.customer_name, o.area, o.technician, o.status_label,
                        state_labels.get(state, state) + ({"respond": "（响应）", "resolve": "（处理）"}.get(kind, "")),
                        str(left) if state != "waiting" else "", _t(o.created_at)) for o, state, kind, left in picked),
                 "work_orders")


def _takings(db, day, method):
    from station_desk.takings import service as takings

    rows = takings.list_receipts(db, start=day, end=day,
                                 method=method if method in takings.METHODS else None)
    return Drill("今日收款", ("时间", "方式", "金额", "发票号", "来源", "经手"),
                 tuple((_t(getattr(r, "at", None)), r.method_label, fmt_fen(r.amount_fen), r.invoice_no or "",
                        r.source_kind, r.taken_by) for r in rows), "cash_book")


def _people(db, day, now, which):
    from station_desk.attendance import service as attendance
    from station_desk.attendance.service import KIND_LABELS
    from station_desk.overview.service import staff_day

    on_duty, resting, late, absent = staff_day(db, day, now)
    names = set({"on_duty": on_duty, "resting": resting, "late": late, "absent": absent}[which])
    rows = [st for st in attendance.day_status(db, day=day) if st.name in names]
    return Drill("今日人员", ("姓名", "班次", "时间", "上班打卡", "下班打卡", "异常"),
                 tuple((st.name, st.code, st.shift, _t(st.first_in), _t(st.last_out),
                        "、".join(KIND_LABELS.get(k, k) for k in st.exceptions)) for st in rows), "attendance")


def _gifts(db):
    from station_desk.gift_stock import queries as gifts

    return Drill("库存不足的礼品", ("礼品", "单位", "结存", "预警线"),
                 tuple((i.name, i.unit, str(i.on_hand), str(i.low_stock)) for i in gifts.low_stock_items(db)),
                 "gift_stock")


def _expiring(db, day):
    from station_desk.customers import service as customers
    from station_desk.overview.service import expiring_uncalled

    rows = expiring_uncalled(db, day)
    return Drill("15 天内到期、尚未回访的用户", ("账号", "姓名", "片区", "电话", "到期日", "剩余天数"),
                 tuple((r.customer.account_no, r.customer.name, r.customer.area,
                        customers.mask_phone(r.customer.phone), _t(r.customer.expiry_date), str(r.days_left))
                       for r in rows), "customers")


def _sla(db, month: Month):
    from station_desk.reports.sla_sheet import _line  # the sheet's own row format
    from station_desk.work_orders import queries as wq

    rows = wq.sla_report(db, month=month)
    return Drill(f"{month.label()}工单时效（按服务人员）",
                 ("服务人员", "工单数", "按时响应率", "按时处理率", "平均响应", "平均处理", "回访平均分", "不满意", "超时单"),
                 tuple(tuple(_line(r)) for r in rows), "work_orders")


def _points(db, month: Month, staff_id: int | None):
    from station_desk.points.formulas import fmt_points
    from station_desk.points.month import month_points

    mp = month_points(db, month.key)
    if staff_id is None:
        return Drill(f"{month.label()}积分", ("名次", "姓名", "岗位", "合计"),
                     tuple((str(p.rank), p.name, p.role_label, fmt_points(p.total_x100)) for p in mp.people), "points")
    p = mp.person(staff_id)
    return Drill(f"{month.label()} {p.name} 的积分", ("规则", "类别", "积分", "说明"),
                 tuple((ln.rule, ln.kind, str(ln.points), ln.text) for ln in p.lines), "points")


def _installs(db, month: Month):
    from sqlmodel import select

    from station_desk.points import facts as pm
    from station_desk.staff.models import Staff

    with db.read() as s:
        rows = [i for i in pm.installs(s, month.key) if i.installed_on <= clock.today()]
        names = dict(s.exec(select(Staff.id, Staff.name)).all())
    return Drill(f"{month.label()}新装（已安装）", ("安装日", "片区", "报装人", "安装人", "收入"),
                 tuple((_t(i.installed_on), i.area, names.get(i.signed_by_id, ""), names.get(i.installed_by_id, ""),
                        fmt_fen(i.income_fen)) for i in rows), "points")


def _renewals(db, month: Month, day: dt.date):
    from sqlmodel import select

    from station_desk.customers.models import Customer
    from station_desk.overview.service import renewals_so_far

    due = renewals_so_far(db, month, day)
    ids = list(due)
    rows = []
    with db.read() as s:
        for k in range(0, len(ids), 900):
            for cid, acct, name, area, expiry in s.exec(select(
                    Customer.id, Customer.account_no, Customer.name, Customer.area, Customer.expiry_date)
                    .where(Customer.id.in_(ids[k:k + 900]))).all():
                rows.append((acct, name, area, _t(expiry), "已续费" if due[cid] else "未续费"))
    rows.sort(key=lambda r: (r[4] == "已续费", r[0]))
    return Drill(f"{month.label()}至今到期用户的续费", ("账号", "姓名", "片区", "现到期日", "状态"), tuple(rows),
                 "customers")


def _cash(db, month: Month, direction: str | None):
    from station_desk.cash_book import service as cash

    book = cash.month_book(db, month)
    lines = [x for x in book.lines if direction is None or x.direction == direction]
    return Drill(f"{month.label()}现金流水账", ("日期", "凭证号", "收/支", "类别", "摘要", "金额", "余额"),
                 tuple((_t(x.day), x.voucher_no, x.direction_label, x.category, x.note,
                        fmt_fen(x.income_fen if x.direction == "income" else x.expense_fen), fmt_fen(x.balance_fen))
                       for x in lines), "cash_book")


def rows_for(db, key: str, now: dt.datetime | None = None) -> Drill:
    """The rows behind the number ``key`` (a ``Metric.key`` or a chart's category key)."""
    now = now or clock.now()
    day, month = now.date(), Month.of(now.date())
    area, _, rest = key.partition(":")
    if area == "contacts":
        return _contacts(db, day, rest)
    if area == "orders":
        return _orders(db, now, rest)
    if area == "takings":
        return _takings(db, day, rest)
    if area == "people":
        return _people(db, day, now, rest)
    if area == "gifts":
        return _gifts(db)
    if area == "customers":
        return _expiring(db, day)
    if area == "sla":
        return _sla(db, month)
    if area == "points":
        return _points(db, month, int(rest) if rest.isdigit() else None)
    if area == "installs":
        return _installs(db, month)
    if area == "renewals":
        return _renewals(db, month, day)
    if area == "cash":
        return _cash(db, month, {"income": "income", "expense": "expense"}.get(rest))
    raise KeyError(key)
