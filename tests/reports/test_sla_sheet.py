"""The SLA sheet: PDF text, embedded font, xlsx values."""

from __future__ import annotations

import datetime as dt
import subprocess

import openpyxl

from station_desk.reports.sla_sheet import write_sla_pdf, write_sla_xlsx
from station_desk.work_orders import service as wo
from tests.fixtures.work_orders import make_staff

D = dt.datetime


def _month(db, fake_now):
    actor = make_staff(db, "M01", "王经理", "manager")
    t = make_staff(db, "T01", "张师傅", "technician")
    for i, (resp, done) in enumerate([(10, 60), (40, 300)]):
        fake_now(D(2026, 11, 2 + i, 9, 0))
        oid = wo.create_order(db, actor=actor, kind="repair", customer_name="用户", description="断网")
        wo.dispatch_order(db, actor=actor, order_id=oid, technician_id=t.staff_id)
        fake_now(D(2026, 11, 2 + i, 9, 0) + dt.timedelta(minutes=done))
        wo.record_response(db, actor=actor, order_id=oid, at=D(2026, 11, 2 + i, 9, 0) + dt.timedelta(minutes=resp),
                           late_reason="路远" if resp > 30 else "")
        wo.return_order(db, actor=actor, order_id=oid, work_done="修好", late_reason="路远" if done > 240 else "")
        wo.record_follow_up_call(db, actor=actor, order_id=oid, solved=True,
                                 attitude="satisfied" if i == 0 else "unsatisfied", charged=False, score=9 - 4 * i)


def test_sla_pdf_and_xlsx(db, fake_now, tmp_path):
    _month(db, fake_now)
    pdf = tmp_path / "sla.pdf"
    write_sla_pdf(db, pdf, month="2026-11")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "工单时效报表" in text and "2026年11月" in text and "张师傅" in text
    assert "50.0%" in text and "按周按时率" in text and "第1页/共1页" in text.replace(" ", "")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts or "WQY" in fonts
    xlsx = write_sla_xlsx(db, tmp_path / "sla.xlsx", month="2026-11")
    ws = openpyxl.load_workbook(xlsx).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    line = next(r for r in values if r[0] == "张师傅")
    assert line[1] == 2 and line[2] == 50.0 and line[3] == 50.0 and line[4] == 25.0 and line[6] == 7.0
    assert line[7] == 1 and line[8] == 1
