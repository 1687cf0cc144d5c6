"""The Backup tab's restore on a PostgreSQL station (issue #17): a listed pg_dump backup goes into a new, empty
database the manager names, after a safety copy of the live one; the live database is left as it was. Runs on the
PostgreSQL run (``STATION_DESK_TEST_ENGINE=postgresql``); skipped on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from station_desk.audit import service as audit
from station_desk.backup import service as bs
from station_desk.backup.manifest import read_manifest
from station_desk.db.engine import Database
from station_desk.staff import service as staff
from tests.gui_helpers import activate, wait_ops

pytestmark = pytest.mark.usefixtures("pg_server")


def _folder(db):
    from station_desk.backup.pg import local_folder

    return local_folder(db)


def _add_people(db, manager, first, n):
    actor, approval = manager
    for i in range(first, n):
        staff.add_staff(db, actor=actor, approval=approval, emp_no=f"J{i:02d}", name=f"技术员{i}", role="technician",
                        hire_date=dt.date(2024, 1, 1))


def _restore_dialog(zh_app, qtbot, db, manager, make_ctx, monkeypatch):
    from station_desk.backup.tab import BackupTab

    actor, approval = manager
    tab = BackupTab(make_ctx(actor))
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    activate(qtbot, tab)
    tab.refresh()
    wait_ops(qtbot)
    assert tab.model.rowCount() >= 1
    tab.table.selectRow(0)
    monkeypatch.setattr("station_desk.qt.dialogs.approval.ask_manager_approval", lambda parent, ctx, action: approval)
    shown = []
    monkeypatch.setattr("station_desk.backup.dialogs.ServerRestoreDialog.exec",
                        lambda self: shown.append(self) or 0)
    tab.restore_selected()
    [dialog] = shown
    qtbot.addWidget(dialog)
    dialog.show()
    return tab, dialog


def test_the_tab_restores_a_listed_backup_into_a_new_database(zh_app, qtbot, db, manager, make_ctx, pg_server,
                                                              monkeypatch, artifacts_dir):
    _add_people(db, manager, 0, 2)
    bs.backup_before(db, "manual")
    _add_people(db, manager, 2, 3)  # J02 only in the live database
    tab, dialog = _restore_dialog(zh_app, qtbot, db, manager, make_ctx, monkeypatch)
    assert dialog.objectName() == "ServerRestoreDialog" and "新" in dialog.windowTitle()
    # an address that is not a PostgreSQL database, or with a password in it: refused in Chinese, nothing written
    qtbot.keyClicks(dialog.url_edit, "D:/station.db")
    dialog.restore_button.click()
    assert "postgresql://" in dialog.message_bar.text() and dialog.result_info is None
    # the live database's own address: refused (it is not empty)
    dialog.url_edit.setText(db.address)
    dialog.restore_button.click()
    wait_ops(qtbot, timeout=30000)
    assert "不是空的" in dialog.message_bar.text() and dialog.result_info is None
    assert "restore" not in [e.reason for e in read_manifest(_folder(db))]  # refused before any copy
    target = pg_server.new_database()
    dialog.url_edit.setText(target)
    dialog.grab().save(str(artifacts_dir / "backup_pg_restore_dialog.png"))
    dialog.restore_button.click()
    wait_ops(qtbot, timeout=30000)
    assert dialog.result_info is not None, dialog.message_bar.text()
    tab.restore_done(dialog.result_info, target)
    text = tab.message_bar.text()
    tab.grab().save(str(artifacts_dir / "backup_pg_restored_tab.png"))
    assert "已恢复到新数据库" in text and "安全备份" in text and "--db" in text, text
    restored = Database(target)
    try:
        assert sorted(r.emp_no for r in staff.list_staff(restored)) == ["J00", "J01", "M001"]
        assert audit.verify_chain(restored) is None
    finally:
        restored.close()
    assert "J02" in [r.emp_no for r in staff.list_staff(db)]  # the live database as it was
    assert "restore" in [e.reason for e in read_manifest(dialog.result_info["safety_copy"].parent)]
