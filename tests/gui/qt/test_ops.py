"""Background work reaches the UI thread: the database worker (Op) and plain threads (run_in_thread)."""

from __future__ import annotations

import threading

from station_desk.qt.ops import run_in_thread


def test_run_in_thread_delivers_result_and_error_on_the_ui_thread(qapp, qtbot):
    ui = threading.current_thread()
    seen = []
    run_in_thread(None, lambda: (threading.current_thread() is not ui, 42), lambda r, e: seen.append(
        (r, e, threading.current_thread() is ui)), name="t1")
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert seen[0] == ((True, 42), None, True)
    run_in_thread(None, lambda: 1 / 0, lambda r, e: seen.append((r, type(e).__name__)), name="t2")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1] == (None, "ZeroDivisionError")


def test_op_publishes_what_the_write_changed_and_nothing_for_a_refusal(zh_app, qtbot, db, manager, make_ctx):
    """Services never say what they changed: the tables their committed transaction wrote are published."""
    from station_desk.customers import service as customers
    from station_desk.errors import DomainError
    from station_desk.qt.ops import Op
    from tests.gui_helpers import wait_ops

    ctx = make_ctx(manager[0])
    heard = []
    ctx.bus.changed.connect(lambda topics, _initiator: heard.append(set(topics)))
    Op(None, lambda: customers.create_customer(ctx.db, actor=ctx.actor, account_no="A100", name="张三",
                                               phone="13800000000", address="阳光新村 1 号"), ctx=ctx).run()
    wait_ops(qtbot)
    assert heard == [{"customers", "audit"}]

    def refused():  # writes, then is refused in the same transaction: rolled back, nothing to publish
        with ctx.db.session() as s:
            customers.create_customer_in(s, actor=ctx.actor, account_no="A101", name="李四")
            raise DomainError("input.too_long", field="姓名", limit=20, length=21)

    failed = []
    Op(None, refused, ctx=ctx).failure(failed.append).run()
    wait_ops(qtbot)
    assert len(failed) == 1 and heard == [{"customers", "audit"}]


def test_every_table_has_a_topic():
    from station_desk.db import registry
    from station_desk.db.changes import topic_of

    assert [t for t in registry.load_all_models().tables if topic_of(t) is None] == []


def test_month_picker_selects_an_equal_month(zh_app, qtbot):
    from station_desk.month import Month
    from station_desk.qt.views import MonthPicker

    picker = MonthPicker(count=6)
    qtbot.addWidget(picker)
    target = picker.month().prev().prev()
    picker.set_month(Month(target.year, target.month))  # an equal Month, not the stored object
    assert picker.month() == target and picker.currentIndex() == 2


def test_no_job_owns_a_qt_object_the_garbage_collector_could_delete(qapp, qtbot):
    """A test process died in "Garbage-collecting" on the UI thread while the worker ran the next job: each Op owned
    a QObject of its own, deleted by the collector, and its result crossed threads inside a queued signal's
    arguments. Every job now reports through the one dispatcher, which is never deleted, and waits in a deque the
    signal only points to; a thread's result for a widget already gone is dropped."""
    import gc

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    from station_desk.qt import ops

    op = ops.Op(None, lambda: 7)
    owned = [x for x in gc.get_referents(op.__dict__) if isinstance(x, QObject) and x is not ops._dispatch()]
    assert owned == []
    signals = [m for m in range(ops._Dispatcher.staticMetaObject.methodCount())
               if ops._Dispatcher.staticMetaObject.method(m).methodType().name == "Signal"
               and ops._Dispatcher.staticMetaObject.method(m).name().data() == b"_ready"]
    assert signals and all(ops._Dispatcher.staticMetaObject.method(m).parameterCount() == 0 for m in signals)
    seen = []
    op.success(seen.append).run()
    qtbot.waitUntil(lambda: seen == [7])

    gone = QWidget()
    heard = []
    release = threading.Event()
    ops.run_in_thread(gone, lambda: release.wait(5), lambda r, e: heard.append(r), name="t3")
    gone.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(gone))
    release.set()
    ops.run_in_thread(None, lambda: "after", lambda r, e: heard.append(r), name="t4")
    qtbot.waitUntil(lambda: heard == ["after"])
