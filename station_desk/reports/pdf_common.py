"""Shared A4 page template for the station's wall-posted sheets (积分公示表, 账务明细, 即时奖励明细, 排休表, …).

Two levels of API:
* declarative: ``render_sheet(SheetSpec(...), path)`` — title block, one big table (header row repeated on every
  page, zebra rows, grid, totals shaded at the end), optional summary tables, notes and signature lines;
* building blocks for custom layouts (e.g. a 31-day roster grid): ``build_table``, ``summary_table``,
  ``notes_block``, ``signature_block``, ``heading`` and ``render_flowables(PageInfo, flowables, path)``.

Every page carries the title block "<station> <title> <period>" and the footer "打印日期：YYYY-MM-DD" /
"第 x 页 / 共 y 页" (two-pass NumberedCanvas); a confidential sheet marks every page (``PageInfo.confidential``), a
sheet of money or points can print the short fingerprint of the books in the footer (``PageInfo.fingerprint``: the
hook for the integrity work — nothing computes one yet). The signature block is one helper with the station's
standard labels (``SIGNATURES``: 制表 / 审核 / 站长 / 日期); ``render_kept`` never leaves the notes and signatures
alone on a page: it moves the last rows of the table (or the last block) over with them. All text is in the embedded, subset WenQuanYi Micro Hei font, which
has no bold face, so weight is emulated by size (title) and shading (header, totals).

ReportLab is imported on first use only (about 0.25 s), never when ``station_desk`` is imported.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

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
_NUMERIC = re.compile(r"^[-+]?[¥￥]?[\d,]+(\.\d+)?%?$")


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
def _rl():
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
                _draw_footer(self, self._footer_left, right, self._footer_middle)
                Canvas.showPage(self)
            Canvas.save(self)

    class PageMark(Flowable):
        """Zero-size flowable: notes the page it lands on (``pages[key]``), or marks that page internal."""

        def __init__(self, pages: dict | None = None, key: str = "", internal: bool = False):
            super().__init__()
            self.pages, self.key, self.internal = pages, key, internal

        def wrap(self, avail_width, avail_height):
            return 0, 0

        def draw(self):
            if self.pages is not None:
                self.pages[self.key] = self.canv.getPageNumber()
            if self.internal:
                self.canv._internal_page = True

    ns = dict(colors=colors, align={"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT},
              ParagraphStyle=ParagraphStyle, string_width=pdfmetrics.stringWidth, NumberedCanvas=NumberedCanvas,
              BaseDocTemplate=BaseDocTemplate, Frame=Frame, KeepTogether=KeepTogether, PageTemplate=PageTemplate,
              PageMark=PageMark, PageBreak=PageBreak,
              Paragraph=Paragraph, Spacer=Spacer, Table=Table, TableStyle=TableStyle)
    return type("RL", (), ns)


def prepare() -> None:
    """Import ReportLab and register the font now (≈0.3 s once), e.g. on a worker thread after start-up."""
    _rl()


def _colour(value):
    """'#RRGGBB' or a ReportLab Color → Color."""
    return _rl().colors.HexColor(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=64)
def paragraph_style(size: float = BODY_SIZE, align: str = "left", leading: float | None = None,
                    right_indent: float = 0.0):
    """A ParagraphStyle in the embedded font with CJK line breaking (any character may end a line)."""
    rl = _rl()
    return rl.ParagraphStyle(f"wqy-{size}-{align}-{right_indent}", fontName=FONT, fontSize=size,
                             leading=leading or round(size * 1.25, 2), alignment=rl.align[align],
                             wordWrap="CJK", rightIndent=right_indent)


def text_width(text: str, size: float = BODY_SIZE) -> float:
    """Width in points of ``text`` set in the embedded font."""
    return _rl().string_width(text, FONT, size)


# ---------------------------------------------------------------------------------------------------- page geometry


def page_size(landscape: bool = False) -> tuple[float, float]:
    """A4 in points, portrait or landscape."""
    return (A4_PT[1], A4_PT[0]) if landscape else A4_PT


def frame_width(landscape: bool = False) -> float:
    """Usable table width in points between the side margins."""
    return page_size(landscape)[0] - 2 * SIDE_MARGIN


def _title_text(info: PageInfo) -> str:
    return " ".join(part for part in (info.station, info.title, info.period) if part)


def _header_height(info: PageInfo) -> float:
    return TOP_MARGIN + TITLE_SIZE * 1.25 + (SUBTITLE_SIZE * 1.4 if info.subtitle else 0) + 8


def _fit_size(text: str, size: float, width: float) -> float:
    """Shrink a one-line text's font size until it fits ``width`` (long titles on portrait pages)."""
    needed = text_width(text, size)
    return size if needed <= width else max(size * width / needed * 0.98, 6.0)


