"""Base class for a module's tab.

A tab declares which change kinds it shows (``watches``) and implements ``refresh()``. It is refreshed when first
shown, and after a change it watches — immediately if visible, otherwise the next time it is shown.

``refresh()`` and the filters read through :meth:`ModuleTab.load` (``station_desk.qt.ops.Loader``): the SQL runs on
the database worker, the newest request wins, so the first paint of a tab is its frame and the rows follow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from station_desk.db.changes import EVERYONE
from station_desk.qt.context import AppContext
from station_desk.qt.feedback import MessageBar
from station_desk.qt.ops import Loader


class TabPage(QWidget):
    """A page inside a module's tab: the context, the tab (whose message line it speaks in), its layout
    (``layout_``) and, on top, its bar of controls (``bar``)."""

    def __init__(self, ctx: AppContext, tab: ModuleTab) -> None:
        super().__init__()
        self.ctx, self.tab = ctx, tab
        self.loads = Loader(self)  # its reads on the database worker, the newest wins
        self.layout_ = QVBoxLayout(self)
        self.bar = QHBoxLayout()
        self.layout_.addLayout(self.bar)

    def add_to_bar(self, *widgets, buddy_label: str | None = None) -> None:
        """Widgets on the bar; ``buddy_label`` a label before them whose Alt+letter goes to the first."""
        if buddy_label is not None:
            label = QLabel(buddy_label)
            label.setBuddy(widgets[0])
            self.bar.addWidget(label)
        for w in widgets:
            self.bar.addWidget(w)


class ModuleTab(QWidget):
    #: change kinds this tab shows, e.g. {"contacts", "cash"}; "*" matches everything
    watches: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        self.message_bar = MessageBar(self)
        self.loads = Loader(self)
        ctx.bus.changed.connect(self._on_changed)
        ctx.bus.actor_changed.connect(self.on_actor_changed)

    def add_message_bar(self, layout: QVBoxLayout | None = None) -> None:
        """Float the message line over the tab's bottom edge (``layout`` is no longer used: a message never takes
        a place in the layout, so it never moves the screen under the next click)."""
        self.message_bar.float_over(self)

    def add_pages(self, layout: QVBoxLayout, pages, *, name: str | None = None,
                  refresh_on_switch: bool = True) -> QTabWidget:
        """The tab's pages, ``[(page, title), …]``, in one ``self.pages`` filling the rest of ``layout`` (Ctrl+Tab
        moves between them); showing another page refreshes the tab, unless ``refresh_on_switch`` is False."""
        self.pages = QTabWidget()
        if name:
            self.pages.setObjectName(name)
        for page, title in pages:
            self.pages.addTab(page, title)
        layout.addWidget(self.pages, 1)
        if refresh_on_switch:
            self.pages.currentChanged.connect(lambda _i: self.refresh())
        return self.pages

    def load(self, fn, apply, *, key: str = "rows", failed=None) -> None:
        """Read ``fn()`` on the database worker and ``apply`` its result here, if no newer ``key`` read was asked
        for meanwhile (:class:`station_desk.qt.ops.Loader`)."""
        self.loads.load(fn, apply, key=key, failed=failed)

    # -- to implement -------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload what the tab shows from the services."""

    def on_actor_changed(self, actor) -> None:
        """Someone else signed in (permissions or masking may change)."""
        self._dirty = True
        if self.isVisible():
            self.refresh_if_dirty()

    def focus_default(self) -> None:
        """Put the keyboard focus where the person starts (called when the tab is shown)."""

    def prepare(self, done) -> None:
        """The tab is being built ahead of its first open (``TabSpec.build_ahead``), hidden: read and draw what it
        can, then call ``done()``. Its first show must still read what it shows (the tab stays dirty)."""
        done()

    # -- plumbing ------------------------------------------------------------------------------------------------------
    def refresh_if_dirty(self) -> None:
        if self._dirty:
            self._dirty = False
            self.refresh()

    def _on_changed(self, changes: set[str], initiator) -> None:
        if "*" in changes or changes & (set(self.watches) | EVERYONE) or "*" in self.watches:
            self._dirty = True
            if self.isVisible():
                self.refresh_if_dirty()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh_if_dirty()
