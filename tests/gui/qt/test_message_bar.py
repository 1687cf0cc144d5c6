"""A message (green for done, red for a refusal) never moves the screen: it floats over the tab's bottom edge, so
the row or button under the person's next click stays where it was (issue: the banner pushed the screen down
~35 px and a click landed on the wrong cash-book row)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from tests.fixtures.desk import make_desk
from tests.gui_helpers import activate


def test_a_message_moves_nothing_and_is_read_whole(zh_app, qtbot, db, manager, make_ctx, fake_now):
    from station_desk.contact_log.tab import ContactLogTab

    fake_now(dt.datetime(2026, 11, 23, 9, 30))
    desk = make_desk(db, manager)
    tab = ContactLogTab(make_ctx(desk.clerk))
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    activate(qtbot, tab)
    tab.refresh_if_dirty()
    qtbot.wait(50)
    watched = [tab.form, tab.table, tab.form.save_button, tab.form.picker.edit]
    before = [w.mapTo(tab, w.rect().topLeft()) for w in watched]
    long = "续费已保存。" + "这是一条很长的提示，" * 30
    for show in (tab.message_bar.show_info, tab.message_bar.show_error):
        show(long)
        qtbot.wait(50)
        assert tab.message_bar.isVisible()
        assert [w.mapTo(tab, w.rect().topLeft()) for w in watched] == before
        bar = tab.message_bar.geometry()
        assert tab.rect().contains(bar) and bar.height() >= tab.message_bar.heightForWidth(bar.width())
    tab.resize(1000, 700)
    qtbot.wait(50)
    assert tab.message_bar.geometry().right() < 1000


def test_every_tab_floats_its_messages(zh_app, qtbot, db, manager, make_ctx):
    """No tab puts its message line into its layout."""
    from station_desk.qt.tab_registry import TABS

    ctx = make_ctx(manager[0])
    for spec in TABS:
        tab: QWidget = spec.load()(ctx)
        qtbot.addWidget(tab)
        bar = tab.message_bar
        in_layout = any(lay.indexOf(bar) >= 0 for lay in [w.layout() for w in [tab, *tab.findChildren(QWidget)]]
                        if lay is not None)
        assert not in_layout, spec.key
