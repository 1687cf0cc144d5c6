"""排休 tab: the month grid (people × days, ``tab_grid.py``), edited by keyboard, with the rules checked live
(SPEC §5).

Keys on the grid: arrows move; Space or R toggles a rest day (Space again gives back the shift that was there); a
shift letter (E, M, L… from the policy) sets the shift; Shift+Space marks / unmarks a requested day off. Ctrl+G
suggests a plan, Ctrl+S saves, Ctrl+P prints the wall roster, Alt+Left / Alt+Right change month. Problems show on
the grid (red) and in the list below; Enter on a problem jumps to its cell.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.errors import DomainError
from station_desk.month import Month
from station_desk.qt.dialogs.approval import approval_unless_manager
from station_desk.qt.ops import Op
from station_desk.qt.pdf_preview import open_document
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.views import stacked
from station_desk.qt.widgets import wrapped
from station_desk.rest_roster import overrides, requests
from station_desk.rest_roster import service as roster
from station_desk.rest_roster.dialogs import HolidayDialog
from station_desk.rest_roster.tab_grid import RosterGridModel, RosterGridView


class RosterTab(ModuleTab):
    watches = frozenset({"roster", "leave", "staff", "policy"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        today = clock.today()
        self.year, self.month_no = today.year, today.month
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        layout.addLayout(self._build_bar())
        layout.addWidget(self._build_grid(), 1)
        self._connect()

    # -- building -----------------------------------------------------------------------------------------------------
    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("◀ Previous month (Alt+Left)"))
        self.month_label = QLabel()
        self.month_label.setObjectName("monthLabel")
        font = self.month_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.month_label.setFont(font)
        self.next_button = QPushButton(self.tr("Next month (Alt+Right) ▶"))
        self.suggest_button = QPushButton(self.tr("&Suggest plan (Ctrl+G)"))
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("&Undo changes"))
        self.print_button = QPushButton(self.tr("&Print roster (Ctrl+P)"))
        self.holiday_button = QPushButton(self.tr("Ho&lidays…"))
        self.import_button = QPushButton(self.tr("&Import holidays…"))
        for w in (self.prev_button, self.month_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.suggest_button, self.save_button, self.revert_button, self.holiday_button, self.import_button,
                  self.print_button):
            bar.addWidget(w)
        return bar

    def _build_grid(self) -> QWidget:
        self.model = RosterGridModel(self)
        self.grid = RosterGridView(self)
        self.grid.setModel(self.model)
        self.issue_list = QListWidget()
        self.issue_list.setObjectName("rosterIssues")
        self.status_label = QLabel()
        self.status_label.setObjectName("rosterStatus")
        self.calendar_note = QLabel()  # a year without its holiday arrangement, said plainly
        self.calendar_note.setObjectName("rosterCalendarWarning")
        self.calendar_note.setWordWrap(True)
        self.calendar_note.setStyleSheet("color: #b00020; font-weight: bold;")
        self.calendar_note.hide()
        self.legend = wrapped()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.calendar_note)
        lower_layout.addWidget(self.status_label)
        lower_layout.addWidget(self.issue_list, 1)
        lower_layout.addWidget(self.legend)
        return stacked(self.grid, lower, stretch=(4, 1))

    def _connect(self) -> None:
        self.prev_button.clicked.connect(lambda: self.change_month(-1))
        self.next_button.clicked.connect(lambda: self.change_month(+1))
        self.suggest_button.clicked.connect(self.suggest)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.print_button.clicked.connect(lambda: self.print_roster())
        self.holiday_button.clicked.connect(self.edit_holiday)
        self.import_button.clicked.connect(lambda: self.import_holidays())
        self.issue_list.itemActivated.connect(self._jump_to_issue)
        for keys, slot in (("Alt+Left", lambda: self.change_month(-1)), ("Alt+Right", lambda: self.change_month(+1)),
                           ("Ctrl+G", self.suggest), ("Ctrl+S", self.save), ("Ctrl+P", lambda: self.print_roster())):
            sc = QShortcut(QKeySequence(keys), self, activated=slot)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.model.dataChanged.connect(lambda *_: self._show_issues())

    # -- loading ----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.model.dirty():
            return  # keep the manager's unsaved edits; they save or undo first
        self._load()

    def _load(self, keep_plan: dict | None = None) -> None:
        """Read the month on the database worker (the newest read wins), then show it (``keep_plan``: edits not
        saved yet, kept over the month read)."""
        db, month = self.ctx.db, Month(self.year, self.month_no)
        self.load(lambda: roster.get_month(db, month=month), lambda m: self._show_month(m, keep_plan))

    def _show_month(self, month, keep_plan: dict | None) -> None:
        current = self.grid.currentIndex()
        self.model.load(month, keep_plan)
        self.month_label.setText(self.tr("%1-%2").replace("%1", str(self.year))
                                 .replace("%2", f"{self.month_no:02d}"))
        shifts = "  ".join(f"{s.code} {s.name} {s.start // 60:02d}:{s.start % 60:02d}–"
                           f"{s.end // 60:02d}:{s.end % 60:02d}" for s in month.shifts)
        self.legend.setText(self.tr("Shifts: %1.  休 rest day, 事/病/年 leave, E上/E下 half-day leave (morning / "
                                    "afternoon off), * requested day off, ◆ front desk. "
                                    "Space or R: rest; letter: shift; Shift+Space: requested day off.")
                            .replace("%1", shifts))
        self.calendar_note.setText(month.calendar_warning)
        self.calendar_note.setVisible(bool(month.calendar_warning))
        locked = month.locked
        for w in (self.suggest_button, self.save_button):
            w.setEnabled(not locked)
        self.grid.setCurrentIndex(current if current.isValid() else self.model.index(0, 0))
        self._show_issues()

    def _show_issues(self) -> None:
        self.issue_list.clear()
        for issue in self.model.issues:
            item = QListWidgetItem(issue.message)
            item.setData(Qt.ItemDataRole.UserRole, issue)
            self.issue_list.addItem(item)
        m = self.model.month
        if m is None:
            return
        state = [self.tr("Locked") if m.locked else (self.tr("Saved") if m.saved else self.tr("Not saved yet"))]
        if self.model.dirty():
            state.append(self.tr("unsaved changes"))
        if self.model.issues:
            state.append(self.tr("%1 problem(s)").replace("%1", str(len(self.model.issues))))
        else:
            state.append(self.tr("all rules met"))
        self.status_label.setText(" · ".join(state))

    def focus_default(self) -> None:
        self.grid.setFocus()

    def change_month(self, step: int) -> None:
        if self.model.dirty():
            self.message_bar.show_error(self.tr("Save (Ctrl+S) or undo the changes of this month first."))
            return
        m = self.month_no + step
        self.year, self.month_no = self.year + (m - 1) // 12, (m - 1) % 12 + 1
        self._load()

    # -- editing ----------------------------------------------------------------------------------------------------
    def _editable(self, index: QModelIndex, code: str | None = None) -> bool:
        """Whether the cell may take ``code`` (any change when None); the service's refusal is shown if not."""
        m = self.model.month
        p, d = self.model.person_at(index.row()), self.model.day_at(index.column())
        if m is None or p is None or d is None:
            return False
        try:
            m.check_cell(p.staff_id, d, code)
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return False
        return True

    def toggle_rest(self, index: QModelIndex) -> None:
        if self._editable(index):
            self.model.toggle_rest(index)

    def set_shift(self, index: QModelIndex, letter: str) -> None:
        if self._editable(index, letter):
            self.model.set_code(index, letter)

    def toggle_request(self, index: QModelIndex) -> None:
        m = self.model.month
        p, d = self.model.person_at(index.row()), self.model.day_at(index.column())
        if m is None or p is None or d is None:
            return
        wanted = d in m.requests.get(p.staff_id, set())
        db, actor = self.ctx.db, self.ctx.actor
        if wanted:
            fn = lambda: requests.remove_rest_request(db, actor=actor, staff_id=p.staff_id, day=d)  # noqa: E731
        else:
            fn = lambda: requests.add_rest_request(db, actor=actor, staff_id=p.staff_id, day=d)  # noqa: E731
        Op(self, fn).success(lambda _r: self._reload_keeping_edits()).run()

    def _reload_keeping_edits(self) -> None:
        self._load(keep_plan=self.model.plan)

    def _jump_to_issue(self, item: QListWidgetItem) -> None:
        issue = item.data(Qt.ItemDataRole.UserRole)
        m = self.model.month
        if m is None:
            return
        col = m.days.index(issue.day) if issue.day in m.days else self.grid.currentIndex().column()
        row = next((i for i, p in enumerate(m.people) if p.staff_id == issue.staff_id),
                   max(self.grid.currentIndex().row(), 0))
        self.grid.setCurrentIndex(self.model.index(row, max(col, 0)))
        self.grid.setFocus()

    # -- actions ----------------------------------------------------------------------------------------------------
    def suggest(self) -> None:
        m = self.model.month
        if m is None or m.locked:
            return
        y, mo = self.year, self.month_no
        Op(self, lambda: roster.suggest(self.ctx.db, month=Month(y, mo))).success(self._apply_suggestion).run()

    def _apply_suggestion(self, sug) -> None:
        plan = {sid: dict(row) for sid, row in sug.plan.items()}
        self.model.plan.update(plan)
        self.model.recheck()
        if sug.ok:
            self.message_bar.show_info(self.tr("Suggested plan filled in: check it, adjust, then save (Ctrl+S)."))
        else:
            self.message_bar.show_error(self.tr("No plan meets every rule: %1").replace(
                "%1", sug.problems[0].message))

    def save(self) -> None:
        m = self.model.month
        if m is None or m.locked:
            return
        cells = self.model.changes()
        if not cells and m.saved:
            self.message_bar.show_info(self.tr("Nothing to save."))
            return
        approval = approval_unless_manager(self, self.ctx, self.tr("Save rest roster"))
        if approval is False:
            return
        y, mo, db, actor = self.year, self.month_no, self.ctx.db, self.ctx.actor
        Op(self, lambda: roster.save_plan(db, actor=actor, approval=approval, month=Month(y, mo), cells=cells)) \
            .success(self._after_save).run()

    def _after_save(self, issues) -> None:
        self._load()
        if issues:
            self.message_bar.show_error(self.tr("Saved, but %1 problem(s) remain.").replace("%1", str(len(issues))))
        else:
            self.message_bar.show_info(self.tr("Saved. The plan meets every rule."))

    def revert(self) -> None:
        self._load()

    def edit_holiday(self) -> None:
        m = self.model.month
        if m is None:
            return
        day = self.model.day_at(self.grid.currentIndex().column()) or m.days[0]
        mark = m.marks.get(day)
        if HolidayDialog(self, self.ctx, day, mark.name if mark else "").exec():
            self._reload_keeping_edits()

    def import_holidays(self, path: str | None = None) -> None:
        """Enter a year's holidays and 调休 workdays from a text file (format in the README)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import holidays"), "",
                                                  self.tr("Text files (*.txt *.csv);;All files (*)"))
        if not path:
            return
        try:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            self.message_bar.show_error(self.tr("Cannot read %1: %2").replace("%1", path).replace("%2", str(exc)))
            return
        approval = approval_unless_manager(self, self.ctx, self.tr("Import holidays"))
        if approval is False:
            return
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: overrides.import_holidays(db, actor=actor, approval=approval, text=text),
           changes={"roster"}).success(self._after_import).run()

    def _after_import(self, lines) -> None:
        self.message_bar.show_info(self.tr("%1 days imported (%2 to %3).").replace("%1", str(len(lines)))
                       .replace("%2", str(lines[0].day)).replace("%3", str(lines[-1].day)))
        self._reload_keeping_edits()

    def print_roster(self, path: str | None = None, *, open_after: bool = True) -> None:
        """Write the wall roster PDF (of the grid as shown, saved or not) and open it."""
        m = self.model.month
        if m is None:
            return
        if path is None:
            default = f"排休表-{m.year}-{m.month:02d}.pdf"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save wall roster"), default, "PDF (*.pdf)")
            if not path:
                return
        shown = dataclasses.replace(m, plan={sid: dict(r) for sid, r in self.model.plan.items()},
                                    issues=list(self.model.issues))
        station = self.ctx.policy().station.name

        def render():
            from station_desk.reports.roster_sheet import render_roster

            render_roster(shown, station, path)
            return path

        def done(p):
            self.message_bar.show_info(self.tr("Roster written to %1.").replace("%1", p))
            if open_after:
                open_document(self, p)

        Op(self, render).success(done).run()
