"""Before/after table of two benchmark JSONs (``bench/run.py --out``), as Markdown:

    .venv/bin/python bench/compare.py before-5y.json after-5y.json [before-10y.json after-10y.json]

One row per target (matched by its text), with each run's figure, PASS/MISS, and the load averages at the start of
each run's stages, so a reader can weigh the wall-clock figures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _cell(row: dict | None) -> str:
    if row is None or row.get("measured") is None:
        return "—"
    mark = "✔" if row.get("pass") else "✘"
    value = row["measured"]
    text = f"{value:.2f}" if isinstance(value, float) and value < 10 else f"{value:.0f}"
    return f"{text} {mark}"


def table(pairs: list[tuple[str, dict, dict]]) -> str:
    names: list[str] = []
    for _label, before, after in pairs:
        for t in before.get("targets", []) + after.get("targets", []):
            if t["target"] not in names:
                names.append(t["target"])
    head = "| target | limit | " + " | ".join(f"{label} before | {label} after" for label, _b, _a in pairs) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(pairs))]
    for name in names:
        cells, limit = [], ""
        for _label, before, after in pairs:
            for run in (before, after):
                row = next((t for t in run.get("targets", []) if t["target"] == name), None)
                limit = limit or (str(row["limit"]) if row else "")
                cells.append(_cell(row))
        lines.append(f"| {name} | {limit} | " + " | ".join(cells) + " |")
    for label, before, after in pairs:
        for which, run in (("before", before), ("after", after)):
            m = run.get("machine", {})
            lines.append(f"\n{label} {which}: load {m.get('load_avg_by_stage') or m.get('load_avg_at_start')} "
                         f"on {m.get('cpus')} CPUs, {run.get('db_mb')} MB, {run.get('bench_seconds')} s")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 4):
        print(__doc__, file=sys.stderr)
        return 2
    pairs = [("5 y", _load(argv[0]), _load(argv[1]))]
    if len(argv) == 4:
        pairs.append(("10 y", _load(argv[2]), _load(argv[3])))
    print(table(pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
