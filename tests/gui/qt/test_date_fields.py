"""Issue 14 item 6: a date field never changes what was typed into another date without showing it.

QDateEdit edited section by section: ``2027-01-15`` typed from the start of ``2026-12-04`` became ``2026-01-15``
(a cash-book entry saved into the wrong year), and typed over a selection it was ignored. Every date and date-time
field of the program is now ``DateEdit`` / ``DateTimeEdit`` (``station_desk.qt.widgets``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from station_desk.errors import DomainError
from station_desk.qt.widgets import DateEdit, DateTimeEdit
from tests.gui_helpers import activate

ROOT = Path(__file__).parents[3]


def _field(qtbot, cls):
    box = QWidget()
    lay = QVBoxLayout(box)
    field, other = cls(), QLineEdit()
    lay.addWidget(field)
    lay.addWidget(other)
    qtbot.addWidget(box)
    box.show()
    activate(qtbot, box)
    return box, field, other


@pytest.mark.parametrize("how", ["home", "select_all", "tab_in"])
@pytest.mark.parametrize("typed, expected", [("2027-01-15", dt.date(2027, 1, 15)), ("20270115", dt.date(2027, 1, 15)),
                                             ("2027/1/5", dt.date(2027, 1, 5))])
def test_what_is_typed_is_the_date(qtbot, fake_now, how, typed, expected):
    fake_now(dt.datetime(2026, 12, 4, 9, 0))
    _box, field, other = _field(qtbot, DateEdit)
    seen = []
    field.dateChanged.connect(seen.append)
    if how == "tab_in":
        other.setFocus()
        qtbot.keyClick(other, Qt.Key.Key_Backtab)
    else:
        field.setFocus()
        if how == "home":
            qtbot.keyClick(field, Qt.Key.Key_End)
            for _ in range(12):
                qtbot.keyClick(field, Qt.Key.Key_Backspace)
        else:
            field.selectAll()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # on to the next field
    qtbot.waitUntil(lambda: field.text() == expected.isoformat())
    assert field.value() == expected and seen == [expected]


@pytest.mark.parametrize("typed", ["2027-02-30", "2027-13-01", "27-01-15", "2027-01"])
def test_a_date_that_is_not_one_stays_as_typed_red_and_refused(qtbot, fake_now, typed):
    fake_now(dt.datetime(2026, 12, 4, 9, 0))
    _box, field, other = _field(qtbot, DateEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == typed and field.property("invalid")
    with pytest.raises(DomainError, match=typed):
        field.value()


def test_date_time_field(qtbot, fake_now):
    fake_now(dt.datetime(2026, 12, 4, 9, 0))
    _box, field, other = _field(qtbot, DateTimeEdit)
    assert field.text() == "2026-12-04 09:00"
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2027-01-15 14:05")
    other.setFocus()
    assert field.value() == dt.datetime(2027, 1, 15, 14, 5)
    field.setText("2027-01-15 25:00")
    with pytest.raises(DomainError):
        field.value()


def test_calendar_popup_by_keyboard(qtbot, fake_now):
    fake_now(dt.datetime(2026, 12, 4, 9, 0))
    _box, field, _other = _field(qtbot, DateEdit)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_F4)
    cal = field.calendar
    assert cal.isVisible()
    from PySide6.QtWidgets import QTableView

    view = cal.findChild(QTableView)  # the calendar's day grid has the keyboard
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert field.value() == dt.date(2026, 12, 5)


def test_the_cash_book_entry_keeps_2027(qtbot, db, manager, fake_now, make_ctx):
    from station_desk.cash_book.tab_book import EntryDialog

    fake_now(dt.datetime(2026, 12, 4, 9, 0))
    dlg = EntryDialog(None, make_ctx(manager[0]), "income")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.day_edit.setFocus()
    qtbot.keyClick(dlg.day_edit, Qt.Key.Key_Home)
    for _ in range(10):
        qtbot.keyClick(dlg.day_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(dlg.day_edit, "2027-01-15")
    dlg.amount_edit.setFocus()
    assert dlg.day_edit.value() == dt.date(2027, 1, 15)


def test_no_date_field_left_that_edits_by_section():
    """Every date field is ours: no QDateEdit / QDateTimeEdit in the program or its forms."""
    offenders = [str(p.relative_to(ROOT)) for p in list((ROOT / "station_desk").rglob("*.py")) +
                 list((ROOT / "ui").glob("*.ui"))
                 if "forms" not in p.parts and p.name != "widgets.py" and ("QDateEdit" in p.read_text(encoding="utf-8")
                                                or "QDateTimeEdit" in p.read_text(encoding="utf-8"))]
    assert offenders == []
