"""排休 grid by keyboard: mark a rest day and see a coverage error appear on the grid and in the list, then clear;
suggest, save, print."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from PySide6.QtCore import Qt

from station_desk.rest_roster import service as roster
from station_desk.rest_roster.planner import REST
from tests.gui_helpers import activate, wait_ops
from tests.fixtures.roster import station  # noqa: F401


@pytest.fixture
def december(station):  # noqa: F811
    roster.apply_suggestion(station.db, actor=station.manager, month="2026-12")
    return station


def _tab(make_ctx, st, qtbot):
    from station_desk.rest_roster.tab import RosterTab

    tab = RosterTab(make_ctx(st.manager))
    tab.year, tab.month_no = 2026, 12
    qtbot.addWidget(tab)
    tab.resize(1400, 800)
    activate(qtbot, tab)
    tab._load()
    wait_ops(qtbot)  # the month is read on the database worker
    return tab


def _goto(qtbot, grid, row, col):
    """Move the cursor with the keyboard only: Ctrl+Home, then Down/Right."""
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(row):
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    for _ in range(col):
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (row, col)


def _breaking_cell(month):
    """A working person and day whose rest would leave the day uncovered (found with the pure checker)."""
    for col, d in enumerate(month.days):
        for row, p in enumerate(month.people):
            if month.plan[p.staff_id][d] != REST and month.plan[p.staff_id][d]:
                plan = {sid: dict(r) for sid, r in month.plan.items()}
                plan[p.staff_id][d] = REST
                if any(i.day == d for i in month.check(plan)):
                    return row, col, d
    raise AssertionError("no breaking cell")


def test_mark_rest_by_keyboard_error_appears_and_clears(zh_app, qtbot, december, make_ctx, artifacts_dir):
    tab = _tab(make_ctx, december, qtbot)
    assert tab.model.issues == [] and tab.issue_list.count() == 0
    row, col, day = _breaking_cell(tab.model.month)
    # Given the cursor on a working cell whose rest would uncover the day
    _goto(qtbot, tab.grid, row, col)
    # When the manager presses Space
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    # Then the cell is a rest day, the day's column turns red and the list names the day
    index = tab.model.index(row, col)
    assert tab.model.data(index) in ("休", "休*")
    label = f"{day.month}月{day.day}日"
    texts = [tab.issue_list.item(i).text() for i in range(tab.issue_list.count())]
    assert any(label in t and ("在岗只有" in t or "前台" in t) for t in texts), texts
    other_row = (row + 1) % tab.model.rowCount()
    other = tab.model.index(other_row, col)
    if tab.model.data(other) not in ("休", "休*") and tab.model.code_at(other) not in "事病年":
        assert tab.model.data(other, Qt.ItemDataRole.BackgroundRole).color().name() == "#f8c9cc"
    assert "个问题" in tab.status_label.text()
    tab.grab().save(str(artifacts_dir / "roster_grid_error.png"))
    # When Space again: the rest day is gone and so is the error
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert tab.model.data(index) not in ("休", "休*")
    assert tab.issue_list.count() == 0 and not tab.model.dirty()


def test_letters_set_shifts_and_save_is_audited(zh_app, qtbot, december, make_ctx):
    tab = _tab(make_ctx, december, qtbot)
    m = tab.model.month
    row = next(i for i, p in enumerate(m.people) if p.name == "钱师傅")
    col = next(c for c, d in enumerate(m.days) if m.plan[m.people[row].staff_id][d] == "E")
    _goto(qtbot, tab.grid, row, col)
    qtbot.keyClicks(tab.grid, "m")
    assert tab.model.data(tab.model.index(row, col)) == "M"
    qtbot.keyClicks(tab.grid, "q")  # not a shift
    assert "不是有效的班次" in tab.message_bar.text() and tab.model.data(tab.model.index(row, col)) == "M"
    qtbot.keyClick(tab.grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    saved = roster.get_month(december.db, month="2026-12")
    assert saved.plan[m.people[row].staff_id][m.days[col]] == "M"
    assert not tab.model.dirty()


def test_suggest_into_an_empty_month_then_print(zh_app, qtbot, station, make_ctx, tmp_path):  # noqa: F811
    tab = _tab(make_ctx, station, qtbot)
    assert tab.model.issues  # nothing planned yet: everybody lacks rest days
    qtbot.keyClick(tab.grid, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    assert tab.model.issues == [] and tab.model.dirty()
    path = tmp_path / "roster.pdf"
    tab.print_roster(str(path), open_after=False)
    wait_ops(qtbot)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "排休表" in text and "钱师傅" in text
    qtbot.keyClick(tab.grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    assert roster.get_month(station.db, month="2026-12").issues == []
    # a clerk cannot change month with unsaved edits lost: edits are kept until saved or undone
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    tab.change_month(+1)
    assert tab.month_no == 12 and "保存" in tab.message_bar.text()


def test_station_holiday_shows_in_the_day_header(zh_app, qtbot, december, make_ctx):
    from tests.gui_helpers import on_modal

    tab = _tab(make_ctx, december, qtbot)
    _goto(qtbot, tab.grid, 0, 19)  # 20 December

    def mark(dlg):
        dlg.kind.setCurrentIndex(dlg.kind.findData("holiday"))
        dlg.name.setText("站庆")
        dlg.submit()

    on_modal(mark, name="HolidayDialog")
    tab.edit_holiday()
    wait_ops(qtbot)
    header = tab.model.headerData(19, Qt.Orientation.Horizontal)
    assert header.endswith("休") and "站庆" in tab.model.headerData(19, Qt.Orientation.Horizontal,
                                                                   Qt.ItemDataRole.ToolTipRole)


def test_space_on_a_rest_day_gives_back_the_shift_typed_before(zh_app, qtbot, december, make_ctx):
    tab = _tab(make_ctx, december, qtbot)
    m = tab.model.month
    row = next(i for i, p in enumerate(m.people) if p.name == "钱师傅")
    col = next(c for c, d in enumerate(m.days) if m.plan[m.people[row].staff_id][d] == "E")
    _goto(qtbot, tab.grid, row, col)
    # Given a saved E changed to M, When Space twice, Then the cell is M again (not the saved E)
    qtbot.keyClicks(tab.grid, "m")
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert tab.model.code_at(tab.model.index(row, col)) == REST
    qtbot.keyClick(tab.grid, Qt.Key.Key_Space)
    assert tab.model.data(tab.model.index(row, col)) == "M"


def test_a_year_without_holidays_is_said_and_an_import_ends_it(zh_app, qtbot, station, make_ctx, tmp_path,  # noqa: F811
                                                               artifacts_dir):
    tab = _tab(make_ctx, station, qtbot)
    tab.year, tab.month_no = 2027, 1
    tab._load()
    wait_ops(qtbot)  # the month is read on the database worker
    assert tab.calendar_note.isVisibleTo(tab) and "2027" in tab.calendar_note.text()
    tab.grab().save(str(artifacts_dir / "roster_2027_warning.png"))
    f = tmp_path / "2027.txt"
    f.write_text("2027-01-01..2027-01-03 休 元旦\n", encoding="utf-8")
    tab.import_holidays(str(f))  # the signed-in manager: no PIN asked
    wait_ops(qtbot)
    assert not tab.calendar_note.isVisibleTo(tab)
    assert tab.model.month.marks[dt.date(2027, 1, 1)].name == "元旦"
    tab.year, tab.month_no = 2026, 12
    tab._load()
    wait_ops(qtbot)  # the month is read on the database worker
    assert not tab.calendar_note.isVisibleTo(tab)
