"""Opening hours covered by shifts, as intervals of minutes: the smallest single cover and the gaps in a k-fold
cover (pure functions: the roster's checker and suggester use them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from station_desk.rest_roster.planner import ShiftDef


def min_cover(shifts: Iterable[ShiftDef], window: tuple[tuple[int, int], ...]) -> list[ShiftDef] | None:
    """A smallest list of shifts covering every minute of the segments once (greedy), or None if impossible."""
    shifts = sorted(shifts, key=lambda s: (s.start, -s.end))
    chosen: list[ShiftDef] = []
    for seg_start, seg_end in sorted(window):
        point = seg_start
        # parts of this segment already covered by shifts chosen for earlier segments
        for s in chosen:
            if s.start <= point < s.end:
                point = max(point, s.end)
        while point < seg_end:
            best = None
            for s in shifts:
                if s.start <= point < s.end and (best is None or s.end > best.end):
                    best = s
            if best is None:
                return None
            chosen.append(best)
            point = best.end
    return chosen


def gaps(intervals: list[tuple[int, int]], window: tuple[tuple[int, int], ...], need: int):
    """Maximal sub-intervals of the window covered fewer than ``need`` times: (start, end, lowest count)."""
    if need <= 0:
        return []
    events: dict[int, int] = {}
    for a, b in intervals:
        events[a] = events.get(a, 0) + 1
        events[b] = events.get(b, 0) - 1
    out: list[tuple[int, int, int]] = []
    for seg_start, seg_end in sorted(window):
        points = sorted({seg_start, seg_end, *(p for p in events if seg_start < p < seg_end)})
        count = sum(delta for p, delta in events.items() if p <= seg_start)
        cur: list[int] | None = None
        for i, p in enumerate(points[:-1]):
            if i > 0:
                count += events.get(p, 0)
            nxt = points[i + 1]
            if count < need:
                if cur is None:
                    cur = [p, nxt, count]
                else:
                    cur[1], cur[2] = nxt, min(cur[2], count)
            elif cur is not None:
                out.append(tuple(cur))
                cur = None
        if cur is not None:
            out.append(tuple(cur))
    return out
