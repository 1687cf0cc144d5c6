"""Customer import from .xlsx: column guessing, per-row errors, all-or-nothing; export round trip."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from station_desk.customers import service as customers
from station_desk.errors import DomainError
from station_desk import xlsx
from station_desk.customers import importer as xi
from station_desk.staff import importer as staff_rows


def _write(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["宽带账号", "用户姓名", "片区", "小区", "门牌", "手机", "套餐", "付费方式", "到期时间", "备注"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


GOOD = [
    ["KD1001", "王大明", "简易片区", "幸福小区1栋", "101室", "13811112222", "闪影6.0", "包年", dt.datetime(2027, 3, 1), ""],
    ["KD1002", "李小红", "肖家地片区", "老街", "12号", 13933334444, "3.0", "包月", "2026/12/5", "老用户"],
]


def test_guess_mapping_and_import(db, desk, tmp_path):
    sheet = xi.read_sheet(_write(tmp_path / "c.xlsx", GOOD))
    mapping = xi.guess_mapping(sheet.headers)
    assert mapping["account_no"] == 0 and mapping["name"] == 1 and mapping["expiry_date"] == 8
    assert mapping["building"] == 3 and mapping["address"] == 4 and mapping["cycle"] == 7
    check = xi.check_customers(db, sheet, mapping)
    assert check.ok and len(check.ready) == 2
    assert xi.import_customers(db, actor=desk.clerk, sheet=sheet, mapping=mapping) == 2
    from station_desk.backup.listing import read_manifest_sorted

    assert "import" in [e.reason for e in read_manifest_sorted(db.address)]  # a verified copy was taken first
    [c] = customers.search_customers(db, "wdm")
    assert (c.package, c.cycle, c.expiry_date, c.phone) == ("6.0", "yearly", dt.date(2027, 3, 1), "13811112222")
    [d] = customers.search_customers(db, "KD1002")
    assert (d.package, d.cycle, d.expiry_date, d.phone) == ("3.0", "monthly", dt.date(2026, 12, 5), "13933334444")


def test_any_bad_row_imports_nothing(db, desk, tmp_path):
    rows = GOOD + [
        ["GW001", "重复", "", "", "", "", "", "", "", ""],  # account exists already
        ["KD1003", "", "", "", "", "abc", "闪影99", "包季", "明年", ""],
        ["KD1001", "又一个", "", "", "", "", "", "", "", ""],  # duplicate inside the file
    ]
    sheet = xi.read_sheet(_write(tmp_path / "bad.xlsx", rows))
    mapping = xi.guess_mapping(sheet.headers)
    check = xi.check_customers(db, sheet, mapping)
    assert [e.row for e in check.errors] == [4, 5, 6]
    assert "已存在" in check.errors[0].message
    for word in ("缺少姓名", "电话", "未知套餐", "缴费周期", "不是日期"):
        assert word in check.errors[1].message
    assert "与第 2 行重复" in check.errors[2].message
    with pytest.raises(DomainError, match="整个文件都没有导入"):
        xi.import_customers(db, actor=desk.clerk, sheet=sheet, mapping=mapping)
    assert customers.count_customers(db) == 2


def test_missing_required_mapping_and_unreadable_file(db, desk, tmp_path):
    sheet = xi.read_sheet(_write(tmp_path / "c.xlsx", GOOD))
    check = xi.check_customers(db, sheet, {"account_no": 0, "name": None})
    assert check.errors and "姓名" in check.errors[0].message
    bad = tmp_path / "x.xlsx"
    bad.write_text("not excel")
    with pytest.raises(DomainError, match="无法读取"):
        xi.read_sheet(bad)


def test_staff_import_all_or_nothing(db, desk, tmp_path):
    from station_desk.staff import service as staff

    path = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "岗位", "入职日期", "手机"])
    wb.active.append(["J101", "孙师傅", "服务人员", dt.datetime(2025, 3, 1), "13700001111"])
    wb.active.append(["J102", "周宣传", "基础宣传员", "2025-06-01", ""])
    wb.save(path)
    sheet = xi.read_sheet(path)
    mapping = xlsx.guess_mapping(sheet.headers, staff_rows.STAFF_FIELDS)
    assert staff_rows.check_staff(db, sheet, mapping).ok
    with pytest.raises(DomainError, match="经理"):
        staff_rows.import_staff(db, actor=desk.manager, approval=None, sheet=sheet, mapping=mapping)
    assert staff_rows.import_staff(db, actor=desk.manager, approval=desk.approval, sheet=sheet, mapping=mapping) == 2
    rows = {r.emp_no: r for r in staff.list_staff(db)}
    assert rows["J101"].role == "technician" and rows["J102"].hire_date == dt.date(2025, 6, 1)
    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["工号", "姓名", "岗位", "入职日期"])
    wb.active.append(["J103", "新人", "服务人员", "2025-09-01"])
    wb.active.append(["J101", "重复", "站长助理", "2025-09-01"])
    wb.active.append(["J104", "没写入职", "服务人员", None])
    wb.save(bad)
    sheet = xi.read_sheet(bad)
    mapping = xlsx.guess_mapping(sheet.headers, staff_rows.STAFF_FIELDS)
    check = staff_rows.check_staff(db, sheet, mapping)
    assert [e.row for e in check.errors] == [3, 4] and "已存在" in check.errors[0].message
    assert "未知岗位" in check.errors[0].message
    assert "缺少入职日期" in check.errors[1].message  # never today: a wrong hire date changes attendance and points
    with pytest.raises(DomainError):
        staff_rows.import_staff(db, actor=desk.manager, approval=desk.approval, sheet=sheet, mapping=mapping)
    assert "J103" not in {r.emp_no for r in staff.list_staff(db)}
