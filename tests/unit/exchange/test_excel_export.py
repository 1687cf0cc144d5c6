"""Shared Excel export: typed values survive a round trip exactly (money to the fen), layout is usable."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

openpyxl = pytest.importorskip("openpyxl")

from station_desk.exchange.excel_export import SheetData, export_table, export_workbook  # noqa: E402

HEADERS = ["日期", "工号", "姓名", "金额（元）", "积分", "件数", "备注"]
TYPES = ["date", "text", "text", "money_fen", "points_x100", "int", "text"]


def _rows(n: int = 50) -> list[list]:
    rows = []
    for i in range(n):
        rows.append([dt.date(2026, 10, 1) + dt.timedelta(days=i % 31), f"{i:04d}", ["张三", "欧阳明月"][i % 2],
                     (-1) ** i * ([1, 10, 99, 1999, 250, 123456789, 0][i % 7] + i * 1001), i * 37 - 500, i,
                     "=1+1 不是公式" if i == 3 else ("装机\n回访" if i == 4 else None)])
    return rows


def _fen(value) -> int:
    """Excel gives a float (or int) back; money must be exact to the fen."""
    scaled = Decimal(str(value)) * 100
    assert scaled == scaled.to_integral_value(), value
    return int(scaled)


def test_export_table_round_trip(tmp_path):
    rows = _rows()
    totals = [["合计", None, None, sum(r[3] for r in rows), sum(r[4] for r in rows), sum(r[5] for r in rows), "—"]]
    path = export_table(tmp_path / "账务明细.xlsx", title="古五服务中心 账务明细 2026年10月", headers=HEADERS,
                        rows=rows, column_types=TYPES, totals=totals, subtitle="打印日期：2026-11-01")
    assert path == tmp_path / "账务明细.xlsx" and path.exists()
    assert not list(tmp_path.glob("*.tmp"))

    ws = openpyxl.load_workbook(path).active
    assert ws.title == "古五服务中心 账务明细 2026年10月"
    assert ws["A1"].value == "古五服务中心 账务明细 2026年10月"
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "打印日期：2026-11-01"
    assert [c.value for c in ws[3]] == HEADERS
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == f"A3:G{3 + len(rows)}"

    for i, row in enumerate(rows):
        cells = ws[4 + i]
        day, emp, name, money, points, count, note = (c.value for c in cells)
        assert day.date() == row[0] and cells[0].number_format == "yyyy-mm-dd"
        assert emp == row[1] and isinstance(emp, str)  # leading zeros kept
        assert name == row[2]
        assert _fen(money) == row[3] and cells[3].number_format == "#,##0.00"
        assert _fen(points) == row[4] and cells[4].number_format == "#,##0.00"
        assert count == row[5]
        assert note == row[6]
    assert ws.cell(row=7, column=7).data_type == "s"  # "=1+1 …" stays text

    total_row = ws[4 + len(rows)]
    assert total_row[0].value == "合计" and total_row[0].font.b
    assert _fen(total_row[3].value) == totals[0][3]
    assert _fen(total_row[4].value) == totals[0][4]
    assert total_row[6].value == "—"


def test_cjk_columns_are_wider_than_latin(tmp_path):
    path = export_table(tmp_path / "w.xlsx", title="宽度", headers=["中文列", "abc"],
                        rows=[["欧阳明月装维班组", "abcdefgh"]])
    ws = openpyxl.load_workbook(path).active
    assert ws.column_dimensions["A"].width >= 16 + 2
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width


def test_export_workbook_several_sheets(tmp_path):
    sheets = [SheetData(title="礼品统计表", headers=["礼品", "数量"], rows=[["毛巾", 3], ["雨伞", 5]],
                        column_types=["text", "int"]),
              SheetData(title="即时奖励明细", headers=["姓名", "奖励（元）"], rows=[["李四", 5001]],
                        column_types=["text", "money_fen"], sheet_name="奖励/明细"),
              SheetData(title="礼品统计表", headers=["x"], rows=[])]
    path = export_workbook(tmp_path / "多表.xlsx", sheets)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["礼品统计表", "奖励_明细", "礼品统计表(2)"]
    assert [c.value for c in wb["礼品统计表"][4]] == ["雨伞", 5]
    assert _fen(wb["奖励_明细"]["B3"].value) == 5001
    assert wb["礼品统计表(2)"].freeze_panes == "A3"


def test_unknown_column_type_is_refused(tmp_path):
    with pytest.raises(ValueError):
        export_table(tmp_path / "x.xlsx", title="t", headers=["a"], rows=[[1]], column_types=["yuan"])
    assert not (tmp_path / "x.xlsx").exists()
