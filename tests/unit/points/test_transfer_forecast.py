"""Issue #14 item 8 (and #20 §2): transfer warnings (转岗预警) only for finished months; while a month runs the
points show a forecast marked 预测, which never reaches a wall sheet; the sheet's internal page is a policy switch."""

from __future__ import annotations

import datetime as dt
import subprocess

from station_desk.points import month as M
from station_desk.reports.points_sheet import points_sheet_spec, render_points_sheet
from tests.fixtures.points import points


def _low_technician(db, ids):
    """田技一 under 280 points in October and in the first days of November."""
    with db.session() as s:
        points(s, ids["T01"], dt.date(2026, 10, 5), 10000)
        points(s, ids["T01"], dt.date(2026, 11, 2), 5000)
        for sid in (ids["T02"], ids["X01"], ids["X02"]):
            points(s, sid, dt.date(2026, 10, 5), 40000)
            points(s, sid, dt.date(2026, 11, 2), 40000)


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_no_transfer_warning_for_a_running_month_only_a_marked_forecast(station, fake_now, tmp_path):
    db, ids = station.db, station.ids
    _low_technician(db, ids)
    fake_now(dt.datetime(2026, 11, 4, 9, 0))  # four days of November
    mp = M.month_points(db, "2026-11")
    assert not any("田技一" in w for w in mp.warnings)
    (forecast,) = [f for f in mp.forecasts if "田技一" in f]
    assert forecast.startswith("预测") and "本月未结束" in forecast
    js = mp.to_json()
    assert js["warnings"] == [w for w in mp.warnings] and any("田技一" in f for f in js["forecasts"])
    # never on a wall sheet, not even on its internal page
    spec = points_sheet_spec(mp, "古五服务中心")
    assert spec.internal == [] and not any("田技一" in n or "预测" in n for n in spec.notes)
    pdf = tmp_path / "nov.pdf"
    render_points_sheet(db, "2026-11", pdf)
    assert "转岗" not in _text(pdf).replace("转岗预警：销售代表/服务人员连续", "")
    # the month over: a real warning, on the internal page only
    fake_now(dt.datetime(2026, 12, 1, 9, 0))
    mp = M.month_points(db, "2026-11")
    assert any("田技一" in w for w in mp.warnings) and mp.forecasts == ()
    render_points_sheet(db, "2026-11", pdf)
    text = _text(pdf)
    posted, _, internal = text.partition("本页不张贴")
    assert "田技一（服务人员）连续" not in posted and "田技一（服务人员）连续" in internal


def test_the_internal_warnings_page_is_a_policy_switch(station, fake_now, tmp_path):
    from station_desk.policy.service import DEFAULT
    from station_desk.settings.service import set_policy

    db, ids = station.db, station.ids
    _low_technician(db, ids)
    fake_now(dt.datetime(2026, 12, 1, 9, 0))
    assert DEFAULT.points.sheet_internal_warnings_page is True
    set_policy(db, actor=station.actor, approval=station.approval, effective_from=dt.date(2026, 12, 1),
               policy=DEFAULT.model_copy(update={"points": DEFAULT.points.model_copy(
                   update={"sheet_internal_warnings_page": False})}))
    pdf = tmp_path / "nov.pdf"
    render_points_sheet(db, "2026-11", pdf)
    text = _text(pdf)
    assert "本页不张贴" not in text and "田技一（服务人员）连续" not in text


def test_command_line_marks_the_forecast(station, fake_now, capsys):
    from station_desk.cli import main

    db, ids = station.db, station.ids
    _low_technician(db, ids)
    fake_now(dt.datetime(2026, 11, 4, 9, 0))
    assert main(["points", "--db", db.address, "--month", "2026-11"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "田技一" in ln and "转岗" in ln)
    assert line.startswith("预测")
