"""站内政策设置: every station number, grouped by section, with SPEC's defaults. A change takes effect from a
chosen date; the manager approves it with the PIN. Lists and tables are edited as JSON in their cell."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLineEdit, QTreeWidget,
                               QTreeWidgetItem)

from station_desk import clock
from station_desk.errors import DomainError
from station_desk.qt.dialogs.approval import ask_manager_approval
from station_desk.policy import service as policy
from station_desk.policy.station_policy import StationPolicy
from station_desk.qt.feedback import message_for
from station_desk.qt.ops import Op
from station_desk.qt.widgets import DateEdit, dialog_layout
from station_desk.settings import service as settings

_KEY = Qt.ItemDataRole.UserRole


class PolicyDialog(QDialog):
    def __init__(self, parent, ctx) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = dialog_layout(self, self.tr("Station policy"), size=(900, 640), message_bar=True, intro=self.tr(
            "The station's rules as numbers. Defaults come from the station regulations. A change applies from the "
            "date below; earlier months keep the rules that were in force then. Double-click a value (or press F2) "
            "to change it."))
        self.tree = QTreeWidget()
        self.tree.setObjectName("policyTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Setting"), self.tr("Value"), self.tr("Key")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # the key (work_orders.respond_minutes) is what a policy file for `station-desk policy set` names: kept in
        # the hidden third column and shown as the row's tooltip, never as text on the screen
        self.tree.setColumnHidden(2, True)
        layout.addWidget(self.tree, 1)
        form = QFormLayout()
        self.effective = DateEdit(clock.today())
        self.note = QLineEdit()
        form.addRow(self.tr("&Effective from"), self.effective)
        form.addRow(self.tr("&Reason"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save with manager's PIN"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        current = policy.current_policy(ctx.db)
        data = json.loads(current.model_dump_json())
        for section, field in StationPolicy.model_fields.items():
            top = QTreeWidgetItem([field.description or section, "", section])
            self.tree.addTopLevelItem(top)
            section_model = field.annotation
            for key, value in data[section].items():
                sub = section_model.model_fields.get(key)
                label = (sub.description if sub is not None and sub.description else key)
                text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else _scalar(value)
                item = QTreeWidgetItem([label, text, f"{section}.{key}"])
                item.setToolTip(0, f"{section}.{key}")
                item.setData(1, _KEY, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                top.addChild(item)
            top.setExpanded(True)
        self.tree.itemDoubleClicked.connect(lambda item, _c: item.parent() and self.tree.editItem(item, 1))

    def document(self) -> dict:
        doc: dict = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            section = top.text(2)
            doc[section] = {}
            for j in range(top.childCount()):
                item = top.child(j)
                key = item.text(2).split(".", 1)[1]
                original = item.data(1, _KEY)
                text = item.text(1).strip()
                if isinstance(original, (list, dict)):
                    try:
                        doc[section][key] = json.loads(text)
                    except ValueError:
                        raise DomainError("policy.invalid", detail=f"{item.text(0)}：JSON 格式不对") from None
                elif isinstance(original, bool):
                    doc[section][key] = text.lower() in ("true", "1", "是", "yes")
                else:
                    doc[section][key] = text
        return doc

    def _save(self) -> None:
        try:
            parsed = policy.parse_policy(self.document())
        except DomainError as exc:
            self.message_bar.show_error(exc.message)
            return
        approval = ask_manager_approval(self, self.ctx, self.tr("Change the station policy"))
        if approval is None:
            return
        db, actor, effective, note = self.ctx.db, self.ctx.actor, self.effective.value(), self.note.text()
        self.save_button.setEnabled(False)
        Op(self, lambda: settings.set_policy(db, actor=actor, approval=approval, effective_from=effective,
                                             policy=parsed, note=note), ctx=self.ctx) \
            .success(lambda _r: self.accept()).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message_bar.show_error(message_for(exc))


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
