"""The command line's output encoding: always UTF-8, on every platform and every Windows language.

A frozen Windows program ignores ``PYTHONUTF8``/``PYTHONIOENCODING`` and writes redirected output (``> file``, a
pipe) in the ANSI code page: cp1252 on an English Windows, where the first Chinese character raises
``UnicodeEncodeError``, GBK on a Chinese one. The CLI's output is made deliberate instead: UTF-8 when redirected.
A Windows console is not affected (Python writes it with WriteConsoleW, whatever the encoding says).
"""

from __future__ import annotations

import sys


def _is_utf8(stream) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig")


def _reconfigure(stream, *, errors: str | None) -> None:
    """UTF-8 for ``stream`` (flushing what is buffered in the old encoding first); ``errors`` None keeps its
    error handler. ``None`` (a windowed program has no console) and streams that cannot be reconfigured are left
    alone."""
    if stream is None or not hasattr(stream, "reconfigure") or (_is_utf8(stream) and errors is None):
        return
    try:
        stream.flush()
        stream.reconfigure(encoding=None if _is_utf8(stream) else "utf-8",
                           errors=errors or getattr(stream, "errors", None) or "strict")
    except (OSError, ValueError, AttributeError):  # a closed or detached stream: nothing to print to anyway
        pass


def utf8_streams(*streams) -> None:
    """Reconfigure text streams (default: ``sys.stdout``, ``sys.stderr``) that are not UTF-8 to UTF-8, keeping
    their error handler."""
    for stream in streams or (sys.stdout, sys.stderr):
        _reconfigure(stream, errors=None)


def command_line_streams() -> None:
    """The command line's stdout and stderr: UTF-8, and whatever a person typed can be echoed back — bytes that
    are not text (an undecodable file name, a stray byte in a search) are shown escaped instead of stopping the
    program."""
    for stream in (sys.stdout, sys.stderr):
        _reconfigure(stream, errors="backslashreplace")
