"""Generate ``station_desk/qt/forms/<name>_ui.py`` from every ``ui/<name>.ui`` (run by dev.sh and the bundle build)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from station_desk.qt.forms import UI_DIR, compile_form  # noqa: E402


def main() -> int:
    for ui in sorted(UI_DIR.glob("*.ui")):
        print(compile_form(ui.stem).name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
