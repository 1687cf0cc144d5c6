"""Open every dialog of the program on a busy demo station (zh_CN), as a manager would, and check what a person
sees: no English word that is not a proper noun, no label whose text is wider than the label, no dialog larger than
a 1366×768 screen, no two controls answering the same Alt+letter, no "&" shown as text. Every QDialog subclass in
station_desk must be listed here (a new dialog fails the test until it is walked)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import shutil

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.fixtures.demo import BUSY_AT
from tests.gui.qt.test_walk_every_screen import clipped_labels, english_words, mnemonics, visible_texts


def every_dialog_class() -> set[str]:
    import station_desk

    for m in pkgutil.walk_packages(station_desk.__path__, "station_desk."):
        if ".forms." in m.name or "migrations" in m.name or m.name.endswith("__main__"):
            continue
        importlib.import_module(m.name)
    found = set()

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("station_desk."):
                found.add(f"{sub.__module__}.{sub.__qualname__}")
            walk(sub)

    walk(QDialog)
    return found


#: base classes that are never shown themselves
ABSTRACT = {"station_desk.qt.form_dialog.FormDialog", "station_desk.attendance.dialogs.ManagerForm",
            "station_desk.gift_stock.tab_forms._GiftForm"}


class Station:
    """What the builders need from the demo station: ids and rows in the right states."""

    def __init__(self, ctx, tmp_path):
        from station_desk.attendance import leave
        from station_desk.customers import service as customers
        from station_desk.gift_stock import queries as gifts
        from station_desk.points import month as M
        from station_desk.staff import service as staff
        from station_desk.work_orders import queries as orders

        self.ctx, self.tmp = ctx, tmp_path
        db = ctx.db
        self.today = BUSY_AT.date()
        self.month = f"{self.today:%Y-%m}"
        self.staff = [r for r in staff.list_staff(db)]
        self.people = M.month_points(db, self.month).people
        self.order_id = orders.list_orders(db)[0].id if hasattr(orders, "list_orders") else 1
        self.leave = next(iter(leave.list_leave(db)), None)
        self.issue = next((r for r in gifts.list_moves(db) if getattr(r, "kind", "") == "issue"), None)
        self.customer_id = customers.search_customers(db, "1")[0].id
        start = self.today - dt.timedelta(days=7)
        self.expiring = customers.list_expiring(db, start=start, end=self.today + dt.timedelta(days=30))[0]

    def pdf(self) -> str:
        from station_desk.reports.points_sheet import render_points_sheet

        path = self.tmp / "积分公示表.pdf"
        render_points_sheet(self.ctx.db, self.month, path)
        return str(path)

    def backup(self) -> str:
        from station_desk.backup import service as backup

        return str(backup.backup_before(self.ctx.db, "manual"))

    def drill(self):
        from station_desk.overview import drill

        return drill.rows_for(self.ctx.db, "orders:open", BUSY_AT)


def builders(st: Station) -> dict:
    """Dialog class → how a person opens it (its arguments from the station)."""
    from station_desk.assets import service as assets_service

    ctx, p = st.ctx, None
    m = "station_desk."
    return {
        m + "overview.tab.DrillDialog": lambda: _cls(m + "overview.tab.DrillDialog")(p, st.drill(), lambda _k: None),
        m + "attendance.dialogs.LeaveRequestDialog": lambda: _cls(m + "attendance.dialogs.LeaveRequestDialog")(p, ctx),
        m + "attendance.dialogs.LeaveApproveDialog": lambda: _cls(m + "attendance.dialogs.LeaveApproveDialog")(
            p, ctx, st.leave),
        m + "attendance.dialogs.PunchDialog": lambda: _cls(m + "attendance.dialogs.PunchDialog")(p, ctx),
        m + "attendance.dialogs.ViolationDialog": lambda: _cls(m + "attendance.dialogs.ViolationDialog")(p, ctx),
        m + "gift_stock.dialogs.IssueGiftDialog": lambda: _cls(m + "gift_stock.dialogs.IssueGiftDialog")(
            p, ctx, customer_id=st.customer_id),
        m + "gift_stock.tab_forms.MoveDialog": lambda: _cls(m + "gift_stock.tab_forms.MoveDialog")(p, ctx, "receive"),
        m + "gift_stock.tab_forms.ReturnDialog": lambda: _cls(m + "gift_stock.tab_forms.ReturnDialog")(
            p, ctx, st.issue),
        m + "gift_stock.tab_forms.ItemDialog": lambda: _cls(m + "gift_stock.tab_forms.ItemDialog")(p, ctx),
        m + "gift_stock.tab_forms.PromotionDialog": lambda: _cls(m + "gift_stock.tab_forms.PromotionDialog")(p, ctx),
        m + "assets.tab.AssetDialog": lambda: _cls(m + "assets.tab.AssetDialog")(
            p, ctx, next(iter(assets_service.list_assets(ctx.db)), None)),
        m + "assets.tab.CheckDialog": lambda: _cls(m + "assets.tab.CheckDialog")(p, ctx),
        m + "takings.dialogs.TillCloseDialog": lambda: _cls(m + "takings.dialogs.TillCloseDialog")(p, ctx),
        m + "cash_book.tab_book.EntryDialog": lambda: _cls(m + "cash_book.tab_book.EntryDialog")(p, ctx),
        m + "customers.dialogs.CustomerDialog": lambda: _cls(m + "customers.dialogs.CustomerDialog")(
            p, ctx, st.customer_id),
        m + "customers.dialogs.CallOutcomeDialog": lambda: _cls(m + "customers.dialogs.CallOutcomeDialog")(
            p, ctx, st.expiring),
        m + "customers.dialogs.ImportDialog": lambda: _cls(m + "customers.dialogs.ImportDialog")(p, ctx),
        m + "rewards.dialogs.WeekDialog": lambda: _cls(m + "rewards.dialogs.WeekDialog")(p, ctx, st.people, st.today),
        m + "rewards.dialogs.RewardAdjustmentDialog": lambda: _cls(m + "rewards.dialogs.RewardAdjustmentDialog")(
            p, ctx, st.people, st.month),
        m + "points.dialogs.ManualItemDialog": lambda: _cls(m + "points.dialogs.ManualItemDialog")(
            p, ctx, st.people, st.today),
        m + "points.dialogs.CompanyFiguresDialog": lambda: _company_figures(st),
        m + "points.dialogs.FactDialog": lambda: _cls(m + "points.dialogs.FactDialog")(p, ctx, st.people, st.today),
        m + "points.dialogs.AdjustmentDialog": lambda: _cls(m + "points.dialogs.AdjustmentDialog")(
            p, ctx, st.people, st.month),
        m + "staff.tab.StaffDialog": lambda: _cls(m + "staff.tab.StaffDialog")(p, ctx, st.staff[1]),
        m + "staff.tab.RoleChangeDialog": lambda: _cls(m + "staff.tab.RoleChangeDialog")(p, ctx, st.staff[1]),
        m + "work_orders.dialogs.NewOrderDialog": lambda: _cls(m + "work_orders.dialogs.NewOrderDialog")(
            p, ctx, customer_id=st.customer_id),
        **{m + f"work_orders.dialogs.{name}": (lambda name=name: _cls(m + f"work_orders.dialogs.{name}")(
            p, ctx, st.order_id)) for name in ("DispatchDialog", "RespondDialog", "FollowDialog", "ReturnDialog",
                                               "CallDialog", "CallBackDialog", "PauseDialog")},
        m + "work_orders.dialogs.ReasonDialog": lambda: _cls(m + "work_orders.dialogs.ReasonDialog")(
            p, ctx, "取消工单", "原因(&R)", lambda _r: None),
        m + "work_orders.dialogs.OutageDialog": lambda: _cls(m + "work_orders.dialogs.OutageDialog")(p, ctx),
        m + "backup.dialogs.PassphraseDialog": lambda: _cls(m + "backup.dialogs.PassphraseDialog")(p),
        m + "backup.dialogs.RestoreDialog": lambda: _cls(m + "backup.dialogs.RestoreDialog")(p, ctx, st.backup()),
        m + "backup.dialogs.ServerRestoreDialog": lambda: _cls(m + "backup.dialogs.ServerRestoreDialog")(
            p, ctx, st.backup()),
        m + "backup.dialogs_recovery.RecoveryDialog": lambda: _cls(m + "backup.dialogs_recovery.RecoveryDialog")(
            p, ctx.db.path, "数据文件已损坏。"),
        m + "rest_roster.dialogs.HolidayDialog": lambda: _cls(m + "rest_roster.dialogs.HolidayDialog")(
            p, ctx, st.today),
        m + "qt.pdf_preview.PdfPreviewDialog": lambda: _cls(m + "qt.pdf_preview.PdfPreviewDialog")(p, st.pdf()),
        m + "qt.dialogs.settings.PolicyDialog": lambda: _cls(m + "qt.dialogs.settings.PolicyDialog")(p, ctx),
        m + "qt.dialogs.sign_in.SignInDialog": lambda: _cls(m + "qt.dialogs.sign_in.SignInDialog")(p, ctx.db),
        m + "qt.dialogs.sign_in.FirstManagerDialog": lambda: _cls(m + "qt.dialogs.sign_in.FirstManagerDialog")(
            p, ctx.db),
        m + "qt.dialogs.sign_in.ChangePinDialog": lambda: _cls(m + "qt.dialogs.sign_in.ChangePinDialog")(p, ctx),
        m + "qt.dialogs.check.CheckDialog": lambda: _cls(m + "qt.dialogs.check.CheckDialog")(p, ctx),
        m + "qt.dialogs.sign_in.ShortPinDialog": lambda: _cls(m + "qt.dialogs.sign_in.ShortPinDialog")(
            p, ctx.db, ctx.actor, "1234"),
        m + "work_orders.dialogs.PauseDialog": lambda: _cls(m + "work_orders.dialogs.PauseDialog")(
            p, ctx, st.order_id),
        m + "qt.dialogs.approval.ManagerApprovalDialog": lambda: _cls(m + "qt.dialogs.approval.ManagerApprovalDialog")(
            p, ctx, "批准即时奖励"),
    }


def _cls(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _company_figures(st: Station):
    from station_desk.points import service as P
    from station_desk.points.dialogs import CompanyFiguresDialog

    return CompanyFiguresDialog(None, st.ctx, P.month_inputs(st.ctx.db, st.month), st.people)


def test_every_dialog_class_is_walked():
    names = every_dialog_class() - ABSTRACT
    missing = sorted(n for n in names if n not in _listed_names())
    assert missing == [], f"dialogs the walk does not open: {missing}"


def _listed_names() -> set[str]:
    class _Nothing:
        def __getattr__(self, _name):
            return None

    return set(builders(_Nothing()).keys())


def test_every_dialog_reads_in_chinese_fits_and_has_one_key_per_letter(zh_app, qtbot, busy_demo_path, tmp_path,
                                                                        fake_now):
    from station_desk.actor import Actor
    from station_desk.db.engine import Database
    from station_desk.qt.context import AppContext
    from station_desk.staff import service as staff
    from tests.gui_helpers import wait_ops

    fake_now(BUSY_AT)
    path = tmp_path / "station.db"
    shutil.copyfile(busy_demo_path, path)
    db = Database(path)
    manager = next(r for r in staff.list_staff(db) if r.role == "manager")
    ctx = AppContext(db=db, actor=Actor(manager.id, manager.name, "manager"))
    st = Station(ctx, tmp_path)
    problems: list[str] = []
    for name, build in sorted(builders(st).items()):
        short = name.removeprefix("station_desk.")
        try:
            dialog = build()
        except Exception as exc:  # noqa: BLE001 - a dialog that cannot open is a finding, not a crash of the walk
            problems.append(f"[{short}] cannot open: {type(exc).__name__}: {exc}")
            continue
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        wait_ops(qtbot, timeout=20000)
        qtbot.wait(60)
        QApplication.processEvents()
        size = dialog.frameGeometry().size()
        if size.width() > 1366 or size.height() > 768:
            problems.append(f"[{short}] {size.width()}×{size.height()} is larger than a 1366×768 screen")
        problems += [f"[{short}] {p}" for p in english_words(visible_texts(dialog))]
        problems += [f"[{short}] English title {dialog.windowTitle()!r}" for _ in
                     english_words([("title", dialog.windowTitle())])[:1]]
        problems += [f"[{short}] clipped {p}" for p in clipped_labels(dialog)]
        problems += [f"[{short}] mnemonic {p}" for p in mnemonics(dialog)]
        dialog.reject()
        dialog.hide()
        dialog.deleteLater()
        QApplication.processEvents()
    db.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture(autouse=True)
def _no_stray_windows():
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QWidget) and w.isVisible() and isinstance(w, QDialog):
            w.hide()
