"""What every page of the 考勤请假 tab does the same way: ask for the manager (or use the signed-in one), ask for a
reason, run a service call through Op, say what happened in the tab's message line."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from station_desk.qt.dialogs.approval import approval_unless_manager
from station_desk.qt.feedback import message_for
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import TabPage
from station_desk.qt.views import fit_columns


class AttendancePage(TabPage):
    def __init__(self, tab) -> None:
        super().__init__(tab.ctx, tab)
        self._fitted = False

    def info(self, text: str) -> None:
        self.tab.message_bar.show_info(text)

    def refusal(self, exc: BaseException) -> None:
        self.tab.message_bar.show_error(message_for(exc))

    def approval(self, action: str):
        """None for the signed-in manager; a manager's PIN otherwise; False when cancelled."""
        return approval_unless_manager(self, self.ctx, action)

    def reason(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def manager_step(self, title: str, call, *, action: str = "", prompt: str = "", reason: str | None = None,
                     done=None) -> None:
        """Ask why (unless ``reason`` is given), then for the manager (or use the signed-in one), then run
        ``call(db, actor, approval, reason)`` on the database worker; either question cancelled: nothing happens."""
        if not reason:
            reason = self.reason(title, prompt or self.tr("Reason:"))
            if reason is None:
                return
        approval = self.approval(action or title)
        if approval is False:
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.run_op(lambda: call(db, actor, approval, reason), done)

    def run_op(self, fn, done=None) -> None:
        """Run a service call on the database worker (Op); ``done(result)`` on success."""
        op = Op(self, fn, ctx=self.ctx)
        if done is not None:
            op.success(done)
        op.run()

    def refresh(self) -> None:
        """Reload what the page shows (through ``self.loads``: on the database worker)."""

    def show_rows(self, rows, table=None) -> None:
        """Show ``rows`` in the page's table, its columns sized from the first rows it gets."""
        table = table or self.table
        table.model().set_rows(rows)
        if not self._fitted and rows:
            fit_columns(table)
            self._fitted = True
