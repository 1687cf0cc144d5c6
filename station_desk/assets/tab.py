"""资产台账 tab: the station's equipment and tools (tag, holder, location, state), and the periodic check (核对).
Keyboard: Ctrl+N new asset, Enter / double-click edit, Ctrl+K start a check round (F = found, M = missing,
D = damaged on the selected line; Enter records the round)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from station_desk import clock
from station_desk.assets import service as assets
from station_desk.money import fmt_fen
from station_desk.qt.feedback import message_for
from station_desk.qt.form_dialog import FormDialog
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import fit_columns, make_table, selected_row, stacked
from station_desk.qt.widgets import DateEdit, dialog_layout, ok_cancel

_BAD = {"missing": "#fdecea", "damaged": "#fff4e5", "repair": "#fff4e5"}


def _staff_box(ctx, selected: int | None) -> QComboBox:
    from station_desk.staff import service as staff

    box = QComboBox(objectName="assetHolder")
    box.addItem("—", None)
    for r in staff.list_staff(ctx.db):
        box.addItem(f"{r.name}（{r.role_label}）", r.id)
    box.setCurrentIndex(max(0, box.findData(selected)))
    return box


class AssetDialog(FormDialog):
    def __init__(self, parent, ctx, row: assets.AssetRow | None = None) -> None:
        super().__init__(parent, ctx, self.tr("Asset"), name="AssetDialog")
        self.asset = row
        self.tag = self.line(self.tr("&Tag No."), name="assetTag")
        self.name = self.line(self.tr("&Name"), name="assetName")
        self.category = self.line(self.tr("Cate&gory"), name="assetCategory")
        self.model = self.line(self.tr("&Model"), name="assetModel")
        self.holder = self.row(self.tr("&Held by"), _staff_box(ctx, row.holder_id if row else None))
        self.location = self.line(self.tr("&Location"), name="assetLocation")
        self.status = self.combo(self.tr("&State"), {code: label for code, label in assets.STATUSES.items()
                                                      if code != "scrapped" or row is not None}, name="assetStatus")
        self.acquired = DateEdit(clock.today())
        self.has_acquired = QCheckBox(self.tr("known"))
        acq = QWidget()
        acq_row = QHBoxLayout(acq)
        acq_row.setContentsMargins(0, 0, 0, 0)
        acq_row.addWidget(self.acquired)
        acq_row.addWidget(self.has_acquired)
        self.row(self.tr("&Acquired on"), acq)
        self.value = self.money(self.tr("&Value (yuan)"))
        self.note = self.line(self.tr("N&ote"), name="assetNote")
        self.reason = self.line(self.tr("&Reason for the change"), name="assetReason")
        if row is not None:
            self._fill(row)
        (self.tag if row is None else self.holder).setFocus()

    def _fill(self, row: assets.AssetRow) -> None:
        for edit, value in ((self.tag, row.tag), (self.name, row.name), (self.category, row.category),
                            (self.model, row.model), (self.location, row.location), (self.note, row.note)):
            edit.setText(value)
        self.status.setCurrentIndex(max(0, self.status.findData(row.status)))
        if row.acquired_on:
            self.acquired.set_value(row.acquired_on)
            self.has_acquired.setChecked(True)
        self.value.set_fen(row.value_fen)

    def work(self):
        from station_desk.qt.dialogs.approval import ask_manager_approval

        ctx, row = self.ctx, self.asset
        fields = dict(tag=self.tag.text(), name=self.name.text(), category=self.category.text(),
                      model=self.model.text(), holder_id=self.holder.currentData(), location=self.location.text(),
                      status=self.status.currentData(), value_fen=self.value.fen(), note=self.note.text(),
                      acquired_on=self.acquired.value() if self.has_acquired.isChecked() else None)
        if row is None:
            return lambda: assets.add_asset(ctx.db, actor=ctx.actor, **fields)
        reason, approval = self.reason.text(), None
        if assets.needs_approval(fields["status"], reason):  # the service decides (and refuses a missing reason)
            approval = ask_manager_approval(self, ctx, "资产报废")
            if approval is None:
                return None
        return lambda: assets.update_asset(ctx.db, actor=ctx.actor, asset_id=row.id, approval=approval,
                                           reason=reason, **fields)


class CheckDialog(QDialog):
    """One check round: every asset listed with 'found' preselected; F/M/D change the selected line."""

    KEYS = {Qt.Key.Key_F: "found", Qt.Key.Key_M: "missing", Qt.Key.Key_D: "damaged"}

    def __init__(self, parent, ctx) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = dialog_layout(self, self.tr("Asset check"), name="AssetCheckDialog", size=(760, 480), message_bar=True)
        lay.addWidget(QLabel(self.tr("Check every asset: F = found, M = missing, D = damaged. Enter records.")))
        top = QHBoxLayout()
        self.day = DateEdit(clock.today())
        self.note = QLineEdit(objectName="checkNote")
        top.addWidget(QLabel(self.tr("Date")))
        top.addWidget(self.day)
        top.addWidget(QLabel(self.tr("Note")))
        top.addWidget(self.note, 1)
        lay.addLayout(top)
        self.rows = assets.list_assets(ctx.db)
        self.table = QTableWidget(len(self.rows), 5, objectName="checkTable")
        self.table.setHorizontalHeaderLabels([self.tr("Tag"), self.tr("Asset"), self.tr("Held by"),
                                              self.tr("Location"), self.tr("Result")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.results: dict[int, str] = {}
        for r, a in enumerate(self.rows):
            for c, text in enumerate((a.tag, a.name, a.holder, a.location)):
                self.table.setItem(r, c, QTableWidgetItem(text))
            self.set_result(r, "found")
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)
        lay.addWidget(self.table, 1)
        buttons = ok_cancel(self, self.tr("Record check"), self._save)
        lay.addWidget(buttons)
        if self.rows:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    def set_result(self, row: int, result: str) -> None:
        self.results[self.rows[row].id] = result
        self.table.setItem(row, 4, QTableWidgetItem(assets.RESULTS[result]))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.table and event.type() == QEvent.Type.KeyPress and event.key() in self.KEYS:
            row = self.table.currentRow()
            if row >= 0:
                self.set_result(row, self.KEYS[event.key()])
                self.table.setCurrentCell(min(row + 1, self.table.rowCount() - 1), 0)
            return True
        return super().eventFilter(obj, event)

    def _save(self) -> None:
        ctx, day, results, note = self.ctx, self.day.value(), dict(self.results), self.note.text()
        Op(self, lambda: assets.record_check(ctx.db, actor=ctx.actor, day=day, results=results, note=note), ctx=ctx) \
            .success(lambda _r: self.accept()).failure(lambda exc: self.message_bar.show_error(message_for(exc))).run()


class AssetsTab(ModuleTab):
    watches = frozenset({"assets", "staff"})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        self.add_message_bar(lay)
        bar = QHBoxLayout()
        for text, seq, slot in ((self.tr("New asset (Ctrl+N)"), "Ctrl+N", self.new_asset),
                                (self.tr("Edit (Enter)"), None, self.edit_selected),
                                (self.tr("Check round (Ctrl+K)"), "Ctrl+K", self.check_round)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
            if seq:
                QShortcut(QKeySequence(seq), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_scrapped = QCheckBox(self.tr("Show scrapped"))
        self.show_scrapped.toggled.connect(lambda _v: self.refresh())
        bar.addWidget(self.show_scrapped)
        bar.addStretch(1)
        self.summary = QLabel(objectName="assetSummary")
        bar.addWidget(self.summary)
        lay.addLayout(bar)
        self.model = RowTableModel([
            Column(self.tr("Tag"), lambda r: r.tag), Column(self.tr("Asset"), lambda r: r.name),
            Column(self.tr("Category"), lambda r: r.category), Column(self.tr("Model"), lambda r: r.model),
            Column(self.tr("Held by"), lambda r: r.holder), Column(self.tr("Location"), lambda r: r.location),
            Column(self.tr("State"), lambda r: r.status_label),
            Column(self.tr("Value"), lambda r: fmt_fen(r.value_fen), "right"),
            Column(self.tr("Last check"), lambda r: f"{r.last_check.isoformat()} {r.last_result}"
                   if r.last_check else "")], self, background=lambda r: _BAD.get(r.status))
        self.view = make_table(self.model, name="assetTable")
        self._fitted = False
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.activated.connect(lambda _i: self.edit_selected())
        self.checks_model = RowTableModel([
            Column(self.tr("Check date"), lambda r: r.day.isoformat()), Column(self.tr("By"), lambda r: r.checked_by),
            Column(self.tr("Found"), lambda r: r.found, "right"),
            Column(self.tr("Missing"), lambda r: r.missing, "right"),
            Column(self.tr("Damaged"), lambda r: r.damaged, "right"), Column(self.tr("Note"), lambda r: r.note)],
            self)
        checks = make_table(self.checks_model, name="checkHistory")
        lay.addWidget(stacked(self.view, checks, stretch=(3, 1)), 1)

    def refresh(self) -> None:
        db, scrapped = self.ctx.db, self.show_scrapped.isChecked()
        self.load(lambda: (assets.list_assets(db, include_scrapped=scrapped), assets.list_checks(db)),
                  lambda result: self._show(*result))

    def _show(self, rows, checks) -> None:
        current = selected_row(self.view)
        self.model.set_rows(rows)
        if not self._fitted and rows:  # sized once, from the first rows
            fit_columns(self.view)
            self._fitted = True
        if current is not None:  # the asset just edited stays selected
            at = next((i for i, r in enumerate(rows[:self.model.rowCount()]) if r.id == current.id), None)
            if at is not None:
                self.view.selectRow(at)
        self.checks_model.set_rows(checks)
        bad = sum(1 for r in rows if r.status in ("missing", "damaged"))
        self.summary.setText(self.tr("%1 assets, value %2 yuan; missing or damaged: %3")
                             .replace("%1", str(len(rows))).replace("%2", fmt_fen(sum(r.value_fen for r in rows)))
                             .replace("%3", str(bad)))

    def focus_default(self) -> None:
        self.view.setFocus()

    def new_asset(self) -> None:
        AssetDialog(self, self.ctx).exec()

    def edit_selected(self) -> None:
        row = selected_row(self.view)
        if row is not None and row.status != "scrapped":
            AssetDialog(self, self.ctx, row).exec()

    def check_round(self) -> None:
        CheckDialog(self, self.ctx).exec()
