"""The work-orders tab and its dialogs in the zh_CN program: no English word is left on a button, label, page
title, column header or window title."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView, QTabWidget

from station_desk.work_orders import dialogs
from station_desk.work_orders import service as wo
from station_desk.work_orders.tab import WorkOrdersTab
from tests.fixtures.work_orders import make_staff

ALLOWED = {"Excel", "PDF", "Ctrl", "Del"}


def _english(texts) -> list[str]:
    return [t for t in texts if t and any(w not in ALLOWED for w in re.findall(r"[A-Za-z]{2,}", t))]


def _texts(widget) -> list[str]:
    out = [widget.windowTitle()]
    out += [w.text() for w in widget.findChildren(QAbstractButton)] + [w.text() for w in widget.findChildren(QLabel)]
    for tabs in widget.findChildren(QTabWidget):
        out += [tabs.tabText(i) for i in range(tabs.count())]
    for view in widget.findChildren(QTableView):
        model = view.model()
        out += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [str(t) for t in out if t]


def test_no_english_in_the_chinese_work_orders_tab(zh_app, qtbot, db, fake_now, make_ctx):
    fake_now(dt.datetime(2026, 11, 23, 9, 0))
    clerk = make_staff(db, "D01", "刘内勤", "dispatch_clerk")
    make_staff(db, "T01", "张师傅", "technician")
    oid = wo.create_order(db, actor=clerk, kind="repair", customer_name="甲", description="断网")
    ctx = make_ctx(clerk)
    tab = WorkOrdersTab(ctx)
    qtbot.addWidget(tab)
    tab.board.timer.stop()
    for i in range(tab.pages.count()):
        tab.pages.setCurrentIndex(i)
    forms = [dialogs.NewOrderDialog(tab, ctx), dialogs.DispatchDialog(tab, ctx, oid),
             dialogs.RespondDialog(tab, ctx, oid), dialogs.FollowDialog(tab, ctx, oid),
             dialogs.ReturnDialog(tab, ctx, oid), dialogs.CallDialog(tab, ctx, oid, 5000),
             dialogs.CallBackDialog(tab, ctx, oid), dialogs.OutageDialog(tab, ctx)]
    assert _english(_texts(tab)) == []
    for form in forms:
        assert _english(_texts(form)) == [], type(form).__name__
