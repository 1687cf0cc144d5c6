"""Anchors (issue #18 §2): each backup's manifest carries the chain head at that moment; ``check`` finds them in the
live chain. A restore to an older copy legitimately drops the anchors taken after it: said, not alarmed."""

from __future__ import annotations

import datetime as dt

from station_desk.backup import restore as restore_mod
from station_desk.backup.manifest import read_manifest
from station_desk.backup.service import auto_backup_if_due
from station_desk.check import check_file
from station_desk.customers import service as customers
from station_desk.db.engine import Database


def _customer(db, actor, n: int) -> None:
    customers.create_customer(db, actor=actor, account_no=f"GW{n:03d}", name=f"用户{n}", area="简易片区",
                              building="幸福小区3栋", unit="2单元", address=f"{n}室", phone="13812345678",
                              package="3.0", cycle="monthly", expiry_date=dt.date(2026, 12, 5))


def test_manifests_carry_the_chain_head_and_a_restore_explains_the_anchors_after_it(db, manager, fake_now):
    actor, approval = manager
    fake_now(dt.datetime(2026, 11, 23, 9, 0))
    _customer(db, actor, 1)
    first = auto_backup_if_due(db, force=True, reason="exit")
    fake_now(dt.datetime(2026, 11, 23, 10, 0))
    _customer(db, actor, 2)
    auto_backup_if_due(db, force=True, reason="exit")
    entries = read_manifest(first.parent)
    assert len(entries) == 2 and all(len(e.chain) == 19 for e in entries) and entries[0].chain != entries[1].chain
    db.close()
    report = check_file(db.path)
    assert report.ok and "锚点：2 个" in "\n".join(report.lines)

    fake_now(dt.datetime(2026, 11, 23, 11, 0))
    live = Database(db.path)
    restore_mod.restore_backup(live, actor=actor, approval=approval, path=first)
    report = check_file(db.path)
    text = "\n".join(report.lines)
    assert report.ok, text
    assert "恢复了更早的备份（预期之中）" in text and "数据行与审计链" in text
