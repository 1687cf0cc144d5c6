"""排休表 (wall roster): A4 landscape, the month, every person, rest days, shift codes, legend, signatures."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from station_desk.attendance import leave
from station_desk.reports.roster_sheet import write_roster_pdf
from station_desk.rest_roster import service as roster
from tests.fixtures.roster import station  # noqa: F401  (fixture)


@pytest.fixture
def october(station):  # noqa: F811
    roster.apply_suggestion(station.db, actor=station.manager, month="2026-10")
    req = leave.request_leave(station.db, actor=station.manager, staff_id=station.ids["吴续费"], kind="sick",
                              start=dt.date(2026, 10, 20), end=dt.date(2026, 10, 21))
    leave.approve_leave(station.db, actor=station.manager, leave_id=req.id)
    return station


def test_wall_roster_pdf(october, tmp_path, artifacts_dir):
    path = tmp_path / "roster.pdf"
    write_roster_pdf(october.db, month="2026-10", path_or_buffer=path)
    (artifacts_dir / "roster_sheet.pdf").write_bytes(path.read_bytes())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in info and "Pages:           1" in info  # A4 landscape, one sheet
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "古五服务中心 排休表 2026年10月" in text
    for name in october.ids:
        assert name in text
    m = roster.get_month(october.db, month="2026-10")
    # each person's row: six rest days (休) and their shift letters, in day order
    for p in m.people:
        line = next(ln for ln in text.splitlines() if ln.lstrip().startswith(p.name))
        cells = [c.rstrip("*") for c in line.replace("◆", " ").split()[2:-1]]  # ◆ front desk, * requested
        expected = ["休" if c == "R" else c for c in (m.plan[p.staff_id][d] for d in m.days)]
        assert cells == expected, p.name
        assert line.split()[-1] == str(sum(1 for c in expected if c == "休"))
    assert "病" in next(ln for ln in text.splitlines() if ln.lstrip().startswith("吴续费"))
    assert "早班 08:30–16:30" in text and "晚班 12:00–20:00" in text and "法定节假日" in text
    assert "排班：" in text and "站长：" in text and "日期：" in text and "在岗人数" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts and " yes " in fonts


def test_roster_with_problems_lists_them(station, tmp_path):
    # the default plan (everyone early, no rest) breaks the rules: the sheet says so
    pdf = write_roster_pdf(station.db, month="2026-12")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "本排班表还有未满足的规则" in text and "应休 6 天" in text
