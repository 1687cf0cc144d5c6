"""即时奖励明细 (the month's instant-reward sheet, SPEC §7/§8): every line with person, date, rule, amount, status,
the totals per person and the month's total. Same numbers as ``station-desk rewards --month … --json``."""

from __future__ import annotations

import datetime as dt
import os
from typing import BinaryIO

from station_desk.money import fmt_fen
from station_desk.reports.pdf_common import ColumnSpec, SheetSpec, render_sheet
from station_desk.rewards.results import STATUS_LABELS
from station_desk.rewards.service import MonthRewards, month_rewards

COLUMNS = [
    ColumnSpec("日期", 25, align="center"),
    ColumnSpec("姓名", 18),
    ColumnSpec("奖励项目", 38),
    ColumnSpec("说明", weight=1.0),
    ColumnSpec("金额（元）", 24, align="right"),
    ColumnSpec("状态", 20, align="center"),
]


def _person_totals(mr: MonthRewards) -> list[list]:
    """Per person and for the station: what the sheet counts (应发), of it paid / approved / awaiting approval, and
    the pending and provisional rewards that are not counted yet."""
    head = ["姓名", "条数", "应发合计", "已发放", "已批准未发", "待批准", "待定（不计入）", "暂估（不计入）"]
    people: dict[str, list[int]] = {}
    for ln in mr.lines:
        t = people.setdefault(ln.name, [0, 0, 0, 0, 0, 0, 0])
        if ln.status in ("pending", "provisional"):
            t[5 if ln.status == "pending" else 6] += ln.amount_fen
            continue
        t[0] += 1
        t[1] += ln.amount_fen
        t[{"paid": 2, "approved": 3}.get(ln.status, 4)] += ln.amount_fen
    rows = [[name, t[0]] + [fmt_fen(v) for v in t[1:]]
            for name, t in sorted(people.items(), key=lambda kv: (-kv[1][1], kv[0]))]
    station = [sum(t[i] for t in people.values()) for i in range(7)]
    rows.append(["全站合计", station[0]] + [fmt_fen(v) for v in station[1:]])
    return [head] + rows


def rewards_sheet_spec(mr: MonthRewards, station: str, printed_on: dt.date | None = None, *,
                       fingerprint: str | None = None) -> SheetSpec:
    payable = mr.payable
    rows = [[ln.day.isoformat(), ln.name, ln.rule_label, ln.text, fmt_fen(ln.amount_fen),
             STATUS_LABELS.get(ln.status, ln.status)] for ln in payable]
    blocks = []
    pending = [ln for ln in mr.lines if ln.status == "pending"]
    if pending:
        blocks.append(("待定（未安装或未电话核实，不计入合计）", [["日期", "姓名", "奖励项目", "金额（元）"]] + [
            [ln.day.isoformat(), ln.name, ln.rule_label, fmt_fen(ln.amount_fen)] for ln in pending]))
    provisional = [ln for ln in mr.lines if ln.status == "provisional"]
    if provisional:
        blocks.append(("暂估（计算期未结束，不计入合计，期满后批准、发放）", [["日期", "姓名", "奖励项目", "金额（元）", "可批准日"]] + [
            [ln.day.isoformat(), ln.name, ln.rule_label, fmt_fen(ln.amount_fen),
             ln.final_on.isoformat() if ln.final_on else ""] for ln in provisional]))
    if mr.lines:
        blocks.append(("按人合计（元）", _person_totals(mr)))
    y, m = mr.month.split("-")
    return SheetSpec(title="即时奖励明细", station=station, period=f"{y}年{int(m)}月", columns=COLUMNS, rows=rows,
                     totals=[["", "合计", f"{len(payable)} 条", "", fmt_fen(mr.total_fen), ""]],
                     extra_blocks=blocks,
                     notes=["即时奖励按站内制度计算，经服务中心经理批准后发放，计入账务“即时奖励”支出；待定奖励在"
                            "安装完成或电话核实后计入。"],
                     landscape=True, printed_on=printed_on, fingerprint=fingerprint,
                     subtitle="已结账" if mr.locked else "未结账（以结账后为准）")


def render_rewards_sheet(db, month: str, path_or_buffer: str | os.PathLike | BinaryIO | None = None,
                         printed_on: dt.date | None = None, *, fingerprint: str | None = None) -> bytes | None:
    from station_desk.reports.points_sheet import _station_name

    from station_desk.audit.row_check import sheet_fingerprint

    spec = rewards_sheet_spec(month_rewards(db, month), _station_name(db), printed_on,
                              fingerprint=sheet_fingerprint(db, fingerprint))  # the chain's head: an anchor
    return render_sheet(spec, path_or_buffer)
