"""The Qt binding must not leak references on signal emission: PySide6 6.12.0 drops a reference to ``True`` on
every Python-side ``emit()``, and after a day of use Python aborts with ``bool_dealloc``. We pin a version
without that bug; this test fails on a binding that has it."""

from __future__ import annotations

import sys


def test_emit_keeps_reference_counts(qapp):
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        fired = Signal(int)

    src = Source()
    src.fired.connect(lambda _v: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        src.fired.emit(1)
    assert sys.getrefcount(True) >= before - 5
