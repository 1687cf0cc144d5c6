"""员工 tab: the register is read on the database worker; the person selected stays selected when someone is added,
and their role history follows (issue #15)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.fixtures.work_orders import make_staff
from tests.gui_helpers import activate, wait_ops


def test_the_selected_person_stays_selected_when_the_register_changes(zh_app, qtbot, db, manager, make_ctx):
    from station_desk.staff.tab import StaffTab

    make_staff(db, "T01", "张师傅", "technician")
    make_staff(db, "T02", "钱师傅", "technician")
    tab = StaffTab(make_ctx(manager[0]))
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    activate(qtbot, tab)
    names = [r.name for r in tab.model.rows()]
    at = names.index("钱师傅")
    tab.table.setFocus()
    tab.table.selectRow(at)
    wait_ops(qtbot)  # the role history of the selection
    assert [role for _day, role, _note in tab.history_model.rows()] == ["technician"]
    make_staff(db, "A00", "艾内勤", "dispatch_clerk")  # sorts before the selection
    tab.ctx.bus.changed.emit({"staff"}, None)
    wait_ops(qtbot)
    assert len(tab.model.rows()) == len(names) + 1
    assert tab.selected().name == "钱师傅" and tab.table.hasFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Up)  # the keyboard goes on from the kept row
    assert tab.table.currentIndex().row() == [r.name for r in tab.model.rows()].index("钱师傅") - 1
