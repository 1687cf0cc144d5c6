"""The printed sheets' page: the embedded Chinese font, sizes and colours, the header with the station and
month, the footer with the print date and 第x页/共y页 (ReportLab is imported on first use)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

FONT = "WQY"
MM = 72 / 25.4  # points per millimetre (reportlab.lib.units.mm, without importing reportlab)
A4_PT = (595.2755905511812, 841.8897637795277)
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 14 * MM, 11 * MM, 17 * MM
BODY_SIZE, TITLE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE, NOTE_SIZE = 10.5, 18.0, 11.0, 9.0, 9.5  # wall-readable
PAD_X, PAD_Y = 3.0, 2.6  # cell padding: small enough for 31 day columns on landscape A4
# greys, so a black-and-white laser printer keeps header, zebra and totals apart
HEADER_BG, ZEBRA_BG, TOTALS_BG, GRID = "#D4D4D4", "#F1F1F1", "#E2E2E2", "#4D4D4D"
DATE_LABEL = "日期"
SIGNATURES = ("制表", "审核", "站长")  # every wall sheet signs with these (plus 日期)
CONFIDENTIAL = "内部资料，请勿张贴"
KEEP_ROWS = 3  # rows of a table moved over with the signatures when they would stand alone on a page
_CANNOT_START_ZH = "，。、；：？！）》」』”’…—％"


@dataclass(frozen=True)
class ColumnSpec:
    """One table column: a fixed ``width_mm`` or a share (``weight``) of the width left over."""

    header: str
    width_mm: float | None = None
    weight: float = 1.0
    align: str = "left"  # 'left' | 'right' | 'center'

    def __post_init__(self):
        if self.align not in ("left", "right", "center"):
            raise ValueError(f"ColumnSpec.align must be 'left', 'right' or 'center', not {self.align!r}")


@dataclass(frozen=True)
class PageInfo:
    """What every page shows: title block on top, printed date and page x/y at the bottom."""

    title: str
    station: str
    period: str = ""
    subtitle: str | None = None
    landscape: bool = False
    printed_on: dt.date | None = None  # None → station_desk.clock.today()
    confidential: str | None = None  # e.g. CONFIDENTIAL: printed at the top of every page
    fingerprint: str | None = None  # the books' short fingerprint (integrity work), printed in every footer


@dataclass
class SheetSpec:
    """A whole one-table sheet, rendered by :func:`render_sheet`.

    ``extra_blocks`` are small summary tables ``(heading, rows)`` printed after the main table; ``rows[0]`` is their
    header row and numeric-looking columns are right-aligned. ``signatures`` get a ``日期`` line appended unless
    they already contain one; an empty list prints no signature block.
    """

    title: str
    station: str
    period: str
    columns: list[ColumnSpec]
    rows: list[list[Any]]
    subtitle: str | None = None
    totals: list[list[Any]] | None = None
    notes: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=lambda: list(SIGNATURES))
    landscape: bool = False
    printed_on: dt.date | None = None
    extra_blocks: list[tuple[str, list[list[Any]]]] = field(default_factory=list)
    empty_text: str = "（本期无记录）"
    confidential: str | None = None
    fingerprint: str | None = None
    font_size: float = BODY_SIZE
    internal: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, lines) on an unposted page

    def page_info(self) -> PageInfo:
        return PageInfo(title=self.title, station=self.station, period=self.period, subtitle=self.subtitle,
                        landscape=self.landscape, printed_on=self.printed_on, confidential=self.confidential,
                        fingerprint=self.fingerprint)


# ---------------------------------------------------------------------------------------------------- lazy library


@functools.lru_cache(maxsize=1)
def rl_lib():
    """Import ReportLab and register the embedded font once; returns a small namespace of what we use."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageBreak, PageTemplate,
                                    Paragraph, Spacer, Table, TableStyle)

    from station_desk.paths import font_path

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    # ReportLab's CJK wrapping only knows Japanese/ASCII closing marks; without the Chinese full-width ones a
    # wrapped cell can start a line with "，" or "。". Such a mark now hangs at the end of the previous line.
    from reportlab.lib import textsplit as rl_textsplit
    from reportlab.platypus import paragraph as rl_paragraph

    for module in (rl_textsplit, rl_paragraph):  # one-fragment and multi-fragment paragraphs
        module.ALL_CANNOT_START += "".join(ch for ch in _CANNOT_START_ZH if ch not in module.ALL_CANNOT_START)

    class NumberedCanvas(Canvas):
        """Keeps every page until save() so the footer can say 第 x 页 / 共 y 页 (ReportLab's two-pass recipe)."""

        def __init__(self, *args, footer_left: str = "", footer_middle: str = "", **kwargs):
            super().__init__(*args, **kwargs)
            self._footer_left = footer_left
            self._footer_middle = footer_middle
            self._kept_pages: list[dict] = []
            self._internal_page = False

        def showPage(self):  # noqa: N802 (ReportLab name)
            self._kept_pages.append(dict(self.__dict__))  # _internal_page stays set: internal pages come last
            self._startPage()

        def save(self):
            # internal (unposted) pages are numbered apart, so the posted pages say 第 x 页 / 共 y 页 of themselves
            total = sum(1 for state in self._kept_pages if not state.get("_internal_page"))
            number = 0
            for state in self._kept_pages:
                self.__dict__.update(state)
                if state.get("_internal_page"):
                    right = "内部页（不张贴）"
                else:
                    number += 1
                    right = f"第 {number} 页 / 共 {total} 页"
                draw_footer(self, self._footer_left, right, self._footer_middle)
                Canvas.showPage(self)
            Canvas.save(self)

    class SheetTable(Table):
        """A Table that draws nothing for an empty cell (ReportLab sets an empty text object for each: a third of
        a cash month's cells, a quarter of its drawing time)."""

        def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 - ReportLab's name
            if cellval == "" and not (cellstyle.href or cellstyle.destination):
                return
            super()._drawCell(cellval, cellstyle, pos, size)

    class PageMark(Flowable):
        """Zero-size flowable: notes the page it lands on (``pages[key]``), or marks that page internal."""

        def __init__(self, pages: dict | None = None, key: str = "", internal: bool = False):
            super().__init__()
            self.pages, self.key, self.internal = pages, key, internal

        def wrap(self, avail_width, avail_height):
            return 0, 0

        def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - ReportLab's name
            if self.pages is not None:
                self.pages[f"{self.key}_y"] = y  # where on its page it landed (points from the bottom)
            super().drawOn(canvas, x, y, _sW)

        def draw(self):
            if self.pages is not None:
                self.pages[self.key] = self.canv.getPageNumber()
            if self.internal:
                self.canv._internal_page = True

    ns = dict(colors=colors, align={"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT},
              ParagraphStyle=ParagraphStyle, string_width=pdfmetrics.stringWidth, NumberedCanvas=NumberedCanvas,
              BaseDocTemplate=BaseDocTemplate, Frame=Frame, KeepTogether=KeepTogether, PageTemplate=PageTemplate,
              PageMark=PageMark, PageBreak=PageBreak,
              Paragraph=Paragraph, Spacer=Spacer, Table=SheetTable, TableStyle=TableStyle)
    return type("RL", (), ns)


def prepare() -> None:
    """Import ReportLab and register the font now (≈0.3 s once), e.g. on a worker thread after start-up."""
    rl_lib()


def colour(value):
    """'#RRGGBB' or a ReportLab Color → Color."""
    return rl_lib().colors.HexColor(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=64)
def paragraph_style(size: float = BODY_SIZE, align: str = "left", leading: float | None = None,
                    right_indent: float = 0.0):
    """A ParagraphStyle in the embedded font with CJK line breaking (any character may end a line)."""
    rl = rl_lib()
    return rl.ParagraphStyle(f"wqy-{size}-{align}-{right_indent}", fontName=FONT, fontSize=size,
                             leading=leading or round(size * 1.25, 2), alignment=rl.align[align],
                             wordWrap="CJK", rightIndent=right_indent)


def text_width(text: str, size: float = BODY_SIZE) -> float:
    """Width in points of ``text`` set in the embedded font."""
    return rl_lib().string_width(text, FONT, size)


# ---------------------------------------------------------------------------------------------------- page geometry


def page_size(landscape: bool = False) -> tuple[float, float]:
    """A4 in points, portrait or landscape."""
    return (A4_PT[1], A4_PT[0]) if landscape else A4_PT


def frame_width(landscape: bool = False) -> float:
    """Usable table width in points between the side margins."""
    return page_size(landscape)[0] - 2 * SIDE_MARGIN


def frame_height(info: PageInfo) -> float:
    """Usable height in points of a page's body frame, below the title block and above the footer."""
    return page_size(info.landscape)[1] - header_height(info) - BOTTOM_MARGIN


def title_text(info: PageInfo) -> str:
    return " ".join(part for part in (info.station, info.title, info.period) if part)


def header_height(info: PageInfo) -> float:
    return TOP_MARGIN + TITLE_SIZE * 1.25 + (SUBTITLE_SIZE * 1.4 if info.subtitle else 0) + 8


def fit_size(text: str, size: float, width: float) -> float:
    """Shrink a one-line text's font size until it fits ``width`` (long titles on portrait pages)."""
    needed = text_width(text, size)
    return size if needed <= width else max(size * width / needed * 0.98, 6.0)


def draw_title(canvas, info: PageInfo) -> None:
    width, height = page_size(info.landscape)
    usable = width - 2 * SIDE_MARGIN
    text = title_text(info)
    size = fit_size(text, TITLE_SIZE, usable)
    y = height - TOP_MARGIN - TITLE_SIZE
    canvas.setFont(FONT, size)
    canvas.drawCentredString(width / 2, y, text)
    if info.subtitle:
        sub = fit_size(info.subtitle, SUBTITLE_SIZE, usable)
        y -= SUBTITLE_SIZE * 1.5
        canvas.setFont(FONT, sub)
        canvas.drawCentredString(width / 2, y, info.subtitle)
    if info.confidential:  # boxed, top right, on every page
        size = 10.5
        w = text_width(info.confidential, size) + 8
        x, top = width - SIDE_MARGIN - w, height - TOP_MARGIN + 2
        canvas.saveState()
        canvas.setLineWidth(1.0)
        canvas.rect(x, top - size - 6, w, size + 6)
        canvas.setFont(FONT, size)
        canvas.drawString(x + 4, top - size - 2, info.confidential)
        canvas.restoreState()


def footer_middle(info: PageInfo) -> str:
    """The centre of every footer: the confidential mark and the books' fingerprint, when the sheet has them."""
    parts = []
    if info.confidential:
        parts.append(info.confidential)
    if info.fingerprint:
        parts.append(f"账本指纹：{info.fingerprint}")
    return "　".join(parts)


def draw_footer(canvas, left: str, right: str, middle: str = "") -> None:
    width = canvas._pagesize[0]
    y = BOTTOM_MARGIN - 9 * MM
    canvas.saveState()
    canvas.setStrokeColor(colour(GRID))
    canvas.setLineWidth(0.5)
    canvas.line(SIDE_MARGIN, y + FOOTER_SIZE + 3, width - SIDE_MARGIN, y + FOOTER_SIZE + 3)
    canvas.setFont(FONT, FOOTER_SIZE)
    canvas.drawString(SIDE_MARGIN, y, left)
    if middle:
        canvas.drawCentredString(width / 2, y, middle)
    canvas.drawRightString(width - SIDE_MARGIN, y, right)
    canvas.restoreState()

__all__ = [
    'SIDE_MARGIN', 'TOP_MARGIN', 'BOTTOM_MARGIN', 'BODY_SIZE', 'TITLE_SIZE', 'SUBTITLE_SIZE', 'FOOTER_SIZE',
    'NOTE_SIZE', 'frame_height', 'PAD_X', 'PAD_Y', 'HEADER_BG', 'ZEBRA_BG', 'TOTALS_BG', 'GRID', 'A4_PT', 'CONFIDENTIAL',
    'ColumnSpec', 'DATE_LABEL', 'FONT', 'KEEP_ROWS', 'MM', 'PageInfo', 'SIGNATURES', 'SheetSpec', 'colour',
    'draw_footer', 'draw_title', 'fit_size', 'footer_middle', 'frame_width', 'header_height', 'page_size',
    'paragraph_style', 'prepare', 'rl_lib', 'text_width', 'title_text',
]
