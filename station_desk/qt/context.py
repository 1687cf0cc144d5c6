"""What every view gets: the open database, who is signed in, the change bus and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSettings, Signal

from station_desk import clock
from station_desk.actor import Actor


class ChangeBus(QObject):
    """After a successful write: ``changed.emit({"contacts", "cash"}, initiator)``. Views redraw only what they
    show (Anki's operation_did_execute)."""

    changed = Signal(object, object)  # set[str], initiator (QObject or None)
    actor_changed = Signal(object)  # Actor
    status_note = Signal(str)  # a short status-bar note (automatic backups, …)


@dataclass
class AppContext:
    db: object  # station_desk.db.engine.Database
    actor: Actor
    bus: ChangeBus = field(default_factory=ChangeBus)
    settings: QSettings | None = None
    is_demo: bool = False

    def policy(self, day=None):
        from station_desk.policy.service import current_policy

        return current_policy(self.db, day or clock.today())

    @property
    def is_manager(self) -> bool:
        return self.actor.role == "manager"

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.bus.actor_changed.emit(actor)
