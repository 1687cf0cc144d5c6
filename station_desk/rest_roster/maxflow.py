"""The suggester's flow network: persons → days with per-day capacities (see the planner's docstring)."""

from __future__ import annotations


class Flow:
    """A small maximum flow on a residual graph, augmented one unit at a time in adjacency order (so the
    suggester's preference order decides which rest days are chosen)."""

    def __init__(self, n: int) -> None:
        self.adj: list[list[int]] = [[] for _ in range(n)]
        self.to: list[int] = []
        self.cap: list[int] = []

    def add(self, u: int, v: int, c: int) -> int:
        self.adj[u].append(len(self.to))
        self.to.append(v)
        self.cap.append(c)
        self.adj[v].append(len(self.to))
        self.to.append(u)
        self.cap.append(0)
        return len(self.to) - 2

    def augment_from(self, start: int, sink: int) -> bool:
        """One unit along a path start → sink in the residual graph (iterative DFS, adjacency order)."""
        parent_edge: dict[int, int] = {start: -1}
        stack = [(start, iter(self.adj[start]))]
        while stack:
            node, it = stack[-1]
            advanced = False
            for e in it:
                v = self.to[e]
                if self.cap[e] > 0 and v not in parent_edge:
                    parent_edge[v] = e
                    if v == sink:
                        while v != start:
                            e2 = parent_edge[v]
                            self.cap[e2] -= 1
                            self.cap[e2 ^ 1] += 1
                            v = self.to[e2 ^ 1]
                        return True
                    stack.append((v, iter(self.adj[v])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
        return False

    def reachable(self, start: int) -> set[int]:
        seen = {start}
        todo = [start]
        while todo:
            u = todo.pop()
            for e in self.adj[u]:
                if self.cap[e] > 0 and self.to[e] not in seen:
                    seen.add(self.to[e])
                    todo.append(self.to[e])
        return seen
