"""What a backup contains is named as a person names it: every table of the station has a Chinese label."""

from __future__ import annotations

from station_desk.backup.listing import TABLE_LABELS, table_label


def test_every_table_has_a_chinese_label(db):
    with db.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND name NOT LIKE 'customer_fts%' AND name NOT LIKE 'alembic%'")]
    assert names and sorted(n for n in names if n not in TABLE_LABELS) == []
    assert table_label("attendance_clock") == "考勤打卡" and table_label("新表") == "其他数据"
