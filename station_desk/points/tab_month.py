"""积分 › Month: the month's breakdown per person and the lines behind it, the company's figures, facts, the month
review and lock (manager), adjustments to a locked month and the 积分公示表 (Ctrl+P)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.month_close import service as close
from station_desk.points import month as M
from station_desk.points import service as P
from station_desk.points.dialogs import AdjustmentDialog, CompanyFiguresDialog, FactDialog
from station_desk.points.formulas import fmt_points
from station_desk.points.results import sources_text, source_text
from station_desk.points.tab_sheet import MonthSheetPage, points_columns
from station_desk.qt.feedback import show_error
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import fit_columns, make_table, selected_row

# how many sources the Facts column lists (all of them in its tooltip)
FACTS_SHOWN = 12


class PointsMonthPage(MonthSheetPage):
    sheet_title = "积分公示表"

    def __init__(self, ctx, tab) -> None:
        model = RowTableModel([
            Column(self.tr("Rank"), lambda p: p.rank, "center"),
            Column(self.tr("Emp. no."), lambda p: p.emp_no),
            Column(self.tr("Name"), lambda p: p.name),
            Column(self.tr("Role"), lambda p: p.role_label),
            *points_columns((self.tr("Order points"), "order_x100"), (self.tr("Auxiliary points"), "auxiliary_x100"),
                            (self.tr("Deductions"), "deductions_x100"), (self.tr("Adjustments"), "adjustments_x100"),
                            (self.tr("Total"), "total_x100")),
            Column(self.tr("Pay (yuan)"), lambda p: "" if p.pay_fen is None else fmt_fen(p.pay_fen), "right"),
        ])
        super().__init__(ctx, tab, model, picker_name="monthBox", table_name="monthTable",
                         month=close.month_to_review(ctx.db))
        self._mp: M.MonthPoints | None = None
        (self.inputs_button, self.fact_button, self.review_button, self.lock_button, self.adjust_button,
         self.print_button) = self.add_buttons(
            (self.tr("Company &figures…"), self.edit_inputs), (self.tr("Record a fac&t…"), self.record_fact),
            (self.tr("Re&view"), self.review), (self.tr("&Lock month"), self.lock),
            (self.tr("Ad&justment…"), self.adjust), (self.tr("&Print sheet (Ctrl+P)"), self.print_sheet))
        self.line_model = RowTableModel([
            Column(self.tr("Rule"), lambda ln: M.RULE_TEXT.get(ln.rule, ln.rule)),
            Column(self.tr("Points"), lambda ln: ln.points, "right"),
            Column(self.tr("How"), lambda ln: ln.text),
            Column(self.tr("Facts"), lambda ln: sources_text(ln.facts, FACTS_SHOWN),
                   tooltip=lambda ln: "\n".join(source_text(f) for f in ln.facts)),
        ])
        self.line_table = self.add_detail(make_table(self.line_model, name="lineTable"))
        self.notes = self.add_detail(QPlainTextEdit())
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(120)
        self.split.setSizes([400, 180, 90])

    # -- reading ------------------------------------------------------------------------------------------------------
    def load(self, month: Month) -> M.MonthPoints:
        return M.month_points(self.ctx.db, month)

    def display(self, mp: M.MonthPoints) -> None:
        self._mp = mp
        self.show_rows(mp.people, key=lambda p: p.staff_id)
        state = self.tr("locked") if mp.locked else self.tr("open")
        self.status.setText(self.tr("Station average %1 · %2").replace("%1", fmt_points(mp.average_x100))
                            .replace("%2", state))
        self.lock_button.setEnabled(not mp.locked)
        self.adjust_button.setEnabled(mp.locked)
        self.notes.setPlainText("\n".join(list(mp.warnings) + list(mp.forecasts) + list(mp.notes)))

    def show_detail(self) -> None:
        person = selected_row(self.table)
        self.line_model.set_rows(person.lines if person else [])
        fit_columns(self.line_table)

    def people(self) -> list:
        return list(self._mp.people) if self._mp else []

    def write_sheet(self, month: Month, path: Path) -> None:
        from station_desk.reports.points_sheet import render_points_sheet  # ReportLab: loaded when first used

        render_points_sheet(self.ctx.db, month, path)

    # -- actions ------------------------------------------------------------------------------------------------------
    def edit_inputs(self) -> None:
        dialog = CompanyFiguresDialog(self, self.ctx, P.month_inputs(self.ctx.db, self.month()), self.people())
        if dialog.exec():
            self.tab.message_bar.show_info(self.tr("Figures saved."))

    def record_fact(self) -> None:
        day = min(clock.today(), self.month().last)
        if FactDialog(self, self.ctx, self.people(), day).exec():
            self.tab.message_bar.show_info(self.tr("Recorded."))

    def review(self) -> None:
        try:
            items = close.review_month(self.ctx.db, self.month())
        except Exception as exc:  # noqa: BLE001 - shown inline
            show_error(self.tab, exc)
            return
        head = self.tr("%1 items to check:").replace("%1", str(len(items))) if items else \
            self.tr("Nothing suspicious found.")
        self.notes.setPlainText("\n".join([head] + [i.text for i in items]))
        self.tab.message_bar.show_info(head)

    def lock(self) -> None:
        month = self.month()
        approval = self.approval(self.tr("Lock the points of %1").replace("%1", month.key))
        if approval is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.run_op(lambda: close.lock_month(db, actor=actor, approval=approval, month=month),
                 self.tr("%1 locked.").replace("%1", month.key))

    def adjust(self) -> None:
        if AdjustmentDialog(self, self.ctx, self.people(), self.month()).exec():
            self.tab.message_bar.show_info(self.tr("Adjustment posted; it shows on this month's sheet."))
