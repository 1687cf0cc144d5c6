"""The one table of user-facing messages (Simplified Chinese), keyed by error code, Qt-free.

Each module keeps its entries in ``messages/<module>.py`` as ``MESSAGES = {code: template}``; templates use
``str.format`` fields filled from the error's parameters. :func:`render` never fails: an unknown code or a
missing parameter still produces readable text.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    merged: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for code, text in getattr(module, "MESSAGES", {}).items():
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