def _draw_title(canvas, info: PageInfo) -> None:
    width, height = page_size(info.landscape)
    usable = width - 2 * SIDE_MARGIN
    text = _title_text(info)
    size = _fit_size(text, TITLE_SIZE, usable)
    y = height - TOP_MARGIN - TITLE_SIZE
    canvas.setFont(FONT, size)
    canvas.drawCentredString(width / 2, y, text)
    if info.subtitle:
        sub = _fit_size(info.subtitle, SUBTITLE_SIZE, usable)
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


def _draw_footer(canvas, left: str, right: str, middle: str = "") -> None:
    width = canvas._pagesize[0]
    y = BOTTOM_MARGIN - 9 * MM
    canvas.saveState()
    canvas.setStrokeColor(_colour(GRID))
    canvas.setLineWidth(0.5)
    canvas.line(SIDE_MARGIN, y + FOOTER_SIZE + 3, width - SIDE_MARGIN, y + FOOTER_SIZE + 3)
    canvas.setFont(FONT, FOOTER_SIZE)
    canvas.drawString(SIDE_MARGIN, y, left)
    if middle:
        canvas.drawCentredString(width / 2, y, middle)
    canvas.drawRightString(width - SIDE_MARGIN, y, right)
    canvas.restoreState()


# ---------------------------------------------------------------------------------------------------- tables


def resolve_widths(columns: list[ColumnSpec], avail: float) -> list[float]:
    """Column widths in points: fixed ``width_mm`` first, the rest shared by weight; scaled down if too wide."""
    fixed = sum(c.width_mm * MM for c in columns if c.width_mm)
    weights = sum(c.weight for c in columns if not c.width_mm)
    rest = max(avail - fixed, 0.0)
    widths = [c.width_mm * MM if c.width_mm else (rest * c.weight / weights if weights else 0.0) for c in columns]
    total = sum(widths)
    if total > avail + 0.01:
        widths = [w * avail / total for w in widths]
    return widths


def _cell(value: Any, width: float, align: str, size: float, pad: float = PAD_X):
    """A plain string when it fits on one line (fast), else a wrapping Paragraph."""
    text = "" if value is None else str(value)
    if "\n" not in text and text_width(text, size) <= width - 2 * pad:
        return text
    # the right indent leaves room for a "，" hanging at the end of a wrapped line (see _rl)
    return _rl().Paragraph(escape(text).replace("\n", "<br/>"), paragraph_style(size, align, right_indent=2.0))


