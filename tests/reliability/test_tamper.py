"""Tamper evidence against a person with the file (issue #18 §2).

A small station (a manager, a clerk, receipts, a cash-book line, points, a month lock) is copied once per case;
each case changes the copy the way someone with the file and the published chain formula could, then
``station-desk check`` (``check_file``) must report it. An anchor — the chain head a local backup's manifest
carries, and the fingerprint printed on a posted sheet — is taken after the station's rows were written; the
"recompute" and "delete newest" cases are caught through it. The figures are printed (``-m reliability -s``).

What is *not* caught, by design, is also tried and printed as such: rows deleted together with their audit entries
when they were all written after the newest anchor (nothing outside the file has seen them).

On PostgreSQL (``STATION_DESK_TEST_ENGINE=postgresql``) the same cases run against a copy of the station database
(``CREATE DATABASE … TEMPLATE``), edited by a separate client connection with the owner's password — psql, pgAdmin
or a script: the row log's triggers fire there too but note nothing outside the program's write transactions
(``station_desk.audit.row_engines``), so check must find exactly what it finds in an edited SQLite file.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

import pytest

from station_desk.audit.models import AuditEntry
from station_desk.audit.row_check import head_fingerprint
from station_desk.audit.service import GENESIS, _content, _digest
from station_desk.check import check_file
from station_desk.db.types import StationDateTime
from station_desk.db.url import is_server_url
from tests.fixtures.desk import desk  # noqa: F401

pytestmark = [pytest.mark.reliability]


def _connect(where):
    """A connection of someone outside the program: the sqlite3 module on the file, or psycopg on the server as the
    database's owner. Both take ``?`` placeholders here."""
    if not is_server_url(where):
        return sqlite3.connect(where)
    import psycopg

    class Outside:
        def __init__(self) -> None:
            self.con = psycopg.connect(where)

        def execute(self, sql, params=()):
            return self.con.execute(sql.replace("?", "%s"), tuple(params))

        def commit(self):
            self.con.commit()

        def close(self):
            self.con.close()

    return Outside()


def _columns(con, table):
    return [d[0] for d in con.execute(f"SELECT * FROM {table} WHERE 1 = 0").description]


@pytest.fixture
def station(db, desk, fake_now, tmp_path):
    """The station file after its work, with an anchor in the local backups' manifest; returns (path, typed
    fingerprint, desk, ids)."""
    from station_desk.backup.service import auto_backup_if_due
    from station_desk.cash_book import service as cash
    from station_desk.periods import service as periods
    from station_desk.points_ledger.service import credit_in
    from station_desk.takings import service as takings

    fake_now(dt.datetime(2026, 11, 23, 10, 0))
    first = takings.record_receipt(db, actor=desk.clerk, amount_fen=12_000, method="cash", invoice_no="00000101")
    takings.record_receipt(db, actor=desk.clerk, amount_fen=3_000, method="wechat")
    cash.post_entry(db, actor=desk.accounts, approval=desk.approval, day=dt.date(2026, 11, 23), direction="expense",
                    category=_expense_category(db), amount_fen=5_000, handler_id=desk.accounts.staff_id,
                    payee="五金店")
    with db.session() as s:
        credit_in(s, actor=desk.manager, staff_id=desk.clerk.staff_id, day=dt.date(2026, 11, 23), points_x100=300,
                  kind="manual", rule="test", source_kind="test", source_id="1")
    periods.lock_month(db, actor=desk.manager, approval=desk.approval, scope="roster", month="2026-10")
    fake_now(dt.datetime(2026, 11, 23, 11, 0))
    assert auto_backup_if_due(db, force=True, reason="exit") is not None  # its manifest carries the chain head
    from station_desk.backup.listing import read_manifest_sorted

    assert next(iter(read_manifest_sorted(db.address))).chain  # (both engines: a file copy or a pg_dump)
    typed = head_fingerprint(db)  # what a wall sheet printed now carries in its footer
    fake_now(dt.datetime(2026, 11, 23, 15, 0))
    newest = takings.record_receipt(db, actor=desk.clerk, amount_fen=800, method="cash", invoice_no="00000102")  # after every anchor
    db.close()
    where = db.url or db.path
    assert check_file(where, fingerprints=[typed]).ok, "\n".join(check_file(where).lines)
    return where, typed, desk, {"first_receipt": first, "newest_receipt": newest}


