"""礼品库存 tab: stock on hand with low-stock warnings, the stock-move ledger, promotions, stocktake and the monthly
gift statistics table. Keyboard: Ctrl+G issue a gift, Ctrl+R receive, Ctrl+T transfer out, Ctrl+W write off,
Ctrl+E return the selected issue, Ctrl+N new gift item, Ctrl+P print the month's statistics sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from station_desk import clock
from station_desk.gift_stock import service as gifts
from station_desk.gift_stock import stats as gift_stats
from station_desk.gift_stock.dialogs import open_issue_gift_dialog
from station_desk.gift_stock.tab_forms import ItemDialog, MoveDialog, PromotionDialog, ReturnDialog
from station_desk.gift_stock.tab_stocktake import StocktakePage
from station_desk.money import fmt_fen
from station_desk.month import Month
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.feedback import show_error, show_info
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import MonthPicker, fit_columns, make_table, selected_row

LOW_BG = "#fdecea"


class GiftStockTab(ModuleTab):
    watches = frozenset({"gifts", "customers"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        bar = QHBoxLayout()
        self.buttons = {}
        for key, text, seq, slot in (
                ("issue", self.tr("Issue gift (Ctrl+G)"), "Ctrl+G", self.issue_gift),
                ("receive", self.tr("Receive (Ctrl+R)"), "Ctrl+R", lambda: self._move("receive")),
                ("return", self.tr("Return (Ctrl+E)"), "Ctrl+E", self.return_selected),
                ("transfer", self.tr("Transfer out (Ctrl+T)"), "Ctrl+T", lambda: self._move("transfer")),
                ("write_off", self.tr("Write off (Ctrl+W)"), "Ctrl+W", lambda: self._move("write_off")),
                ("item", self.tr("New gift (Ctrl+N)"), "Ctrl+N", self.new_item),
                ("promo", self.tr("New promotion"), None, self.new_promotion)):
            btn = QPushButton(text, objectName=f"gift_{key}")
            btn.clicked.connect(slot)
            bar.addWidget(btn)
            self.buttons[key] = btn
            if seq:
                QShortcut(QKeySequence(seq), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.low_label = QLabel(objectName="lowStockLabel")
        self.low_label.setStyleSheet("QLabel { color:#8a1c1c; }")
        self.low_label.setWordWrap(True)
        layout.addWidget(self.low_label)

        self.pages = QTabWidget(objectName="giftPages")
        layout.addWidget(self.pages, 1)
        self.items_model = RowTableModel([
            Column(self.tr("Gift"), lambda r: r.name), Column(self.tr("Unit"), lambda r: r.unit, "center"),
            Column(self.tr("Unit cost"), lambda r: fmt_fen(r.unit_cost_fen), "right"),
            Column(self.tr("On hand"), lambda r: r.on_hand, "right"),
            Column(self.tr("Value"), lambda r: fmt_fen(r.value_fen), "right"),
            Column(self.tr("Warn at"), lambda r: r.low_stock, "right"),
            Column(self.tr("State"), lambda r: (self.tr("LOW STOCK") if r.is_low else "") if r.active
                   else self.tr("not in use")),
            Column(self.tr("Note"), lambda r: r.note)], self, background=lambda r: LOW_BG if r.is_low else None)
        self.items_view = make_table(self.items_model, name="giftItems")
        self.items_view.doubleClicked.connect(lambda _i: self.edit_item())
        self.pages.addTab(self.items_view, self.tr("Stock"))

        self.moves_model = RowTableModel([
            Column(self.tr("Date"), lambda r: r.day.isoformat()), Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("Gift"), lambda r: r.item_name), Column(self.tr("Qty"), lambda r: r.qty, "right"),
            Column(self.tr("Value"), lambda r: fmt_fen(r.value_fen), "right"),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Promotion"), lambda r: r.promotion_name),
            Column(self.tr("Handled by"), lambda r: r.staff_name),
            Column(self.tr("Details"), lambda r: r.detail),
            Column(self.tr("Override"), lambda r: r.override_reason and f"{r.approved_by}：{r.override_reason}")],
            self, foreground=lambda r: "#8a1c1c" if r.override_reason else None)
        self.moves_view = make_table(self.moves_model, name="giftMoves")
        self.pages.addTab(self._moves_page(), self.tr("Stock moves"))

        self.promos_model = RowTableModel([
            Column(self.tr("Promotion"), lambda r: r.name), Column(self.tr("Condition"), lambda r: r.condition),
            Column(self.tr("Gift"), lambda r: f"{r.item_name} ×{r.qty}"),
            Column(self.tr("From"), lambda r: r.valid_from.isoformat()),
            Column(self.tr("To"), lambda r: r.valid_to.isoformat()),
            Column(self.tr("Running"), lambda r: self.tr("yes") if r.active else self.tr("ended")),
            Column(self.tr("Issued"), lambda r: r.issued, "right")], self)
        self.promos_view = make_table(self.promos_model, name="giftPromotions")
        self.promos_view.doubleClicked.connect(lambda _i: self.edit_promotion())
        self.pages.addTab(self.promos_view, self.tr("Promotions"))

        self.stocktake = StocktakePage(ctx, self)
        self.pages.addTab(self.stocktake, self.tr("Stocktake"))
        self.pages.addTab(self._stats_page(), self.tr("Gift statistics"))
        # each page is read when it is shown (the Stock page with the tab), on the DB worker; a newer read wins
        self._stale = {"moves", "promos", "stocktake", "stats"}
        self.pages.currentChanged.connect(lambda _i: self._load_current_page())

    def _moves_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.move_item = QComboBox(objectName="movesItem")
        self.move_kind = QComboBox(objectName="movesKind")
        self.move_month = QComboBox(objectName="movesMonth")
        self.move_kind.addItem(self.tr("all kinds"), None)
        for code, label in gifts.KINDS.items():
            self.move_kind.addItem(label, code)
        self.move_month.addItem(self.tr("latest 1,000"), None)
        this = Month.of(clock.today())
        for k in range(60):
            self.move_month.addItem(this.plus(-k).key, this.plus(-k).key)
        for label, box in ((self.tr("Gift"), self.move_item), (self.tr("Kind"), self.move_kind),
                           (self.tr("Month"), self.move_month)):
            row.addWidget(QLabel(label))
            row.addWidget(box)
            box.currentIndexChanged.connect(lambda _i: self.refresh_moves())
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.moves_view, 1)
        return page

    def _load(self, what: str, fn, show) -> None:
        """Run ``fn`` on the DB worker and ``show`` its result, unless a newer load of ``what`` started since
        (:meth:`ModuleTab.load`)."""
        self._stale.discard(what)
        self.load(fn, show, key=what)

    def _fit_once(self, view) -> None:
        """Size a table's columns from its first rows, once (not on every filter: issue #15)."""
        if view.model().rowCount() and not view.property("fitted"):
            fit_columns(view)
            view.setProperty("fitted", True)

    def _load_current_page(self) -> None:
        page = self.pages.currentWidget()
        for what, widget, load in (("moves", self.moves_view.parentWidget(), self.refresh_moves),
                                   ("promos", self.promos_view, self.refresh_promotions),
                                   ("stocktake", self.stocktake, self.refresh_stocktake),
                                   ("stats", self.stats_page, self.refresh_stats)):
            if page is widget and what in self._stale:
                load()

    def refresh_moves(self) -> None:
        month = self.move_month.currentData()
        since = until = None
        if month:
            since, until = Month.parse(month).first, Month.parse(month).last
        db, item, kind, limit = self.ctx.db, self.move_item.currentData(), self.move_kind.currentData(), \
            1000 if month is None else 100_000

        def show(rows) -> None:
            self.moves_model.set_rows(rows)
            self._fit_once(self.moves_view)

        self._load("moves", lambda: gifts.list_moves(db, item_id=item, kind=kind, since=since, until=until,
                                                     limit=limit), show)

    def refresh_promotions(self) -> None:
        def show(rows) -> None:
            self.promos_model.set_rows(rows)
            self._fit_once(self.promos_view)

        db = self.ctx.db
        self._load("promos", lambda: gifts.list_promotions(db), show)

    def refresh_stocktake(self) -> None:
        from station_desk.gift_stock import stocktake as stk

        db = self.ctx.db
        self._load("stocktake", lambda: stk.open_stocktake(db), self.stocktake.show_view)

    # -- statistics page ---------------------------------------------------------------------------------------------
    def _stats_page(self) -> QWidget:
        page = QWidget()
        self.stats_page = page
        lay = QVBoxLayout(page)
        row = QHBoxLayout()
        self.month_box = MonthPicker(page, name="statsMonth")
        self.month_box.currentIndexChanged.connect(lambda _i: self.refresh_stats())
        row.addWidget(QLabel(self.tr("Month")))
        row.addWidget(self.month_box)
        pdf = QPushButton(self.tr("Print sheet (Ctrl+P)"), objectName="statsPdf")
        pdf.clicked.connect(self.print_sheet)
        QShortcut(QKeySequence("Ctrl+P"), page, self.print_sheet,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        xlsx = QPushButton(self.tr("Export to Excel"), objectName="statsXlsx")
        xlsx.clicked.connect(self.export_xlsx)
        lock = QPushButton(self.tr("Close this month…"), objectName="statsLock")
        lock.clicked.connect(self.lock_month)
        row.addWidget(pdf)
        row.addWidget(xlsx)
        row.addWidget(lock)
        row.addStretch(1)
        lay.addLayout(row)
        cols = [Column(self.tr("Gift"), lambda r: r.name), Column(self.tr("Unit"), lambda r: r.unit, "center")]
        for title, attr in ((self.tr("Opening"), "opening"), (self.tr("Received"), "received"),
                            (self.tr("Issued"), "issued"), (self.tr("Returned"), "returned"),
                            (self.tr("Transferred"), "transferred"), (self.tr("Written off"), "written_off"),
                            (self.tr("Stocktake"), "adjusted"), (self.tr("Closing"), "closing")):
            cols.append(Column(title, lambda r, a=attr: getattr(r, a), "right"))
        cols.append(Column(self.tr("Closing value"), lambda r: fmt_fen(r.closing_value_fen), "right"))
        self.stats_model = RowTableModel(cols, self)
        lay.addWidget(make_table(self.stats_model, name="giftStats"), 1)
        self.stats_note = QLabel(objectName="statsNote")
        lay.addWidget(self.stats_note)
        return page

    def refresh_stats(self) -> None:
        db, month = self.ctx.db, self.month_box.month()
        self._load("stats", lambda: gift_stats.gift_statistics(db, month), self._show_stats)

    def _show_stats(self, st) -> None:
        self.stats_model.set_rows(st.items + [st.total])
        ok = all(r.balances for r in st.items)
        self.stats_note.setText((self.tr("Every line balances: opening + in − out = closing.") if ok
                                 else self.tr("Warning: a line does not balance!"))
                                + "  " + self.tr("Issued under promotions: %1; manager overrides: %2.")
                                .replace("%1", str(sum(g.qty for g in st.by_promotion if g.label != gift_stats.NO_PROMOTION)))
                                .replace("%2", str(len(st.overrides))))

    def lock_month(self, approval=None) -> None:
        """Close the chosen gift month (manager): nothing can be added or back-dated into it afterwards."""
        from station_desk.qt.dialogs.approval import ask_manager_approval

        month = self.month_box.month()
        approval = approval or ask_manager_approval(self, self.ctx, f"{month} 礼品库存结账")
        if approval is None:
            return
        Op(self, lambda: gifts.lock_gift_month(self.ctx.db, actor=self.ctx.actor, approval=approval, month=month)) \
            .success(lambda _r: show_info(self, self.tr("%1 is closed.").replace("%1", month.key))).run()

    def _save_path(self, caption: str, name: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, caption, name, pattern)
        return path

    def print_sheet(self, path: str | None = None) -> None:
        from station_desk.reports.gift_sheet import write_gift_pdf

        month = self.month_box.month()
        path = path or self._save_path(self.tr("Save gift statistics sheet"), f"礼品统计表-{month}.pdf", "PDF (*.pdf)")
        if path:
            Op(self, lambda: write_gift_pdf(self.ctx.db, path, month)).success(self._opened).run()

    def export_xlsx(self, path: str | None = None) -> None:
        from station_desk.reports.gift_sheet import write_gift_xlsx

        month = self.month_box.month()
        path = path or self._save_path(self.tr("Export gift statistics"), f"礼品统计表-{month}.xlsx",
                                       "Excel (*.xlsx)")
        if path:
            Op(self, lambda: write_gift_xlsx(self.ctx.db, path, month)).success(self._opened).run()

    def _opened(self, path) -> None:
        show_info(self, self.tr("Saved: %1").replace("%1", str(path)))
        if not self.ctx.settings or self.ctx.settings.value("open_after_export", True):
            open_document(self, path)

    # -- refresh -----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        db = self.ctx.db
        self._stale |= {"moves", "promos", "stocktake", "stats"}
        self._load("items", lambda: gifts.list_items(db), self._show_items)

    def _show_items(self, items) -> None:
        self.items_model.set_rows(items)
        self._fit_once(self.items_view)
        low = [r for r in items if r.is_low]
        text = ""
        if low:
            text = self.tr("Low stock: %1").replace("%1", "，".join(f"{r.name} {r.on_hand}{r.unit}" for r in low))
            self.ctx.bus.status_note.emit(text)
        self.low_label.setText(text)
        self.low_label.setVisible(bool(low))
        chosen = self.move_item.currentData()
        self.move_item.blockSignals(True)
        self.move_item.clear()
        self.move_item.addItem(self.tr("all gifts"), None)
        for r in items:
            self.move_item.addItem(r.name, r.id)
        self.move_item.setCurrentIndex(max(0, self.move_item.findData(chosen)))
        self.move_item.blockSignals(False)
        self._load_current_page()

    def focus_default(self) -> None:
        self.items_view.setFocus()

    # -- actions -----------------------------------------------------------------------------------------------------
    def issue_gift(self) -> int | None:
        return open_issue_gift_dialog(self, self.ctx)

    def _move(self, kind: str) -> None:
        item = selected_row(self.items_view)
        MoveDialog(self, self.ctx, kind, item.id if item else None).exec()

    def return_selected(self) -> None:
        row = selected_row(self.moves_view)
        if row is None or row.kind != "issue":
            self.pages.setCurrentWidget(self.moves_view.parentWidget())
            show_error(self, self.tr("Select the issue (发放) line the customer brings back, then press Ctrl+E."))
            return
        ReturnDialog(self, self.ctx, row).exec()

    def new_item(self) -> None:
        ItemDialog(self, self.ctx).exec()

    def edit_item(self) -> None:
        item = selected_row(self.items_view)
        if item is not None:
            ItemDialog(self, self.ctx, item).exec()

    def new_promotion(self) -> None:
        PromotionDialog(self, self.ctx).exec()

    def edit_promotion(self) -> None:
        promo = selected_row(self.promos_view)
        if promo is not None:
            PromotionDialog(self, self.ctx, promo).exec()


__all__ = ["GiftStockTab"]
