"""资产台账 tab: a check round by keyboard (F/M/D) sets the assets' states."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from station_desk.assets import service as assets
from tests.gui_helpers import activate, on_modal, wait_ops
from tests.fixtures.gifts import station  # noqa: F401


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


def test_hand_over_and_scrap_with_manager_pin(zh_app, qtbot, station, make_ctx):  # noqa: F811
    from station_desk.assets.tab import AssetDialog

    st = station
    row = assets.add_asset(st.db, actor=st.clerk, tag="ZC-009", name="票据打印机", location="前台")
    dlg = AssetDialog(None, make_ctx(st.clerk), row)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    assert dlg.holder.hasFocus()
    dlg.holder.setCurrentIndex(dlg.holder.findData(st.clerk.staff_id))
    dlg.reason.setText("交给前台保管")
    qtbot.keyClick(dlg.reason, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert assets.list_assets(st.db)[0].holder == "李晓燕"

    row = assets.list_assets(st.db)[0]
    dlg = AssetDialog(None, make_ctx(st.clerk), row)
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    dlg.status.setCurrentIndex(dlg.status.findData("scrapped"))
    dlg.reason.setText("打印头损坏，无法维修")

    def pin(box):
        box.pin_edit.setText("2468")
        qtbot.keyClick(box.pin_edit, Qt.Key.Key_Return)

    on_modal(pin, name="ManagerApprovalDialog")
    qtbot.keyClick(dlg.reason, Qt.Key.Key_Return)
    wait_ops(qtbot)
    assert assets.list_assets(st.db) == []
    assert assets.list_assets(st.db, include_scrapped=True)[0].status_label == "已报废"
