"""排休表: the month's wall roster (SPEC §5 "posts it in the station"), A4 landscape.

One row per person, one column per day (31-day grid built with ``pdf_common.build_table`` and extra style
commands): shift letters, rest days (休, shaded), leave (事/病/年), statutory holidays and make-up workdays marked
in the day header, the number on duty per day, the month's rest days per person, a legend, any rule the plan
still breaks, and the signature line.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import BinaryIO
from xml.sax.saxutils import escape

from station_desk.reports import pdf_common as pdf
from station_desk.rest_roster.planner import LEAVE_CODES, REST

WEEKDAYS = "一二三四五六日"
REST_BG = "#BDBDBD"
LEAVE_BG = "#E4E4E4"
HOLIDAY_BG = "#9E9E9E"
WEEKEND_BG = "#C8C8C8"
LEAVE_LABELS = {"事": "事假", "病": "病假", "年": "年假"}


def _cell_text(code: str) -> str:
    if code == REST:
        return "休"
    return code


def roster_flowables(m, *, issues_limit: int = 12) -> list:
    """The flowables of the wall roster for a ``rest_roster.service.RosterMonth``."""
    rl = pdf._rl()
    landscape = True
    avail = pdf.frame_width(landscape)
    n_days = len(m.days)
    day_w = min(7.2, (avail / pdf.MM - 18 - 24 - 9) / n_days)
    columns = [pdf.ColumnSpec("姓名", width_mm=18), pdf.ColumnSpec("岗位", width_mm=24)]
    for d in m.days:
        mark = m.marks.get(d)
        head = f"{d.day}\n{WEEKDAYS[d.weekday()]}" + (f"\n{mark.short}" if mark else "")
        columns.append(pdf.ColumnSpec(head, width_mm=day_w, align="center"))
    columns.append(pdf.ColumnSpec("公休", width_mm=9, align="center"))

    rows: list[list[str]] = []
    backgrounds: list[tuple[int, int, str]] = []
    on_duty = [0] * n_days
    for r, p in enumerate(m.people):
        row = [p.name, p.role_label]
        rests = 0
        for c, d in enumerate(m.days):
            code = m.plan[p.staff_id][d]
            row.append(_cell_text(code))
            if code == REST:
                rests += 1
                backgrounds.append((r, c + 2, REST_BG))
            elif code in LEAVE_CODES:
                backgrounds.append((r, c + 2, LEAVE_BG))
            elif code:
                on_duty[c] += 1
        row.append(str(rests))
        rows.append(row)
    totals = [["在岗人数", ""] + [str(n) for n in on_duty] + [""]]

    # compact rows so that a station of 30 fits on one sheet with its legend and signatures
    extra = [("SPAN", (0, len(rows) + 1), (1, len(rows) + 1)),
             ("TOPPADDING", (0, 1), (-1, -1), 0.8), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.3),
             ("TOPPADDING", (0, 0), (-1, 0), 1.0), ("BOTTOMPADDING", (0, 0), (-1, 0), 1.4)]
    for c, d in enumerate(m.days):
        mark = m.marks.get(d)
        if mark is not None:
            extra.append(("BACKGROUND", (c + 2, 0), (c + 2, 0), pdf._colour(HOLIDAY_BG if mark.kind == "holiday"
                                                                             else pdf.HEADER_BG)))
        elif d.weekday() >= 5:
            extra.append(("BACKGROUND", (c + 2, 0), (c + 2, 0), pdf._colour(WEEKEND_BG)))
    for c in range(2, 2 + n_days):
        extra.append(("LEFTPADDING", (c, 0), (c, -1), 0.5))
        extra.append(("RIGHTPADDING", (c, 0), (c, -1), 0.5))
    table = pdf.build_table(columns, rows, totals=totals, avail_width=avail, font_size=8.0, zebra=True,
                            cell_backgrounds=backgrounds, extra_styles=extra, empty_text="（本月没有在职人员）")

    shifts = "　".join(f"{s.code} {s.name} {s.start // 60:02d}:{s.start % 60:02d}–{s.end // 60:02d}:{s.end % 60:02d}"
                      for s in m.shifts)
    legend = [
        f"图例　班次：{shifts}　｜　休 公休（灰底）　事 事假　病 病假　年 年假　｜　日期栏：休 法定节假日（深底）"
        f"　班 调休上班",
        f"规则：每人每月公休 {m.rules.rest_days} 天；营业时间每一刻至少 {m.rules.min_staff} 人在岗，"
        f"其中至少 {m.rules.min_front_desk} 人能顶前台；营业时间内不得无人值守。",
    ]
    style = pdf.paragraph_style(8.5, "left")
    tail: list = [rl.Spacer(1, 4)] + [rl.Paragraph(escape(line), style) for line in legend]
    if m.issues:
        problems = [i.message for i in m.issues[:issues_limit]]
        if len(m.issues) > issues_limit:
            problems.append(f"另有 {len(m.issues) - issues_limit} 个问题，请在程序中查看。")
        tail += pdf.notes_block(problems, label="注意：本排班表还有未满足的规则")
    sig = pdf.signature_block(["排班", "站长"], avail_width=avail, landscape=landscape, size=10.0)
    tail += [rl.Spacer(1, 6)] + sig[1:]  # a shorter gap than the shared block's
    return [table, rl.KeepTogether(tail)]


def render_roster(m, station: str, path_or_buffer: str | os.PathLike | BinaryIO | None = None, *,
                  printed_on: dt.date | None = None) -> bytes | None:
    """Render the wall roster of ``m`` (a ``RosterMonth``); returns the bytes when no path/buffer is given."""
    info = pdf.PageInfo(title="排休表", station=station, period=f"{m.year}年{m.month}月", landscape=True,
                        printed_on=printed_on)
    return pdf.render_flowables(info, roster_flowables(m), path_or_buffer)


def write_roster_pdf(db, *, year: int, month: int, path_or_buffer=None) -> bytes | None:
    """Read the month and render it (the station name from the policy)."""
    from station_desk.policy.service import current_policy
    from station_desk.rest_roster import service as roster

    m = roster.get_month(db, year=year, month=month)
    station = current_policy(db, dt.date(year, month, 1)).station.name
    return render_roster(m, station, path_or_buffer)
