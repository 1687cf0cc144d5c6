"""What a month of points is (SPEC §6): one person's lines and totals, the month, and its stored snapshot form.

These frozen dataclasses are what the tab, the sheet, the command line and the month lock read."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from station_desk.points import formulas as F

KIND_COLUMN = {"order": "order", "auxiliary": "auxiliary", "manual": "auxiliary", "deduction": "deduction",
               "adjustment": "adjustment"}

RULE_TEXT = {
    "work_order.closed": "工单积分",
    "attendance.late": "迟到/早退/缺卡扣分",
    "attendance.absent": "旷工扣分",
    "discipline.violation": "违纪扣分",
    "points.renewal_rate": "续费率积分",
    "points.package_change": "套餐变更积分",
    "points.asset_fixed": "资产管理积分",
    "points.service_supervisor": "服务人员平均积分×倍数",
    "points.training_shortfall": "培训不足扣分",
    "points.trained_error": "已培训员工差错扣分",
    "points.department_penalty": "其他部门处罚扣分",
    "points.marketing_supervisor": "销售代表平均积分×倍数",
    "points.manager": "全站平均积分×考核系数",
    "points.adjustment": "结账后调整",
    "points.manual": "手工积分",
    "points.daily_work": "日常工作积分",
}

#: what a source reference (``kind:id``) is called where a person reads it
SOURCE_LABELS = {
    "work_order": "工单", "signup": "报装", "renewal": "续费", "attendance": "考勤", "contact": "接待",
    "points_fact": "记事", "point_entry": "积分记录", "staff": "员工", "adjustment": "调整", "manual": "手工",
    "upgrade_check": "升级回访", "reward_adjustment": "奖励调整", "failure_rate": "故障率", "month": "月份",
    "week": "周记录", "daily_work": "日常工作",
}


def source_text(source: str) -> str:
    """A source reference as a person writes it: ``work_order:677`` → ``工单 677``, ``signup:969`` → ``报装 969``,
    ``attendance:decision:81`` → ``考勤 81``; an unknown kind is shown as stored."""
    kind, _, ref = (source or "").partition(":")
    label = SOURCE_LABELS.get(kind)
    if label is None:
        return source or ""
    if kind == "attendance" and ref.startswith("decision:"):
        ref = ref[len("decision:"):]
    return f"{label} {ref.replace(':', ' ')}".strip()


def sources_text(sources, limit: int | None = None) -> str:
    """Several sources, separated by 、 (the first ``limit`` of them, then …)."""
    sources = list(sources)
    shown = sources if limit is None else sources[:limit]
    return "、".join(source_text(s) for s in shown) + ("…" if limit is not None and len(sources) > limit else "")


@dataclass(frozen=True)
class PointLine:
    rule: str
    kind: str  # order | auxiliary | deduction | adjustment (the sheet column)
    points_x100: int
    text: str
    facts: tuple[str, ...] = ()

    @property
    def points(self) -> str:
        return F.fmt_points(self.points_x100)


@dataclass(frozen=True)
class PersonPoints:
    staff_id: int
    emp_no: str
    name: str
    role: str
    role_label: str
    order_x100: int
    auxiliary_x100: int
    deductions_x100: int  # shown positive: what is taken off
    adjustments_x100: int
    total_x100: int
    rank: int
    pay_fen: int | None
    lines: tuple[PointLine, ...]


@dataclass(frozen=True)
class MonthPoints:
    month: str
    people: tuple[PersonPoints, ...]
    average_x100: int
    rules: tuple[str, ...]  # the rules in force, for the sheet's footnotes
    warnings: tuple[str, ...]  # transfer warnings, marketing supervisor's target: a finished month only
    notes: tuple[str, ...]  # missing inputs, adjustments for earlier months
    locked: bool = False
    computed_at: str = ""
    #: while the month runs: the warnings its numbers so far would give, each marked 预测 (the tab only, never a
    #: wall sheet)
    forecasts: tuple[str, ...] = ()

    def person(self, staff_id: int) -> PersonPoints:
        return next(p for p in self.people if p.staff_id == staff_id)

    def to_json(self) -> dict:
        """The headless form: points as strings with 2 decimals, every line with its rule and facts."""
        return {
            "month": self.month, "locked": self.locked, "station_average": F.fmt_points(self.average_x100),
            "people": [{
                "staff_id": p.staff_id, "emp_no": p.emp_no, "name": p.name, "role": p.role,
                "role_label": p.role_label, "order_points": F.fmt_points(p.order_x100),
                "auxiliary_points": F.fmt_points(p.auxiliary_x100), "deductions": F.fmt_points(p.deductions_x100),
                "adjustments": F.fmt_points(p.adjustments_x100), "total": F.fmt_points(p.total_x100),
                "rank": p.rank, "pay_yuan": None if p.pay_fen is None else F.fmt_yuan(p.pay_fen),
                "lines": [{"rule": ln.rule, "kind": ln.kind, "points": ln.points, "text": ln.text,
                           "facts": list(ln.facts)} for ln in p.lines],
            } for p in self.people],
            "warnings": list(self.warnings), "forecasts": list(self.forecasts), "notes": list(self.notes),
            "rules": list(self.rules),
        }


def to_snapshot(mp: MonthPoints) -> str:
    return json.dumps(asdict(mp), ensure_ascii=False, default=str)


def from_snapshot(data: str) -> MonthPoints:
    d = json.loads(data)
    people = tuple(PersonPoints(**{**p, "lines": tuple(PointLine(**{**ln, "facts": tuple(ln["facts"])})
                                                          for ln in p["lines"])}) for p in d["people"])
    return MonthPoints(month=d["month"], people=people, average_x100=d["average_x100"], rules=tuple(d["rules"]),
                       warnings=tuple(d["warnings"]), notes=tuple(d["notes"]), locked=True,
                       computed_at=d.get("computed_at", ""), forecasts=tuple(d.get("forecasts", ())))