def _expense_category(db) -> str:
    from station_desk.policy.service import policy_on

    with db.read() as s:
        pol = policy_on(s, dt.date(2026, 11, 23))
    cats = pol.cash_book.expense_categories
    return cats[0]


def _copy(src, tmp_path, name):
    if is_server_url(src):  # a copy of the database on the server, with this PC's local backups of it
        from urllib.parse import urlsplit

        from station_desk.paths import backups_dir
        from tests import pg

        dst = pg.server().copy_of(urlsplit(src).path.lstrip("/"))
        shutil.copytree(backups_dir(src), backups_dir(dst), dirs_exist_ok=True)
        return dst
    folder = tmp_path / name
    folder.mkdir()
    dst = folder / "station.db"
    shutil.copyfile(src, dst)
    backups = src.parent / "backups"
    if backups.is_dir():
        shutil.copytree(backups, folder / "backups")
    return dst


def _sql(path, *statements):
    con = _connect(path)
    for statement, params in statements:
        con.execute(statement, params)
    con.commit()
    con.close()


def _rechain(path, *, edit=None, drop_from: int | None = None):
    """What someone with the formula does: change audit entries (``edit(entry_dict) -> entry_dict``), or drop every
    entry from ``drop_from`` on, then recompute every hash so the chain verifies again."""
    con = _connect(path)
    if drop_from is not None:
        con.execute("DELETE FROM audit_log WHERE id >= ?", (drop_from,))
    cols = _columns(con, "audit_log")
    prev = GENESIS
    for row in con.execute("SELECT * FROM audit_log ORDER BY id").fetchall():
        data = dict(zip(cols, row))
        if edit:
            data = edit(data)
        entry = AuditEntry(**{**data, "at": StationDateTime().process_result_value(data["at"], None)})
        entry.prev_hash = prev
        entry.hash = _digest(prev, _content(entry))
        con.execute("UPDATE audit_log SET before = ?, after = ?, prev_hash = ?, hash = ? WHERE id = ?",
                    (entry.before, entry.after, entry.prev_hash, entry.hash, entry.id))
        prev = entry.hash
    con.commit()
    con.close()


