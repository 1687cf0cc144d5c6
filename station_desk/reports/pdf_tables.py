"""Tables and blocks of the printed sheets: columns sized to their content, totals, notes, signature lines."""

from __future__ import annotations

import re

from typing import Any
from xml.sax.saxutils import escape

from station_desk.reports.pdf_page import (BODY_SIZE, DATE_LABEL, FONT, GRID, HEADER_BG, MM, NOTE_SIZE, PAD_X, PAD_Y,
                                           TOTALS_BG, ZEBRA_BG, colour, frame_width, paragraph_style, rl_lib,
                                           text_width, ColumnSpec)

_NUMERIC = re.compile(r"^[-+]?[¥￥]?[\d,]+(\.\d+)?%?$")


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


def cell(value: Any, width: float, align: str, size: float, pad: float = PAD_X):
    """A plain string when it fits on one line (fast), else a wrapping Paragraph."""
    text = "" if value is None else str(value)
    if "\n" not in text and text_width(text, size) <= width - 2 * pad:
        return text
    # the right indent leaves room for a "，" hanging at the end of a wrapped line (see rl_lib)
    return rl_lib().Paragraph(escape(text).replace("\n", "<br/>"), paragraph_style(size, align, right_indent=2.0))


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
    rl = rl_lib()
    widths = resolve_widths(columns, avail_width or frame_width(landscape))
    aligns = [c.align for c in columns]
    header = [cell(c.header, w, "center", font_size) for c, w in zip(columns, widths)]
    body = [[cell(v, w, a, font_size, cell_pad) for v, w, a in zip(row, widths, aligns)] for row in rows]
    empty = not body and empty_text is not None
    if empty:
        body = [[empty_text] + [""] * (len(columns) - 1)]
    foot = [[cell(v, w, a, font_size) for v, w, a in zip(row, widths, aligns)] for row in (totals or [])]
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
        ("GRID", (0, 0), (-1, -1), 0.5, colour(GRID)),
        ("BOX", (0, 0), (-1, -1), 1.0, rl.colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colour(HEADER_BG)),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, rl.colors.black),
    ]
    for i, align in enumerate(aligns):
        style.append(("ALIGN", (i, 1), (i, -1), align.upper()))
    if zebra and n_body > 1:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, n_body), [rl.colors.white, colour(ZEBRA_BG)]))
    if empty:
        style += [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER")]
    if foot:
        style += [("BACKGROUND", (0, first_total), (-1, -1), colour(TOTALS_BG)),
                  ("LINEABOVE", (0, first_total), (-1, first_total), 1.2, rl.colors.black)]
    for row, col, fill in cell_backgrounds or []:
        style.append(("BACKGROUND", (col, row + 1), (col, row + 1), colour(fill)))
    style += list(extra_styles or [])
    data = [header] + body + foot
    # The height of a row of one-line strings is known (ReportLab's own rule: leading + top and bottom padding);
    # given, ReportLab measures only the rows with a Paragraph — a long sheet split over many pages was measured
    # again, every row to its end, at each page (2,000 lines: a third of the time). Raw extra styles may set
    # other sizes or paddings: then every row is measured.
    heights = None if extra_styles else [_plain_height(row, font_size) for row in data]
    table = rl.Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign=h_align)
    table.setStyle(rl.TableStyle(style))
    return table


def _plain_height(row: list[Any], font_size: float) -> float | None:
    """The height of a row whose cells are all one-line strings in ``build_table``'s style, else None."""
    if all(isinstance(v, str) and "\n" not in v for v in row):
        return round(font_size * 1.25, 2) + ((PAD_Y + 0.6) + PAD_Y)  # summed in ReportLab's order
    return None


def looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip())) if text.strip() else True


def summary_table(rows: list[list[Any]], *, avail_width: float | None = None, landscape: bool = False,
                  font_size: float = BODY_SIZE):
    """A small table sized to its content (``rows[0]`` is the header); numeric-looking columns right-aligned."""
    if not rows:
        return rl_lib().Spacer(1, 0)
    header, body = [str(h) for h in rows[0]], [["" if v is None else str(v) for v in r] for r in rows[1:]]
    avail = avail_width or frame_width(landscape)
    cols = []
    for i, title in enumerate(header):
        cells = [r[i] for r in body if i < len(r)]
        natural = max([text_width(t, font_size) for t in [title, *cells]] or [0]) + 2 * PAD_X + 2
        numeric = bool(cells) and all(looks_numeric(c) for c in cells)
        cols.append(ColumnSpec(title, width_mm=max(natural, 14 * MM) / MM, align="right" if numeric else "left"))
    return build_table(cols, body, avail_width=avail, font_size=font_size, h_align="LEFT")


def heading(text: str, size: float = 12.0):
    """A small section heading (summary blocks, roster legend)."""
    style = paragraph_style(size, "left", leading=size * 1.3)
    return rl_lib().Paragraph(escape(text), style)


def notes_block(notes: list[str], *, label: str = "说明：") -> list:
    """Footnotes (rules in force, remarks), numbered when there are several."""
    rl = rl_lib()
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
    rl = rl_lib()
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

__all__ = [
    'build_table', 'cell', 'heading', 'looks_numeric', 'notes_block', 'resolve_widths', 'signature_block',
    'summary_table',
]
