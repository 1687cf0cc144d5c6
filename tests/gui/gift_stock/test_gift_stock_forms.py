"""The gift item and promotion forms: a new gift by keyboard, a promotion set up with the manager's PIN."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from station_desk.gift_stock import service as gifts
from tests.gui_helpers import activate, on_modal, type_text, wait_ops
from tests.fixtures.gifts import station  # noqa: F401


def test_new_item_and_promotion(zh_app, qtbot, station, make_ctx, tmp_path):  # noqa: F811
    from PySide6.QtGui import QColor, QPixmap

    from station_desk.gift_stock.tab_forms import ItemDialog, PromotionDialog

    st = station
    photo = tmp_path / "umbrella.png"
    pix = QPixmap(40, 30)
    pix.fill(QColor("#3366cc"))
    pix.save(str(photo))
    dlg = ItemDialog(None, make_ctx(st.clerk))
    qtbot.addWidget(dlg)
    activate(qtbot, dlg)
    type_text(qtbot, dlg.name, "雨伞")
    dlg.unit.setText("把")
    qtbot.keyClicks(dlg.cost, "18.5")
    dlg.low.setValue(6)
    dlg.photo.setText(str(photo))
    dlg.photo.editingFinished.emit()
    assert dlg.photo_view.pixmap() is not None and not dlg.photo_view.pixmap().isNull()
    qtbot.keyClick(dlg.note, Qt.Key.Key_Return)
    wait_ops(qtbot)
    item = next(r for r in gifts.list_items(st.db) if r.name == "雨伞")
    assert (item.unit, item.unit_cost_fen, item.low_stock, item.photo_path) == ("把", 1850, 6, str(photo))

    promo = PromotionDialog(None, make_ctx(st.clerk))
    qtbot.addWidget(promo)
    activate(qtbot, promo)
    type_text(qtbot, promo.name, "新装送雨伞")
    promo.item.setCurrentIndex(promo.item.findData(item.id))
    promo.valid_from.set_value(dt.date(2026, 11, 1))

    def pin(box):
        box.pin_edit.setText("2468")
        qtbot.keyClick(box.pin_edit, Qt.Key.Key_Return)

    on_modal(pin, name="ManagerApprovalDialog")
    qtbot.keyClick(promo.note, Qt.Key.Key_Return)
    wait_ops(qtbot)
    rows = gifts.list_promotions(st.db)
    assert [(r.name, r.action, r.item_name, r.valid_to) for r in rows] == [
        ("新装送雨伞", "new_install", "雨伞", dt.date(2026, 12, 31))]
