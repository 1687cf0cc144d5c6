"""礼品统计表 and 盘点表: read back with pdftotext, the CJK font embedded, the .xlsx has the same numbers."""

from __future__ import annotations

import datetime as dt
import subprocess

import openpyxl
import pytest

from station_desk.gift_stock import service as gifts
from station_desk.gift_stock import stocktake as stk
from station_desk.gift_stock.stats import gift_statistics
from station_desk.reports.gift_sheet import write_gift_pdf, write_gift_xlsx
from station_desk.reports.stocktake_sheet import write_stocktake_pdf
from tests.fixtures.gifts import station  # noqa: F401

D = dt.date


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def month(station):  # noqa: F811
    st = station
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=20, day=D(2026, 10, 8), delivery_note="SH-1008")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.mug, qty=12, day=D(2026, 11, 2), delivery_note="SH-1102")
    gifts.receive_stock(st.db, actor=st.clerk, item_id=st.cooker, qty=3, day=D(2026, 11, 2), delivery_note="SH-1102")
    promo = gifts.add_promotion(st.db, actor=st.manager, approval=st.approval, name="包年续费送保温杯",
                                action="renewal", cycle="yearly", item_id=st.mug, valid_from=D(2026, 11, 1),
                                valid_to=D(2026, 12, 31)).id
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.mug, qty=1, customer_id=st.cust_a, promotion_id=promo,
                     entitlement_ref=f"renewal:{st.renewal_a}", day=D(2026, 11, 5))
    gifts.issue_gift(st.db, actor=st.clerk, item_id=st.cooker, qty=1, customer_id=st.cust_b, promotion_id=None,
                     entitlement_ref=f"signup:{st.signup_b}", day=D(2026, 11, 6), override=st.approval,
                     override_reason="片区开业活动")
    gifts.write_off(st.db, actor=st.clerk, approval=st.approval, item_id=st.mug, qty=2, day=D(2026, 11, 7),
                    reason="运输破损")
    sheet = stk.start_stocktake(st.db, actor=st.clerk, day=D(2026, 11, 18))
    stk.set_counts(st.db, actor=st.clerk, stocktake_id=sheet.id, counts={st.mug: 28, st.cooker: 2})
    return st, sheet.id


def test_gift_sheet_pdf_and_xlsx(month, tmp_path):
    st, sheet_id = month
    stk.post_stocktake(st.db, actor=st.clerk, approval=st.approval, stocktake_id=sheet_id)
    stats = gift_statistics(st.db, "2026-11")
    assert all(r.balances for r in stats.items)
    pdf = write_gift_pdf(st.db, tmp_path / "gift.pdf", "2026-11")
    text = _text(pdf)
    assert "礼品统计表" in text and "2026年11月" in text and "内部资料" in text
    # 保温杯: opening 20, received 12, issued 1, written off 2, stocktake −1 → 28; value 28 × 25.50 = 714.00
    line = next(ln for ln in text.splitlines() if "保温杯" in ln and "25.50" in ln)
    assert line.split()[3:11] == ["20", "12", "1", "0", "0", "2", "-1", "28"]
    assert "714.00" in line
    assert "片区开业活动" in text and "王经理" in text and "经理特批（无促销活动）" in text
    assert "本表各行均已核对相符" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "WQY" in fonts
    xlsx = write_gift_xlsx(st.db, tmp_path / "gift.xlsx", "2026-11")
    wb = openpyxl.load_workbook(xlsx)
    ws = wb.worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    mug = next(r for r in values if r and r[0] == "保温杯")
    assert mug[3:11] == [20, 12, 1, 0, 0, 2, -1, 28]
    assert float(mug[13]) == 714.0
    assert len(wb.worksheets) == 5
    detail = [[c.value for c in row] for row in wb["发放明细"].iter_rows()]
    issued = [r for r in detail if r and r[1] == "发放"]
    assert [(r[2], r[3], r[4]) for r in issued] == [("张三", "保温杯", 1), ("李四", "电饭煲", 1)]
    assert issued[1][9] == "片区开业活动" and issued[0][6] == "续费记录第 1 号"


def test_stocktake_count_sheet(month, tmp_path):
    st, sheet_id = month
    text = _text(write_stocktake_pdf(st.db, tmp_path / "count.pdf", sheet_id))
    assert "礼品盘点表" in text and "2026-11-18" in text
    line = next(ln for ln in text.splitlines() if "保温杯" in ln)
    assert line.split()[-4:] == ["29", "28", "-1", "-25.50"]
    assert "盘亏金额 25.50 元" in text
    blind = _text(write_stocktake_pdf(st.db, tmp_path / "blind.pdf", sheet_id, blind=True))
    assert "29" not in next(ln for ln in blind.splitlines() if "保温杯" in ln)