def build_table(columns: list[ColumnSpec], rows: list[list[Any]], *, totals: list[list[Any]] | None = None,
                avail_width: float | None = None, landscape: bool = False, font_size: float = BODY_SIZE,
                zebra: bool = True, cell_backgrounds: list[tuple[int, int, Any]] | None = None,
                extra_styles: list[tuple] | None = None, empty_text: str | None = None, h_align: str = "CENTER",
                cell_pad: float = PAD_X):
    """A styled Table: header row repeated on every page, zebra body, grid, per-column alignment, totals shaded.

    ``cell_backgrounds`` are ``(row, col, colour)`` with ``row`` counted in ``rows`` (0 = first body row) and colour
    '#RRGGBB' or a ReportLab Color; ``extra_styles`` are raw TableStyle commands in table coordinates (row 0 is the
    header) applied last. ``empty_text`` fills one spanning row when ``rows`` is empty.
    """
    rl = _rl()
    widths = resolve_widths(columns, avail_width or frame_width(landscape))
    aligns = [c.align for c in columns]
    header = [_cell(c.header, w, "center", font_size) for c, w in zip(columns, widths)]
    body = [[_cell(v, w, a, font_size, cell_pad) for v, w, a in zip(row, widths, aligns)] for row in rows]
    empty = not body and empty_text is not None
    if empty:
        body = [[empty_text] + [""] * (len(columns) - 1)]
    foot = [[_cell(v, w, a, font_size) for v, w, a in zip(row, widths, aligns)] for row in (totals or [])]
    n_body, first_total = len(body), 1 + len(body)
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), round(font_size * 1.25, 2)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 0.6),
        ("GRID", (0, 0), (-1, -1), 0.5, _colour(GRID)),
        ("BOX", (0, 0), (-1, -1), 1.0, rl.colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), _colour(HEADER_BG)),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, rl.colors.black),
    ]
    for i, align in enumerate(aligns):
        style.append(("ALIGN", (i, 1), (i, -1), align.upper()))
    if zebra and n_body > 1:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, n_body), [rl.colors.white, _colour(ZEBRA_BG)]))
    if empty:
        style += [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER")]
    if foot:
        style += [("BACKGROUND", (0, first_total), (-1, -1), _colour(TOTALS_BG)),
                  ("LINEABOVE", (0, first_total), (-1, first_total), 1.2, rl.colors.black)]
    for row, col, colour in cell_backgrounds or []:
        style.append(("BACKGROUND", (col, row + 1), (col, row + 1), _colour(colour)))
    style += list(extra_styles or [])
    table = rl.Table([header] + body + foot, colWidths=widths, repeatRows=1, hAlign=h_align)
    table.setStyle(rl.TableStyle(style))
    return table


def _looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip())) if text.strip() else True


def summary_table(rows: list[list[Any]], *, avail_width: float | None = None, landscape: bool = False,
                  font_size: float = BODY_SIZE):
    """A small table sized to its content (``rows[0]`` is the header); numeric-looking columns right-aligned."""
    if not rows:
        return _rl().Spacer(1, 0)
    header, body = [str(h) for h in rows[0]], [["" if v is None else str(v) for v in r] for r in rows[1:]]
    avail = avail_width or frame_width(landscape)
    cols = []
    for i, title in enumerate(header):
        cells = [r[i] for r in body if i < len(r)]
        natural = max([text_width(t, font_size) for t in [title, *cells]] or [0]) + 2 * PAD_X + 2
        numeric = bool(cells) and all(_looks_numeric(c) for c in cells)
        cols.append(ColumnSpec(title, width_mm=max(natural, 14 * MM) / MM, align="right" if numeric else "left"))
    return build_table(cols, body, avail_width=avail, font_size=font_size, h_align="LEFT")


def heading(text: str, size: float = 12.0):
    """A small section heading (summary blocks, roster legend)."""
    style = paragraph_style(size, "left", leading=size * 1.3)
    return _rl().Paragraph(escape(text), style)


def notes_block(notes: list[str], *, label: str = "说明：") -> list:
    """Footnotes (rules in force, remarks), numbered when there are several."""
    rl = _rl()
    if not notes:
        return []
    style = paragraph_style(NOTE_SIZE, "left")
    out = [rl.Spacer(1, 8), rl.Paragraph(escape(label), style)]
    for i, note in enumerate(notes, start=1):
        prefix = f"{i}. " if len(notes) > 1 else ""
        out.append(rl.Paragraph(escape(prefix + note), style))
    return out


