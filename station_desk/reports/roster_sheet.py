"""排休表: the month's wall roster (SPEC §5 "posts it in the station"), A4 landscape.

One row per person (◆ = can work the front desk), one column per day (31-day grid built with
``pdf_common.build_table`` and extra style commands): shift letters, rest days (休, shaded; * = the person asked for
it), leave (事/病/年), statutory holidays and make-up workdays marked in the day header and named under the grid,
the number on duty per day, the month's rest days per person, a legend, any rule the plan still breaks, and the
standard signatures. The font size follows the number of people so that the grid fills the landscape page.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import BinaryIO
from xml.sax.saxutils import escape

from station_desk.month import Month
from station_desk.reports import pdf_common as pdf
from station_desk.rest_roster.planner import LEAVE_CODES, REST

WEEKDAYS = "一二三四五六日"
REST_BG = "#BDBDBD"
LEAVE_BG = "#E4E4E4"
HOLIDAY_BG = "#9E9E9E"
WEEKEND_BG = "#C8C8C8"
DAY_PAD = 0.6  # side padding of a day cell
LEAVE_LABELS = {"事": "事假", "病": "病假", "年": "年假"}


HALF_MARK = {"am": "上", "pm": "下"}  # half-day leave: E上 = early shift, the morning off


def _cell_text(code: str, requested: bool = False, half: str = "") -> str:
    text = "休" if code == REST else code + HALF_MARK.get(half, "")
    return text + ("*" if requested else "")


def holiday_line(m) -> str:
    """The month's statutory holidays and make-up workdays by name, consecutive days of one name joined:
    "1月1日 元旦（休）；2月16日–22日 春节（休）"."""
    runs: list[list] = []
    for d in m.days:
        mark = m.marks.get(d)
        if mark is None:
            continue
        if runs and runs[-1][2] == mark.name and runs[-1][3] == mark.kind and runs[-1][1] == d - dt.timedelta(1):
            runs[-1][1] = d
        else:
            runs.append([d, d, mark.name, mark.kind])
    parts = []
    for first, last, name, kind in runs:
        when = f"{first.month}月{first.day}日" + (f"–{last.day}日" if last != first else "")
        parts.append(f"{when} {name}（{'休' if kind == 'holiday' else '班'}）")
    return "；".join(parts)


def _widths(m, size: float) -> tuple[float, float, float, float]:
    """(name, role, day, rest) column widths in points at ``size``."""
    avail = pdf.frame_width(True)
    name_w = max([pdf.text_width(p.name + " ◆", size) for p in m.people] + [30]) + 2 * pdf.PAD_X + 2
    role_w = max([pdf.text_width(p.role_label, size) for p in m.people] + [20]) + 2 * pdf.PAD_X + 2
    rest_w = max(pdf.text_width("公休", size * 0.9) + 4, 22)
    return name_w, role_w, (avail - name_w - role_w - rest_w) / len(m.days), rest_w


def _tail_height(tail: list) -> float:
    """The height the legend, notes and signatures take on the page (laid out, not estimated)."""
    avail = pdf.frame_width(True)
    return sum(f.wrap(avail, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in tail) + 8


def _font_size(m, tail_h: float) -> float:
    """The largest size (8–14 pt) at which the grid, its legend and the signatures fill one landscape page and a
    day cell holds "休*" on one line."""
    height = pdf.page_size(True)[1] - pdf.header_height(pdf.PageInfo("排休表", "x")) - pdf.BOTTOM_MARGIN
    tail = tail_h
    for size in (14, 13, 12, 11, 10.5, 10, 9.5, 9, 8.5, 8):
        row = size * 1.25 + 2 * _pad(size) + 0.5
        head = 3 * size * 0.9 * 1.2 + 3
        fits_width = _widths(m, size)[2] - 2 * DAY_PAD >= pdf.text_width("休*", size)
        if fits_width and head + (len(m.people) + 1) * row + tail <= height:
            return size
    return 8.0


def _pad(size: float) -> float:
    return max(0.8, size * 0.22)


def _fill_pad(m, size: float, tail_h: float) -> float:
    """Vertical cell padding that lets the rows fill the page (the bottom half of a sheet is not left empty)."""
    height = pdf.page_size(True)[1] - pdf.header_height(pdf.PageInfo("排休表", "x")) - pdf.BOTTOM_MARGIN
    tail = tail_h
    head = 3 * size * 0.9 * 1.2 + 3
    spare = height - head - tail - (len(m.people) + 1) * (size * 1.25 + 0.5)
    return min(max(_pad(size), spare / (len(m.people) + 1) / 2 - 1), size * 1.4)


def roster_part(m, size: float, pad: float | None = None) -> pdf.SplitTable:
    """The grid as a table ``render_kept`` can cut: one row per person (◆ front desk), * requested rest days."""
    avail = pdf.frame_width(True)
    n_days = len(m.days)
    name_w, role_w, day_w, rest_w = _widths(m, size)
    pad = _pad(size) if pad is None else pad
    head_size = size * 0.9
    columns = [pdf.ColumnSpec("姓名", width_mm=name_w / pdf.MM), pdf.ColumnSpec("岗位", width_mm=role_w / pdf.MM)]
    for d in m.days:
        mark = m.marks.get(d)
        head = f"{d.day}\n{WEEKDAYS[d.weekday()]}" + (f"\n{mark.short}" if mark else "")
        columns.append(pdf.ColumnSpec(head, width_mm=day_w / pdf.MM, align="center"))
    columns.append(pdf.ColumnSpec("公休", width_mm=rest_w / pdf.MM, align="center"))

    rows: list[list[str]] = []
    backgrounds: list[tuple[int, int, str]] = []
    on_duty = [0] * n_days
    for r, p in enumerate(m.people):
        row = [p.name + (" ◆" if p.front_desk else ""), p.role_label]
        asked = m.requests.get(p.staff_id, set())
        rests = 0
        for c, d in enumerate(m.days):
            code = m.plan[p.staff_id][d]
            half = m.half_off.get(p.staff_id, {}).get(d, "")
            row.append(_cell_text(code, d in asked, half))
            if code == REST:
                rests += 1
                backgrounds.append((r, c + 2, REST_BG))
            elif code in LEAVE_CODES or half:
                if half:
                    on_duty[c] += 1  # on duty for the other half
                backgrounds.append((r, c + 2, LEAVE_BG))
            elif code:
                on_duty[c] += 1
        row.append(str(rests))
        rows.append(row)
    totals = [["在岗人数", ""] + [str(n) for n in on_duty] + [""]]

    def build(start: int, end: int, with_totals: bool):
        part = rows[start:end]
        extra = [("TOPPADDING", (0, 1), (-1, -1), pad), ("BOTTOMPADDING", (0, 1), (-1, -1), pad),
                 ("TOPPADDING", (0, 0), (-1, 0), 1.0), ("BOTTOMPADDING", (0, 0), (-1, 0), 1.4),
                 ("FONTSIZE", (0, 0), (-1, 0), head_size), ("LEADING", (0, 0), (-1, 0), head_size * 1.2)]
        if with_totals:
            extra.append(("SPAN", (0, len(part) + 1), (1, len(part) + 1)))
        for c, d in enumerate(m.days):
            mark = m.marks.get(d)
            if mark is not None:
                extra.append(("BACKGROUND", (c + 2, 0), (c + 2, 0),
                              pdf.colour(HOLIDAY_BG if mark.kind == "holiday" else pdf.HEADER_BG)))
            elif d.weekday() >= 5:
                extra.append(("BACKGROUND", (c + 2, 0), (c + 2, 0), pdf.colour(WEEKEND_BG)))
        for c in range(2, 2 + n_days):
            extra.append(("LEFTPADDING", (c, 0), (c, -1), DAY_PAD))
            extra.append(("RIGHTPADDING", (c, 0), (c, -1), DAY_PAD))
        bgs = [(r - start, c, colour) for r, c, colour in backgrounds if start <= r < end]
        return pdf.build_table(columns, part, totals=totals if with_totals else None, avail_width=avail,
                               font_size=size, zebra=True, cell_backgrounds=bgs, extra_styles=extra,
                               empty_text="（本月没有在职人员）", cell_pad=DAY_PAD)

    return pdf.SplitTable(len(rows), build)


def roster_tail(m, *, issues_limit: int = 12) -> list:
    """Legend (shifts, marks, holiday names), any rule the plan still breaks, and the standard signatures."""
    rl = pdf.rl_lib()
    shifts = "　".join(f"{s.code} {s.name} {s.start // 60:02d}:{s.start % 60:02d}–{s.end // 60:02d}:{s.end % 60:02d}"
                      for s in m.shifts)
    legend = [
        # two lines that never break inside an entry (one line wrapped "（深" / "底）")
        f"图例　班次：{shifts}　｜　日期栏：休 法定节假日（深底）　班 调休上班",
        "图例　格内：休 公休（灰底）　事 事假　病 病假　年 年假　E上/E下 半天假（上午/下午不在）"
        "　｜　◆ 能顶前台　* 本人申请的休息日",
        f"规则：每人每月公休 {m.rules.rest_days} 天；营业时间每一刻至少 {m.rules.min_staff} 人在岗，"
        f"其中至少 {m.rules.min_front_desk} 人能顶前台（◆）；营业时间内不得无人值守。",
    ]
    holidays = holiday_line(m)
    if holidays:
        legend.append(f"本月节假日：{holidays}")
    style = pdf.paragraph_style(9.5, "left")
    tail: list = [rl.Spacer(1, 4)] + [rl.Paragraph(escape(line), style) for line in legend]
    if m.issues:
        problems = [i.message for i in m.issues[:issues_limit]]
        if len(m.issues) > issues_limit:
            problems.append(f"另有 {len(m.issues) - issues_limit} 个问题，请在程序中查看。")
        tail += pdf.notes_block(problems, label="注意：本排班表还有未满足的规则")
    sig = pdf.signature_block(["排班", *pdf.SIGNATURES[1:]], landscape=True, size=11.0)
    return tail + [rl.Spacer(1, 6)] + sig[1:]  # a shorter gap than the shared block's


def roster_flowables(m, *, issues_limit: int = 12) -> list:
    """The flowables of the wall roster for a ``rest_roster.service.RosterMonth`` (grid, then the kept tail)."""
    rl = pdf.rl_lib()
    tail = roster_tail(m, issues_limit=issues_limit)
    tail_h = _tail_height(tail)
    size = _font_size(m, tail_h)
    return [roster_part(m, size, _fill_pad(m, size, tail_h)).whole(), rl.KeepTogether(tail)]


def render_roster(m, station: str, path_or_buffer: str | os.PathLike | BinaryIO | None = None, *,
                  printed_on: dt.date | None = None) -> bytes | None:
    """Render the wall roster of ``m`` (a ``RosterMonth``); returns the bytes when no path/buffer is given."""
    info = pdf.PageInfo(title="排休表", station=station, period=f"{m.year}年{m.month}月", landscape=True,
                        printed_on=printed_on)
    tail = roster_tail(m)
    tail_h = _tail_height(tail)
    size = _font_size(m, tail_h)
    return pdf.render_kept(info, [roster_part(m, size, _fill_pad(m, size, tail_h))], tail, path_or_buffer)


def write_roster_pdf(db, *, month: Month | str, path_or_buffer=None) -> bytes | None:
    """Read the month and render it (the station name from the policy)."""
    from station_desk.policy.service import current_policy
    from station_desk.rest_roster import service as roster

    month = Month.parse(month)
    m = roster.get_month(db, month=month)
    station = current_policy(db, month.first).station.name
    return render_roster(m, station, path_or_buffer)
