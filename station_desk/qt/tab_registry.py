"""The tabs of the main window, in order. Each is imported and built the first time it is shown (start-up imports
only the first tab), so its class is named by a small loader function, not imported here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


@dataclass(frozen=True)
class TabSpec:
    key: str
    loader: Callable[[], type]
    title: str  # English source, translated in context "Tabs"
    manager_only: bool = False
    #: what the background warm-up (``qt.warmup``) may read ahead of the tab's first open, on the database worker:
    #: ``warm(db)`` fills the caches its reads share (never the tab itself)
    warm: Callable[[object], None] | None = None
    #: the warm-up also builds the tab itself, hidden, with its data read and drawn (``MainWindow.build_ahead``):
    #: for a tab whose drawing alone is a noticeable part of its first open (the overview's hundred numbers)
    build_ahead: bool = False

    @property
    def translated_title(self) -> str:
        return QCoreApplication.translate("Tabs", self.title)

    def load(self) -> type:
        return self.loader()


# -- loaders: the import happens when the tab is first shown --------------------------------------------------------
def _overview():
    from station_desk.overview.tab import OverviewTab
    return OverviewTab


def _contact_log():
    from station_desk.contact_log.tab import ContactLogTab
    return ContactLogTab


def _work_orders():
    from station_desk.work_orders.tab import WorkOrdersTab
    return WorkOrdersTab


def _customers():
    from station_desk.customers.tab import CustomersTab
    return CustomersTab


def _gift_stock():
    from station_desk.gift_stock.tab import GiftStockTab
    return GiftStockTab


def _assets():
    from station_desk.assets.tab import AssetsTab
    return AssetsTab


def _rest_roster():
    from station_desk.rest_roster.tab import RosterTab
    return RosterTab


def _attendance():
    from station_desk.attendance.tab import AttendanceTab
    return AttendanceTab


def _points():
    from station_desk.points.tab import PointsTab
    return PointsTab


def _rewards():
    from station_desk.rewards.tab import RewardsTab
    return RewardsTab


def _rewards_warm(db) -> None:
    """The month the tab opens on, read once: its statements, pages and the work orders' evaluated orders."""
    from station_desk import clock
    from station_desk.month import Month
    from station_desk.rewards.service import month_rewards
    month_rewards(db, Month.of(clock.today()))


def _cash_book():
    from station_desk.cash_book.tab import CashBookTab
    return CashBookTab


def _backup():
    from station_desk.backup.tab import BackupTab
    return BackupTab


def _staff():
    from station_desk.staff.tab import StaffTab
    return StaffTab


def _audit():
    from station_desk.audit.tab import AuditTab
    return AuditTab


TABS: list[TabSpec] = [
    TabSpec("overview", _overview, QT_TRANSLATE_NOOP("Tabs", "Overview"), build_ahead=True),
    TabSpec("contact_log", _contact_log, QT_TRANSLATE_NOOP("Tabs", "Front desk")),
    TabSpec("work_orders", _work_orders, QT_TRANSLATE_NOOP("Tabs", "Work orders")),
    TabSpec("customers", _customers, QT_TRANSLATE_NOOP("Tabs", "Customers")),
    TabSpec("gift_stock", _gift_stock, QT_TRANSLATE_NOOP("Tabs", "Gifts")),
    TabSpec("assets", _assets, QT_TRANSLATE_NOOP("Tabs", "Assets")),
    TabSpec("rest_roster", _rest_roster, QT_TRANSLATE_NOOP("Tabs", "Rest roster")),
    TabSpec("attendance", _attendance, QT_TRANSLATE_NOOP("Tabs", "Attendance & leave")),
    TabSpec("points", _points, QT_TRANSLATE_NOOP("Tabs", "Points")),
    TabSpec("rewards", _rewards, QT_TRANSLATE_NOOP("Tabs", "Instant rewards"), warm=_rewards_warm),
    TabSpec("cash_book", _cash_book, QT_TRANSLATE_NOOP("Tabs", "Accounts")),
    TabSpec("backup", _backup, QT_TRANSLATE_NOOP("Tabs", "Backup")),
    TabSpec("staff", _staff, QT_TRANSLATE_NOOP("Tabs", "Staff")),
    TabSpec("audit", _audit, QT_TRANSLATE_NOOP("Tabs", "Audit log"), manager_only=True),
]


def available_tabs() -> list[TabSpec]:
    return list(TABS)
