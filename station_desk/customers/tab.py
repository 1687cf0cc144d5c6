"""用户: the customer register (find as you type, masked phones except for the manager, edit, import, export) and
the expiring-customer follow-up list (到期用户回访表: call outcomes, print, export)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.customers import service as customers
from station_desk.customers.dialogs import CallOutcomeDialog, CustomerDialog, ImportDialog
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import (fit_columns, make_table, select_first_if_focused, selected_row,
                                   wants_next_page)
from station_desk.qt.widgets import SearchLineEdit


#: rows of the expiring list read at a time (the rest as the list scrolls; counted in SQL)
EXPIRING_PAGE = 200


class CustomersTab(ModuleTab):
    watches = frozenset({"customers", "contacts"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pol = ctx.policy().customers
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.add_pages(layout, ((self._register_page(), self.tr("Register")),
                                (self._expiring_page(), self.tr("Expiring (follow-up)"))))
        for key, slot in (("Ctrl+F", self.focus_default), ("Ctrl+N", self.new_customer)):
            QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut) \
                .activated.connect(slot)

    # -- register ---------------------------------------------------------------------------------------------------
    def _register_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.search = SearchLineEdit(self.tr("Find: name, phone, account, address or pinyin initials (zsf)"))
        self.search.setObjectName("customerSearch")
        self.count_label = QLabel()
        new = QPushButton(self.tr("New… (Ctrl+N)"))
        edit = QPushButton(self.tr("Edit… (Enter)"))
        imp = QPushButton(self.tr("Import from Excel…"))
        exp = QPushButton(self.tr("Export to Excel…"))
        bar.addWidget(self.search, 1)
        for w in (self.count_label, new, edit, imp, exp):
            bar.addWidget(w)
        v.addLayout(bar)
        # a keystroke's work is what a screen holds: the rows are read on the database worker (the newest request
        # wins), drawn 50 at a time as the list scrolls, the register's size counted once per change, and the
        # columns sized once (issue #15: ≤ 30 ms a key at 200,000 customers)
        self.model = RowTableModel(self._columns(), self, batch=50)
        self._total: int | None = None
        self._fitted = False
        self.table = make_table(self.model, name="customerTable")
        v.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._find)
        self.search.downPressed.connect(self._to_table)
        # Enter opens the row through the view's own activation (a Return shortcut on the view could also catch a
        # Return meant for a dialog that is opening, and open a second one)
        self.table.activated.connect(lambda _index: self.edit_selected())
        new.clicked.connect(self.new_customer)
        edit.clicked.connect(self.edit_selected)
        imp.clicked.connect(self.import_excel)
        exp.clicked.connect(self.export_excel)
        return page

    def _columns(self) -> list[Column]:
        masked = not self.ctx.is_manager
        today = clock.today()
        pkg = {p.code: p.name for p in self.pol.packages}
        cycles = self.pol.cycles
        return [
            Column(self.tr("Account"), lambda r: r.account_no),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Address"), lambda r: r.address),
            Column(self.tr("Phone"), lambda r: customers.mask_phone(r.phone) if masked else r.phone),
            Column(self.tr("Package"), lambda r: pkg.get(r.package, r.package)),
            Column(self.tr("Cycle"), lambda r: cycles.get(r.cycle, r.cycle)),
            Column(self.tr("Expiry"), lambda r: r.expiry_date.isoformat() if r.expiry_date else ""),
            Column(self.tr("Days left"), lambda r: "" if r.expiry_date is None else r.days_to_expiry(today),
                   align="right"),
            Column(self.tr("Notes"), lambda r: r.notes),
        ]

    def _to_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected(self) -> customers.CustomerRow | None:
        return selected_row(self.table)

    def new_customer(self) -> None:
        dialog = CustomerDialog(self, self.ctx)
        if dialog.exec() and dialog.saved:
            self.search.setText(dialog.saved.account_no)
            self.message_bar.show_info(self.tr("Customer %1 saved.").replace("%1", dialog.saved.name))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = CustomerDialog(self, self.ctx, row.id)
        if dialog.exec() and dialog.saved:
            self.message_bar.show_info(self.tr("Customer %1 saved.").replace("%1", dialog.saved.name))

    def import_excel(self) -> None:
        dialog = ImportDialog(self, self.ctx)
        if dialog.exec() and dialog.imported:
            self.message_bar.show_info(self.tr("%1 customers imported.").replace("%1", str(dialog.imported)))

    def _save_path(self, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(Path.home() / name), "Excel (*.xlsx)")
        return Path(path) if path else None

    def export_excel(self) -> None:
        from station_desk.exchange.excel_export import export_table

        path = self._save_path(f"用户-{clock.today().isoformat()}.xlsx")
        if path is None:
            return
        rows = self.model.rows()
        masked = not self.ctx.is_manager
        data = [[r.account_no, r.name, r.area, r.address, customers.mask_phone(r.phone) if masked else r.phone,
                 r.package, r.cycle, r.expiry_date, r.notes] for r in rows]
        Op(self, lambda: export_table(path, title="用户列表", headers=["账号", "姓名", "片区", "地址", "电话", "套餐",
                                                                      "周期", "到期日", "备注"], rows=data,
                                      column_types=["text"] * 7 + ["date", "text"])).success(self._saved).run()

    def _saved(self, path) -> None:
        self.message_bar.show_info(self.tr("Saved to %1.").replace("%1", str(path)))

    # -- expiring ---------------------------------------------------------------------------------------------------
    def _expiring_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 366)
        self.days_spin.setValue(self.pol.expiring_window_days)
        self.days_spin.setSuffix(self.tr(" days"))
        self.area_box = QComboBox()
        self.area_box.addItem(self.tr("All areas"), None)
        for a in self.pol.areas:
            self.area_box.addItem(a, a)
        call = QPushButton(self.tr("Record call… (Enter)"))
        pdf = QPushButton(self.tr("Print (PDF)…"))
        xlsx = QPushButton(self.tr("Export…"))
        self.expiring_label = QLabel()
        for w in (QLabel(self.tr("Expiring within")), self.days_spin, self.area_box, self.expiring_label):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (call, pdf, xlsx):
            bar.addWidget(w)
        v.addLayout(bar)
        self.expiring = RowTableModel([
            Column(self.tr("Account"), lambda r: r.customer.account_no),
            Column(self.tr("Name"), lambda r: r.customer.name),
            Column(self.tr("Address"), lambda r: r.customer.address),
            Column(self.tr("Phone"), lambda r: customers.mask_phone(r.customer.phone) if not self.ctx.is_manager
                   else r.customer.phone),
            Column(self.tr("Package"), lambda r: r.customer.package),
            Column(self.tr("Expiry"), lambda r: r.customer.expiry_date.isoformat()),
            Column(self.tr("Days left"), lambda r: r.days_left, align="right"),
            Column(self.tr("Outcome"), lambda r: r.outcome_label),
            Column(self.tr("Called"), lambda r: r.last_call_at.strftime("%m-%d %H:%M") if r.last_call_at else ""),
            Column(self.tr("By"), lambda r: r.last_by),
            Column(self.tr("Note"), lambda r: r.last_note),
        ], self, foreground=lambda r: "#b71c1c" if r.days_left < 0 else None)
        self.expiring_table = make_table(self.expiring, name="expiringTable")
        self._expiring_fitted = False
        self._expiring_query: tuple | None = None
        self._expiring_total = 0
        self.expiring_table.verticalScrollBar().valueChanged.connect(self._more_expiring)
        v.addWidget(self.expiring_table, 1)
        self.days_spin.valueChanged.connect(self.refresh)
        self.area_box.currentIndexChanged.connect(self.refresh)
        call.clicked.connect(self.record_call)
        self.expiring_table.activated.connect(lambda _index: self.record_call())
        pdf.clicked.connect(self.print_expiring)
        xlsx.clicked.connect(self.export_expiring)
        return page

    def _window(self) -> tuple[dt.date, dt.date]:
        today = clock.today()
        return today - dt.timedelta(days=7), today + dt.timedelta(days=self.days_spin.value())

    def record_call(self) -> None:
        row = selected_row(self.expiring_table)
        if row is not None and CallOutcomeDialog(self, self.ctx, row).exec():
            self.message_bar.show_info(self.tr("Call recorded."))

    def print_expiring(self) -> None:
        from station_desk.reports.expiring_sheet import write_expiring_pdf

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(Path.home() / "到期用户回访表.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return
        start, end = self._window()
        area, masked = self.area_box.currentData(), not self.ctx.is_manager
        Op(self, lambda: write_expiring_pdf(self.ctx.db, path, start=start, end=end, area=area, masked=masked)) \
            .success(lambda p: (self._saved(p), open_document(self, p))).run()

    def export_expiring(self) -> None:
        from station_desk.reports.expiring_sheet import write_expiring_xlsx

        path = self._save_path("到期用户回访表.xlsx")
        if path is None:
            return
        start, end = self._window()
        area, masked = self.area_box.currentData(), not self.ctx.is_manager
        Op(self, lambda: write_expiring_xlsx(self.ctx.db, path, start=start, end=end, area=area, masked=masked)) \
            .success(self._saved).run()

    # -- refresh ----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.pages.currentIndex() == 0:
            self._total = None  # shown, or the data changed: count the register again
            self._find()
        else:
            (start, end), db, area = self._window(), self.ctx.db, self.area_box.currentData()
            self._expiring_query = query = (start, end, area)
            self.load(lambda: (customers.list_expiring(db, start=start, end=end, area=area, limit=EXPIRING_PAGE),
                               customers.count_expiring(db, start=start, end=end, area=area)),
                      lambda result: self._show_expiring(query, *result), key="expiring")

    def _more_expiring(self, _value: int = 0) -> None:
        """The list scrolled near its end: read its next page (one page at a time, issue #15)."""
        rows = self.expiring.rows()
        if (self._expiring_query is None or len(rows) >= self._expiring_total or self.loads.busy("expiring")
                or self.loads.busy("expiring_more") or not wants_next_page(self.expiring_table)):
            return
        db, query, offset = self.ctx.db, self._expiring_query, len(rows)
        start, end, area = query
        self.load(lambda: customers.list_expiring(db, start=start, end=end, area=area, limit=EXPIRING_PAGE,
                                                  offset=offset),
                  lambda more: self._append_expiring(query, offset, more), key="expiring_more")

    def _append_expiring(self, query, offset: int, more) -> None:
        if query == self._expiring_query and len(self.expiring.rows()) == offset:
            self.expiring.append_rows(more)

    def _show_expiring(self, query, rows, counts) -> None:
        if query != self._expiring_query:
            return
        current = selected_row(self.expiring_table)
        self._expiring_total, called = counts
        self.expiring.set_rows(rows)
        self.expiring_label.setText(self.tr("%1 customers, %2 called").replace("%1", str(self._expiring_total))
                                    .replace("%2", str(called)))
        if not self._expiring_fitted and rows:  # sized once, from the first rows
            fit_columns(self.expiring_table)
            self._expiring_fitted = True
        if current is not None:  # the call just recorded: its row stays selected
            at = next((i for i, r in enumerate(rows[:self.expiring.rowCount()])
                       if r.customer.id == current.customer.id), None)
            if at is not None:
                self.expiring_table.selectRow(at)

    def _find(self) -> None:
        """The register's rows for the search text, read on the database worker; a newer request wins."""
        self._timer.stop()
        db, text, count = self.ctx.db, self.search.text().strip(), self._total is None

        def read():
            rows = (customers.search_customers(db, text, limit=500) if text
                    else customers.list_customers(db, limit=500))
            return rows, (customers.count_customers(db) if count else None)

        self.load(read, lambda result: self._show_found(*result))

    def _show_found(self, rows, total: int | None) -> None:
        if total is not None:
            self._total = total
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%1 shown of %2").replace("%1", str(len(rows)))
                                 .replace("%2", str(self._total if self._total is not None else "…")))
        if not self._fitted and rows:
            fit_columns(self.table)
            self._fitted = True
        select_first_if_focused(self.table)

    def focus_default(self) -> None:
        self.pages.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def on_actor_changed(self, actor) -> None:
        self.model.columns = self._columns()
        super().on_actor_changed(actor)
