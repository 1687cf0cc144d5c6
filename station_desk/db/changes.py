"""What a transaction changed, in the words the views listen for (Anki's OpChanges, found rather than declared).

Every write statement the engine runs is noted by table; when the transaction commits, its tables are kept for
the thread that wrote them, and the Qt layer's ``Op`` publishes their *topics* on the change bus. A service
therefore never has to say what it changed, and a tab never has to guess: locking the points month also writes
the rewards' lock, so the rewards tab hears "rewards" without anyone listing it.
"""

from __future__ import annotations

import re
import threading

#: table-name prefix → the topic views watch (longest prefix wins)
TOPICS: dict[str, str] = {
    "asset": "assets",
    "attendance_": "attendance",
    "audit_log": "audit",
    "backup": "backup",
    "cash_": "cash",
    "contact": "contacts",
    "customer": "customers",
    "gift_": "gifts",
    "leave_request": "leave",
    "period_lock": "periods",
    "point_entry": "points",
    "points_": "points",
    "policy_": "policy",
    "reward_": "rewards",
    "roster_": "roster",
    "staff": "staff",
    "takings_": "takings",
    "work_order": "work_orders",
}
#: topics every view cares about: a month lock or a policy change can change what any screen allows
EVERYONE = frozenset({"periods", "policy"})

_WRITE = re.compile(r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)'
                    r'\s+"?(\w+)"?', re.IGNORECASE)


def topic_of(table: str) -> str | None:
    best = max((p for p in TOPICS if table.startswith(p)), key=len, default=None)
    return TOPICS[best] if best else None


def topics_of(tables: set[str]) -> set[str]:
    return {t for t in (topic_of(name) for name in tables) if t}


def written_table(statement: str) -> str | None:
    m = _WRITE.match(statement)
    return m.group(1) if m else None


class ChangeTracker:
    """Per thread: the tables written in the open transaction, and those of committed ones not yet taken."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _sets(self) -> tuple[set[str], set[str]]:
        if not hasattr(self._local, "pending"):
            self._local.pending, self._local.committed = set(), set()
        return self._local.pending, self._local.committed

    def note(self, statement: str) -> None:
        table = written_table(statement)
        if table:
            self._sets()[0].add(table)

    def pending(self) -> set[str]:
        """The tables the open transaction of this thread has written so far."""
        return set(self._sets()[0])

    def committed(self) -> None:
        pending, committed = self._sets()
        committed |= pending
        pending.clear()

    def rolled_back(self) -> None:
        self._sets()[0].clear()

    def take(self) -> set[str]:
        """The tables this thread's committed transactions wrote since the last call (then forgotten)."""
        _pending, committed = self._sets()
        out = set(committed)
        committed.clear()
        return out
