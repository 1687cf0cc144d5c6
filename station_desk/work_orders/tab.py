"""工单 tab: the order actions (toolbar and F-keys) over four pages — the dispatch board with live countdowns
(``tab_board``), the follow-up call list (``tab_calls``), the SLA report with a weekly chart (``tab_sla``) and the
major-outage log (``tab_outages``).

Every action asks the service first whether it is allowed for the selected order (``check_action``), so a refusal
shows before a form is filled in; the write itself runs on the database worker (``FormDialog`` / ``Op``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from station_desk.errors import DomainError
from station_desk.qt.feedback import message_for, show_info
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.work_orders import dialogs, queries
from station_desk.work_orders import service as wo
from station_desk.work_orders.tab_board import BoardPage
from station_desk.work_orders.tab_calls import CallsPage
from station_desk.work_orders.tab_outages import OutagesPage
from station_desk.work_orders.tab_sla import SlaPage


class WorkOrdersTab(ModuleTab):
    watches = frozenset({"work_orders", "staff", "customers", "policy"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.add_message_bar(layout)
        layout.addLayout(self._build_actions())
        self.board = BoardPage(ctx)
        self.calls = CallsPage(ctx)
        self.sla = SlaPage(ctx, self.message_bar)
        self.outages = OutagesPage(ctx, self.message_bar)
        self.board.detailRequested.connect(self.show_detail)
        self.calls.detailRequested.connect(self.show_detail)
        self.add_pages(layout, ((self.board, self.tr("Dispatch board")),
                                (self.calls, self.tr("Returned — to call back")), (self.sla, self.tr("SLA report")),
                                (self.outages, self.tr("Major outages"))))

    def _build_actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, shortcut, slot in (
                ("new", self.tr("&New (Ctrl+N)"), "Ctrl+N", self.new_order),
                ("dispatch", self.tr("&Dispatch (F2)"), "F2", self.dispatch),
                ("respond", self.tr("&Responded (F3)"), "F3", self.respond),
                ("follow", self.tr("F&ollow (F4)"), "F4", self.follow),
                ("return", self.tr("Ret&urn (F6)"), "F6", self.return_order),
                ("call", self.tr("&Call back (F7)"), "F7", self.call),
                ("close", self.tr("C&lose (F8)"), "F8", self.close_order),
                ("book", self.tr("Call &later…"), "", self.book_call),
                ("late", self.tr("Late &reason…"), "", self.explain_late),
                ("pause", self.tr("Pause cloc&k…"), "Ctrl+U", self.pause),
                ("resume", self.tr("Resu&me clock"), "", self.resume),
                ("cancel", self.tr("Cancel order"), "Ctrl+Del", self.cancel),
                ("reopen", self.tr("Reo&pen"), "", self.reopen)):
            b = QPushButton(text)
            b.setObjectName(f"wo_{key}")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, activated=slot)
        bar.addStretch(1)
        return bar

    # -- pages -------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.pages.currentWidget().refresh()

    def selected_id(self) -> int | None:
        """The order selected on the page shown (the board or the call list)."""
        page = self.pages.currentWidget()
        return page.selected_id() if hasattr(page, "selected_id") else None

    def focus_default(self) -> None:
        self.board.table.setFocus()

    # -- order actions -----------------------------------------------------------------------------------------------
    def _need(self, action: str | None = None) -> int | None:
        """The selected order, when ``action`` is allowed for it now (else the reason is shown and None)."""
        oid = self.selected_id()
        if oid is None:
            self.message_bar.show_error(self.tr("Select an order first."))
            return None
        if action is not None:
            try:
                wo.check_action(self.ctx.db, order_id=oid, action=action)
            except DomainError as exc:
                self.message_bar.show_error(message_for(exc))
                return None
        return oid

    def _form(self, action: str, make: Callable[[int], object], text: str) -> None:
        """Open ``make(order id)`` for the selected order if the service allows ``action``; %1 in ``text`` is the
        order number."""
        if (oid := self._need(action)) is not None and make(oid).exec():
            self.message_bar.show_info(text.replace("%1", str(oid)))

    def _reason(self, action: str, title: str, label: str, write, text: str) -> None:
        """A reason form for ``write(db, actor=…, order_id=…, reason=…)``."""
        db, actor = self.ctx.db, self.ctx.actor
        self._form(action, lambda oid: dialogs.ReasonDialog(
            self, self.ctx, title.replace("%1", str(oid)), label,
            lambda reason: write(db, actor=actor, order_id=oid, reason=reason)), text)

    def new_order(self) -> None:
        oid = dialogs.open_new_order_dialog(self, self.ctx)
        if oid:
            self.pages.setCurrentWidget(self.board)
            self.refresh()
            self.board.select(oid)
            self.message_bar.show_info(self.tr("Order %1 registered.").replace("%1", str(oid)))

    def dispatch(self) -> None:
        self._form("dispatch", lambda oid: dialogs.DispatchDialog(self, self.ctx, oid),
                   self.tr("Order %1 dispatched."))

    def respond(self) -> None:
        self._form("respond", lambda oid: dialogs.RespondDialog(self, self.ctx, oid), self.tr("Response recorded."))

    def follow(self) -> None:
        self._form("follow", lambda oid: dialogs.FollowDialog(self, self.ctx, oid),
                   self.tr("Follow-up note recorded."))

    def pause(self) -> None:
        self._form("pause", lambda oid: dialogs.PauseDialog(self, self.ctx, oid),
                   self.tr("The clock of order %1 is paused."))

    def resume(self) -> None:
        if (oid := self._need()) is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: wo.resume_order(db, actor=actor, order_id=oid)).success(
            lambda _r: self.message_bar.show_info(self.tr("The clock of order %1 runs again.")
                                                  .replace("%1", str(oid)))).run()

    def return_order(self) -> None:
        self._form("return", lambda oid: dialogs.ReturnDialog(self, self.ctx, oid),
                   self.tr("Order %1 returned; it now waits for the follow-up call."))

    def book_call(self) -> None:
        self._form("book_call", lambda oid: dialogs.CallBackDialog(self, self.ctx, oid),
                   self.tr("Call-back time booked."))

    def call(self) -> None:
        if (oid := self._need("call")) is None:
            return
        d = dialogs.CallDialog(self, self.ctx, oid, queries.get_order(self.ctx.db, oid).amount_fen)
        if not d.exec():
            return
        res = d.result_value
        text = self.tr("Follow-up call recorded.")
        if res.reopened:
            text += self.tr(" Not solved: the order is reopened for dispatch.")
        if res.complaint_order_id:
            text += self.tr(" Unsatisfied: complaint %1 raised for the manager.").replace(
                "%1", str(res.complaint_order_id))
        if res.pay_reminder:
            text += self.tr(" Remind the customer to pay.")
        self.message_bar.show_info(text)

    def close_order(self) -> None:
        """After the follow-up call a close needs nothing more; without one the service asks for the reason."""
        if (oid := self._need()) is None:
            return
        try:
            needs_reason = wo.close_needs_reason(self.ctx.db, order_id=oid)
        except DomainError as exc:
            self.message_bar.show_error(message_for(exc))
            return
        text = self.tr("Order %1 closed; points credited.")
        if needs_reason:
            self._reason("close", self.tr("Close without a follow-up call"), self.tr("&Reason (why no call)"),
                         wo.close_order, text)
            return
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: wo.close_order(db, actor=actor, order_id=oid)).success(
            lambda _r: self.message_bar.show_info(text.replace("%1", str(oid)))).run()

    def cancel(self) -> None:
        self._reason("cancel", self.tr("Cancel order %1"), self.tr("&Reason"), wo.cancel_order,
                     self.tr("Order cancelled."))

    def reopen(self) -> None:
        self._reason("reopen", self.tr("Reopen order %1"), self.tr("&Reason"), wo.reopen_order,
                     self.tr("Order reopened."))

    def explain_late(self) -> None:
        self._reason("explain_late", self.tr("Late reason: order %1"), self.tr("&Reason"), wo.explain_late,
                     self.tr("Late reason recorded."))

    def show_detail(self) -> None:
        if (oid := self._need()) is None:
            return
        d = queries.get_order(self.ctx.db, oid)
        lines = [f"{d.kind_label} · {d.class_label} · {d.status_label}", f"{d.customer_name} {d.phone}",
                 f"{d.area}{d.address}", d.description]
        if d.expiry_date:
            lines.append(self.tr("Customer's service expires %1").replace("%1", d.expiry_date.isoformat()))
        lines += [f"{e.at:%m-%d %H:%M} {e.label} {e.technician} {e.note} {e.reason}".rstrip() for e in d.events]
        show_info(self, "\n".join(lines))
