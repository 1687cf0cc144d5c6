"""The 3-desk load (issue #17 §6): three processes working on the same station at once, as the three desks do —
a front-desk clerk, an accounts clerk and the manager — while ``run.py`` times the interactive actions of the
window (``--desks``). Each desk times its own actions too (one service call each, a write is one transaction).

    python bench/desk_load.py --desk front --db postgresql://… --stop FILE --out FILE.json

A desk works until the stop file exists, with a short pause between actions (a busy desk, not a flood): the
front desk records contacts, searches customers and takes receipts; the accounts clerk posts cash-book lines,
reads the day's takings and the month's cash lines; the manager reads the work-order board, creates orders and
reads the overview's numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

DESKS = ("front", "accounts", "manager")
PAUSE_S = (0.2, 0.6)  # between two actions of one desk
TARGET_MS = 100  # every interactive action (issue #15)


def _actions(desk: str, db, rng: random.Random):
    from station_desk import clock
    from station_desk.actor import Actor
    from station_desk.staff import service as staff

    people = staff.list_staff(db)
    role = {"front": "dispatch_clerk", "accounts": "accounts_clerk", "manager": "manager"}[desk]
    person = next((p for p in people if p.role == role), None) or next(p for p in people if p.role == "manager")
    actor = Actor(person.id, person.name, person.role)
    with db.read() as s:
        hi = s.connection().exec_driver_sql("SELECT max(id) FROM customer").scalar() or 1
    customer = lambda: rng.randint(1, hi)  # noqa: E731

    if desk == "front":
        from station_desk.contact_log import service as contacts
        from station_desk.customers import service as customers
        from station_desk.takings import service as takings

        def contact():
            contacts.record_contact(db, actor=actor, draft=contacts.ContactDraft(
                kind="inquiry", customer_id=customer(), asked="问资费", done="已答复"))

        def search():
            customers.search_customers(db, rng.choice(["王", "李", "138", "幸福", "zs", "张小"]))

        def receipt():
            takings.record_receipt(db, actor=actor, amount_fen=rng.randint(1, 300) * 100, method="wechat")

        return {"contact (save)": contact, "customer search": search, "receipt (save)": receipt}
    if desk == "accounts":
        from station_desk.cash_book import service as cash
        from station_desk.takings import service as takings

        category = cash.categories(db, "income")[0]

        def post():
            cash.post_entry(db, actor=actor, approval=None, day=clock.today(), direction="income",
                            category=category, amount_fen=rng.randint(1, 500) * 100, handler_id=actor.staff_id,
                            payee="三台负载")

        def day():
            takings.day_summary(db, clock.today())

        def month():
            today = clock.today()
            takings.list_receipts(db, start=today.replace(day=1), end=today)

        return {"cash-book line (save)": post, "day's takings": day, "month's receipts": month}
    from station_desk.work_orders import queries
    from station_desk.work_orders.service import orders

    def board():
        queries.board(db)

    def create():
        orders.create_order(db, actor=actor, kind="repair", customer_id=customer(), description="三台负载：上不了网",
                            fault_type="no_internet")

    def overview():
        from station_desk.overview import service as overview

        overview.today_view(db, part="desk")

    return {"work-order board": board, "work order (save)": create, "overview numbers": overview}


def run_desk(desk: str, target: str, stop: Path, out: Path) -> None:
    from station_desk.db.migrate import open_database

    db = open_database(target, backup_before_migrate=False)
    rng = random.Random(f"desk-{desk}")
    actions = _actions(desk, db, rng)
    times: dict[str, list[float]] = {k: [] for k in actions}
    errors: dict[str, str] = {}
    names = list(actions)
    while not stop.exists():
        name = rng.choice(names)
        t0 = time.perf_counter()
        try:
            actions[name]()
        except Exception as exc:  # noqa: BLE001 - counted, the desk goes on
            errors[name] = f"{type(exc).__name__}: {exc}"[:300]
        else:
            times[name].append((time.perf_counter() - t0) * 1000)
        time.sleep(rng.uniform(*PAUSE_S))
    db.close()
    out.write_text(json.dumps({"desk": desk, "times_ms": times, "errors": errors}), encoding="utf-8")


class Desks:
    def __init__(self, procs, stop: Path, outs: dict[str, Path]) -> None:
        self.procs, self.stop_file, self.outs = procs, stop, outs
        self.started = time.perf_counter()

    def stop(self) -> dict:
        from common import percentile

        self.stop_file.touch()
        report: dict = {"seconds": round(time.perf_counter() - self.started, 1), "target_ms": TARGET_MS}
        for desk, proc in self.procs.items():
            try:
                _o, err = proc.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                _o, err = proc.communicate()
            try:
                data = json.loads(self.outs[desk].read_text(encoding="utf-8"))
            except (OSError, ValueError):
                report[desk] = {"error": f"exit {proc.returncode}: {(err or '')[-800:]}"}
                continue
            rows = {}
            for name, values in data["times_ms"].items():
                if values:
                    p95 = round(percentile(values, 95), 1)
                    rows[name] = {"n": len(values), "p50_ms": round(percentile(values, 50), 1), "p95_ms": p95,
                                  "max_ms": round(max(values), 1), "within_target": p95 <= TARGET_MS}
            report[desk] = {"actions": rows, "errors": data["errors"]}
        return report


def start_desks(target, spec: dict, home: Path, workdir: Path) -> Desks:
    stop = workdir / "desks.stop"
    stop.unlink(missing_ok=True)
    procs, outs = {}, {}
    for desk in DESKS:
        desk_home = home / f"desk-{desk}"
        desk_home.mkdir(parents=True, exist_ok=True)
        outs[desk] = workdir / f"desk-{desk}.json"
        env = dict(os.environ, PYTHONPATH=str(ROOT), STATION_DESK_HOME=str(desk_home))
        procs[desk] = subprocess.Popen(
            [sys.executable, str(HERE / "desk_load.py"), "--desk", desk, "--db", str(target), "--stop", str(stop),
             "--out", str(outs[desk])], env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)
    time.sleep(3)  # the desks are working before the first measured action
    return Desks(procs, stop, outs)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--desk", choices=DESKS, required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--stop", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()
    run_desk(args.desk, args.db if "://" in args.db else str(Path(args.db)), args.stop, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
