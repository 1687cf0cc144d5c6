"""Customer dialogs: edit a customer (the full phone is shown only here), record a follow-up call, import a
spreadsheet with column mapping and preview."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QGridLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.customers import service as customers
from station_desk.errors import DomainError
from station_desk.qt.feedback import MessageBar, message_for
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.ops import Op
from station_desk.qt.widgets import action_buttons


class CustomerDialog(FormDialog):
    def __init__(self, parent: QWidget | None, ctx, customer_id: int | None = None) -> None:
        super().__init__(parent, ctx, self.tr("Customer") if customer_id else self.tr("New customer"),
                         name="CustomerDialog", save_text=self.tr("Save"))
        self.customer_id = customer_id
        pol = ctx.policy().customers
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (("account_no", self.tr("&Account no.")), ("name", self.tr("&Name"))):
            self.edits[key] = self.line(label, name=f"{key}Edit")
        self.area_box = self.combo(self.tr("A&rea"), {"": "", **{a: a for a in pol.areas}})
        for key, label in (("building", self.tr("&Building")), ("unit", self.tr("&Unit")),
                           ("address", self.tr("R&oom / street no.")), ("phone", self.tr("&Phone"))):
            self.edits[key] = self.line(label, name=f"{key}Edit")
        self.package_box = self.combo(self.tr("Pac&kage"), {p.code: p.name for p in pol.packages})
        self.cycle_box = self.combo(self.tr("&Cycle"), pol.cycles)
        self.expiry_edit = self.date(self.tr("&Expiry date"), clock.today())
        self.edits["notes"] = self.line(self.tr("No&tes"))
        if customer_id:
            c = customers.get_customer(ctx.db, customer_id)
            for key in ("account_no", "name", "building", "unit", "phone", "notes"):
                self.edits[key].setText(getattr(c, key))
            self.edits["address"].setText(c.room)
            for box, value in ((self.area_box, c.area), (self.package_box, c.package), (self.cycle_box, c.cycle)):
                box.setCurrentIndex(max(box.findData(value), 0))
            if c.expiry_date:
                self.expiry_edit.set_value(c.expiry_date)
        self.edits["name" if customer_id else "account_no"].setFocus()

    @property
    def saved(self) -> customers.CustomerRow | None:
        return self.result_value

    def values(self) -> dict:
        out = {k: e.text() for k, e in self.edits.items()}
        out.update(area=self.area_box.currentData(), package=self.package_box.currentData(),
                   cycle=self.cycle_box.currentData(), expiry_date=self.expiry_edit.value())
        return out

    def work(self):
        db, actor, cid, values = self.ctx.db, self.ctx.actor, self.customer_id, self.values()
        if cid:
            return lambda: customers.update_customer(db, actor=actor, customer_id=cid, **values)
        return lambda: customers.create_customer(db, actor=actor, **values)


class CallOutcomeDialog(FormDialog):
    def __init__(self, parent: QWidget | None, ctx, row: customers.ExpiringRow) -> None:
        super().__init__(parent, ctx, self.tr("Follow-up call: %1").replace("%1", row.customer.name),
                         name="CallOutcomeDialog", save_text=self.tr("Save"))
        self.expiring = row
        self.row(self.tr("Phone"), QLabel(row.customer.phone))  # the person calling needs the number
        self.row(self.tr("Expires"), QLabel(f"{row.customer.expiry_date}（{row.days_left}）"))
        self.outcome_box = self.combo(self.tr("&Outcome"), customers.CALL_OUTCOMES, name="outcomeBox")
        self.note_edit = self.line(self.tr("&Note"))
        self.outcome_box.setFocus()

    def work(self):
        db, actor, cid = self.ctx.db, self.ctx.actor, self.expiring.customer.id
        outcome, note = self.outcome_box.currentData(), self.note_edit.text()
        return lambda: customers.record_call_outcome(db, actor=actor, customer_id=cid, outcome=outcome, note=note)


class ImportDialog(QDialog):
    """Choose a file, map its columns, preview the rows with their errors, import all or nothing."""

    def __init__(self, parent: QWidget | None, ctx, path: str | None = None) -> None:
        from station_desk.customers import importer as xi

        super().__init__(parent)
        self.ctx = ctx
        self.xi = xi
        self.sheet = None
        self.imported = 0
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Import customers from Excel"))
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        self.message_bar = MessageBar(self)
        layout.addWidget(self.message_bar)
        choose = QPushButton(self.tr("Choose file…"))
        self.file_label = QLabel("")
        layout.addWidget(choose)
        layout.addWidget(self.file_label)
        self.map_grid = QGridLayout()
        self.map_boxes: dict[str, QComboBox] = {}
        for i, (key, (label, _words)) in enumerate(xi.CUSTOMER_FIELDS.items()):
            box = QComboBox()
            box.setObjectName(f"map_{key}")
            self.map_boxes[key] = box
            self.map_grid.addWidget(QLabel(label + ("*" if key in xi.REQUIRED else "")), i // 4, (i % 4) * 2)
            self.map_grid.addWidget(box, i // 4, (i % 4) * 2 + 1)
            box.currentIndexChanged.connect(self.check)
        layout.addLayout(self.map_grid)
        self.preview = QTableWidget()
        self.preview.setObjectName("previewTable")
        layout.addWidget(self.preview, 2)
        self.errors = QListWidget()
        self.errors.setObjectName("errorList")
        layout.addWidget(self.errors, 1)
        buttons, self.ok_button, _ = action_buttons(self, self.tr("Import all rows"), self.submit,
                                                   close_text=self.tr("Cancel"), enabled=False)
        layout.addWidget(buttons)
        choose.clicked.connect(self.choose)
        if path:
            self.load(path)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Customer spreadsheet"), "", "Excel (*.xlsx)")
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        try:
            self.sheet = self.xi.read_sheet(path)
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        self.file_label.setText(self.tr("%1: %2 rows").replace("%1", str(path)).replace("%2",
                                                                                       str(len(self.sheet.rows))))
        guess = self.xi.guess_mapping(self.sheet.headers)
        for key, box in self.map_boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("(none)"), None)
            for i, h in enumerate(self.sheet.headers):
                box.addItem(h or f"#{i + 1}", i)
            box.setCurrentIndex(box.findData(guess[key]) if guess[key] is not None else 0)
            box.blockSignals(False)
        rows = self.sheet.rows[:200]
        self.preview.setColumnCount(len(self.sheet.headers))
        self.preview.setHorizontalHeaderLabels(self.sheet.headers)
        self.preview.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values[:len(self.sheet.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem(self.xi.cell_text(v)))
        self.preview.setVerticalHeaderLabels([str(self.sheet.first_row + i) for i in range(len(rows))])
        self.check()

    def mapping(self) -> dict:
        return {k: b.currentData() for k, b in self.map_boxes.items()}

    def check(self) -> None:
        if self.sheet is None:
            return
        result = self.xi.check_customers(self.ctx.db, self.sheet, self.mapping())
        self.errors.clear()
        for e in result.errors[:500]:
            self.errors.addItem(self.tr("Row %1: %2").replace("%1", str(e.row)).replace("%2", e.message)
                                if e.row else e.message)
        self.ok_button.setEnabled(result.ok)
        if result.ok:
            self.message_bar.show_info(self.tr("%1 rows ready to import.").replace("%1", str(len(result.ready))))
        else:
            self.message_bar.show_error(self.tr("%1 rows have errors: correct the file or the mapping; nothing "
                                                "is imported until every row is right.")
                                        .replace("%1", str(len(result.errors))))

    def submit(self) -> None:
        db, actor, sheet, mapping = self.ctx.db, self.ctx.actor, self.sheet, self.mapping()
        self.ok_button.setEnabled(False)
        op = Op(self, lambda: self.xi.import_customers(db, actor=actor, sheet=sheet, mapping=mapping,
                                                       progress=lambda i, n, _s: op.report(i, n, step)), ctx=self.ctx)
        step = self.tr("writing the customers")
        op.busy(self.tr("Importing customers…")).success(self._imported).failure(self._refused).run()

    def _imported(self, count: int) -> None:
        self.imported = count
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message_bar.show_error(message_for(exc))
