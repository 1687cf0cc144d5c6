"""排休 grid: the month's people × days model (rules checked on every edit, problems coloured) and the view that
turns keys into edits (Space/R rest, a letter a shift, Shift+Space a requested day off)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from station_desk.qt.table_model import brush
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.planner import LEAVE_CODES, REST, is_shift

WEEKDAYS = "一二三四五六日"
HALF_MARK = {"am": "上", "pm": "下"}  # E上: the early shift, the morning off (half-day leave)
REST_BG, LEAVE_BG, ERROR_BG, WEEKEND_BG, HOLIDAY_BG = "#cfcfcf", "#e6ddf5", "#f8c9cc", "#f3f6fb", "#fde9d9"
_CELL_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole})
class RosterGridModel(QAbstractTableModel):
    """People × days of one month, plus a last column with each person's rest days."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.month: roster.RosterMonth | None = None
        self.plan: dict[int, dict[dt.date, str]] = {}
        self.issues: list = []
        self._bad_days: set[dt.date] = set()
        self._bad_people: set[int] = set()
        self._before_rest: dict[tuple[int, dt.date], str] = {}  # the shift a cell had before it became a rest day

    # -- state ------------------------------------------------------------------------------------------------------
    def load(self, month: roster.RosterMonth, plan: dict | None = None) -> None:
        self.beginResetModel()
        self.month = month
        self.plan = {sid: dict(row) for sid, row in (plan or month.plan).items()}
        if plan is None:
            self._before_rest.clear()
        self.endResetModel()
        self.recheck()

    def recheck(self) -> None:
        if self.month is None:
            return
        self.issues = self.month.check(self.plan)
        self._bad_days = {i.day for i in self.issues if i.day is not None}
        self._bad_people = {i.staff_id for i in self.issues if i.staff_id is not None}
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def changes(self) -> dict[tuple[int, dt.date], str]:
        """Cells that differ from the saved month (all of them for a month never saved)."""
        if self.month is None:
            return {}
        out = {}
        for sid, row in self.plan.items():
            for d, code in row.items():
                if code and code not in LEAVE_CODES and (code != self.month.plan[sid][d] or not self.month.saved):
                    out[(sid, d)] = code
        return out

    def dirty(self) -> bool:
        return self.month is not None and any(
            code != self.month.plan[sid][d] for sid, row in self.plan.items() for d, code in row.items())

    def person_at(self, row: int):
        return self.month.people[row] if self.month and 0 <= row < len(self.month.people) else None

    def day_at(self, col: int) -> dt.date | None:
        return self.month.days[col] if self.month and 0 <= col < len(self.month.days) else None

    def code_at(self, index: QModelIndex) -> str:
        p, d = self.person_at(index.row()), self.day_at(index.column())
        return self.plan[p.staff_id][d] if p and d else ""

    def set_code(self, index: QModelIndex, code: str) -> None:
        p, d = self.person_at(index.row()), self.day_at(index.column())
        old = self.plan[p.staff_id][d]
        if code == REST and is_shift(old):
            self._before_rest[(p.staff_id, d)] = old
        self.plan[p.staff_id][d] = code
        self.recheck()

    def toggle_rest(self, index: QModelIndex) -> None:
        """A working cell becomes a rest day; a rest day goes back to the shift that was there (the one typed
        before, else the saved one, else the default shift)."""
        p, d = self.person_at(index.row()), self.day_at(index.column())
        if self.plan[p.staff_id][d] != REST:
            self.set_code(index, REST)
            return
        saved = self.month.plan[p.staff_id][d]
        back = self._before_rest.pop((p.staff_id, d), None) or (saved if is_shift(saved) else
                                                                 self.month.rules.default_shift)
        self.set_code(index, back)

    # -- Qt model API -----------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.month is None else len(self.month.people)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.month is None else len(self.month.days) + 1

    def _rest_count(self, sid: int) -> int:
        return sum(1 for c in self.plan[sid].values() if c == REST)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _CELL_ROLES or not index.isValid() or self.month is None:
            return None
        p = self.person_at(index.row())
        d = self.day_at(index.column())
        if d is None:  # the rest-days column
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self._rest_count(p.staff_id))
            if role == Qt.ItemDataRole.BackgroundRole and p.staff_id in self._bad_people:
                return brush(ERROR_BG)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        code = self.plan[p.staff_id][d]
        requested = d in self.month.requests.get(p.staff_id, set())
        half = self.month.half_off.get(p.staff_id, {}).get(d, "")
        if role == Qt.ItemDataRole.DisplayRole:
            text = "休" if code == REST else code
            if half:  # half a day of leave: the shift, and which half is off
                text += HALF_MARK[half]
            return text + ("*" if requested else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if code == REST:
                return brush(REST_BG)
            if code in LEAVE_CODES or half:
                return brush(LEAVE_BG)
            if d in self._bad_days:
                return brush(ERROR_BG)
            if d in self.month.marks and self.month.marks[d].kind == "holiday":
                return brush(HOLIDAY_BG)
            if d.weekday() >= 5:
                return brush(WEEKEND_BG)
            return None
        if role == Qt.ItemDataRole.FontRole and requested:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{p.name} {d.month}月{d.day}日"]
            if requested:
                parts.append(self.tr("requested day off"))
            if half:
                parts.append(self.tr("morning off (half-day leave)") if half == "am"
                             else self.tr("afternoon off (half-day leave)"))
            parts += [i.message for i in self.issues if i.day == d]
            return "\n".join(parts)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self.month is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            d = self.day_at(section)
            if role == Qt.ItemDataRole.DisplayRole:
                if d is None:
                    return self.tr("Rest")
                mark = self.month.marks.get(d)
                return f"{d.day}\n{WEEKDAYS[d.weekday()]}" + (f"\n{mark.short}" if mark else "\n")
            if role == Qt.ItemDataRole.ForegroundRole and d in self._bad_days:
                return brush("#b00020")
            if role == Qt.ItemDataRole.ToolTipRole and d is not None:
                mark = self.month.marks.get(d)
                tips = [mark.name] if mark else []
                return "\n".join(tips + [i.message for i in self.issues if i.day == d]) or None
            return None
        p = self.person_at(section)
        if p is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{p.name}  {p.role_label}" + ("  ◆" if p.front_desk else "")
        if role == Qt.ItemDataRole.ForegroundRole and p.staff_id in self._bad_people:
            return brush("#b00020")
        return None


class RosterGridView(QTableView):
    """The grid's keys: Space/R rest, letters set shifts, Shift+Space a requested day off."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.setObjectName("rosterGrid")
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(34)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, text = event.key(), event.text().upper()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ShiftModifier:
            self.tab.toggle_request(self.currentIndex())
            return
        if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            if key == Qt.Key.Key_Space or text == REST:
                self.tab.toggle_rest(self.currentIndex())
                return
            if len(text) == 1 and "A" <= text <= "Z":
                self.tab.set_shift(self.currentIndex(), text)
                return
        super().keyPressEvent(event)
