"""The recovery path (restore when the live file is missing or damaged) counts wrong PINs like every other PIN
check: after policy.security.max_pin_tries wrong tries PIN entry is locked for pin_lock_minutes (issue #18 §4)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from station_desk.actor import ManagerApproval
from station_desk.backup import service as bs
from station_desk.errors import DomainError

from .conftest import change

T0 = dt.datetime(2026, 11, 30, 18, 0)


def test_recovery_pin_checks_lock_out_after_five_wrong_tries(db, manager, fake_now):
    fake_now(T0)
    change(db, 3)
    backup = bs.auto_backup_if_due(db)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(str(db.path) + suffix):
            os.remove(str(db.path) + suffix)
    wrong = ManagerApproval(manager[1].staff_id, "0000")
    answers = []
    for _ in range(7):
        with pytest.raises(DomainError) as e:
            bs.recover_from_backup(db.path, path=backup, approval=wrong)
        answers.append(e.value.message)
    print("\n" + "\n".join(f"  try {i + 1}: {m}" for i, m in enumerate(answers)))
    assert answers[0] != answers[1]  # the tries left go down
    assert "还可以再试 4 次" in answers[0] and "还可以再试 1 次" in answers[3]
    assert all("之后再试" in m for m in answers[4:])  # locked from the 5th wrong try
    assert not db.path.exists()
    with pytest.raises(DomainError) as e:  # locked: even the right PIN is not checked
        bs.recover_from_backup(db.path, path=backup, approval=manager[1])
    assert e.value.code == "auth.pin_locked"
    fake_now(T0 + dt.timedelta(minutes=6))
    bs.recover_from_backup(db.path, path=backup, approval=manager[1])
    assert db.path.exists()
