"""The overview's first paint (issue #20: ≤ 100 ms on the 5-year station): today's contacts by kind and today's
takings, read with two indexed driver-SQL queries (as the work-order board reads its first view), without
importing the front-desk and takings modules — their import is most of a cold first paint. The numbers are the
same as ``contact_log.queries.totals`` and ``takings.service.day_summary`` (tests compare them), and so are the
labels (``test_glance_labels_are_the_modules``)."""

from __future__ import annotations

import datetime as dt

from station_desk.db.dialect import driver_rows
from station_desk.money import fmt_fen
from station_desk.overview.model import Metric, Section

# the modules' labels (contact_log.rows.KINDS, takings.service.METHODS), checked equal by a test
KINDS = {"inquiry": "咨询", "new_install": "新装", "renewal": "续费", "fault": "故障", "complaint": "投诉",
         "payment": "缴费", "other": "其他"}
METHODS = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "card": "刷卡", "transfer": "转账"}


def _rows(db, sql: str, params: tuple) -> list:
    with db.read() as s:
        return driver_rows(s.connection(), sql, params)


def contacts_section(db, day: dt.date) -> Section:
    """Today's contacts by kind; a void removes itself and its original (as the front desk counts)."""
    by_kind: dict[str, int] = {}
    for kind, count, voids in _rows(db, "SELECT kind, COUNT(*), COUNT(reverses_id) FROM contact "
                                        "WHERE day = ? GROUP BY kind", (day.isoformat(),)):
        by_kind[kind] = by_kind.get(kind, 0) + count - 2 * (voids or 0)
    metrics = [Metric("contacts:all", "登记合计", str(sum(by_kind.values())))]
    metrics += [Metric(f"contacts:{kind}", label, str(by_kind.get(kind, 0))) for kind, label in KINDS.items()]
    return Section("今日前台登记", tuple(metrics), "contact_log")


def takings_section(db, day: dt.date) -> Section:
    """Today's receipts by payment method, the cash the till should hold, and whether the day is closed."""
    by_method: dict[str, int] = {}
    n = 0
    for method, count, amount in _rows(db, "SELECT method, COUNT(*), SUM(amount_fen) FROM takings_receipt "
                                           "WHERE day = ? GROUP BY method", (day.isoformat(),)):
        by_method[method] = by_method.get(method, 0) + (amount or 0)
        n += count
    closed = bool(_rows(db, "SELECT 1 FROM takings_till_close WHERE day = ?", (day.isoformat(),)))
    metrics = [Metric("takings:all", "今日收款", fmt_fen(sum(by_method.values())), hint=f"{n} 笔")]
    metrics += [Metric(f"takings:{m}", label, fmt_fen(by_method[m])) for m, label in METHODS.items()
                if by_method.get(m)]
    metrics.append(Metric("takings:cash", "钱箱应有现金", fmt_fen(by_method.get("cash", 0))))
    metrics.append(Metric("takings:close", "日结", "已日结" if closed else "未日结", "" if closed or not n else "warn"))
    return Section("今日收款", tuple(metrics), "cash_book")
