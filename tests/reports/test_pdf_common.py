"""Shared printed-sheet toolkit: checked through poppler (pdftotext, pdffonts, pdfinfo, pdftoppm)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import time

import pytest

from station_desk.reports.pdf_common import (ColumnSpec, PageInfo, SheetSpec, build_table, notes_block,
                                             render_flowables, render_sheet, signature_block)

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

PRINTED = dt.date(2026, 11, 1)
LONG_NOTE = "按时完成装机工单并获得客户好评，另有延时加班两次需要说明情况（含<夜间>&节假日）"


def _poppler(tool: str, *args) -> str:
    return subprocess.run([tool, *map(str, args)], check=True, capture_output=True, text=True).stdout


def _text(pdf) -> str:
    """pdftotext -layout with runs of spaces collapsed (column gaps vary with widths)."""
    return re.sub(r"[ \t]+", " ", _poppler("pdftotext", "-layout", pdf, "-"))


def _has_page_footer(text: str, number: int, total: int) -> bool:
    """'第 x 页 / 共 y 页' (pdftotext may drop the spaces around the narrow digits)."""
    return re.search(rf"第\s*{number}\s*页\s*/\s*共\s*{total}\s*页", text) is not None


def _pages(pdf) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", pdf)).group(1))


def _page_size(pdf) -> str:
    return re.search(r"Page size:\s+(.+?) pts", _poppler("pdfinfo", pdf)).group(1)


def _points_spec(n: int, *, landscape: bool = False) -> SheetSpec:
    columns = [ColumnSpec("序号", width_mm=12, align="center"), ColumnSpec("工号", width_mm=16),
               ColumnSpec("姓名", width_mm=22), ColumnSpec("岗位"), ColumnSpec("本月积分", width_mm=22, align="right"),
               ColumnSpec("累计积分", width_mm=24, align="right"), ColumnSpec("备注", weight=2)]
    rows = [[str(i), f"E{i:03d}", ["张三", "李四四", "欧阳明月"][i % 3], "前台营业员", f"{i * 13.25:,.2f}",
             f"{i * 1234.5:,.2f}", LONG_NOTE if i % 9 == 0 else "—"] for i in range(1, n + 1)]
    return SheetSpec(title="积分公示表", station="古五服务中心", period="2026年10月",
                     subtitle="统计期间：2026-10-01 至 2026-10-31", columns=columns, rows=rows,
                     totals=[["合计", "", "", "", "98,765.43", "1,234,567.89", ""]],
                     notes=["积分规则按 2026 版《积分管理办法》执行。", "如有异议请于公示之日起三日内向站长反映。"],
                     landscape=landscape, printed_on=PRINTED,
                     extra_blocks=[("按岗位汇总", [["岗位", "人数", "积分合计"], ["前台营业员", "12", "1,000.00"],
                                                   ["装维", "8", "234.00"]])])


def test_multi_page_sheet_text_fonts_and_size(tmp_path):
    pdf = tmp_path / "积分公示表.pdf"
    assert render_sheet(_points_spec(120), pdf) is None
    pages = _pages(pdf)
    assert pages >= 3
    assert _page_size(pdf) == "595.276 x 841.89"  # A4 portrait
    text = _text(pdf)
    page_texts = text.split("\f")[:pages]
    for number, page in enumerate(page_texts, start=1):
        # title block, repeated header row and footer on every page
        assert "古五服务中心 积分公示表 2026年10月" in page
        assert "统计期间：2026-10-01 至 2026-10-31" in page
        if re.search(r"E\d{3}", page):  # a page of the table (notes and signatures may spill onto their own)
            assert "序号" in page and "累计积分" in page
        assert _has_page_footer(page, number, pages)
        assert "打印日期：2026-11-01" in page
    for i in range(1, 121):
        assert re.search(rf"\b{i} E{i:03d} (张三|李四四|欧阳明月)\b", text), i
    assert "按时完成装机工单" in text and "<夜间>&节假日）" in text  # wrapped, escaped
    assert not re.search(r"^\s*[，。、）]", text, re.M)  # no line starts with a closing mark
    assert "合计" in text and "98,765.43" in text and "1,234,567.89" in text
    assert "按岗位汇总" in text and "前台营业员 12 1,000.00" in text
    assert "说明：" in text and "2. 如有异议请于公示之日起三日内向站长反映。" in text
    last = page_texts[-1]
    for label in ("制表：", "审核：", "站长：", "日期："):
        assert label in last

    fonts = [line.split() for line in _poppler("pdffonts", pdf).splitlines()[2:]]
    assert len(fonts) == 1, fonts  # nothing but the embedded font (no stray Helvetica)
    name, emb, sub = fonts[0][0], fonts[0][-5], fonts[0][-4]
    assert re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei.*", name)
    assert (emb, sub) == ("yes", "yes")

    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                   check=True)
    assert (tmp_path / "p-1.png").stat().st_size > 10_000


def test_landscape_sheet(tmp_path):
    pdf = tmp_path / "landscape.pdf"
    render_sheet(_points_spec(40, landscape=True), pdf)
    assert _page_size(pdf) == "841.89 x 595.276"
    text = _text(pdf)
    pages = _pages(pdf)
    assert "古五服务中心 积分公示表 2026年10月" in text
    assert _has_page_footer(text, pages, pages)
    assert all(f"E{i:03d}" in text for i in range(1, 41))


def test_custom_layout_month_grid_returns_bytes(tmp_path):
    # Given a roster-like grid: 31 narrow day columns with coloured cells
    columns = ([ColumnSpec("姓名", width_mm=20)] + [ColumnSpec(str(d), align="center") for d in range(1, 32)]
               + [ColumnSpec("休息", width_mm=11, align="right")])
    rows = [[name] + ["休" if (d + i) % 6 == 0 else "" for d in range(1, 32)] + ["5"]
            for i, name in enumerate(["张三", "李四", "欧阳明月"])]
    colours = [(r, c, "#FFE08A") for r, row in enumerate(rows) for c, v in enumerate(row) if v == "休"]
    info = PageInfo(title="排休表", station="古五服务中心", period="2026年10月", landscape=True, printed_on=PRINTED)
    table = build_table(columns, rows, landscape=True, font_size=9.5, zebra=False, cell_backgrounds=colours,
                        extra_styles=[("TEXTCOLOR", (0, 1), (0, -1), "#000080")])
    flowables = [table, *notes_block(["黄色为排休。"]), *signature_block(["排班", "站长"], landscape=True)]
    # When rendered without a path, Then the PDF comes back as bytes
    data = render_flowables(info, flowables)
    assert data[:5] == b"%PDF-"
    pdf = tmp_path / "roster.pdf"
    pdf.write_bytes(data)
    text = _text(pdf)
    assert "古五服务中心 排休表 2026年10月" in text
    assert _has_page_footer(text, 1, 1) and _pages(pdf) == 1
    assert re.search(r"姓名 1 2 3 .* 30 31 休息", text)
    assert "欧阳明月" in text and "排班：" in text and "日期：" in text


def test_empty_sheet_says_so_and_keeps_signatures(tmp_path):
    spec = SheetSpec(title="即时奖励明细", station="古五服务中心", period="2026年10月",
                     columns=[ColumnSpec("姓名"), ColumnSpec("金额", align="right")], rows=[],
                     signatures=["制表", "站长"], printed_on=PRINTED)
    pdf = tmp_path / "empty.pdf"
    render_sheet(spec, pdf)
    text = _text(pdf)
    assert "（本期无记录）" in text and "制表：" in text and "站长：" in text and "审核：" not in text


def test_render_speed():
    spec = _points_spec(40)
    render_sheet(spec)  # first use imports ReportLab and registers the font
    best = min(_timed(lambda: render_sheet(spec)) for _ in range(3))
    assert best < 0.3, best


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_importing_does_not_load_reportlab_or_openpyxl():
    code = ("import sys, station_desk.reports.pdf_common, station_desk.exchange.excel_export; "
            "assert 'reportlab' not in sys.modules and 'openpyxl' not in sys.modules, "
            "[m for m in sys.modules if m.startswith(('reportlab', 'openpyxl'))]")
    subprocess.run([sys.executable, "-c", code], check=True)


def _points_like(n_rows: int) -> SheetSpec:
    """A landscape sheet like the 积分公示表: n people, two totals lines, nine lines of rules, signatures."""
    cols = [ColumnSpec("名次", 12, align="center"), ColumnSpec("姓名", 22), ColumnSpec("岗位", weight=1.0),
            ColumnSpec("合计", 24, align="right")]
    rows = [[i, f"员工{i}", "服务人员", f"{300 - i}.00"] for i in range(1, n_rows + 1)]
    return SheetSpec(title="积分公示表", station="测试站", period="2026年11月", columns=cols, rows=rows,
                     totals=[["", "合计", f"{n_rows} 人", "1.00"], ["", "全站平均", "", "1.00"]],
                     notes=[f"第 {k} 条规则：" + "积分按月计算，" * 4 for k in range(1, 10)], landscape=True,
                     printed_on=PRINTED)


def test_a_sheet_a_few_rows_too_long_is_set_smaller_to_stay_on_one_page(tmp_path):
    """Fifteen people and the rules ran onto a second page with three rows and the signatures, leaving the first
    page half empty (the demo's 积分公示表): a sheet that spills by a little is set a size smaller instead."""
    render_sheet(_points_like(15), tmp_path / "fifteen.pdf")
    assert _pages(tmp_path / "fifteen.pdf") == 1
    text = _text(tmp_path / "fifteen.pdf")
    assert "员工15" in text and "制表" in text
    # a sheet that fits keeps the wall size
    render_sheet(_points_like(5), tmp_path / "five.pdf")
    assert _row_pitch(tmp_path / "five.pdf") > _row_pitch(tmp_path / "fifteen.pdf")


def _row_pitch(pdf) -> float:
    """The distance between the first two body rows (from pdftotext's word boxes)."""
    boxes = re.findall(r'yMin="([\d.]+)"[^>]*>员工([12])<', _poppler("pdftotext", "-bbox", pdf, "-"))
    y = {n: float(v) for v, n in boxes}
    return y["2"] - y["1"]



def test_given_row_heights_equal_what_reportlab_measures(monkeypatch):
    """``build_table`` hands ReportLab the heights of its one-line rows (issue #15: a long sheet was measured again
    at every page); they must be the heights ReportLab measures itself — header, wrapped rows, empty cells and
    totals alike, at the font sizes the sheets use."""
    from station_desk.reports import pdf_tables

    cols = [ColumnSpec("日期", width_mm=14), ColumnSpec("摘要", width_mm=30),
            ColumnSpec("金额", width_mm=20, align="right")]
    rows = [["11-01", "短", "1.00"], ["11-02", LONG_NOTE, "2.00"], ["11-03", "", ""], ["", "", "3.00"]]
    for size in (9.0, 10.5, 11.0, 12.0):
        given = build_table(cols, rows, totals=[["合计", "", "6.00"]], font_size=size)
        assert given._argH[1] is not None and given._argH[2] is None  # given / left to ReportLab
        with monkeypatch.context() as m:
            m.setattr(pdf_tables, "_plain_height", lambda row, font_size: None)
            measured = build_table(cols, rows, totals=[["合计", "", "6.00"]], font_size=size)
        assert measured._argH == [None] * 6
        given.wrap(500, 10_000)
        measured.wrap(500, 10_000)
        assert given._rowHeights == measured._rowHeights, size
