"""Who is acting. The Qt layer gets an :class:`Actor` at sign-in; the CLI builds one from ``--as``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    staff_id: int | None
    name: str
    role: str = ""

    @property
    def label(self) -> str:
        return self.name


SYSTEM = Actor(staff_id=None, name="系统", role="system")


@dataclass(frozen=True)
class ManagerApproval:
    """A manager's name and PIN, given for one action. The service checks it (``auth.require_manager``)."""

    staff_id: int
    pin: str
