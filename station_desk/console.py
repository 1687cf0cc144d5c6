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


def utf8_streams(*streams) -> None:
    """Reconfigure text streams (default: ``sys.stdout``, ``sys.stderr``) that are not UTF-8 to UTF-8.

    Characters already buffered are flushed in the old encoding first. ``None`` (a windowed program has no
    console) and streams that cannot be reconfigured are left alone."""
    if not streams:
        streams = (sys.stdout, sys.stderr)
    for stream in streams:
        if stream is None or _is_utf8(stream) or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.flush()
            stream.reconfigure(encoding="utf-8", errors=getattr(stream, "errors", None) or "strict")
        except (OSError, ValueError, AttributeError):  # a closed or detached stream: nothing to print to anyway
            pass
