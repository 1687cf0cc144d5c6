"""A month sheet page, shared by the points month (积分) and the instant rewards (即时奖励): a month picker, the
action buttons, a status line, the month's table over its detail panes, and the printed sheet (Ctrl+P).

A subclass says what differs: its columns, its buttons, how it reads a month (``load``) and shows it (``display``),
and which sheet it prints (``sheet_title`` + ``write_sheet``). Writes go through :meth:`MonthSheetPage.run`
(``Op`` on the database worker; the change bus is told what the transaction wrote)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from station_desk.month import Month
from station_desk.points.formulas import fmt_points
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import show_error
from station_desk.qt.ops import Loader, Op
from station_desk.qt.table_model import Column
from station_desk.qt.views import MonthPicker, fit_columns, make_table, save_sheet, selected_row, selected_rows


def points_columns(*columns: tuple[str, str]) -> list[Column]:
    """Right-aligned columns of points, each ``(header, attribute of the row)``: stored ×100, shown as ``12.5``."""
    return [Column(header, lambda r, attr=attr: fmt_points(getattr(r, attr)), "right") for header, attr in columns]


def sheets_dir() -> Path:
    """Where printed sheets and exported workbooks are saved (``<data folder>/sheets``)."""
    from station_desk.paths import data_dir  # at call time: tests point the data folder elsewhere

    d = data_dir() / "sheets"
    d.mkdir(parents=True, exist_ok=True)
    return d


class MonthSheetPage(QWidget):
    # the printed sheet's file name before the month, e.g. "积分公示表" (→ 积分公示表-2026-10.pdf)
    sheet_title = ""
    # keep each month read until the tab hears a change it watches (the tab calls ``forget_months`` in its
    # ``refresh``): picking a month already shown today shows it again without computing it (issue #15)
    keep_months = False

    def __init__(self, ctx, tab, model, *, picker_name: str, table_name: str, month: Month | None = None,
                 multi: bool = False) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        self.loads = Loader(self)
        self._kept: dict = {}  # (month, station day) → what ``load`` read, while nothing watched has changed
        layout = QVBoxLayout(self)
        self.bar = QHBoxLayout()
        self.month_box = MonthPicker(self, name=picker_name)
        if month is not None:
            self.select_month(month)
        # a fixed context for the base's own words: self.tr() would look them up under each subclass's name
        label = QLabel(QCoreApplication.translate("MonthSheetPage", "&Month"))
        label.setBuddy(self.month_box)
        self.bar.addWidget(label)
        self.bar.addWidget(self.month_box)
        layout.addLayout(self.bar)
        self.status = QLabel()
        self.status.setObjectName("monthStatus")
        layout.addWidget(self.status)
        self.model = model
        self.table = make_table(model, name=table_name, multi=multi)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.table)
        layout.addWidget(self.split, 1)
        self.month_box.monthChanged.connect(lambda _m: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_sheet)

    # -- building -----------------------------------------------------------------------------------------------------
    def add_buttons(self, *buttons: tuple[str, Callable[[], None]]) -> list[QPushButton]:
        """Buttons on the bar after the month, in order; then a stretch (call once)."""
        made = []
        for text, slot in buttons:
            b = QPushButton(text)
            b.clicked.connect(slot)
            self.bar.addWidget(b)
            made.append(b)
        self.bar.addStretch(1)
        return made

    def add_detail(self, widget: QWidget) -> QWidget:
        self.split.addWidget(widget)
        return widget

    # -- to implement -------------------------------------------------------------------------------------------------
    def load(self, month: Month):
        """Read the month (runs on the database worker)."""
        raise NotImplementedError

    def display(self, data) -> None:
        """Show what ``load`` read: rows (``show_rows``), the status line, the buttons."""
        raise NotImplementedError

    def show_detail(self) -> None:
        """Show the selected row's detail panes."""

    def write_sheet(self, month: Month, path: Path) -> None:
        raise NotImplementedError

    # -- reading ------------------------------------------------------------------------------------------------------
    def month(self) -> Month:
        return self.month_box.month()

    def select_month(self, month: Month) -> None:
        """Show ``month`` (if the picker lists it). Compared by value: ``MonthPicker.set_month`` uses Qt's
        ``findData``, which matches a Python object only by identity."""
        idx = next((i for i in range(self.month_box.count()) if self.month_box.itemData(i) == month), -1)
        if idx >= 0:
            self.month_box.setCurrentIndex(idx)

    def refresh(self) -> None:
        """Read on the database worker, the newest month asked for winning (a month picked and left before the
        worker reached it is not computed at all)."""
        month = self.month()
        if self.keep_months:
            from station_desk import clock

            key = (month, clock.today())  # a line's status (provisional, final) moves with the day
            if key in self._kept:
                data = self._kept[key]
                self.loads.load(lambda: data, self.display)  # in turn, behind any read still running
                return
            keep = lambda data: (self._kept.__setitem__(key, data), self.display(data))  # noqa: E731
        else:
            keep = self.display
        self.loads.load(lambda: self.load(month), keep, failed=lambda exc: show_error(self.tab, exc),
                        busy=QCoreApplication.translate("MonthSheetPage", "Computing %1…").replace("%1", month.key))

    def forget_months(self) -> None:
        """The months read so far may have changed (the tab heard a change it watches, or F5)."""
        self._kept.clear()

    def show_rows(self, rows, key: Callable[[object], object]) -> None:
        """Show ``rows`` keeping the selected row (same ``key``) selected."""
        current = self.selected()
        keep = key(current) if current is not None else None
        self.model.set_rows(rows)
        fit_columns(self.table)
        if rows:
            idx = next((i for i, r in enumerate(rows) if key(r) == keep), 0)
            self.select_row(min(idx, self.model.rowCount() - 1))
        self.show_detail()

    def select_row(self, row: int) -> None:
        """Select just ``row`` (``QTableView.selectRow`` in a multi-selection table adds to the selection while
        Ctrl is held)."""
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def selected(self):
        return selected_row(self.table)

    def selected_rows(self) -> list:
        return selected_rows(self.table)

    # -- writing ------------------------------------------------------------------------------------------------------
    def approval(self, what: str):
        """The manager's PIN for ``what`` (None: cancelled)."""
        return ask_manager_approval(self, self.ctx, what)

    def run_op(self, call: Callable[[], object], done: str | Callable[[object], str]) -> None:
        """Make the service call on the database worker; say ``done`` (or ``done(result)``) after it."""
        say = done if callable(done) else (lambda _r: done)
        Op(self, call).success(lambda r: self.tab.message_bar.show_info(say(r))) \
            .failure(lambda exc: show_error(self.tab, exc)).run()

    def print_sheet(self) -> None:
        month = self.month()
        save_sheet(self.tab, lambda p: self.write_sheet(month, p), sheets_dir() / f"{self.sheet_title}-{month.key}.pdf",
                   QCoreApplication.translate("MonthSheetPage", "Saved %1"))