def signature_block(labels: list[str], *, avail_width: float | None = None, landscape: bool = False,
                    add_date: bool = True, size: float = 11.0) -> list:
    """One line of "制表：____  审核：____  站长：____  日期：____" blanks to sign by hand."""
    rl = _rl()
    labels = list(labels)
    if not labels:
        return []
    if add_date and DATE_LABEL not in labels:
        labels.append(DATE_LABEL)
    avail = avail_width or frame_width(landscape)
    label_widths = [text_width(f"{label}：", size) + 6 for label in labels]
    gap = 12.0
    blank = max((avail - sum(label_widths) - gap * (len(labels) - 1)) / len(labels), 30.0)
    cells, widths, style = [], [], [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), size),
                                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for i, (label, width) in enumerate(zip(labels, label_widths)):
        if i:
            cells.append("")
            widths.append(gap)
        cells += [f"{label}：", ""]
        widths += [width, blank]
        col = len(cells) - 1
        style.append(("LINEBELOW", (col, 0), (col, 0), 0.8, rl.colors.black))
    table = rl.Table([cells], colWidths=widths, rowHeights=[size * 2.2], hAlign="LEFT")
    table.setStyle(rl.TableStyle(style))
    return [rl.Spacer(1, 22), table]


# ---------------------------------------------------------------------------------------------------- rendering


