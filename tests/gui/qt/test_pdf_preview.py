"""The wall sheets are previewed in the program and printed from there (issues 3 and 7: "preview and print")."""

from __future__ import annotations

import datetime as dt
import subprocess

from PySide6.QtPrintSupport import QPrinter

from station_desk.qt.pdf_preview import PdfPreviewDialog
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec, render_sheet


def _sheet(path, rows=60):
    spec = SheetSpec(title="积分公示表", station="古五服务中心", period="2026年10月",
                     columns=[ColumnSpec("姓名", width_mm=30), ColumnSpec("积分", width_mm=30, align="right")],
                     rows=[[f"员工{i}", f"{i * 10}.00"] for i in range(rows)], printed_on=dt.date(2026, 11, 2))
    render_sheet(spec, path)
    return path


def test_preview_shows_every_page_and_prints_them(zh_app, qtbot, tmp_path):
    pdf = _sheet(tmp_path / "sheet.pdf")
    dialog = PdfPreviewDialog(None, pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    pages = dialog.document.pageCount()
    assert pages >= 2 and str(pages) in dialog.pages.text()
    assert dialog.print_button.text().startswith("打印")
    # print to a PDF "printer": the printout has the same number of pages
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dialog.print_document(printer)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    import re

    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == pages
