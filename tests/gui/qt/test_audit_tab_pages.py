"""审计日志 tab: the log is read a page at a time on the database worker, older entries as the list scrolls down
(issue #15: a station's log holds a million rows; the newest page is what the manager looks at first)."""

from __future__ import annotations

from station_desk.audit import service as audit
from tests.gui_helpers import activate, wait_ops


def test_the_log_reads_a_page_and_older_ones_as_it_scrolls(zh_app, qtbot, db, manager, make_ctx, monkeypatch):
    from station_desk.audit import tab as audit_tab

    actor, _ = manager
    for i in range(35):
        with db.session() as s:
            audit.record(s, actor=actor, action="test.change", entity="test", entity_id=i, after={"n": i})
    reads = []
    real = audit.list_entries
    monkeypatch.setattr(audit, "list_entries", lambda *a, **k: reads.append(k.get("limit")) or real(*a, **k))
    monkeypatch.setattr(audit_tab, "AUDIT_PAGE", 10)  # more than the screen holds, as 200 are
    tab = audit_tab.AuditTab(make_ctx(actor))
    qtbot.addWidget(tab)
    tab.resize(1000, 300)
    activate(qtbot, tab)
    everyone = [r.id for r in real(db, since=tab.since.value(), until=tab.until.value())]  # the tab's dates
    assert len(everyone) > 30
    assert [r.id for r in tab.model.rows()] == everyone[:10]  # the newest page
    bar = tab.table.verticalScrollBar()
    for _ in range(len(everyone)):
        bar.setValue(bar.maximum())
        wait_ops(qtbot)
    assert [r.id for r in tab.model.rows()] == everyone and set(reads) == {10}
