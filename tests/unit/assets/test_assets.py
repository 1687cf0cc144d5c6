"""Asset register: tags unique, hand-over audited, scrapping needs the manager, the check sets statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.assets import service as assets
from station_desk.audit import service as audit
from station_desk.errors import DomainError


def test_register_check_and_scrap(station):
    st = station
    meter = assets.add_asset(st.db, actor=st.clerk, tag="ZC-001", name="光功率计", category="设备",
                             holder_id=st.clerk.staff_id, location="前台", value_fen=68000)
    ladder = assets.add_asset(st.db, actor=st.clerk, tag="ZC-002", name="人字梯", category="工具", location="库房")
    printer = assets.add_asset(st.db, actor=st.clerk, tag="ZC-003", name="票据打印机", location="前台")
    with pytest.raises(DomainError, match="已被“光功率计”使用"):
        assets.add_asset(st.db, actor=st.clerk, tag="ZC-001", name="熔接机")
    moved = assets.update_asset(st.db, actor=st.clerk, asset_id=ladder.id, tag="ZC-002", name="人字梯",
                                category="工具", holder_id=st.manager.staff_id, location="二楼", reason="交接")
    assert moved.holder == "王经理"
    assert audit.list_entries(st.db, entity="asset")[0].reason == "交接"

    chk = assets.record_check(st.db, actor=st.clerk, day=dt.date(2026, 11, 20),
                              results={meter.id: "found", ladder.id: "missing", printer.id: "damaged"},
                              notes={printer.id: "进纸器坏"})
    assert (chk.found, chk.missing, chk.damaged) == (1, 1, 1)
    rows = {r.tag: r for r in assets.list_assets(st.db)}
    assert rows["ZC-002"].status == "missing" and rows["ZC-003"].status_label == "损坏"
    assert rows["ZC-001"].last_result == "在位" and rows["ZC-001"].last_check == dt.date(2026, 11, 20)
    assert ("ZC-003", "票据打印机", "损坏", "", "进纸器坏") in assets.check_lines(st.db, chk.id)
    # found again at the next check: back in use
    assets.record_check(st.db, actor=st.clerk, day=dt.date(2026, 11, 20), results={ladder.id: "found"})
    assert {r.tag: r.status for r in assets.list_assets(st.db)}["ZC-002"] == "in_use"

    with pytest.raises(DomainError, match="经理的密码"):
        assets.update_asset(st.db, actor=st.clerk, asset_id=printer.id, tag="ZC-003", name="票据打印机",
                            status="scrapped", reason="无法修复")
    assets.update_asset(st.db, actor=st.clerk, asset_id=printer.id, tag="ZC-003", name="票据打印机",
                        status="scrapped", reason="无法修复", approval=st.approval)
    assert "ZC-003" not in {r.tag for r in assets.list_assets(st.db)}
    assert "ZC-003" in {r.tag for r in assets.list_assets(st.db, include_scrapped=True)}
    with pytest.raises(DomainError, match="已报废"):
        assets.record_check(st.db, actor=st.clerk, day=dt.date(2026, 11, 20), results={printer.id: "found"})
    assert audit.verify_chain(st.db) is None


def test_needs_approval_is_the_services_rule():
    """The asset form asks the service whether the PIN is needed (scrapping) and hears a missing reason first."""
    from station_desk.assets import service as assets
    from station_desk.errors import DomainError

    assert assets.needs_approval("scrapped", "打印头损坏") and not assets.needs_approval("missing")
    with pytest.raises(DomainError):
        assets.needs_approval("scrapped", " ")
