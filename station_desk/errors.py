"""Typed domain errors. The text a person sees comes from the one Qt-free message table in
:mod:`station_desk.messages`, so the GUI and the command line say the same thing.

Raise ``DomainError("code", **params)`` or a subclass that fixes the code. A service raises before it writes, or
inside its transaction, so a raised error always means "nothing was changed".
"""

from __future__ import annotations


class DomainError(Exception):
    code: str = "error"

    def __init__(self, code: str | None = None, /, **params: object) -> None:
        if code is not None:
            self.code = code
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        from station_desk.messages import render

        return render(self.code, self.params)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class NotFound(DomainError):
    code = "not_found"


class WrongPin(DomainError):
    code = "auth.wrong_pin"


class PinLocked(DomainError):
    code = "auth.pin_locked"


class PeriodLocked(DomainError):
    code = "period.locked"
