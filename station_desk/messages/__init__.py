"""The one table of user-facing messages (Simplified Chinese), keyed by error code, Qt-free.

Each module keeps its entries in ``messages/<module>.py`` (one file per module, listed in :func:`_modules`) as ``MESSAGES = {code: template}``; templates use
``str.format`` fields filled from the error's parameters. :func:`render` never fails: an unknown code or a
missing parameter still produces readable text.
"""

from __future__ import annotations

from functools import lru_cache


def _modules() -> list:
    from station_desk.messages import (assets, attendance, backup, cash_book, contact_log, core, customers,
                                       gift_stock, overview, periods, points, policy, rest_roster, rewards, staff,
                                       takings, work_orders)

    return [assets, attendance, backup, cash_book, contact_log, core, customers, gift_stock, overview, periods,
            points, policy, rest_roster, rewards, staff, takings, work_orders]


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in _modules():
        for code, text in module.MESSAGES.items():
            if code in merged and merged[code] != text:
                raise RuntimeError(f"message code {code!r} defined twice")
            merged[code] = text
    return merged


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: dict | None = None) -> str:
    template = table().get(code)
    if template is None:
        template = table()["unknown"]
        params = {"code": code, **(params or {})}
    return template.format_map(_Safe(params or {}))
