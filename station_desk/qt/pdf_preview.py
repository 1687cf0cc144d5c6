"""In-program preview and printing of the printed sheets (积分公示表, 账务明细, 排休表, …).

The PDF that ReportLab wrote is shown page by page (QtPdf); 打印 sends the same pages to a printer, so what is
posted on the wall is exactly what was previewed. Other files (Excel) open in the system's program.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def _pdf_modules():
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
    except ImportError:  # a build without QtPdf: the system viewer previews and prints
        return None
    return QPdfDocument, QPdfView


class PdfPreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: str | Path) -> None:
        super().__init__(parent)
        QPdfDocument, QPdfView = _pdf_modules()
        self.path = Path(path)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", self.path.name))
        from station_desk.qt.widgets import resize_within_screen

        resize_within_screen(self, 900, 1000)
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"))
        self.zoom_in = QPushButton(self.tr("Zoom &in (+)"))
        self.zoom_out = QPushButton(self.tr("Zoom &out (−)"))
        self.fit = QPushButton(self.tr("&Fit width"))
        self.external = QPushButton(self.tr("Open in the &system viewer"))
        close = QPushButton(self.tr("&Close (Esc)"))
        self.pages = QLabel(self.tr("%1 pages").replace("%1", str(self.document.pageCount())))
        for w in (self.print_button, self.zoom_in, self.zoom_out, self.fit, self.external):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.pages)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        self.print_button.clicked.connect(self.print_document)
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.external.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))))
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_document)
        QShortcut(QKeySequence("+"), self, activated=lambda: self._zoom(1.25))
        QShortcut(QKeySequence("-"), self, activated=lambda: self._zoom(0.8))

    def _zoom(self, factor: float) -> None:
        _, QPdfView = _pdf_modules()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def print_document(self, printer=None) -> bool:
        """Print every page at the printer's resolution. With ``printer`` given (tests, PDF output) no dialog."""
        from PySide6.QtGui import QPageLayout, QPageSize
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            first = self.document.pagePointSize(0)
            landscape = first.width() > first.height()
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                       else QPageLayout.Orientation.Portrait)
            printer.setFullPage(True)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target: QRect = painter.viewport()
                image = self.document.render(page, target.size())
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()
        return True


def open_document(parent: QWidget | None, path: str | Path) -> None:
    """Show a sheet: PDFs in the preview (with 打印), anything else in the system's program."""
    path = Path(path)
    if path.suffix.lower() == ".pdf" and _pdf_modules() is not None:
        dialog = PdfPreviewDialog(parent, path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
