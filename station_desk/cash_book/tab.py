"""账务: the cash book (现金流水账), takings and the till, the invoice register, month close and the accounts sheet.

Pages (Ctrl+Tab / Ctrl+Shift+Tab, the window's key for pages): Cash book · Takings & till · Invoices · Month
close & sheet; one file each
(``tab_book``, ``tab_till``, ``tab_invoices``, ``tab_close``)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from station_desk.cash_book.tab_book import BookPage
from station_desk.cash_book.tab_close import CloseMonthPage
from station_desk.cash_book.tab_invoices import InvoicePage
from station_desk.cash_book.tab_till import TillPage
from station_desk.qt.tab_base import ModuleTab


class CashBookTab(ModuleTab):
    watches = frozenset({"cash", "takings", "contacts"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.book = BookPage(ctx, self)
        self.till = TillPage(ctx, self)
        self.invoices = InvoicePage(ctx, self)
        self.close_page = CloseMonthPage(ctx, self)
        self.add_pages(layout, ((self.book, self.tr("Cash book")), (self.till, self.tr("Takings && till")),
                                (self.invoices, self.tr("Invoices")),
                                (self.close_page, self.tr("Month close && sheet"))), name="cashPages")

    def refresh(self) -> None:
        page = self.pages.currentWidget()
        page.refresh()

    def focus_default(self) -> None:
        self.book.table.setFocus()
