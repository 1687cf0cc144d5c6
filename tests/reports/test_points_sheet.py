"""积分公示表 and 即时奖励明细: the numbers read back with pdftotext equal the JSON output; A4 landscape; speed."""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from pathlib import Path

import pytest

from station_desk.actor import SYSTEM
from station_desk.points import month as M
from station_desk.exchange.month_loader import load_month, read_file
from station_desk.reports.points_sheet import export_daily_xlsx, points_sheet_spec, render_points_sheet
from station_desk.reports.rewards_sheet import render_rewards_sheet
from station_desk.rewards import service as RW

EXAMPLE = Path(__file__).parents[1] / "data" / "month_example.json"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def loaded(db, fake_now):
    fake_now(dt.datetime(2026, 11, 2, 9, 0))
    load_month(db, actor=SYSTEM, data=read_file(EXAMPLE))
    return db


def test_points_sheet_numbers_equal_json(loaded, tmp_path, artifacts_dir):
    pdf = tmp_path / "points.pdf"
    render_points_sheet(loaded, "2026-10", pdf)
    (artifacts_dir / "points_sheet.pdf").write_bytes(pdf.read_bytes())
    text = _text(pdf)
    js = M.month_points(loaded, "2026-10").to_json()
    lines = text.splitlines()
    for p in js["people"]:
        row = next(ln for ln in lines if f" {p['name']} " in f" {ln} " and p["emp_no"] in ln)
        numbers = row.split()[-5:]
        assert numbers == [p["order_points"], p["auxiliary_points"], p["deductions"], p["adjustments"], p["total"]]
        assert row.split()[0] == str(p["rank"])
    assert any("全站平均" in ln and ln.split()[-1] == js["station_average"] for ln in lines)
    for label in ("积分公示表", "2026年10月", "制表", "审核", "站长", "续费专员：续费率以 58% 为基数"):
        assert label in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in info or "842 x 595" in info  # A4 landscape
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    font_rows = [ln.split() for ln in fonts.splitlines()[2:] if ln.strip()]
    assert font_rows and all("yes" in row[-5:-2][:1] for row in font_rows)  # every font embedded


def test_rewards_sheet_numbers_equal_json(loaded, tmp_path, artifacts_dir):
    pdf = tmp_path / "rewards.pdf"
    render_rewards_sheet(loaded, "2026-10", pdf)
    (artifacts_dir / "rewards_sheet.pdf").write_bytes(pdf.read_bytes())
    text = _text(pdf)
    js = RW.month_rewards(loaded, "2026-10").to_json()
    assert js["total_yuan"] == "825.00"
    assert any("合计" in ln and "825.00" in ln for ln in text.splitlines())
    for person in js["people"]:
        for line in person["lines"]:
            assert line["amount_yuan"] in text
        # 按人合计: 姓名 条数 应发合计 已发放 已批准未发 待批准 待定 暂估
        total = next(ln for ln in text.splitlines() if ln.split()[:1] == [person["name"]] and len(ln.split()) == 8)
        assert total.split()[2] == f"{float(person['total_yuan']):,.2f}"


def test_rewards_sheet_of_a_running_month_counts_no_provisional_line(loaded, tmp_path, fake_now):
    """Issue #14 item 7: on 4 December the December rewards are 暂估: listed apart with the day they become final,
    outside the total."""
    fake_now(dt.datetime(2026, 12, 4, 10, 0))
    mr = RW.month_rewards(loaded, "2026-12")
    assert mr.lines and mr.total_fen == 0 and mr.provisional_fen > 0
    pdf = tmp_path / "rewards.pdf"
    render_rewards_sheet(loaded, "2026-12", pdf)
    text = _text(pdf)
    assert "暂估（计算期未结束，不计入合计" in text and "2027-01-01" in text
    station = next(ln for ln in text.splitlines() if ln.split()[:1] == ["全站合计"])
    assert station.split()[2] == "0.00" and station.split()[-1] == f"{mr.provisional_fen / 100:,.2f}"


def test_daily_xlsx(loaded, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "day.xlsx"
    export_daily_xlsx(loaded, dt.date(2026, 10, 10), out)
    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    tian = next(r for r in values if r[0] == "田技一")
    assert float(tian[2]) == 120.5 and "work_order:T01-1" in tian[6]


def test_forty_staff_sheet_renders_fast():
    from station_desk.points.month import MonthPoints, PersonPoints, PointLine
    from station_desk.reports.pdf_common import prepare, render_sheet

    people = tuple(PersonPoints(i, f"E{i:03d}", f"员工{i}", "technician", "服务人员", 30000 + i, 500, 200, 0,
                                30300 + i, i, None, (PointLine("work_order.closed", "order", 30000 + i, "x"),))
                   for i in range(1, 41))
    mp = MonthPoints("2026-10", people, 30320, ("规则",) * 7, (), ())
    prepare()
    render_sheet(points_sheet_spec(mp, "古五服务中心"))
    times = []
    for _ in range(3):
        t = time.perf_counter()
        render_sheet(points_sheet_spec(mp, "古五服务中心"))
        times.append(time.perf_counter() - t)
    assert sorted(times)[1] < 0.3
