"""概览 — the manager's desk (issue #20): today at the station, the month so far with its charts, and the
month-end checklist. Any role may open it. Everything is read on the DB worker (``Op``) and redrawn when a
table it shows changes; every number is a button that opens the rows behind it, and every checklist item opens
the screen that does it. Late checklist items are also said in the status bar when someone signs in."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from shiboken6 import isValid
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLayout,
                               QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from station_desk.qt.charts import BarChart
from station_desk.qt.ops import Op
from station_desk.qt.tab_base import ModuleTab
from station_desk.qt.table_model import Column, RowTableModel
from station_desk.qt.views import fit_columns, make_table

# One style sheet for the whole tab, the numbers picked by their properties: a sheet set on each of a hundred
# buttons and labels was parsed and polished a hundred times at the tab's first show (issue #15)
STYLE = """
QPushButton[metric="true"] { text-align: left; padding: 1px 4px; }
QPushButton[level="warn"] { color: #9A6700; font-weight: bold; }
QPushButton[level="bad"] { color: #B42318; font-weight: bold; }
QLabel[hint="true"] { color: #666; }
"""
STATUS_BG = {"done": "#E3F1E3", "due": "#FFF4D6", "late": "#F9D9D6"}
log = logging.getLogger(__name__)

#: how often a shown overview reads the parts the clock changes (``clock_moved``)
CLOCK_INTERVAL_MS = 60_000
SHEET_OF_ITEM = {"post_points": "points", "post_accounts": "accounts", "post_rewards": "rewards",
                 "post_roster": "roster"}



def late_duties_text(labels: list[str]) -> str:
    """The status-bar sentence for late month-end duties (also said at sign-in by the main window)."""
    return QCoreApplication.translate("OverviewTab", "Month-end duties overdue: %1").replace("%1", "；".join(labels))

def late_duties_short(count: int) -> str:
    """The same sentence when the whole list does not fit in the status bar: how many, and where to read them."""
    return QCoreApplication.translate("OverviewTab", "Month-end duties overdue: %1 (see the checklist in Overview)") \
        .replace("%1", str(count))


class DrillDialog(QDialog):
    """The rows behind one number, with a button to the tab that keeps them."""

    def __init__(self, parent, drill, open_tab) -> None:
        super().__init__(parent)
        self.setObjectName("overview_drill")
        self.setWindowTitle(drill.title)
        self.drill = drill
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%1 rows").replace("%1", str(len(drill.rows)))))
        self.model = RowTableModel([Column(h, lambda r, i=i: r[i]) for i, h in enumerate(drill.headers)], self)
        self.model.set_rows(list(drill.rows))
        self.view = make_table(self.model, name="overview_drill_table")
        layout.addWidget(self.view)
        fit_columns(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if drill.tab:
            go = buttons.addButton(self.tr("Open the screen"), QDialogButtonBox.ButtonRole.ActionRole)
            go.clicked.connect(lambda: (self.accept(), open_tab(drill.tab)))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)


class OverviewTab(ModuleTab):
    # every topic a part reads (overview.service.PART_TOPICS); after a write only the parts it touched are re-read
    watches = frozenset({"contacts", "takings", "work_orders", "attendance", "roster", "gifts", "customers",
                         "points", "cash", "audit", "backup", "leave", "staff"})

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.today = None
        self.month = None
        self._today_sections: dict = {}
        self.items: list = []
        self._announced = None
        self._changed: set[str] | None = None  # topics written since the last read (None: read everything)
        self._month_parts: dict = {}  # "sla" / "points" / "business": (section, chart) as last read
        self.reads: list[str] = []  # the parts the last refresh read (tests)
        self.setStyleSheet(STYLE)
        outer = QVBoxLayout(self)
        self.add_message_bar(outer)
        head = QHBoxLayout()
        self.when = QLabel()
        self.when.setObjectName("overview_when")
        font = self.when.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.when.setFont(font)
        head.addWidget(self.when, 1)
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh_all)
        head.addWidget(self.refresh_button)
        outer.addLayout(head)
        QShortcut(QKeySequence("F5"), self, activated=self.refresh_all,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # scroll, never squeeze
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.today_box = QGroupBox(self.tr("Today"))
        self.today_grid = QGridLayout(self.today_box)
        self.body.addWidget(self.today_box)
        self.month_box = QGroupBox(self.tr("This month"))
        month_layout = QVBoxLayout(self.month_box)
        self.month_grid = QGridLayout()
        month_layout.addLayout(self.month_grid)
        charts = QHBoxLayout()
        self.sla_chart = BarChart()
        self.sla_chart.setObjectName("overview_sla_chart")
        self.points_chart = BarChart()
        self.points_chart.setObjectName("overview_points_chart")
        self.sla_chart.setMinimumHeight(230)
        self.points_chart.setMinimumHeight(230)
        charts.addWidget(self.sla_chart, 2)
        charts.addWidget(self.points_chart, 3)
        month_layout.addLayout(charts)
        self.sla_chart.activated.connect(lambda i: self._chart_drill(0, i))
        self.points_chart.activated.connect(lambda i: self._chart_drill(1, i))
        self.body.addWidget(self.month_box)

        self.check_box = QGroupBox(self.tr("Month-end checklist"))
        check_layout = QVBoxLayout(self.check_box)
        self.check_model = RowTableModel([
            Column(self.tr("Duty"), lambda i: i.label),
            Column(self.tr("Due"), lambda i: i.due.isoformat(), "center"),
            Column(self.tr("State"), lambda i: i.status_label, "center"),
            Column(self.tr("Details"), lambda i: i.detail),
        ], self, background=lambda i: STATUS_BG.get(i.status))
        self.check_view = make_table(self.check_model, name="overview_checklist")
        self.check_view.setMinimumHeight(220)
        self.check_view.activated.connect(self._open_item)
        check_layout.addWidget(self.check_view)
        row = QHBoxLayout()
        self.open_item_button = QPushButton(self.tr("Open the screen (Enter)"))
        self.open_item_button.clicked.connect(lambda: self._open_item(self.check_view.currentIndex()))
        self.posted_button = QPushButton(self.tr("Mark sheet posted (Ctrl+M)"))
        self.posted_button.setObjectName("overview_mark_posted")
        self.posted_button.clicked.connect(self.mark_posted)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=self.mark_posted,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row.addWidget(self.open_item_button)
        row.addWidget(self.posted_button)
        row.addStretch(1)
        check_layout.addLayout(row)
        self.body.addWidget(self.check_box)
        self.body.addStretch(1)
        self.metric_buttons: dict[str, QPushButton] = {}
        self._boxes: dict[int, dict] = {}  # per grid: the sections shown, with their boxes (``_fill``)
        self._prepared = None  # built ahead: called when the first read is drawn (``prepare``)
        self._clock_due = False  # the minute passed: the clock's parts are read at the next refresh
        self._read_at = None  # station time of the last refresh
        self._minute = QTimer(self)  # while shown: deadlines pass and shifts start without any write
        self._minute.setInterval(CLOCK_INTERVAL_MS)
        self._minute.timeout.connect(self.clock_moved)

    def prepare(self, done) -> None:
        """Built ahead (``TabSpec.build_ahead``): read every part and draw it, hidden. The first show reads every
        part again; the boxes whose numbers are the same are kept (``_fill``)."""
        self._prepared = done
        self.refresh()

    # -- loading --------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the parts the writes since the last read can have changed (all of them the first time, after F5
        or a sign-in): a contact re-reads today's desk, the reminders and the checklist, not the month."""
        from station_desk import clock
        from station_desk.overview import checklist, service

        db, now = self.ctx.db, clock.now()
        parts = service.stale_parts(self._changed)
        if self._clock_due:
            parts = [p for p in service.PART_TOPICS if p in parts or p in service.CLOCK_PARTS]
        self._changed, self._clock_due, self._read_at = set(), False, now
        if self.today is None or self.month is None or self.today.day != now.date():
            parts = service.stale_parts(None)  # nothing drawn yet, a read failed, or another day: read every part
        self.reads = parts
        # the desk's numbers first (the first paint), then orders, people and reminders, the month, the checklist
        if "desk" in parts:
            Op(self, lambda: service.today_view(db, now, part="desk")).success(self._show_today) \
                .failure(self._read_failed).run()
        rest = [p for p in ("orders", "people", "reminders") if p in parts]
        month_parts = [p for p in service.MONTH_PARTS if p in parts]
        check = "checklist" in parts

        def read_the_rest():  # one read, drawn in one pass: the tab is laid out once, not once a part
            return (service.today_view(db, now, part=rest) if rest else None,
                    (month_parts, service.month_view(db, now.date(), parts=month_parts)) if month_parts else None,
                    checklist.checklist(db, now.date()) if check else None)

        if rest or month_parts or check:
            Op(self, read_the_rest).success(self._show_the_rest).failure(self._read_failed).run()

    def clock_moved(self) -> None:
        """Every minute while the tab is shown: read the parts the time of day alone changes
        (``service.CLOCK_PARTS``: today's orders and deadlines, who is on duty, the month's late orders), so a
        screen left open on the overview does not show an order on time after its deadline has passed. A new day
        reads every part (``refresh``)."""
        if self.isVisible():
            self._clock_due = True
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        from station_desk import clock

        # back after a minute or more in another tab: the clock's parts are read now, not at the next tick
        if self._read_at is not None and clock.now() - self._read_at >= dt.timedelta(milliseconds=CLOCK_INTERVAL_MS):
            self._clock_due = self._dirty = True
        self._minute.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self._minute.stop()
        super().hideEvent(event)

    def refresh_all(self) -> None:
        """F5: read every part again."""
        self._changed = None
        self.refresh()

    def _on_changed(self, changes: set[str], initiator) -> None:
        if self._changed is not None:
            self._changed |= set(changes)
        super()._on_changed(changes, initiator)

    def focus_default(self) -> None:
        first = next(iter(self.metric_buttons.values()), None)
        (first or self.refresh_button).setFocus()

    def on_actor_changed(self, actor) -> None:
        self._announced = None
        self._changed = None
        super().on_actor_changed(actor)

    # -- drawing --------------------------------------------------------------------------------------------------
    def _fill(self, grid: QGridLayout, sections, columns: int) -> None:
        """Lay ``sections`` out in ``grid``, ``columns`` boxes a row. A section whose numbers have not changed
        keeps its box: today's desk numbers are not built again when the orders, people and reminders arrive, nor
        the month after a contact (issue #15: a hundred buttons and labels made again at every part)."""
        kept = self._boxes.setdefault(id(grid), {})  # title → (section, box, {key: button})
        while grid.count():
            grid.takeAt(0)  # the boxes stay; they are laid out again below
        shown: dict = {}
        for n, sec in enumerate(sections):
            entry = kept.pop(sec.title, None)
            if entry is None or entry[0] != sec:
                if entry is not None:
                    entry[1].deleteLater()
                entry = (sec, *self._section_box(sec))
            shown[sec.title] = entry
            grid.addWidget(entry[1], n // columns, n % columns)
        for _sec, box, _buttons in kept.values():  # sections no longer shown
            box.deleteLater()
        self._boxes[id(grid)] = shown
        self.metric_buttons = {key: button for grid_boxes in self._boxes.values()
                               for _sec, _box, buttons in grid_boxes.values() for key, button in buttons.items()}

    def _section_box(self, sec) -> tuple[QGroupBox, dict[str, QPushButton]]:
        box = QGroupBox(sec.title)
        buttons: dict[str, QPushButton] = {}
        form = QGridLayout(box)
        form.setVerticalSpacing(2)
        # a long section (contacts by kind) in two column pairs, so the boxes of a row stay level
        per_col = (len(sec.metrics) + 1) // 2 if len(sec.metrics) > 6 else len(sec.metrics)
        for k, m in enumerate(sec.metrics):
            r, c0 = k % per_col, 3 * (k // per_col)
            form.addWidget(QLabel(m.label), r, c0)
            button = QPushButton(m.value)
            button.setObjectName(f"metric:{m.key}:{r}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setProperty("metric", True)
            button.setProperty("level", m.level)
            button.setToolTip(m.hint or self.tr("Show the rows behind this number"))
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, key=m.key: self.open_rows(key))
            form.addWidget(button, r, c0 + 1)
            buttons[f"{m.key}|{m.label}"] = button
            if m.hint and m.value != m.hint:
                short = m.hint if len(m.hint) <= 40 else m.hint[:39] + "…"
                hint = QLabel(short)
                hint.setToolTip(m.hint)
                hint.setProperty("hint", True)
                form.addWidget(hint, r, c0 + 2)
        form.setColumnStretch(form.columnCount() - 1, 1)
        return box, buttons

    def _show_today(self, today) -> None:
        """A part of today (the desk's numbers, or the rest): its sections take the place of those it read."""
        if not isValid(self):  # the window closed while the read ran
            return
        self.when.setText(self._when_text(today))
        self._today_sections.update({sec.title: sec for sec in today.sections})
        self.today = replace(today, sections=tuple(self._today_sections.values()))
        self._fill_today()

    def _show_the_rest(self, result) -> None:
        rest, month, items = result
        if rest is not None:
            self._show_today_rest(rest)
        if month is not None:
            self._show_month(month)
        if items is not None:
            self._show_checklist(items)
        self._prepare_over()

    def _prepare_over(self) -> None:
        """The read made while built ahead is drawn (or failed): tell the warm-up; the first show reads again."""
        if self._prepared is not None and isValid(self):
            done, self._prepared = self._prepared, None
            self._changed = None  # read ahead, not now: the first show reads every part
            done()

    def _read_failed(self, exc: BaseException) -> None:
        if self._prepared is not None:  # built ahead, nobody is looking: the first open reads (and says) it again
            log.warning("the overview's read ahead failed: %s", exc)
            self._prepare_over()
            return
        from station_desk.qt.feedback import show_error

        show_error(self, exc)

    def _show_today_rest(self, rest) -> None:
        if self.today is not None:  # else the desk's read failed: the next refresh reads every part
            self._show_today(rest)

    def _when_text(self, today) -> str:
        weekday = "一二三四五六日"[today.day.weekday()]
        return self.tr("%1 (week day %2) %3").replace("%1", today.day.isoformat()) \
            .replace("%2", weekday).replace("%3", today.at.strftime("%H:%M"))

    def _fill_today(self) -> None:
        from station_desk.overview.service import TODAY_ORDER

        order = {title: i for i, title in enumerate(TODAY_ORDER)}
        sections = sorted(self._today_sections.values(), key=lambda sec: order.get(sec.title, 99))
        self._fill(self.today_grid, sections, 3)

    def _show_month(self, result) -> None:
        if not isValid(self):  # the window closed while the read ran
            return
        from station_desk.overview import service

        parts, view = result
        sections, charts = list(view.sections), list(view.charts)
        for part in parts:  # each part's section and chart, in MonthView's order: (sla, business), (sla, points)
            self._month_parts[part] = (sections.pop(0) if part in ("sla", "business") else None,
                                       charts.pop(0) if part in ("sla", "points") else None)
        got = self._month_parts
        if len(got) < len(service.MONTH_PARTS):  # a read failed: the next refresh reads every part
            return
        month = self.month = replace(view, sections=(got["sla"][0], got["business"][0]),
                                     charts=(got["sla"][1], got["points"][1]))
        self._fill(self.month_grid, month.sections, 2)
        for chart, data in zip((self.sla_chart, self.points_chart), month.charts):
            chart.set_data(data.title, data.categories, [(s.label, s.values) for s in data.series], unit=data.unit,
                           threshold=data.threshold, threshold_label=data.threshold_label, note=data.note)

    def _show_checklist(self, items) -> None:
        if not isValid(self):  # the window closed while the read ran
            return
        self.items = items
        self.check_model.set_rows(items)
        fit_columns(self.check_view)
        rows_height = sum(self.check_view.rowHeight(r) for r in range(len(items)))
        self.check_view.setMinimumHeight(rows_height + self.check_view.horizontalHeader().height() + 6)
        if self._prepared is None:  # built ahead, nobody sees it yet (the window says the late duties itself)
            self._announce_late(items)

    def _announce_late(self, items) -> None:
        late = [i.label for i in items if i.status == "late"]
        key = (self.ctx.actor.staff_id, tuple(late))
        if late and key != self._announced:
            self._announced = key
            window = self.window()
            if hasattr(window, "say"):
                window.say(late_duties_text(late), 30_000, late_duties_short(len(late)))
            else:
                self.ctx.bus.status_note.emit(late_duties_text(late))

    # -- click-through --------------------------------------------------------------------------------------------
    def open_rows(self, key: str) -> None:
        from station_desk import clock
        from station_desk.overview import drill

        db, now = self.ctx.db, clock.now()
        Op(self, lambda: drill.rows_for(db, key, now)).success(self._show_drill).run()

    def _show_drill(self, d) -> None:
        if not isValid(self):  # the window closed while the read ran
            return
        self.last_drill = DrillDialog(self, d, self.open_tab)
        self.last_drill.open()

    def _chart_drill(self, which: int, index: int) -> None:
        if self.month is None or which >= len(self.month.charts):
            return
        keys = self.month.charts[which].keys
        if 0 <= index < len(keys):
            self.open_rows(keys[index])

    def open_tab(self, key: str) -> None:
        window = self.window()
        if hasattr(window, "tab_widget"):
            window.tab_widget(key)

    def _current_item(self):
        index = self.check_view.currentIndex()
        return self.check_model.row_at(index.row()) if index.isValid() else None

    def _open_item(self, index) -> None:
        item = self.check_model.row_at(index.row()) if index is not None and index.isValid() else None
        if item is not None:
            self.open_tab(item.tab)

    def mark_posted(self) -> None:
        from station_desk.month import Month
        from station_desk.overview import checklist

        item = self._current_item()
        if item is None or item.key not in SHEET_OF_ITEM:
            self.message_bar.show_info(self.tr("Pick a wall-sheet duty in the checklist first."))
            return
        sheet = SHEET_OF_ITEM[item.key]
        today = Month.of(item.due)
        month = today.next() if sheet == "roster" else today.prev()
        db, actor = self.ctx.db, self.ctx.actor
        Op(self, lambda: checklist.record_sheet_posted(db, actor=actor, sheet=sheet, month=month)).run()
