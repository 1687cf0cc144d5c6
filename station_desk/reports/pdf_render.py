"""Rendering a sheet: flowables onto A4 pages, the notes and signatures kept with the last rows."""

from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from station_desk.reports.pdf_page import (BODY_SIZE, BOTTOM_MARGIN, CONFIDENTIAL, FONT, KEEP_ROWS, PAD_Y,
                                           SIDE_MARGIN, draw_title, footer_middle, frame_height, frame_width,
                                           header_height, page_size, paragraph_style, rl_lib, title_text,
                                           ColumnSpec, PageInfo, SheetSpec)
from station_desk.reports.pdf_tables import (build_table, heading, notes_block, signature_block, summary_table)

# a sheet that spills onto a second page is tried this much smaller at a time, down to this size (still readable
# on the wall; the working lists are set in 9 pt from the start)
SHRINK_STEP, SHRINK_FLOOR = 0.5, 9.0
SHRINK_MAX_PAGES = 3  # a longer sheet keeps its size (see render_fitting)


def render_flowables(info: PageInfo, flowables: list, path_or_buffer: str | os.PathLike | BinaryIO | None = None
                     ) -> bytes | None:
    """Lay ``flowables`` out on A4 pages with the title block and footer; write to a path or a binary buffer.

    Returns the PDF bytes when ``path_or_buffer`` is None, else None. A path is written only once the whole PDF
    has been built, so a failed render never leaves a half-written file.
    """
    rl = rl_lib()
    from station_desk import clock

    printed_on = info.printed_on or clock.today()
    size = page_size(info.landscape)
    top = header_height(info)
    frame = rl.Frame(SIDE_MARGIN, BOTTOM_MARGIN, size[0] - 2 * SIDE_MARGIN, size[1] - top - BOTTOM_MARGIN,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    buffer = io.BytesIO()
    doc = rl.BaseDocTemplate(buffer, pagesize=size, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
                             topMargin=top, bottomMargin=BOTTOM_MARGIN, title=title_text(info),
                             author=info.station, creator="station_desk", pageCompression=1,
                             initialFontName=FONT, initialFontSize=BODY_SIZE)
    doc.addPageTemplates([rl.PageTemplate(id="sheet", frames=[frame],
                                          onPage=lambda canvas, _doc: draw_title(canvas, info))])
    maker = functools.partial(rl.NumberedCanvas, footer_left=f"打印日期：{printed_on.isoformat()}",
                              footer_middle=footer_middle(info))
    doc.build(list(flowables), canvasmaker=maker)
    return write_pdf(buffer.getvalue(), path_or_buffer)


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
    return write_pdf(kept_pages(info, parts, tail, internal=internal, keep_rows=keep_rows)[0], path_or_buffer)


def kept_pages(info: PageInfo, parts: list, tail: list, *, internal: list | None = None,
               keep_rows: int = KEEP_ROWS, probe: bool = False, marks: dict | None = None
               ) -> tuple[bytes, int, bool]:
    """:func:`render_kept`'s PDF, with how many posted pages it has and whether the tail had to take rows over
    (the last page then holds only a remnant of the table). With ``probe`` a sheet whose tail would stand alone is
    not rendered again (its bytes are then of no use: ``marks['final']`` says whether they are); ``marks``
    receives where the first layout put things.

    A last part that is a block (the accounts sheet's balance and category totals) is kept with the tail in the
    first layout already: where both fit they stand exactly as they would apart, so one layout serves. Only a
    last table is laid out twice when its tail would stand alone, because the cut repeats the header row."""
    rl = rl_lib()
    block_last = bool(parts and tail) and not isinstance(parts[-1], SplitTable)

    def flows(split: bool, pages: dict) -> list:
        out: list = []
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if not (last and split):
                out.append(part.whole() if isinstance(part, SplitTable) else part)
                continue
            if isinstance(part, SplitTable) and part.n_rows > keep_rows:
                cut = part.n_rows - keep_rows
                out += [part.build(0, cut, False), rl.PageMark(pages, "body_end"),
                        rl.KeepTogether([rl.PageMark(pages, "tail"), part.build(cut, part.n_rows, True)] + tail)]
            else:
                # a KeepTogether's own wrap says "too tall" to force its split: nested, it would always move
                block = part._content if isinstance(part, rl.KeepTogether) else [
                    part.whole() if isinstance(part, SplitTable) else part]
                out += [rl.PageMark(pages, "body_end"), rl.KeepTogether([rl.PageMark(pages, "tail"), *block, *tail])]
            return out + [rl.PageMark(pages, "end")] + internal_flows(internal)
        out.append(rl.PageMark(pages, "body_end"))
        if tail:
            out.append(rl.KeepTogether([rl.PageMark(pages, "tail")] + tail))
        return out + [rl.PageMark(pages, "end")] + internal_flows(internal)

    pages: dict = {} if marks is None else marks
    data = render_flowables(info, flows(block_last, pages))
    spilled = bool(parts and tail and pages.get("tail", 0) > pages.get("body_end", 0))
    pages["final"] = block_last or not spilled
    if spilled and not probe and not block_last:
        pages = {}
        data = render_flowables(info, flows(True, pages))
    return data, pages.get("end", 1), spilled


def internal_flows(internal: list | None) -> list:
    if not internal:
        return []
    rl = rl_lib()
    return [rl.PageBreak(), rl.PageMark(internal=True), heading(f"{CONFIDENTIAL}（本页不张贴）", 13.0),
            rl.Spacer(1, 6)] + list(internal)


def write_pdf(data: bytes, path_or_buffer) -> bytes | None:
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
    rl = rl_lib()
    avail = frame_width(spec.landscape)
    parts: list = [table_part(spec.columns, spec.rows, totals=spec.totals, avail_width=avail,
                              empty_text=spec.empty_text, font_size=spec.font_size)]
    for title, rows in spec.extra_blocks:
        parts.append(rl.KeepTogether([rl.Spacer(1, 10), heading(title), rl.Spacer(1, 3),
                                      summary_table(rows, avail_width=avail, font_size=spec.font_size)]))
    tail = notes_block(spec.notes) + signature_block(spec.signatures, avail_width=avail)
    internal: list = []
    for title, lines in spec.internal:
        internal += [heading(title), rl.Spacer(1, 4)] + [
            rl.Paragraph(escape(line), paragraph_style(BODY_SIZE, "left")) for line in lines] + [rl.Spacer(1, 10)]
    return parts, tail, internal


def sheet_flowables(spec: SheetSpec) -> list:
    """The flowables of a standard sheet: main table, summary blocks, then notes and signatures kept together."""
    rl = rl_lib()
    parts, tail, internal = sheet_parts(spec)
    out = [p.whole() if isinstance(p, SplitTable) else p for p in parts]
    if tail:
        out.append(rl.KeepTogether(tail))
    return out + internal_flows(internal)


def render_sheet(spec: SheetSpec, path_or_buffer: str | os.PathLike | BinaryIO | None = None) -> bytes | None:
    """Render a standard one-table sheet; returns the PDF bytes when no path or buffer is given."""
    return render_fitting(spec, sheet_parts, path_or_buffer)


def render_fitting(spec: SheetSpec, make_parts, path_or_buffer=None) -> bytes | None:
    """Render the ``(parts, tail, internal)`` that ``make_parts(spec)`` builds, as :func:`render_kept` does. A short
    sheet whose last page would hold only a remnant (fifteen people and the rules of the 积分公示表 ran onto a
    second page with three rows and the signatures; the rewards' per-person totals and signatures stood on a page
    of their own) is set a little smaller when that saves the page — never under ``SHRINK_FLOOR``; otherwise it
    keeps its size. A sheet of more than ``SHRINK_MAX_PAGES`` pages keeps its size: each size tried is a whole
    layout again (the accounts sheet of a busy month, 2,900 lines on 120 pages: 0.6 s each) to save one page of
    many, and nothing on it is posted alone."""
    marks: dict = {}
    data, pages, spilled = _kept(spec, make_parts, probe=True, marks=marks)
    if spilled and 1 < pages <= SHRINK_MAX_PAGES:
        tried = 0
        for size in _sizes_that_may_save_a_page(spec, make_parts, marks):
            smaller, fewer, spills = _kept(replace(spec, font_size=size), make_parts, probe=True)
            if fewer < pages and not spills:
                return write_pdf(smaller, path_or_buffer)
            tried += 1
            if tried == 2:  # the estimate was off by more than a step: keep the size
                break
    if not marks["final"]:
        data = _kept(spec, make_parts)[0]  # the last rows go over with the tail
    return write_pdf(data, path_or_buffer)


def _sizes_that_may_save_a_page(spec: SheetSpec, make_parts, marks: dict) -> list[float]:
    """From the first layout (the body ended ``marks['body_end_y']`` up its page, the tail went over): the sizes,
    largest first, at which the rows would shrink by at least what the tail lacked — body rows grow with
    1.25 × size + padding, the notes and signatures keep their size. A last block kept with the tail counts as
    body: it shrinks with the rows."""
    parts, tail, _internal = make_parts(spec)
    width = frame_width(spec.landscape)
    tail_h = sum(_height(f, width) for f in tail)
    block_h = 0.0 if not parts or isinstance(parts[-1], SplitTable) else _height(parts[-1], width)
    frame_h = frame_height(spec.page_info())
    free = marks.get("body_end_y", BOTTOM_MARGIN) - BOTTOM_MARGIN - block_h
    body = (marks.get("body_end", 1) - 1) * frame_h + (frame_h - free)
    lacking = tail_h - free

    def pitch(size: float) -> float:
        return 1.25 * size + 2 * PAD_Y + 0.6

    sizes, size = [], spec.font_size
    while size - SHRINK_STEP >= SHRINK_FLOOR - 1e-9:
        size -= SHRINK_STEP
        if (1 - pitch(size) / pitch(spec.font_size)) * body >= lacking:
            sizes.append(size)
    return sizes


def _height(flowable, width: float) -> float:
    """A flowable's height at ``width`` outside a layout (a KeepTogether needs a canvas: its content is summed)."""
    content = getattr(flowable, "_content", None)
    if content is not None:
        return sum(_height(f, width) for f in content)
    return flowable.wrap(width, 100_000)[1]


def _kept(spec: SheetSpec, make_parts, *, probe: bool = False, marks: dict | None = None
          ) -> tuple[bytes, int, bool]:
    parts, tail, internal = make_parts(spec)
    return kept_pages(spec.page_info(), parts, tail, internal=internal, probe=probe, marks=marks)


__all__ = [
    'SplitTable', 'internal_flows', 'kept_pages', 'render_flowables', 'render_fitting', 'render_kept', 'render_sheet', 'sheet_flowables',
    'sheet_parts', 'table_part', 'write_pdf',
]
