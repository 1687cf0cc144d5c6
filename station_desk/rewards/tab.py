"""即时奖励 tab: the month's reward lines computed from the records, the manager's approval and payment, the
clerk's upgrade calls, the weekly facts entered by hand, and the 即时奖励明细 sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout)

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.points.tab import _table, month_keys, save_sheet, sheets_dir
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import show_error
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.rewards import service as RW

STATUS_COLOURS = {"pending": "#888888", "changed": "#c00000", "paid": "#2e7d32"}


class RewardsTab(ModuleTab):
    watches = frozenset({"points", "rewards", "customers", "work_orders", "staff", "cash"})
    open_files = True

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.status_text = {"due": self.tr("to approve"), "approved": self.tr("approved"), "paid": self.tr("paid"),
                            "changed": self.tr("changed since approval"), "pending": self.tr("pending")}
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        bar = QHBoxLayout()
        self.month_box = QComboBox()
        self.month_box.setObjectName("rewardsMonthBox")
        for key in month_keys():
            self.month_box.addItem(key, key)
        label = QLabel(self.tr("&Month"))
        label.setBuddy(self.month_box)
        bar.addWidget(label)
        bar.addWidget(self.month_box)
        self.approve_button = QPushButton(self.tr("&Approve all due"))
        self.pay_button = QPushButton(self.tr("Pa&y selected"))
        self.call_button = QPushButton(self.tr("Upgrade &calls…"))
        self.week_button = QPushButton(self.tr("Record a &week…"))
        self.adjust_button = QPushButton(self.tr("Ad&justment…"))
        self.print_button = QPushButton(self.tr("&Print sheet (Ctrl+P)"))
        for w in (self.approve_button, self.pay_button, self.call_button, self.week_button, self.adjust_button,
                  self.print_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.total_label = QLabel()
        bar.addWidget(self.total_label)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(self.tr("Date"), lambda ln: ln.day.isoformat()),
            Column(self.tr("Name"), lambda ln: ln.name),
            Column(self.tr("Reward"), lambda ln: ln.rule_label),
            Column(self.tr("Amount (yuan)"), lambda ln: ln.amount, "right"),
            Column(self.tr("Status"), lambda ln: self.status_text.get(ln.status, ln.status)),
            Column(self.tr("How"), lambda ln: ln.text),
        ], foreground=lambda ln: STATUS_COLOURS.get(ln.status))
        self.table = _table(self.model)
        self.table.setObjectName("rewardsTable")
        self.facts = QPlainTextEdit()
        self.facts.setReadOnly(True)
        self.facts.setMaximumHeight(110)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.facts)
        layout.addWidget(split, 1)
        self.month_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_facts())
        self.approve_button.clicked.connect(self.approve_all)
        self.pay_button.clicked.connect(self.pay_selected)
        self.call_button.clicked.connect(self.upgrade_calls)
        self.week_button.clicked.connect(self.record_week)
        self.adjust_button.clicked.connect(self.adjust)
        self.print_button.clicked.connect(self.print_sheet)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_sheet)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)

    def month(self) -> str:
        return self.month_box.currentData()

    def refresh(self) -> None:
        """Computed on the database thread: weekly rewards read the work orders (can take a second)."""
        month = self.month()
        self.total_label.setText(self.tr("Computing…"))
        Op(self, lambda: RW.month_rewards(self.ctx.db, month)).success(self._show) \
            .failure(lambda exc: show_error(self, exc)).run()

    def _show(self, mr) -> None:
        if mr.month != self.month():
            return  # the month changed meanwhile; its own refresh follows
        keep = self.selected().key if self.selected() else None
        self.model.set_rows(mr.lines)
        if mr.lines:
            idx = next((i for i, ln in enumerate(mr.lines) if ln.key == keep), 0)
            self.table.selectRow(min(idx, self.model.rowCount() - 1))
        self.total_label.setText(self.tr("Total %1 yuan · pending %2 yuan%3").replace("%1", fmt_fen(mr.total_fen))
                                 .replace("%2", fmt_fen(mr.pending_fen))
                                 .replace("%3", self.tr(" · locked") if mr.locked else ""))
        self._show_facts()

    def focus_default(self) -> None:
        self.table.setFocus()

    def selected(self):
        return self.model.row_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None

    def _show_facts(self) -> None:
        ln = self.selected()
        self.facts.setPlainText("" if ln is None else f"{ln.rule_label}：{ln.text}\n" + "、".join(ln.facts))

    def approve_all(self) -> None:
        month = self.month()
        approval = ask_manager_approval(self, self.ctx, self.tr("Approve the instant rewards of %1").replace("%1", month))
        if approval is None:
            return
        Op(self, lambda: RW.approve_rewards(self.ctx.db, actor=self.ctx.actor, approval=approval, month=month),
           changes={"rewards"}).success(lambda n: self.message_bar.show_info(
            self.tr("%1 lines approved.").replace("%1", str(n)))).run()

    def pay_selected(self) -> None:
        ln = self.selected()
        if ln is None:
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Pay %1 yuan to %2").replace("%1", ln.amount)
                                        .replace("%2", ln.name))
        if approval is None:
            return
        Op(self, lambda: RW.pay_reward(self.ctx.db, actor=self.ctx.actor, approval=approval, key=ln.key),
           changes={"rewards", "cash"}).success(lambda _r: self.message_bar.show_info(
            self.tr("Paid; entered in the cash book as an instant-reward expense."))).run()

    def upgrade_calls(self) -> None:
        pending = RW.pending_upgrades(self.ctx.db)
        if not pending:
            self.message_bar.show_info(self.tr("No upgrade waits for a call."))
            return
        rid, name, day, before, after = pending[0]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Upgrade call"),
                          self.tr("%1: customer upgraded from %2 to %3 on %4. Did the customer confirm that %1 "
                                  "recommended it?").replace("%1", name).replace("%2", before).replace("%3", after)
                          .replace("%4", day.isoformat()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel, self)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Cancel:
            return
        ok = answer == QMessageBox.StandardButton.Yes
        Op(self, lambda: RW.confirm_upgrade(self.ctx.db, actor=self.ctx.actor, renewal_id=rid, confirmed=ok,
                                            day=clock.today()), changes={"rewards"}) \
            .success(lambda _r: self.message_bar.show_info(self.tr("Call recorded."))).run()

    def _people(self):
        from station_desk.points import month as M

        return M.month_points(self.ctx.db, self.month()).people

    def record_week(self) -> None:
        from station_desk.rewards.dialogs import WeekDialog

        dialog = WeekDialog(self, self._people(), clock.today())
        if not dialog.exec() or dialog.result_values is None:
            return
        v = dialog.result_values
        Op(self, lambda: RW.record_week(self.ctx.db, actor=self.ctx.actor, **v), changes={"rewards"}) \
            .success(lambda _r: self.message_bar.show_info(self.tr("Week recorded."))).run()

    def adjust(self) -> None:
        from station_desk.rewards.dialogs import RewardAdjustmentDialog

        month = self.month()
        dialog = RewardAdjustmentDialog(self, self._people(), month)
        if not dialog.exec() or dialog.result_values is None:
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Adjust a locked month"))
        if approval is None:
            return
        v = dialog.result_values
        Op(self, lambda: RW.add_adjustment(self.ctx.db, actor=self.ctx.actor, approval=approval, **v),
           changes={"rewards"}).success(lambda _r: self.message_bar.show_info(
            self.tr("Adjustment posted; it shows in this month's rewards."))).run()

    def print_sheet(self) -> None:
        from station_desk.reports.rewards_sheet import render_rewards_sheet

        month = self.month()
        save_sheet(self, lambda p: render_rewards_sheet(self.ctx.db, month, p),
                   sheets_dir() / f"即时奖励明细-{month}.pdf", self.tr("Saved %1"))

