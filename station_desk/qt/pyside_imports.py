"""PySide6's import hook, made cheap.

Once PySide6 is imported, every later import of any module (SQLAlchemy, pydantic, ours) goes through PySide's
``__feature__`` hook, which asks ``inspect.getsource(module)`` whether the module's text mentions "PySide6"
(``shibokensupport.feature._mod_uses_pyside``). That reads, decodes and splits every module's source and keeps
every line in ``linecache`` for the life of the process: ~25 MB with the modules the first screen imports, more
with every tab, and ~15 % of each import's time.

:func:`install` gives the hook the same answer for less: the module's file is read as bytes and searched, nothing
is kept. The program never uses ``from __feature__ import …``, but the answer stays the one PySide would give, so
nothing changes if it ever does. If PySide's internals are not as expected, nothing is changed.
"""

from __future__ import annotations

import sys


def _mentions_pyside(module) -> bool:
    """What ``shibokensupport.feature._mod_uses_pyside`` answers (the module's source contains "PySide6"), from
    the file's bytes: a module without a ``.py`` file (built in, an extension, a frozen bundle without sources)
    has no source to ask, as for ``inspect.getsource``."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False
    try:
        with open(origin, "rb") as fh:
            return b"PySide6" in fh.read()
    except OSError:
        return False


def install() -> bool:
    """Replace PySide's source check (once PySide6.QtCore is imported). True if it is in place."""
    import PySide6.QtCore  # noqa: F401 - the hook and its module exist once QtCore is imported

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _mentions_pyside
    return True
