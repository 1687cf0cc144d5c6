"""账务 › Invoices: the weekly invoice reconciliation (gaps, duplicates, receipts without an invoice) and its
sign-off."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.money import fmt_fen
from station_desk.qt.ops import Op
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.tab_base import TabPage
from station_desk.qt.views import make_table
from station_desk.qt.widgets import DateEdit
from station_desk.takings import service as takings


class InvoicePage(TabPage):
    """The weekly invoice reconciliation: gaps, duplicates, receipts without an invoice; sign it off."""

    def __init__(self, ctx, tab) -> None:
        super().__init__(ctx, tab)
        layout, bar = self.layout_, self.bar
        self.week_edit = DateEdit(clock.today())
        self.week_edit.setObjectName("weekEdit")
        self.state_label = QLabel()
        self.state_label.setObjectName("invoiceState")
        self.state_label.setWordWrap(True)
        sign = QPushButton(self.tr("Sign off this week's check…"))
        bar.addWidget(QLabel(self.tr("Week of")))
        bar.addWidget(self.week_edit)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(sign)
        self.used = RowTableModel([
            Column(self.tr("Invoice"), lambda u: u.invoice_no),
            Column(self.tr("Day"), lambda u: u.day.isoformat()),
            Column(self.tr("Amount"), lambda u: fmt_fen(u.amount_fen), align="right"),
            Column(self.tr("Issued by"), lambda u: u.taken_by),
            Column(self.tr("State"), lambda u: self.tr("void") if u.voided else (
                self.tr("duplicate") if len(u.receipt_ids) > 1 else "")),
        ], self)
        self.missing = RowTableModel([
            Column(self.tr("Time"), lambda r: r.at.strftime("%m-%d %H:%M")),
            Column(self.tr("Amount"), lambda r: fmt_fen(r.amount_fen), align="right"),
            Column(self.tr("Method"), lambda r: r.method_label),
            Column(self.tr("Taken by"), lambda r: r.taken_by),
        ], self)
        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(self.tr("Invoice numbers used")))
        self.used_table = make_table(self.used)
        lv.addWidget(self.used_table)
        right = QWidget()
        rv = QVBoxLayout(right)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("gapsLabel")
        self.gaps_label.setWordWrap(True)
        rv.addWidget(self.gaps_label)
        rv.addWidget(QLabel(self.tr("Receipts without an invoice")))
        rv.addWidget(make_table(self.missing))
        split.addWidget(left)
        split.addWidget(right)
        layout.addWidget(split, 1)
        self.week_edit.dateChanged.connect(self.refresh)
        sign.clicked.connect(self.sign_off)

    def refresh(self) -> None:
        db, (start, end) = self.ctx.db, takings.week_of(self.week_edit.value())
        self.loads.load(lambda: takings.reconcile_invoices(db, start=start, end=end),
                        lambda rec: self._show(start, end, rec))

    def _show(self, start, end, rec) -> None:
        self.used.set_rows(rec.used)
        self.missing.set_rows(rec.without_invoice)
        self.gaps_label.setText(self.tr("Gaps: %1").replace("%1", "、".join(rec.gaps) or "—") + "\n" +
                                self.tr("Duplicates: %1").replace("%1", "、".join(u.invoice_no for u in rec.duplicates)
                                                                  or "—"))
        state = self.tr("%1 to %2: ").replace("%1", start.isoformat()).replace("%2", end.isoformat())
        state += self.tr("all in order") if rec.clean else self.tr("problems found")
        if rec.checks:
            at, who, _note = rec.checks[-1]
            state += self.tr("; checked by %1 on %2").replace("%1", who).replace("%2", at.strftime("%m-%d %H:%M"))
        self.state_label.setText(state)

    def sign_off(self) -> None:
        start, end = takings.week_of(self.week_edit.value())
        note, ok = QInputDialog.getText(self, self.tr("Invoice check"), self.tr("Note (required if problems):"))
        if not ok:
            return
        Op(self, lambda: takings.record_invoice_check(self.ctx.db, actor=self.ctx.actor, start=start, end=end,
                                                      note=note)).success(
            lambda _r: self.tab.message_bar.show_info(self.tr("Invoice check signed off."))).run()
