"""资产台账 tab: a check round by keyboard (F/M/D) sets the assets' states."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from station_desk.assets import service as assets
from tests.gui_helpers import activate, on_modal, wait_ops
from tests.unit.gift_stock.conftest import station  # noqa: F401


def test_check_round_by_keyboard(zh_app, qtbot, station, make_ctx, artifacts_dir):  # noqa: F811
    st = station
    for tag, name, loc in (("ZC-001", "光功率计", "前台"), ("ZC-002", "人字梯", "库房"), ("ZC-003", "票据打印机", "前台")):
        assets.add_asset(st.db, actor=st.clerk, tag=tag, name=name, location=loc, holder_id=st.clerk.staff_id,
                         value_fen=10000)
    from station_desk.assets.tab import AssetsTab

    tab = AssetsTab(make_ctx(st.clerk))
    tab.resize(1000, 500)
    qtbot.addWidget(tab)
    activate(qtbot, tab)
    assert len(tab.model.rows()) == 3 and "3" in tab.summary.text()

    def drive(dlg):
        assert dlg.table.hasFocus()
        qtbot.keyClick(dlg.table, Qt.Key.Key_F)  # row 0 found → row 1
        qtbot.keyClick(dlg.table, Qt.Key.Key_M)  # row 1 missing → row 2
        qtbot.keyClick(dlg.table, Qt.Key.Key_D)  # row 2 damaged
        assert [dlg.table.item(r, 4).text() for r in range(3)] == ["在位", "缺失", "损坏"]
        qtbot.keyClick(dlg.table, Qt.Key.Key_Return)

    on_modal(drive, name="AssetCheckDialog")
    qtbot.keyClick(tab, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    states = {r.tag: r.status for r in assets.list_assets(st.db)}
    assert states == {"ZC-001": "in_use", "ZC-002": "missing", "ZC-003": "damaged"}
    assert assets.list_checks(st.db)[0].day == dt.date(2026, 11, 20)
    qtbot.waitUntil(lambda: len(tab.checks_model.rows()) == 1)
    tab.grab().save(str(artifacts_dir / "assets_tab.png"))
