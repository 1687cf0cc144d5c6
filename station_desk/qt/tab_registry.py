"""The tabs of the main window, in order. A tab appears once its module file exists; it is imported and built
the first time it is shown (start-up imports only the first tab)."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


@dataclass(frozen=True)
class TabSpec:
    key: str
    module: str
    class_name: str
    title: str  # English source, translated in context "Tabs"
    manager_only: bool = False

    @property
    def translated_title(self) -> str:
        return QCoreApplication.translate("Tabs", self.title)

    def available(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False

    def load(self):
        return getattr(importlib.import_module(self.module), self.class_name)


TABS: list[TabSpec] = [
    TabSpec("contact_log", "station_desk.contact_log.tab", "ContactLogTab", QT_TRANSLATE_NOOP("Tabs", "Front desk")),
    TabSpec("work_orders", "station_desk.work_orders.tab", "WorkOrdersTab", QT_TRANSLATE_NOOP("Tabs", "Work orders")),
    TabSpec("customers", "station_desk.customers.tab", "CustomersTab", QT_TRANSLATE_NOOP("Tabs", "Customers")),
    TabSpec("gift_stock", "station_desk.gift_stock.tab", "GiftStockTab", QT_TRANSLATE_NOOP("Tabs", "Gifts")),
    TabSpec("assets", "station_desk.assets.tab", "AssetsTab", QT_TRANSLATE_NOOP("Tabs", "Assets")),
    TabSpec("rest_roster", "station_desk.rest_roster.tab", "RosterTab", QT_TRANSLATE_NOOP("Tabs", "Rest roster")),
    TabSpec("attendance", "station_desk.attendance.tab", "AttendanceTab",
            QT_TRANSLATE_NOOP("Tabs", "Attendance & leave")),
    TabSpec("points", "station_desk.points.tab", "PointsTab", QT_TRANSLATE_NOOP("Tabs", "Points")),
    TabSpec("rewards", "station_desk.rewards.tab", "RewardsTab", QT_TRANSLATE_NOOP("Tabs", "Instant rewards")),
    TabSpec("cash_book", "station_desk.cash_book.tab", "CashBookTab", QT_TRANSLATE_NOOP("Tabs", "Accounts")),
    TabSpec("backup", "station_desk.backup.tab", "BackupTab", QT_TRANSLATE_NOOP("Tabs", "Backup")),
    TabSpec("staff", "station_desk.staff.tab", "StaffTab", QT_TRANSLATE_NOOP("Tabs", "Staff")),
    TabSpec("audit", "station_desk.audit.tab", "AuditTab", QT_TRANSLATE_NOOP("Tabs", "Audit log"),
            manager_only=True),
]


def available_tabs() -> list[TabSpec]:
    return [t for t in TABS if t.available()]
