"""Long work shows a progress window with its steps (and 取消 where stopping is safe); quick work shows none."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from station_desk.qt import progress
from tests.gui_helpers import wait_ops


def _window_text() -> tuple[str, bool]:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    if not boxes:
        return "", False
    box = boxes[-1]
    return box.labelText(), any(b.isVisible() for b in box.findChildren(QPushButton))


def test_an_op_longer_than_a_moment_shows_its_steps_and_a_quick_one_nothing(zh_app, qtbot, monkeypatch):
    from station_desk.qt.ops import Op

    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 100)
    shown: list[bool] = []
    labels: list[str] = []
    cancel_buttons: list[bool] = []
    show, update = progress.ProgressWindow._show, progress.ProgressWindow._update

    def spy_show(self):
        show(self)
        shown.append(self.dialog.isVisible())
        cancel_buttons.append(any(b.isVisible() for b in self.dialog.findChildren(QPushButton)))

    def spy_update(self, done, total, stage):
        update(self, done, total, stage)
        labels.append(self.dialog.labelText())

    monkeypatch.setattr(progress.ProgressWindow, "_show", spy_show)
    monkeypatch.setattr(progress.ProgressWindow, "_update", spy_update)
    host = QWidget()
    qtbot.addWidget(host)
    host.show()

    def slow():
        for i in range(3):
            op.report(i, 3, ["用户", "工单", "积分"][i])
            time.sleep(0.4)
        return "ok"

    op = Op(host, slow).busy("正在导入用户…")
    done = []
    op.success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    wait_ops(qtbot)
    assert done == ["ok"]
    assert shown == [True] and cancel_buttons == [False]  # shown once; one transaction: not cancellable
    assert labels == ["第 1 步，共 3 步：用户", "第 2 步，共 3 步：工单", "第 3 步，共 3 步：积分"]
    assert _window_text() == ("", False)  # gone when done
    shown.clear()
    Op(host, lambda: 1).busy("很快").run()
    wait_ops(qtbot)
    qtbot.wait(150)
    assert shown == [] and _window_text() == ("", False)


def test_a_cancellable_job_stops_at_the_next_step(zh_app, qtbot, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 50)
    steps = []

    def job(report, cancelled):
        for i in range(50):
            if cancelled():
                return None
            report(i, 50, f"第{i}项")
            steps.append(i)
            time.sleep(0.02)
        return "all"

    def press_cancel():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if boxes:
            button = boxes[-1].findChild(QPushButton)
            assert button.text() == "取消"
            button.click()
        else:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(20, press_cancel)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, press_cancel)
    assert progress.run_with_progress(None, "正在生成演示站数据…", job, cancellable=True) is None
    assert 0 < len(steps) < 50


@pytest.mark.slow
def test_the_demo_build_can_be_stopped_and_leaves_no_file(zh_app, qtbot, tmp_path):
    from station_desk.demo import build_demo

    calls = []
    path = tmp_path / "demo.db"
    result = build_demo(path, n_customers=50, months=1, progress=lambda i, n, s: calls.append(s),
                        cancelled=lambda: len(calls) >= 2)
    assert result is None and calls == ["staff", "customers"] and not path.exists()
