"""考勤请假 tab (SPEC §5): clock in / out at the desk, the day's exceptions for the manager, leave requests and
approvals, work-discipline violations, the month summary. Five pages: F5 clock in, F6 clock out on the first page; every button
has a mnemonic; the tables open on Enter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.attendance import discipline, leave
from station_desk.attendance import service as att
from station_desk.attendance import summary
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.qt.feedback import MessageBar, message_for
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.widgets import DateEdit
from station_desk.staff import service as staff


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _selected(view: QTableView, model: RowTableModel):
    index = view.currentIndex()
    return model.row_at(index.row()) if index.isValid() else None


def _people_box(db) -> QComboBox:
    box = QComboBox()
    for r in staff.list_staff(db):
        box.addItem(f"{r.name}（{r.role_label}）", r.id)
    return box


class _FormDialog(QDialog):
    """A small form with OK / Cancel and an inline message line."""

    def __init__(self, parent, title: str, name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class LeaveRequestDialog(_FormDialog):
    def __init__(self, parent, db) -> None:
        super().__init__(parent, self.tr("New leave request"), "LeaveRequestDialog")
        self.person = _people_box(db)
        self.kind = QComboBox()
        for code, label in leave.KIND_LABELS.items():
            self.kind.addItem(label, code)
        self.start = DateEdit()
        self.end = DateEdit()
        self.reason = QLineEdit()
        self.certificate = QLineEdit()
        self.certificate.setPlaceholderText(self.tr("hospital, date (sick leave over the limit)"))
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&From"), self.start)
        self.form.addRow(self.tr("&To (inclusive)"), self.end)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.form.addRow(self.tr("Doctor's &certificate"), self.certificate)
        self.start.dateChanged.connect(lambda _d: self.end.set_value(max(self.end.value(), self.start.value())))


class LeaveApproveDialog(_FormDialog):
    def __init__(self, parent, row) -> None:
        super().__init__(parent, self.tr("Approve leave"), "LeaveApproveDialog")
        text = self.tr("%1: %2, %3 to %4 (%5 day(s)). Approver: %6.").replace("%1", row.name) \
            .replace("%2", row.kind_label).replace("%3", row.start.isoformat()).replace("%4", row.end.isoformat()) \
            .replace("%5", str(row.days)).replace("%6", row.level_label)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.external = QLineEdit()
        self.external_on = DateEdit()
        self.certificate = QLineEdit(row.certificate)
        if row.level == "centre":
            self.form.addRow(self.tr("Centre general &manager"), self.external)
            self.form.addRow(self.tr("Approved &on"), self.external_on)
        if row.kind == "sick":
            self.form.addRow(self.tr("Doctor's &certificate"), self.certificate)


class PunchDialog(_FormDialog):
    def __init__(self, parent, db) -> None:
        super().__init__(parent, self.tr("Enter punch"), "PunchDialog")
        self.person = _people_box(db)
        self.at = QDateTimeEdit(QDateTime(clock.now()))
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Clock in"), "in")
        self.kind.addItem(self.tr("Clock out"), "out")
        self.note = QLineEdit()
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Time"), self.at)
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&Note"), self.note)

    def when(self) -> dt.datetime:
        return self.at.dateTime().toPython().replace(second=0, microsecond=0)


class ViolationDialog(_FormDialog):
    def __init__(self, parent, db) -> None:
        super().__init__(parent, self.tr("Record violation"), "ViolationDialog")
        self.person = _people_box(db)
        self.day = DateEdit()
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("e.g. playing games in working hours"))
        self.form.addRow(self.tr("&Person"), self.person)
        self.form.addRow(self.tr("&Date"), self.day)
        self.form.addRow(self.tr("&What happened"), self.description)


class AttendanceTab(ModuleTab):
    watches = frozenset({"attendance", "leave", "roster", "staff", "points"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)
        self._build_clock_page()
        self._build_exceptions_page()
        self._build_leave_page()
        self._build_violations_page()
        self._build_summary_page()
        self.pages.currentChanged.connect(lambda i: i == self.pages.count() - 1 and self._load_summary())

    # -- pages --------------------------------------------------------------------------------------------------------
    def _build_clock_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.clock_person = QComboBox()
        self.clock_person.setObjectName("clockPerson")
        self.clock_pin = QLineEdit()
        self.clock_pin.setObjectName("clockPin")
        self.clock_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.clock_pin.setPlaceholderText(self.tr("PIN (if you have one)"))
        self.clock_pin.setMinimumWidth(200)
        self.clock_person.setMinimumWidth(120)
        self.in_button = QPushButton(self.tr("Clock &in (F5)"))
        self.out_button = QPushButton(self.tr("Clock &out (F6)"))
        self.enter_button = QPushButton(self.tr("&Enter punch…"))
        self.void_button = QPushButton(self.tr("&Void punch…"))
        name_label = QLabel(self.tr("&Name"))
        name_label.setBuddy(self.clock_person)
        for w in (name_label, self.clock_person, self.clock_pin, self.in_button, self.out_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.enter_button)
        row.addWidget(self.void_button)
        v.addLayout(row)
        self.punch_model = RowTableModel([
            Column(self.tr("Time"), lambda r: r.at.strftime("%H:%M")),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Punch"), lambda r: self.tr("in") if r.kind == "in" else self.tr("out")),
            Column(self.tr("Entered"), lambda r: self.tr("at the desk") if r.source == "desk" else
                   self.tr("by the manager")),
            Column(self.tr("Note"), lambda r: r.note),
        ])
        self.punch_table = _table(self.punch_model, "punchTable")
        v.addWidget(QLabel(self.tr("Today's punches")))
        v.addWidget(self.punch_table, 1)
        self.pages.addTab(page, self.tr("Clock in/out"))
        self.in_button.clicked.connect(lambda: self.clock("in"))
        self.out_button.clicked.connect(lambda: self.clock("out"))
        self.enter_button.clicked.connect(self.enter_punch)
        self.void_button.clicked.connect(self.void_punch)
        self.clock_pin.returnPressed.connect(lambda: self.clock("in"))
        for keys, slot in (("F5", lambda: self.clock("in")), ("F6", lambda: self.clock("out"))):
            sc = QShortcut(QKeySequence(keys), self, activated=slot)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_exceptions_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.exc_day = DateEdit()
        self.exc_day.setObjectName("exceptionDay")
        self.confirm_button = QPushButton(self.tr("&Confirm (deduct points)"))
        self.excuse_button = QPushButton(self.tr("E&xcuse…"))
        self.withdraw_button = QPushButton(self.tr("&Take back decision…"))
        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.exc_day)
        for w in (day_label, self.exc_day, self.confirm_button, self.excuse_button, self.withdraw_button):
            row.addWidget(w)
        row.addStretch(1)
        v.addLayout(row)
        self.exc_model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Exception"), lambda r: r.kind_label),
            Column(self.tr("Minutes"), lambda r: r.minutes or "", align="right"),
            Column(self.tr("Shift"), lambda r: r.shift),
            Column(self.tr("In / out"), lambda r: r.punches),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Points"), lambda r: f"{r.points_x100 / 100:g}" if r.points_x100 else "", align="right"),
            Column(self.tr("Reason"), lambda r: r.reason),
        ], foreground=lambda r: "#b00020" if r.status == "open" else "#555555")
        self.exc_table = _table(self.exc_model, "exceptionTable")
        v.addWidget(self.exc_table, 1)
        self.pages.addTab(page, self.tr("Exceptions"))
        self.exc_day.dateChanged.connect(lambda _d: self._load_exceptions())
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.excuse_button.clicked.connect(self.excuse_selected)
        self.withdraw_button.clicked.connect(self.withdraw_decision)

    def _build_leave_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.new_leave_button = QPushButton(self.tr("&New request… (Ctrl+N)"))
        self.approve_button = QPushButton(self.tr("&Approve…"))
        self.refuse_button = QPushButton(self.tr("&Refuse…"))
        self.cancel_leave_button = QPushButton(self.tr("&Withdraw…"))
        for w in (self.new_leave_button, self.approve_button, self.refuse_button, self.cancel_leave_button):
            row.addWidget(w)
        row.addStretch(1)
        v.addLayout(row)
        self.leave_model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("From"), lambda r: r.start.isoformat()),
            Column(self.tr("To"), lambda r: r.end.isoformat()),
            Column(self.tr("Days"), lambda r: r.days, align="right"),
            Column(self.tr("Status"), lambda r: r.status_label),
            Column(self.tr("Approver"), lambda r: r.level_label),
            Column(self.tr("Approved by"), lambda r: " / ".join(x for x in (
                r.approved_by, r.external_approver + (f" {r.external_approved_on}" if r.external_approved_on
                                                      else "")) if x.strip())),
            Column(self.tr("Certificate"), lambda r: r.certificate),
            Column(self.tr("Reason"), lambda r: r.decision_note or r.reason),
        ], foreground=lambda r: "#b00020" if r.status == "pending" else None)
        self.leave_table = _table(self.leave_model, "leaveTable")
        v.addWidget(self.leave_table, 1)
        self.pages.addTab(page, self.tr("Leave"))
        self.new_leave_button.clicked.connect(lambda: self.new_leave())
        self.approve_button.clicked.connect(lambda: self.approve_selected())
        self.refuse_button.clicked.connect(self.refuse_selected)
        self.cancel_leave_button.clicked.connect(self.withdraw_selected)
        sc = QShortcut(QKeySequence("Ctrl+N"), page, activated=lambda: self.new_leave())
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_violations_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.vio_month = DateEdit()
        self.vio_month.setDisplayFormat("yyyy-MM")
        self.record_button = QPushButton(self.tr("&Record violation…"))
        self.cancel_vio_button = QPushButton(self.tr("&Cancel violation…"))
        month_label = QLabel(self.tr("&Month"))
        month_label.setBuddy(self.vio_month)
        for w in (month_label, self.vio_month, self.record_button, self.cancel_vio_button):
            row.addWidget(w)
        row.addStretch(1)
        v.addLayout(row)
        self.vio_model = RowTableModel([
            Column(self.tr("Date"), lambda r: r.day.isoformat()),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("What happened"), lambda r: r.description),
            Column(self.tr("No. in month"), lambda r: r.ordinal, align="right"),
            Column(self.tr("Points"), lambda r: f"{r.points_x100 / 100:g}" if r.points_x100 else "", align="right"),
            Column(self.tr("Centre"), lambda r: self.tr("report to the centre") if r.flagged else ""),
            Column(self.tr("Cancelled"), lambda r: r.cancel_reason if r.cancelled else ""),
        ], foreground=lambda r: "#999999" if r.cancelled else ("#b00020" if r.flagged else None))
        self.vio_table = _table(self.vio_model, "violationTable")
        v.addWidget(self.vio_table, 1)
        self.pages.addTab(page, self.tr("Violations"))
        self.vio_month.dateChanged.connect(lambda _d: self._load_violations())
        self.record_button.clicked.connect(self.record_violation)
        self.cancel_vio_button.clicked.connect(self.cancel_violation)

    def _build_summary_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.sum_month = DateEdit()
        self.sum_month.setDisplayFormat("yyyy-MM")
        month_label = QLabel(self.tr("&Month"))
        month_label.setBuddy(self.sum_month)
        row.addWidget(month_label)
        row.addWidget(self.sum_month)
        row.addWidget(QLabel(self.tr("Counted up to yesterday; excused exceptions are not counted.")))
        row.addStretch(1)
        v.addLayout(row)
        self.sum_model = RowTableModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Role"), lambda r: r.role_label),
            Column(self.tr("Rostered"), lambda r: r.rostered, align="right"),
            Column(self.tr("Worked"), lambda r: r.worked, align="right"),
            Column(self.tr("Rest days"), lambda r: r.rest, align="right"),
            Column(self.tr("Personal"), lambda r: r.personal or "", align="right"),
            Column(self.tr("Sick"), lambda r: r.sick or "", align="right"),
            Column(self.tr("Annual"), lambda r: r.annual or "", align="right"),
            Column(self.tr("Late / early / missing"), lambda r: r.late or "", align="right"),
            Column(self.tr("Absent"), lambda r: r.absent or "", align="right"),
            Column(self.tr("Violations"), lambda r: r.violations or "", align="right"),
            Column(self.tr("Deductions"), lambda r: f"{r.deductions_x100 / 100:g}" if r.deductions_x100 else "",
                   align="right"),
        ], foreground=lambda r: "#b00020" if r.absent or r.violations else None)
        self.sum_table = _table(self.sum_model, "summaryTable")
        v.addWidget(self.sum_table, 1)
        self.pages.addTab(page, self.tr("Monthly summary"))
        self.sum_month.dateChanged.connect(lambda _d: self._load_summary())

    def _load_summary(self) -> None:
        d = self.sum_month.value()
        Op(self, lambda: summary.month_summary(self.ctx.db, year=d.year, month=d.month)) \
            .success(self.sum_model.set_rows).run()

    # -- loading ------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.clock_person.currentData()
        self.clock_person.clear()
        for r in staff.list_staff(self.ctx.db):
            self.clock_person.addItem(r.name, r.id)
        index = self.clock_person.findData(current if current is not None else self.ctx.actor.staff_id)
        self.clock_person.setCurrentIndex(max(index, 0))
        self.punch_model.set_rows(att.punches_on(self.ctx.db, day=clock.today()))
        self._load_exceptions()
        self.leave_model.set_rows(leave.list_leave(self.ctx.db))
        self._load_violations()
        if self.pages.currentIndex() == self.pages.count() - 1:
            self._load_summary()

    def _load_exceptions(self) -> None:
        self.exc_model.set_rows(att.day_exceptions(self.ctx.db, day=self.exc_day.value()))
        if self.exc_model.rowCount():
            self.exc_table.selectRow(0)

    def _load_violations(self) -> None:
        d = self.vio_month.value()
        self.vio_model.set_rows(discipline.list_violations(self.ctx.db, year=d.year, month=d.month))

    def focus_default(self) -> None:
        self.clock_person.setFocus()

    def _approval(self, action: str):
        """None for the signed-in manager; a manager's PIN otherwise; False when cancelled."""
        if self.ctx.is_manager:
            return None
        approval = ask_manager_approval(self, self.ctx, action)
        return approval if approval is not None else False

    # -- clock ------------------------------------------------------------------------------------------------------
    def clock(self, kind: str) -> None:
        staff_id = self.clock_person.currentData()
        if staff_id is None:
            return
        pin = self.clock_pin.text() or None
        self.clock_pin.clear()

        def done(p):
            what = self.tr("clocked in") if p.kind == "in" else self.tr("clocked out")
            self.message_bar.show_info(self.tr("%1 %2 at %3.").replace("%1", p.name).replace("%2", what)
                                       .replace("%3", p.at.strftime("%H:%M")))

        Op(self, lambda: att.clock_at_desk(self.ctx.db, staff_id=staff_id, kind=kind, pin=pin),
           changes={"attendance"}).success(done).run()

    def enter_punch(self) -> None:
        dialog = PunchDialog(self, self.ctx.db)
        if not dialog.exec():
            return
        approval = self._approval(self.tr("Enter punch"))
        if approval is False:
            return
        sid, at, kind, note = dialog.person.currentData(), dialog.when(), dialog.kind.currentData(), dialog.note.text()
        Op(self, lambda: att.enter_punch(self.ctx.db, actor=self.ctx.actor, approval=approval, staff_id=sid, at=at,
                                         kind=kind, note=note), changes={"attendance"}).run()

    def void_punch(self) -> None:
        row = _selected(self.punch_table, self.punch_model)
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Void punch"), self.tr("Reason:"))
        if not ok:
            return
        approval = self._approval(self.tr("Void punch"))
        if approval is False:
            return
        Op(self, lambda: att.void_punch(self.ctx.db, actor=self.ctx.actor, approval=approval, punch_id=row.id,
                                        reason=reason), changes={"attendance"}).run()

    # -- exceptions ---------------------------------------------------------------------------------------------------
    def confirm_selected(self) -> None:
        row = _selected(self.exc_table, self.exc_model)
        if row is None or row.status != "open":
            return
        approval = self._approval(self.tr("Confirm attendance exception"))
        if approval is False:
            return
        Op(self, lambda: att.confirm_exception(self.ctx.db, actor=self.ctx.actor, approval=approval,
                                               staff_id=row.staff_id, day=row.day, kind=row.kind),
           changes={"attendance", "points"}).success(
            lambda r: self.message_bar.show_info(self.tr("Confirmed: %1 %2, %3 points.").replace("%1", r.name)
                                                 .replace("%2", r.kind_label)
                                                 .replace("%3", f"{r.points_x100 / 100:g}"))).run()

    def excuse_selected(self, reason: str | None = None) -> None:
        row = _selected(self.exc_table, self.exc_model)
        if row is None or row.status != "open":
            return
        if not reason:
            reason, ok = QInputDialog.getText(self, self.tr("Excuse"), self.tr("Reason (e.g. sent out on a job):"))
            if not ok:
                return
        approval = self._approval(self.tr("Excuse attendance exception"))
        if approval is False:
            return
        Op(self, lambda: att.excuse_exception(self.ctx.db, actor=self.ctx.actor, approval=approval,
                                              staff_id=row.staff_id, day=row.day, kind=row.kind, reason=reason),
           changes={"attendance"}).run()

    def withdraw_decision(self) -> None:
        row = _selected(self.exc_table, self.exc_model)
        if row is None or row.status == "open":
            return
        reason, ok = QInputDialog.getText(self, self.tr("Take back decision"), self.tr("Reason:"))
        if not ok:
            return
        approval = self._approval(self.tr("Take back attendance decision"))
        if approval is False:
            return
        Op(self, lambda: att.withdraw_decision(self.ctx.db, actor=self.ctx.actor, approval=approval,
                                               staff_id=row.staff_id, day=row.day, kind=row.kind, reason=reason),
           changes={"attendance", "points"}).run()

    # -- leave ------------------------------------------------------------------------------------------------------
    def new_leave(self, fill=None) -> None:
        dialog = LeaveRequestDialog(self, self.ctx.db)
        if fill is not None:
            fill(dialog)
        while dialog.exec():
            try:
                row = leave.request_leave(self.ctx.db, actor=self.ctx.actor, staff_id=dialog.person.currentData(),
                                          kind=dialog.kind.currentData(), start=dialog.start.value(),
                                          end=dialog.end.value(), reason=dialog.reason.text(),
                                          certificate=dialog.certificate.text())
            except Exception as exc:  # noqa: BLE001 - shown in the dialog, which stays open
                dialog.message_bar.show_error(message_for(exc))
                continue
            self.ctx.bus.changed.emit({"leave"}, self)
            self.message_bar.show_info(self.tr("Request filed: %1, %2 day(s); to be approved by: %3.")
                                       .replace("%1", row.name).replace("%2", str(row.days))
                                       .replace("%3", row.level_label))
            return

    def approve_selected(self, fill=None) -> None:
        row = _selected(self.leave_table, self.leave_model)
        if row is None or row.status != "pending":
            return
        dialog = LeaveApproveDialog(self, row)
        if fill is not None:
            fill(dialog)
        while dialog.exec():
            approval = self._approval(self.tr("Approve leave"))
            if approval is False:
                return
            try:
                leave.approve_leave(self.ctx.db, actor=self.ctx.actor, approval=approval, leave_id=row.id,
                                    external_approver=dialog.external.text(),
                                    external_approved_on=dialog.external_on.value() if row.level == "centre"
                                    else None, certificate=dialog.certificate.text())
            except Exception as exc:  # noqa: BLE001
                dialog.message_bar.show_error(message_for(exc))
                continue
            self.ctx.bus.changed.emit({"leave", "roster"}, self)
            self.message_bar.show_info(self.tr("Leave approved and written into the rest roster."))
            return

    def refuse_selected(self) -> None:
        row = _selected(self.leave_table, self.leave_model)
        if row is None or row.status != "pending":
            return
        reason, ok = QInputDialog.getText(self, self.tr("Refuse leave"), self.tr("Reason:"))
        if not ok:
            return
        approval = self._approval(self.tr("Refuse leave"))
        if approval is False:
            return
        Op(self, lambda: leave.refuse_leave(self.ctx.db, actor=self.ctx.actor, approval=approval, leave_id=row.id,
                                            reason=reason), changes={"leave"}).run()

    def withdraw_selected(self) -> None:
        row = _selected(self.leave_table, self.leave_model)
        if row is None or row.status not in ("pending", "approved"):
            return
        reason, ok = QInputDialog.getText(self, self.tr("Withdraw leave"), self.tr("Reason:"))
        if not ok:
            return
        approval = self._approval(self.tr("Withdraw leave"))
        if approval is False:
            return
        Op(self, lambda: leave.cancel_leave(self.ctx.db, actor=self.ctx.actor, approval=approval, leave_id=row.id,
                                            reason=reason), changes={"leave", "roster"}).run()

    # -- violations -------------------------------------------------------------------------------------------------
    def record_violation(self) -> None:
        dialog = ViolationDialog(self, self.ctx.db)
        if not dialog.exec():
            return
        approval = self._approval(self.tr("Record violation"))
        if approval is False:
            return
        sid, day, text = dialog.person.currentData(), dialog.day.value(), dialog.description.text()

        def done(v):
            if v.flagged:
                msg = self.tr("%1: violation no. %2 this month — report to the centre.")
            else:
                msg = self.tr("%1: violation no. %2 this month, %3 points.")
            self.message_bar.show_info(msg.replace("%1", v.name).replace("%2", str(v.ordinal))
                                       .replace("%3", f"{v.points_x100 / 100:g}"))

        Op(self, lambda: discipline.record_violation(self.ctx.db, actor=self.ctx.actor, approval=approval,
                                                     staff_id=sid, day=day, description=text),
           changes={"attendance", "points"}).success(done).run()

    def cancel_violation(self) -> None:
        row = _selected(self.vio_table, self.vio_model)
        if row is None or row.cancelled:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Cancel violation"), self.tr("Reason:"))
        if not ok:
            return
        approval = self._approval(self.tr("Cancel violation"))
        if approval is False:
            return
        Op(self, lambda: discipline.cancel_violation(self.ctx.db, actor=self.ctx.actor, approval=approval,
                                                     violation_id=row.id, reason=reason),
           changes={"attendance", "points"}).run()