def _rewrite_receipt_records(receipt_id: int, amount: int):
    """An ``edit`` for :func:`_rechain` that makes every record of a receipt say ``amount``."""
    def edit(data):
        for key in ("before", "after"):
            if not data[key]:
                continue
            value = json.loads(data[key])
            if data["action"] == "audit.rows":
                rec = value.get("tables", {}).get("takings_receipt")
                if rec and str(receipt_id) in rec["rows"]:
                    rec["rows"][str(receipt_id)][rec["cols"].index("amount_fen")] = amount
            elif data["entity"] == "takings_receipt" and data["entity_id"] == str(receipt_id):
                if isinstance(value, dict) and "amount_fen" in value:
                    value["amount_fen"] = amount
            data[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return data
    return edit


def _first_entry_of(path, entity: str, entity_id) -> int:
    con = _connect(path)
    try:
        return con.execute("SELECT min(id) FROM audit_log WHERE entity = ? AND entity_id = ?",
                           (entity, str(entity_id))).fetchone()[0]
    finally:
        con.close()


def _cases(station):
    path, typed, desk, ids = station
    clerk, manager = desk.clerk.staff_id, desk.manager.staff_id
    r1, newest = ids["first_receipt"], ids["newest_receipt"]
    return {
        "edit: a receipt's amount": lambda p: _sql(p, ("UPDATE takings_receipt SET amount_fen = 1 WHERE id = ?",
                                                       (r1,))),
        "edit + recompute the chain": lambda p: (
            _sql(p, ("UPDATE takings_receipt SET amount_fen = 1 WHERE id = ?", (r1,))),
            _rechain(p, edit=_rewrite_receipt_records(r1, 1))),
        "delete newest (anchored) rows + their audit entries": lambda p: (
            _sql(p, ("DELETE FROM takings_receipt WHERE id >= ?", (r1 + 1,)),
                 ("DELETE FROM cash_entry", ()), ("DELETE FROM point_entry", ()), ("DELETE FROM period_lock", ())),
            _rechain(p, drop_from=_first_entry_of(p, "takings_receipt", r1 + 1))),
        "delete a receipt (audit untouched)": lambda p: _sql(p, ("DELETE FROM takings_receipt WHERE id = ?",
                                                                 (r1,))),
        "cash book: edit an amount": lambda p: _sql(p, ("UPDATE cash_entry SET amount_fen = amount_fen * 10", ())),
        "points: add 100 points": lambda p: _sql(p, ("UPDATE point_entry SET points_x100 = points_x100 + 10000",
                                                    ())),
        "points: insert a fake entry": lambda p: _sql(p, (
            "INSERT INTO point_entry (staff_id, day, kind, rule, points_x100, source_kind, source_id, note, "
            "created_at, created_by) SELECT staff_id, day, kind, 'x', 5000, 'x', 'x', '', created_at, created_by "
            "FROM point_entry LIMIT 1",
            ())),
        "role change: the clerk made manager": lambda p: _sql(p, (
            "UPDATE staff_role SET role = 'manager' WHERE staff_id = ?", (clerk,))),
        "PIN swap: the clerk's PIN hash on the manager": lambda p: _sql(p, (
            "UPDATE staff SET pin_hash = (SELECT pin_hash FROM staff WHERE id = ?) WHERE id = ?", (clerk, manager))),
        "lock removal: a month lock deleted": lambda p: _sql(p, ("DELETE FROM period_lock", ())),
        "role change + recompute the chain": lambda p: (
            _sql(p, ("UPDATE staff_role SET role = 'manager' WHERE staff_id = ?", (clerk,))),
            _rechain(p, edit=_role_records(clerk))),
    }, {
        "delete the newest receipt + its audit entries (after every anchor)": lambda p: (
            _sql(p, ("DELETE FROM takings_receipt WHERE id = ?", (newest,))),
            _rechain(p, drop_from=_first_entry_of(p, "takings_receipt", newest))),
    }


def _role_records(staff_id: int):
    def edit(data):
        if data["action"] == "audit.rows" and data["after"]:
            value = json.loads(data["after"])
            rec = value.get("tables", {}).get("staff_role")
            if rec:
                for vals in rec["rows"].values():
                    if vals[rec["cols"].index("staff_id")] == staff_id:
                        vals[rec["cols"].index("role")] = "manager"
                data["after"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return data
    return edit


def test_tamper_cases_are_detected(station, tmp_path):
    path, typed, _desk, _ids = station
    caught, limits = _cases(station)
    detected = []
    for i, (name, tamper) in enumerate({**caught, **limits}.items()):
        copy = _copy(path, tmp_path, f"case{i}")
        tamper(copy)
        report = check_file(copy, fingerprints=[typed])
        print(f"  {'DETECTED' if not report.ok else 'missed  '}  {name}")
        if not report.ok:
            detected.append(name)
            print("            " + "\n            ".join(line for line in report.lines if "：" in line and (
                "不在审计链" in line or "行" in line and ("不同" in line or "删除" in line or "没有记录" in line)
                or "被改动" in line))[:600])
    tried = [n for n in caught]
    got = [n for n in tried if n in detected]
    print(f"\nTAMPER: {len(got)} of {len(tried)} tamper cases detected "
          f"(edit, edit+recompute, delete newest anchored, role change, PIN swap, lock removal, ...); "
          f"known limit: rows deleted with their audit entries after the newest anchor — "
          f"{'detected' if set(limits) <= set(detected) else 'not detected'} (nothing outside the file saw them)")
    assert got == tried


def test_recompute_is_caught_only_by_an_anchor(station, tmp_path):
    """Without anchors a recomputed edit passes every in-file check; the typed fingerprint alone catches it."""
    path, typed, _desk, ids = station
    copy = _copy(path, tmp_path, "plain")
    if is_server_url(copy):
        from station_desk.paths import backups_dir

        shutil.rmtree(backups_dir(copy))
    else:
        shutil.rmtree(copy.parent / "backups")
    _sql(copy, ("UPDATE takings_receipt SET amount_fen = 1 WHERE id = ?", (ids["first_receipt"],)))
    _rechain(copy, edit=_rewrite_receipt_records(ids["first_receipt"], 1))
    assert check_file(copy).ok  # honest: nothing inside the file can tell
    report = check_file(copy, fingerprints=[typed.upper().replace("-", " ")])  # typed as read off the wall
    assert not report.ok and any("不在审计链中" in line for line in report.lines)
