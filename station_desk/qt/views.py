"""What every tab builds the same way: a table of service rows, the selected row, a view over its detail, a month
picker, a people picker, saving a printed sheet. One home, so a table behaves (and sizes its columns) the same on every screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QSplitter, QTableView, QWidget

from station_desk import clock
from station_desk.month import Month
from station_desk.qt.feedback import show_error
from station_desk.qt.table_model import RowTableModel


def make_table(model: RowTableModel, *, name: str | None = None, multi: bool = False,
               row_height: int | None = None) -> QTableView:
    """A read-only table: whole rows selected, no editing, alternating rows, no row numbers. Columns are sized
    from the first rows' content only (fast on large models) and stay resizable by hand."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    if row_height:
        view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(50)  # size from the first 50 rows, not all of them
    return view


def stacked(*widgets: QWidget, stretch: tuple[int, ...] = ()) -> QSplitter:
    """The tab's main view above its detail (a table over its history, the grid over its notes), in a splitter the
    user can drag; ``stretch``: how the height is shared, e.g. (3, 1)."""
    split = QSplitter(Qt.Orientation.Vertical)
    for w in widgets:
        split.addWidget(w)
    for i, factor in enumerate(stretch):
        split.setStretchFactor(i, factor)
    return split


def fit_columns(view: QTableView) -> None:
    """Size the columns to the rows just loaded (from the first rows: see ``make_table``)."""
    if view.model() is not None and view.model().rowCount():
        view.resizeColumnsToContents()


def select_first_if_focused(view: QTableView) -> None:
    """Rows read on the database worker arrive after the person moved into the table (Down from a search, Ctrl+L):
    the first row is then selected, as if they had been there already."""
    if view.hasFocus() and not view.currentIndex().isValid() and view.model().rowCount():
        view.selectRow(0)


def wants_next_page(view: QTableView) -> bool:
    """A list read a page at a time (a page is more rows than a screen holds): True when it is scrolled to
    (nearly) its end, so the next page should be read."""
    bar = view.verticalScrollBar()
    return bar.maximum() > 0 and bar.value() >= bar.maximum() - 2


def selected_row(view: QTableView):
    """The service row under the current index, or None."""
    index = view.currentIndex()
    model = view.model()
    return model.row_at(index.row()) if index.isValid() and hasattr(model, "row_at") else None


def selected_rows(view: QTableView) -> list:
    model = view.model()
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()}) if view.selectionModel() else []
    return [r for r in (model.row_at(i) for i in rows) if r is not None]


class MonthPicker(QComboBox):
    """The last ``count`` months, newest first (``month()`` → Month). Up to and including ``review_day`` of a month
    the month to review is last month, so it is the one selected (as ``month_close.service.month_to_review``)."""

    monthChanged = Signal(object)  # Month

    def __init__(self, parent: QWidget | None = None, *, count: int = 24, review_day: int | None = None,
                 name: str = "monthBox") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        this = Month.of(clock.today())
        for k in range(count):
            m = this.plus(-k)
            self.addItem(m.key, m)
        if review_day is not None and clock.today().day <= review_day and count > 1:
            self.setCurrentIndex(1)
        self.currentIndexChanged.connect(lambda _i: self.monthChanged.emit(self.month()))

    def month(self) -> Month:
        return self.currentData()

    def set_month(self, month: Month) -> None:
        # findData compares the stored Python object by identity: look for an equal Month instead
        idx = next((i for i in range(self.count()) if self.itemData(i) == month), -1)
        if idx >= 0:
            self.setCurrentIndex(idx)


def people_combo(people: Iterable, *, editable: bool = True, name: str | None = None,
                 label: Callable[[object], str] | None = None) -> QComboBox:
    """A person picker over staff rows (``staff_id`` or ``id``, ``name``, ``role_label``); type to find a name."""
    box = QComboBox()
    if name:
        box.setObjectName(name)
    box.setEditable(editable)
    if editable:
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for p in people:
        pid = getattr(p, "staff_id", None) or getattr(p, "id", None)
        box.addItem(label(p) if label else f"{p.name}（{p.role_label}）", pid)
    return box


def save_sheet(tab, write: Callable[[Path], object], path: Path, saved_text: str) -> bool:
    """Write a sheet or workbook with ``write(path)``; a refusal is shown in ``tab`` and nothing opens. Otherwise
    remember it (``tab.last_file``), say where it is (``saved_text`` with %1) and show it when ``tab.open_files``."""
    from station_desk.qt.pdf_preview import open_document

    try:
        write(path)
    except Exception as exc:  # noqa: BLE001 - shown to the person, in Chinese when it is a domain error
        show_error(tab, exc)
        return False
    tab.last_file = path
    tab.message_bar.show_info(saved_text.replace("%1", str(path)))
    if getattr(tab, "open_files", True):
        open_document(tab, path)
    return True