def render_flowables(info: PageInfo, flowables: list, path_or_buffer: str | os.PathLike | BinaryIO | None = None
                     ) -> bytes | None:
    """Lay ``flowables`` out on A4 pages with the title block and footer; write to a path or a binary buffer.

    Returns the PDF bytes when ``path_or_buffer`` is None, else None. A path is written only once the whole PDF
    has been built, so a failed render never leaves a half-written file.
    """
    rl = _rl()
    from station_desk import clock

    printed_on = info.printed_on or clock.today()
    size = page_size(info.landscape)
    top = _header_height(info)
    frame = rl.Frame(SIDE_MARGIN, BOTTOM_MARGIN, size[0] - 2 * SIDE_MARGIN, size[1] - top - BOTTOM_MARGIN,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    buffer = io.BytesIO()
    doc = rl.BaseDocTemplate(buffer, pagesize=size, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
                             topMargin=top, bottomMargin=BOTTOM_MARGIN, title=_title_text(info),
                             author=info.station, creator="station_desk", pageCompression=1,
                             initialFontName=FONT, initialFontSize=BODY_SIZE)
    doc.addPageTemplates([rl.PageTemplate(id="sheet", frames=[frame],
                                          onPage=lambda canvas, _doc: _draw_title(canvas, info))])
    maker = functools.partial(rl.NumberedCanvas, footer_left=f"打印日期：{printed_on.isoformat()}",
                              footer_middle=footer_middle(info))
    doc.build(list(flowables), canvasmaker=maker)
    return _write(buffer.getvalue(), path_or_buffer)


@dataclass
class SplitTable:
    """A table that ``render_kept`` can cut before its last rows: ``build(start, end, with_totals)`` makes the
    table of ``rows[start:end]`` (with the header row, and the totals when asked)."""

    n_rows: int
    build: Any  # Callable[[int, int, bool], Flowable]

    def whole(self):
        return self.build(0, self.n_rows, True)


def table_part(columns: list[ColumnSpec], rows: list[list[Any]], **kwargs) -> SplitTable:
    """A ``SplitTable`` over :func:`build_table` (``cell_backgrounds`` rows are shifted with the cut)."""
    totals = kwargs.pop("totals", None)
    backgrounds = kwargs.pop("cell_backgrounds", None) or []

    def build(start: int, end: int, with_totals: bool):
        bgs = [(r - start, c, colour) for r, c, colour in backgrounds if start <= r < end]
        return build_table(columns, rows[start:end], totals=totals if with_totals else None,
                           cell_backgrounds=bgs, **kwargs)

    return SplitTable(len(rows), build)


def render_kept(info: PageInfo, parts: list, tail: list, path_or_buffer=None, *, internal: list | None = None,
                keep_rows: int = KEEP_ROWS) -> bytes | None:
    """Render ``parts`` (flowables or ``SplitTable``) then ``tail`` (notes + signatures, kept together) so that the
    tail never stands alone on a page: when it would, the last ``keep_rows`` rows of a final ``SplitTable`` (with
    the header repeated) or the whole last block go over with it. ``internal`` flowables follow on their own,
    unposted page(s) (marked 内部资料, numbered apart)."""
    rl = _rl()

    def flows(split: bool, pages: dict) -> list:
        out: list = []
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if not (last and split):
                out.append(part.whole() if isinstance(part, SplitTable) else part)
                continue
            if isinstance(part, SplitTable) and part.n_rows > keep_rows:
                cut = part.n_rows - keep_rows
                out += [part.build(0, cut, False), rl.KeepTogether([part.build(cut, part.n_rows, True)] + tail)]
            else:
                out.append(rl.KeepTogether([part.whole() if isinstance(part, SplitTable) else part] + tail))
            return out + _internal_flows(internal)
        out.append(rl.PageMark(pages, "body_end"))
        if tail:
            out.append(rl.KeepTogether([rl.PageMark(pages, "tail")] + tail))
        return out + _internal_flows(internal)

    pages: dict = {}
    data = render_flowables(info, flows(False, pages))
    if parts and tail and pages.get("tail", 0) > pages.get("body_end", 0):
        data = render_flowables(info, flows(True, {}))
    return _write(data, path_or_buffer)


def _internal_flows(internal: list | None) -> list:
    if not internal:
        return []
    rl = _rl()
    return [rl.PageBreak(), rl.PageMark(internal=True), heading(f"{CONFIDENTIAL}（本页不张贴）", 13.0),
            rl.Spacer(1, 6)] + list(internal)


def _write(data: bytes, path_or_buffer) -> bytes | None:
    if path_or_buffer is None:
        return data
    if hasattr(path_or_buffer, "write"):
        path_or_buffer.write(data)
        return None
    path = Path(path_or_buffer)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return None


def sheet_parts(spec: SheetSpec) -> tuple[list, list, list]:
    """(parts, tail, internal) of a standard sheet: the main table, summary blocks; notes and signatures; the
    unposted page."""
    rl = _rl()
    avail = frame_width(spec.landscape)
    parts: list = [table_part(spec.columns, spec.rows, totals=spec.totals, avail_width=avail,
                              empty_text=spec.empty_text, font_size=spec.font_size)]
    for title, rows in spec.extra_blocks:
        parts.append(rl.KeepTogether([rl.Spacer(1, 10), heading(title), rl.Spacer(1, 3),
                                      summary_table(rows, avail_width=avail)]))
    tail = notes_block(spec.notes) + signature_block(spec.signatures, avail_width=avail)
    internal: list = []
    for title, lines in spec.internal:
        internal += [heading(title), rl.Spacer(1, 4)] + [
            rl.Paragraph(escape(line), paragraph_style(BODY_SIZE, "left")) for line in lines] + [rl.Spacer(1, 10)]
    return parts, tail, internal


def sheet_flowables(spec: SheetSpec) -> list:
    """The flowables of a standard sheet: main table, summary blocks, then notes and signatures kept together."""
    rl = _rl()
    parts, tail, internal = sheet_parts(spec)
    out = [p.whole() if isinstance(p, SplitTable) else p for p in parts]
    if tail:
        out.append(rl.KeepTogether(tail))
    return out + _internal_flows(internal)


def render_sheet(spec: SheetSpec, path_or_buffer: str | os.PathLike | BinaryIO | None = None) -> bytes | None:
    """Render a standard one-table sheet; returns the PDF bytes when no path or buffer is given."""
    parts, tail, internal = sheet_parts(spec)
    return render_kept(spec.page_info(), parts, tail, path_or_buffer, internal=internal)
