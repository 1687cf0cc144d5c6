"""Write a new Alembic revision for model changes: ``python build/new_migration.py "add gift photo" [--rev-id 0002]``.

It upgrades a scratch database through every existing revision, compares it with the models and writes the
difference as a revision in ``station_desk/db/migrations/versions/``. Read and test the result (batch mode for
SQLite is on), then save a fixture of the new head: ``python build/make_migration_fixture.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from station_desk.db.migrate import alembic_config  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("--rev-id")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            command.revision(cfg, message=args.message, autogenerate=True, rev_id=args.rev_id)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
