"""到期用户回访表: the PDF lists the customers and outcomes with masked phones; the .xlsx reads back."""

from __future__ import annotations

import datetime as dt
import subprocess

import openpyxl

from station_desk.customers import service as customers
from station_desk.reports.expiring_sheet import write_expiring_pdf, write_expiring_xlsx
from tests.fixtures.desk import make_desk


def test_expiring_sheet_pdf_and_xlsx(db, manager, fake_now, tmp_path):
    fake_now(dt.datetime(2026, 11, 23, 9, 0))
    desk = make_desk(db, manager)
    customers.record_call_outcome(db, actor=desk.clerk, customer_id=desk.zsf, outcome="will_renew", note="月底来交")
    pdf = tmp_path / "expiring.pdf"
    write_expiring_pdf(db, pdf, start=dt.date(2026, 11, 23), end=dt.date(2026, 12, 31))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "到期用户回访表" in text and "张三丰" in text and "138****5678" in text and "愿意续费" in text
    assert "李四" not in text and "13812345678" not in text
    xlsx = tmp_path / "expiring.xlsx"
    write_expiring_xlsx(db, xlsx, start=dt.date(2026, 11, 23), end=dt.date(2026, 12, 31), masked=False)
    ws = openpyxl.load_workbook(xlsx).active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3) if r[0].value is not None]
    assert rows[0][2] == "张三丰" and rows[0][4] == "13812345678" and rows[0][7] == 12 and rows[0][8] == "愿意续费"
