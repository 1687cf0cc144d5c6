"""考勤请假, first page: clock in (F5) / out (F6) at the desk with your PIN, today's punches; the manager enters or
voids a punch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from station_desk import clock
from station_desk.attendance import service as att
from station_desk.attendance.dialogs import PunchDialog
from station_desk.attendance.tab_common import AttendancePage
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import make_table, selected_row
from station_desk.qt.widgets import SecretEdit
from station_desk.staff import service as staff


class ClockPage(AttendancePage):
    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.person = QComboBox()
        self.person.setObjectName("clockPerson")
        self.person.setMinimumWidth(120)
        self.pin = SecretEdit("clockPin")
        self.pin.setPlaceholderText(self.tr("PIN (if you have one)"))
        self.pin.setMinimumWidth(200)
        self.in_button = QPushButton(self.tr("Clock &in (F5)"))
        self.out_button = QPushButton(self.tr("Clock &out (F6)"))
        self.enter_button = QPushButton(self.tr("&Enter punch…"))
        self.void_button = QPushButton(self.tr("&Void punch…"))
        self.add_to_bar(self.person, self.pin, self.in_button, self.out_button, buddy_label=self.tr("&Name"))
        self.bar.addStretch(1)
        self.add_to_bar(self.enter_button, self.void_button)
        self.model = RowTableModel([
            Column(self.tr("Time"), lambda r: r.at.strftime("%H:%M")),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Punch"), lambda r: self.tr("in") if r.kind == "in" else self.tr("out")),
            Column(self.tr("Entered"), lambda r: self.tr("at the desk") if r.source == "desk" else
                   self.tr("by the manager")),
            Column(self.tr("Note"), lambda r: r.note),
        ])
        self.table = make_table(self.model, name="punchTable")
        self.layout_.addWidget(QLabel(self.tr("Today's punches")))
        self.layout_.addWidget(self.table, 1)
        self.in_button.clicked.connect(lambda: self.clock("in"))
        self.out_button.clicked.connect(lambda: self.clock("out"))
        self.enter_button.clicked.connect(self.enter_punch)
        self.void_button.clicked.connect(self.void_punch)
        self.pin.returnPressed.connect(lambda: self.clock("in"))
        for keys, slot in (("F5", lambda: self.clock("in")), ("F6", lambda: self.clock("out"))):
            sc = QShortcut(QKeySequence(keys), tab, activated=slot)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def refresh(self) -> None:
        db, today = self.ctx.db, clock.today()
        self.loads.load(lambda: (staff.list_staff(db), att.punches_on(db, day=today)),
                        lambda result: self._show(*result))

    def _show(self, people, punches) -> None:
        current = self.person.currentData()
        self.person.clear()
        for r in people:
            self.person.addItem(r.name, r.id)
        index = self.person.findData(current if current is not None else self.ctx.actor.staff_id)
        self.person.setCurrentIndex(max(index, 0))
        self.show_rows(punches)

    def clock(self, kind: str) -> None:
        staff_id = self.person.currentData()
        if staff_id is None:
            return
        pin = self.pin.text() or None
        self.pin.clear()

        def done(p):
            what = self.tr("clocked in") if p.kind == "in" else self.tr("clocked out")
            self.info(self.tr("%1 %2 at %3.").replace("%1", p.name).replace("%2", what)
                      .replace("%3", p.at.strftime("%H:%M")))

        db = self.ctx.db
        self.run_op(lambda: att.clock_at_desk(db, staff_id=staff_id, kind=kind, pin=pin), done)

    def enter_punch(self) -> None:
        PunchDialog(self, self.ctx).exec()

    def void_punch(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        self.manager_step(self.tr("Void punch"), lambda db, actor, approval, why: att.void_punch(
            db, actor=actor, approval=approval, punch_id=row.id, reason=why))
