"""账务明细: every line and the totals are in the PDF text, the CJK font is embedded, the .xlsx reads back with the
same numbers."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from station_desk.cash_book import service as cash
from station_desk.reports.accounts_sheet import write_accounts_pdf, write_accounts_xlsx
from tests.fixtures.desk import make_desk


@pytest.fixture
def book(db, manager, fake_now):
    fake_now(dt.datetime(2026, 12, 3, 9, 0))
    desk = make_desk(db, manager)

    def post(day, direction, category, fen, payee, note="", voucher=""):
        return cash.post_entry(db, actor=desk.accounts, approval=desk.approval if direction == "expense" else None,
                               day=dt.date(2026, 11, day) if day else dt.date(2026, 10, 28), direction=direction,
                               category=category, amount_fen=fen, handler_id=desk.accounts.staff_id, payee=payee,
                               note=note, voucher_no=voucher)

    post(0, "income", "备用金", 200000, "公司财务", "十月备用金")
    post(2, "expense", "水电费", 12345, "供电所", "十月电费", "PZ-1101")
    post(5, "expense", "临时宣传员费用", 30000, "王小二", "周末宣传两天", "PZ-1102")
    wrong = post(8, "expense", "小额办公费", 4500, "文具店", "打印纸", "PZ-1103")
    post(9, "income", "其他收入", 1200, "废品站", "旧纸箱")
    fake_now(dt.datetime(2026, 11, 20, 9, 0))
    cash.reverse_entry(db, actor=desk.accounts, approval=desk.approval, entry_id=wrong, reason="重复报销")
    fake_now(dt.datetime(2026, 12, 3, 9, 0))
    post(25, "expense", "即时奖励", 5000, "赵师傅", "新装奖励", "PZ-1104")
    return cash.month_book(db, "2026-11")


def test_accounts_pdf_has_every_line_and_totals(db, book, artifacts_dir):
    pdf = artifacts_dir / "accounts_sheet.pdf"
    write_accounts_pdf(db, pdf, "2026-11")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "账务明细" in text and "2026年11月" in text and "古五服务中心" in text
    for needle in ["上月结余", "2,000.00", "PZ-1101", "123.45", "供电所", "王小二", "300.00", "打印纸",
                   "-45.00", "冲正第", "重复报销", "旧纸箱", "12.00", "即时奖励", "赵师傅", "陈内勤", "王经理",
                   "本月合计", "按类别合计", "期初余额", "期末余额", "制表", "审核"]:
        assert needle in text, needle
    assert book.opening_fen == 200000 and book.income_fen == 1200
    assert book.expense_fen == 12345 + 30000 + 4500 - 4500 + 5000
    assert book.closing_fen == 200000 + 1200 - 47345
    assert "473.45" in text and "1,538.55" in text  # expense total and closing balance
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    font_lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert font_lines and all(" yes " in line for line in font_lines)  # every font embedded
    assert any("WenQuanYi" in line or "WQY" in line for line in font_lines)


def test_accounts_xlsx_reads_back(db, book, tmp_path):
    path = tmp_path / "accounts.xlsx"
    write_accounts_xlsx(db, path, "2026-11")
    wb = openpyxl.load_workbook(path)
    ws = wb["账务明细"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    header = [c.value for c in ws[2]]
    assert header[:8] == ["日期", "凭证号", "收/支", "类别", "摘要", "收入", "支出", "余额"]
    data = [v for v in values if v[3] not in ("上月结余",) and v[0] != "本月合计"]
    assert len(data) == len(book.lines)
    for row, line in zip(data, book.lines):
        assert row[3] == line.category
        amount = row[5] if line.direction == "income" else row[6]
        assert Decimal(str(amount)) == Decimal(line.amount_fen) / 100
        assert Decimal(str(row[7])) == Decimal(line.balance_fen) / 100
    total = [v for v in values if v[0] == "本月合计"][0]
    assert Decimal(str(total[5])) == Decimal(book.income_fen) / 100
    assert Decimal(str(total[6])) == Decimal(book.expense_fen) / 100
    assert Decimal(str(total[7])) == Decimal(book.closing_fen) / 100
    cats = {r[1].value: r[2].value for r in wb["按类别合计"].iter_rows(min_row=3) if r[1].value}
    assert Decimal(str(cats["水电费"])) == Decimal("123.45") and Decimal(str(cats["小额办公费"])) == 0


def _synthetic_spec(lines: int, categories: int = 8):
    """An accounts sheet of ``lines`` one-line rows (a busy month), built as ``accounts_sheet_spec`` builds it."""
    from station_desk.reports import accounts_sheet as sheet
    from station_desk.reports.pdf_common import SheetSpec

    rows = [[f"11-{1 + i * 30 // lines:02d}", f"记{i:04d}", "收入" if i % 3 else "支出", "宽带业务收入",
             ("收宽带费", "收电视费", "买打印纸两箱")[i % 3], "120.00" if i % 3 else "", "" if i % 3 else "35.50",
             f"{1000 + i}.00", "李四", "" if i % 3 else "王五", "赵六"] for i in range(lines)]
    cats = [["收/支", "类别", "金额（元）"]] + [["收入", f"类别{k:02d}", "1.00"] for k in range(categories)]
    return SheetSpec(title="账务明细", station="测试站", period="2026年11月", landscape=True,
                     columns=sheet.accounts_columns(), rows=rows,
                     totals=[["", "", "", "本月合计", "", "1.00", "2.00", "3.00", "", "", ""]],
                     extra_blocks=[("余额", [["上月结余", "本月结余"], ["1.00", "3.00"]]), ("按类别合计", cats)],
                     notes=["金额单位：元。"], printed_on=dt.date(2026, 12, 1))


def _pdf_pages(data: bytes, tmp_path) -> list[str]:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")[:-1]


def test_a_long_sheet_is_laid_out_once_with_balance_and_signatures_kept_together(monkeypatch, tmp_path):
    """Issue #15: the 10-year station's busiest month (2,862 lines) was laid out twice or three times — once to
    see that the signatures would stand alone, once a size smaller to save one page of 121, once more to move the
    balance block over — 1.3 s for a sheet that should take one layout (0.6 s)."""
    from station_desk.reports import accounts_sheet as sheet, pdf_render

    layouts = []
    real = pdf_render.render_flowables
    monkeypatch.setattr(pdf_render, "render_flowables", lambda *a, **k: layouts.append(1) or real(*a, **k))
    moved_over = 0
    for lines in (290, 300, 310, 320):
        layouts.clear()
        pages = _pdf_pages(sheet._render(_synthetic_spec(lines)), tmp_path)
        assert len(layouts) == 1, lines
        last = pages[-1]
        assert "按类别合计" in last and "制表" in last and "本月合计" in "".join(pages[-2:])
        assert f"记{lines - 1:04d}" in "".join(pages[-2:])
        moved_over += "记" not in last  # the balance block and signatures went over on their own page
    assert moved_over, "no case where the balance block and the signatures went over together"


def test_more_categories_than_a_page_holds_are_set_one_block_under_the_other(tmp_path):
    """Forty categories beside the balance were one unsplittable row taller than the page: ReportLab's
    LayoutError, a traceback instead of a sheet."""
    from station_desk.reports import accounts_sheet as sheet

    text = "".join(_pdf_pages(sheet._render(_synthetic_spec(5, categories=40)), tmp_path))
    assert all(f"类别{k:02d}" in text for k in range(40))
    assert "余额" in text and "制表" in text
