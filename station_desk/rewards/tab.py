"""即时奖励 tab: the month's reward lines computed from the records, the manager's approval and payment (a selection
or the whole month, one PIN), the clerk's upgrade calls, the weekly facts entered by hand, and the 即时奖励明细 sheet.
The month sheet itself (picker, table, status, Ctrl+P) is the points tab's :class:`MonthSheetPage`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.points import month as M
from station_desk.points.results import sources_text
from station_desk.points.tab_sheet import MonthSheetPage
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.rewards import service as RW
from station_desk.rewards.dialogs import RewardAdjustmentDialog, WeekDialog
from station_desk.rewards.results import keys_to_approve, keys_to_pay

STATUS_COLOURS = {"pending": "#888888", "provisional": "#9a6700", "changed": "#c00000", "paid": "#2e7d32"}


class RewardsPage(MonthSheetPage):
    sheet_title = "即时奖励明细"
    keep_months = True  # RewardsTab.refresh forgets them

    def __init__(self, ctx, tab) -> None:
        model = RowTableModel([
            Column(self.tr("Date"), lambda ln: ln.day.isoformat()),
            Column(self.tr("Name"), lambda ln: ln.name),
            Column(self.tr("Reward"), lambda ln: ln.rule_label),
            Column(self.tr("Amount (yuan)"), lambda ln: ln.amount, "right"),
            Column(self.tr("Status"), lambda ln: ln.status_text),
            Column(self.tr("How"), lambda ln: ln.text),
        ], foreground=lambda ln: STATUS_COLOURS.get(ln.status))
        super().__init__(ctx, tab, model, picker_name="rewardsMonthBox", table_name="rewardsTable", multi=True)
        self.status.setObjectName("rewardsStatus")
        self.lines: tuple = ()  # the month's lines as last shown
        (self.approve_button, self.approve_selected_button, self.pay_button, self.call_button, self.week_button,
         self.adjust_button, self.print_button) = self.add_buttons(
            (self.tr("&Approve all due"), self.approve_all), (self.tr("Approve &selected"), self.approve_selected),
            (self.tr("Pa&y selected"), self.pay_selected), (self.tr("Upgrade &calls…"), self.upgrade_calls),
            (self.tr("Record a &week…"), self.record_week), (self.tr("Ad&justment…"), self.adjust),
            (self.tr("&Print sheet (Ctrl+P)"), self.print_sheet))
        self.facts = self.add_detail(QPlainTextEdit())
        self.facts.setReadOnly(True)
        self.facts.setMaximumHeight(110)

    # -- reading ------------------------------------------------------------------------------------------------------
    def load(self, month: Month):
        return RW.month_rewards(self.ctx.db, month)

    def refresh(self) -> None:
        self.status.setText(self.tr("Computing…"))
        super().refresh()

    def display(self, mr) -> None:
        self.show_rows(mr.lines, key=lambda ln: ln.key)
        self.lines = mr.lines
        text = self.tr("Total %1 yuan · pending %2 yuan%3").replace("%1", fmt_fen(mr.total_fen)) \
            .replace("%2", fmt_fen(mr.pending_fen)).replace("%3", self.tr(" · locked") if mr.locked else "")
        if mr.provisional_fen:
            text += self.tr(" · provisional %1 yuan (not counted: approved and paid once its period is over)") \
                .replace("%1", fmt_fen(mr.provisional_fen))
        self.status.setText(text)

    def _refuse_provisional(self, lines) -> bool:
        """Shows why provisional lines cannot be approved or paid yet; True if there were some."""
        early = [ln for ln in lines if ln.status == "provisional"]
        if not early:
            return False
        first = min(early, key=lambda ln: ln.final_on or ln.day)
        self.tab.message_bar.show_error(
            self.tr("%1 line(s) are provisional: their day, week or month is not over yet. The first can be "
                    "approved from %2.").replace("%1", str(len(early)))
            .replace("%2", (first.final_on or first.day).isoformat()))
        return True

    def show_detail(self) -> None:
        ln = self.selected()
        self.facts.setPlainText("" if ln is None else f"{ln.rule_label}：{ln.text}\n" + sources_text(ln.facts))

    def write_sheet(self, month: Month, path: Path) -> None:
        from station_desk.reports.rewards_sheet import render_rewards_sheet  # ReportLab: loaded when first used

        render_rewards_sheet(self.ctx.db, month, path)

    def _people(self):
        return M.month_points(self.ctx.db, self.month()).people

    # -- the manager: approve and pay, one PIN for many lines ---------------------------------------------------------
    def approve_all(self) -> None:
        month = self.month()
        lines = self.lines
        if lines and not keys_to_approve(lines):  # nothing to approve: say why before asking for the PIN
            if not self._refuse_provisional(lines):
                self.tab.message_bar.show_info(self.tr("No line of this month waits for approval."))
            return
        approval = self.approval(self.tr("Approve the instant rewards of %1").replace("%1", month.key))
        if approval is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.run_op(lambda: RW.approve_rewards(db, actor=actor, approval=approval, month=month),
                 lambda n: self.tr("%1 lines approved.").replace("%1", str(n)))

    def approve_selected(self) -> None:
        keys = keys_to_approve(self.selected_rows())
        if not keys:
            if not self._refuse_provisional(self.selected_rows()):
                self.tab.message_bar.show_error(self.tr("None of the selected lines waits for approval."))
            return
        month = self.month()
        approval = self.approval(self.tr("Approve %1 instant-reward lines").replace("%1", str(len(keys))))
        if approval is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.run_op(lambda: RW.approve_rewards(db, actor=actor, approval=approval, month=month, keys=keys),
                 lambda n: self.tr("%1 lines approved.").replace("%1", str(n)))

    def pay_selected(self) -> None:
        lines = self.selected_rows()
        keys = keys_to_pay(lines)
        if not keys:
            if not self._refuse_provisional(lines):
                self.tab.message_bar.show_error(self.tr("None of the selected lines is approved and unpaid."))
            return
        fen = sum(ln.amount_fen for ln in lines if ln.key in keys)
        what = (self.tr("Pay %1 yuan to %2").replace("%1", fmt_fen(fen)).replace("%2", lines[0].name)
                if len(keys) == 1 else
                self.tr("Pay %1 yuan in %2 lines").replace("%1", fmt_fen(fen)).replace("%2", str(len(keys))))
        approval = self.approval(what)
        if approval is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.run_op(lambda: RW.pay_rewards(db, actor=actor, approval=approval, keys=keys),
                 lambda paid: self.tr("%1 lines paid; entered in the cash book as instant-reward expenses.")
                 .replace("%1", str(len(paid))))

    # -- the clerk --------------------------------------------------------------------------------------------------------
    def upgrade_calls(self) -> None:
        pending = RW.pending_upgrades(self.ctx.db)
        if not pending:
            self.tab.message_bar.show_info(self.tr("No upgrade waits for a call."))
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
        db, actor, today = self.ctx.db, self.ctx.actor, clock.today()
        self.run_op(lambda: RW.confirm_upgrade(db, actor=actor, renewal_id=rid, confirmed=ok, day=today),
                 self.tr("Call recorded."))

    def record_week(self) -> None:
        if WeekDialog(self, self.ctx, self._people(), clock.today()).exec():
            self.tab.message_bar.show_info(self.tr("Week recorded."))

    def adjust(self) -> None:
        if RewardAdjustmentDialog(self, self.ctx, self._people(), self.month()).exec():
            self.tab.message_bar.show_info(self.tr("Adjustment posted; it shows in this month's rewards."))


class RewardsTab(ModuleTab):
    # what the month's lines read (tests/unit/rewards/test_watched_topics.py): a payment writes its decision
    # ("rewards") with its cash-book line, and a cash-book line alone changes no reward
    watches = frozenset({"points", "rewards", "customers", "work_orders", "staff"})
    # open printed sheets in the system viewer (tests switch it off)
    open_files = True

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last_file = None
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.sheet = RewardsPage(ctx, self)
        layout.addWidget(self.sheet, 1)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)

    def refresh(self) -> None:
        """After a change the tab watches, F5, a sign-in or the first show: the months are read anew."""
        self.sheet.forget_months()
        self.sheet.refresh()

    def focus_default(self) -> None:
        self.sheet.table.setFocus()
