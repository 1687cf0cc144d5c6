"""A read-only table model over a list of service rows (frozen dataclasses), with column specs.

    model = RowTableModel([Column(self.tr("Name"), lambda r: r.name),
                           Column(self.tr("Amount"), lambda r: fmt_fen(r.amount_fen), align="right")])
    model.set_rows(service.list_things(ctx.db))

Large lists are shown in pages of ``batch`` rows with ``fetchMore`` (Qt's addressbook/fetchmore shape), so the
first rows appear at once whatever the size of the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "center": Qt.AlignmentFlag.AlignCenter,
}
# the roles as plain ints, looked up once: a view asks ``data`` for ~8 roles of every visible cell on every paint,
# and each ``Qt.ItemDataRole.X`` is an enum lookup (issue #15: drawing a screen of rows is most of a keystroke)
_DISPLAY, _ALIGNMENT, _TOOLTIP, _BACKGROUND, _FOREGROUND, _USER = (
    int(r.value) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                           Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
                           Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole))
_ROLES = frozenset({_DISPLAY, _ALIGNMENT, _TOOLTIP, _BACKGROUND, _FOREGROUND, _USER})
_BRUSHES: dict[str, QBrush] = {}


def brush(colour: str) -> QBrush:
    """One brush per colour (a table asks for its cells' colours on every paint)."""
    found = _BRUSHES.get(colour)
    if found is None:
        found = _BRUSHES[colour] = QBrush(QColor(colour))
    return found


@dataclass
class Column:
    header: str
    getter: Callable[[object], object]
    align: str = "left"
    tooltip: Callable[[object], str] | None = None


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None, *, batch: int = 500,
                 background: Callable[[object], str | None] | None = None,
                 foreground: Callable[[object], str | None] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list = []
        self._shown = 0
        self.batch = batch
        self.background = background
        self.foreground = foreground

    # -- data -----------------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), self.batch)
        self.endResetModel()

    def append_rows(self, rows: Sequence) -> None:
        """Add rows read later (the next page of a long list) after the ones shown, keeping the selection."""
        drawn_all = self._shown == len(self._rows)
        self._rows.extend(rows)
        if drawn_all:
            self.fetchMore()

    def rows(self) -> list:
        return self._rows

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refresh_cells(self) -> None:
        """Repaint every visible cell (e.g. countdowns) without resetting selection."""
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self.columns) - 1))

    # -- Qt model API ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        more = min(self.batch, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == _DISPLAY:
            value = self.columns[index.column()].getter(row)
            return "" if value is None else str(value)
        if role == _ALIGNMENT:
            return _ALIGN[self.columns[index.column()].align]
        if role == _TOOLTIP:
            tooltip = self.columns[index.column()].tooltip
            return tooltip(row) if tooltip is not None else None
        if role == _BACKGROUND:
            colour = self.background(row) if self.background is not None else None
            return brush(colour) if colour else None
        if role == _FOREGROUND:
            colour = self.foreground(row) if self.foreground is not None else None
            return brush(colour) if colour else None
        return row  # UserRole
