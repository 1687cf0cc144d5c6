"""A month of points (SPEC §6): the facts of the month, each person's breakdown, month review, lock with snapshot.

``month_points(db, "2026-10")`` is what the tab, the sheet and the command line show. An open month is computed
from the records with the policy in force on its first day; a locked month is read from the snapshot stored when
it was locked, so a later policy edit or a late record never changes it. After the lock, corrections are dated
adjustments (``service.add_adjustment``) that count in — and are listed on — the month they are dated in.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, or_
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.periods.service import is_locked, lock_month_in
from station_desk.points import formulas as F
from station_desk.points.models import MonthInput, MonthSnapshot, PayInput, PointEntry, PointsDay, PointsFact
from station_desk.policy.service import policy_on
from station_desk.staff.models import Staff
from station_desk.staff.roles import Role, role_label
from station_desk.staff.service import role_on, roles_on

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


# ---------------------------------------------------------------------------------------------------- result types
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
    warnings: tuple[str, ...]  # transfer warnings, marketing supervisor's target
    notes: tuple[str, ...]  # missing inputs, adjustments for earlier months
    locked: bool = False
    computed_at: str = ""

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
                "rank": p.rank, "pay_yuan": None if p.pay_fen is None else _yuan(p.pay_fen),
                "lines": [{"rule": ln.rule, "kind": ln.kind, "points": ln.points, "text": ln.text,
                           "facts": list(ln.facts)} for ln in p.lines],
            } for p in self.people],
            "warnings": list(self.warnings), "notes": list(self.notes), "rules": list(self.rules),
        }


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def to_snapshot(mp: MonthPoints) -> str:
    return json.dumps(asdict(mp), ensure_ascii=False, default=str)


def from_snapshot(data: str) -> MonthPoints:
    d = json.loads(data)
    people = tuple(PersonPoints(**{**p, "lines": tuple(PointLine(**{**ln, "facts": tuple(ln["facts"])})
                                                          for ln in p["lines"])}) for p in d["people"])
    return MonthPoints(month=d["month"], people=people, average_x100=d["average_x100"], rules=tuple(d["rules"]),
                       warnings=tuple(d["warnings"]), notes=tuple(d["notes"]), locked=True,
                       computed_at=d.get("computed_at", ""))


# ---------------------------------------------------------------------------------------------------- month facts
def bounds(month: str) -> tuple[dt.date, dt.date]:
    try:
        y, m = clock.parse_month(month)
    except (ValueError, AttributeError):
        raise DomainError("points.bad_month", month=month) from None
    return clock.month_bounds(y, m)


def prev_month(month: str, n: int = 1) -> str:
    y, m = clock.parse_month(month)
    idx = y * 12 + (m - 1) - n
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


@dataclass(frozen=True)
class Member:
    staff_id: int
    emp_no: str
    name: str
    role: str


def members(s: Session, month: str) -> list[Member]:
    """Everyone employed at some time in the month, with their role on its last day (or on their last day)."""
    start, end = bounds(month)
    last = end - dt.timedelta(days=1)
    roles = roles_on(s, last)
    out = []
    for p in s.exec(select(Staff).where(Staff.hire_date < end).order_by(Staff.emp_no)).all():
        if p.left_date is not None and p.left_date < start:
            continue
        role = roles.get(p.id) if p.left_date is None or p.left_date >= last else role_on(s, p.id, p.left_date)
        if role:
            out.append(Member(p.id, p.emp_no, p.name, role))
    return out


def _live(rows, id_attr="id"):
    """Rows that are neither a reversal nor reversed."""
    reversed_ids = {r.reverses_id for r in rows if r.reverses_id}
    return [r for r in rows if r.reverses_id is None and getattr(r, id_attr) not in reversed_ids]


@dataclass
class RenewalFacts:
    due: dict[int, str] = field(default_factory=dict)  # customer id → cycle
    renewed: dict[int, int] = field(default_factory=dict)  # customer id → renewal id
    income_fen: int = 0
    month_renewals: list = field(default_factory=list)  # live Renewal rows dated in the month

    def rate(self, cycle: str | None = None) -> tuple[int | None, int, int]:
        """(rate %, renewed, due) overall or for one billing cycle; cycles longer than a year count as yearly."""
        due = [c for c, cy in self.due.items() if cycle is None or cycle_bucket(cy) == cycle]
        done = sum(1 for c in due if c in self.renewed)
        return F.renewal_rate_pct(done, len(due)), done, len(due)


def cycle_bucket(cycle: str) -> str:
    """§7.3 groups: 月费 (monthly), 半年费 (half_year), 年费以上 (yearly and anything longer)."""
    return cycle if cycle in ("monthly", "half_year") else "yearly"


def renewal_facts(s: Session, month: str) -> RenewalFacts:
    """Due = customers whose expiry fell in the month (for renewed ones: the expiry before the renewal); renewed =
    those of them with a renewal paid by the month's end. Cycle: the renewal's, else the customer's."""
    out = RenewalFacts()
    if importlib.util.find_spec("station_desk.customers.models") is None:
        return out
    from station_desk.customers.models import Customer, Renewal

    start, end = bounds(month)
    rows = s.exec(select(Renewal).where(or_(Renewal.expiry_before.between(start, end - dt.timedelta(days=1)),
                                            Renewal.day.between(start, end - dt.timedelta(days=1))))).all()
    rev = set(s.exec(select(Renewal.reverses_id).where(Renewal.reverses_id.in_([r.id for r in rows] or [0]))).all())
    live = [r for r in rows if r.reverses_id is None and r.id not in rev]
    for r in sorted(live, key=lambda r: (r.day, r.id)):
        if r.expiry_before is not None and start <= r.expiry_before < end:
            out.due.setdefault(r.customer_id, r.cycle)
            if r.day < end:
                out.renewed.setdefault(r.customer_id, r.id)
        if start <= r.day < end:
            out.month_renewals.append(r)
            out.income_fen += r.amount_fen
    for cid, cycle in s.exec(select(Customer.id, Customer.cycle).where(
            Customer.expiry_date >= start, Customer.expiry_date < end)).all():
        out.due.setdefault(cid, cycle)
    return out


@dataclass(frozen=True)
class Install:
    id: int
    signed_by_id: int | None
    installed_by_id: int | None
    area: str
    income_fen: int
    installed_on: dt.date
    team: str


def installs(s: Session, month: str) -> list[Install]:
    """Sign-ups installed in the month (the station's new installs)."""
    if importlib.util.find_spec("station_desk.customers.models") is None:
        return []
    from station_desk.customers.models import SignUp

    start, end = bounds(month)
    rows = s.exec(select(SignUp).where(SignUp.status == "installed", SignUp.installed_on >= start,
                                       SignUp.installed_on < end).order_by(SignUp.installed_on, SignUp.id)).all()
    return [Install(r.id, r.signed_by_id, r.installed_by_id, r.area, r.income_fen, r.installed_on, r.team)
            for r in rows]


def month_input(s: Session, month: str) -> MonthInput | None:
    return s.exec(select(MonthInput).where(MonthInput.month == month)).first()


def facts_of(s: Session, month: str, kind: str) -> list[PointsFact]:
    start, end = bounds(month)
    rows = s.exec(select(PointsFact).where(PointsFact.kind == kind, PointsFact.day >= start,
                                           PointsFact.day < end)).all()
    # reversals may be dated later: look the cancellations up by id
    ids = [r.id for r in rows]
    cancelled = set(s.exec(select(PointsFact.reverses_id).where(PointsFact.reverses_id.in_(ids or [0]))).all())
    return [r for r in rows if r.reverses_id is None and r.id not in cancelled]


# ---------------------------------------------------------------------------------------------------- computation
def _ledger_lines(s: Session, month: str) -> dict[int, list[PointLine]]:
    start, end = bounds(month)
    grouped: dict[tuple[int, str, str], list] = defaultdict(list)
    cols = (PointEntry.id, PointEntry.staff_id, PointEntry.day, PointEntry.kind, PointEntry.rule,
            PointEntry.points_x100, PointEntry.source_kind, PointEntry.source_id, PointEntry.note)
    for e in s.exec(select(*cols).where(PointEntry.day >= start, PointEntry.day < end)
                    .order_by(PointEntry.day, PointEntry.id)).all():
        grouped[(e.staff_id, KIND_COLUMN.get(e.kind, "auxiliary"), e.rule)].append(e)
    out: dict[int, list[PointLine]] = defaultdict(list)
    for (sid, kind, rule), rows in grouped.items():
        total = sum(r.points_x100 for r in rows)
        facts = tuple(f"{r.source_kind}:{r.source_id}" if r.source_kind else f"point_entry:{r.id}" for r in rows)
        label = RULE_TEXT.get(rule, rule)
        if kind == "adjustment":
            text = "；".join(f"{r.day:%m-%d} {r.note}" for r in rows)
            text = f"{label}：{text}"
        else:
            text = f"{label}：{len(rows)} 条记录"
        out[sid].append(PointLine(rule, kind, total, text, facts))
    return out


def _rules_in_force(pol) -> tuple[str, ...]:
    p = pol.points
    below = "记 0 分" if p.renewal_below_base == "zero" else "按每点扣分"
    changes = "，".join(f"{r.label or (r.from_pkg + '→' + r.to_pkg)} {r.points:+d}" for r in p.package_change_rules)
    training = "每少一次" if p.training_shortfall_mode == "per_missing" else "当月一次"
    return (
        "月积分 = 接单积分 + 辅助积分 − 扣分 + 调整。",
        f"续费专员：续费率以 {p.renewal_base_rate_pct}% 为基数，每高 1 个百分点加 {p.renewal_points_per_pct} 分"
        f"（低于基数{below}；按整百分点；考核目标 {p.renewal_target_pct}%）；套餐变更每户：{changes}。"
        f"续费率 = 当月到期用户中月底前已续费的比例。",
        f"税控专员内勤：资产管理积分 {p.accounts_clerk_asset_points} 分。",
        f"服务销售主管：服务人员平均积分 × {F.fmt_points(p.service_supervisor_factor_x100)}，"
        f"培训不足 {p.trainings_required} 次{training}扣 {p.training_shortfall_points} 分，已培训员工差错每次扣 "
        f"{p.trained_error_points} 分，其他部门处罚每次扣 {p.department_penalty_points} 分。",
        f"市场销售主管：新增完成率 ≥ {p.install_target_met_pct}% 时销售代表平均积分 × "
        f"{F.fmt_points(p.marketing_factor_met_x100)}，否则 × {F.fmt_points(p.marketing_factor_missed_x100)}。",
        "服务中心经理：除经理外全站人员平均积分 × 公司考核系数。",
        f"转岗预警：销售代表/服务人员连续 {p.transfer_consecutive_months} 个月积分低于 {p.transfer_points_threshold} 分"
        f"或直接报装低于全站新增的 {p.sales_rep_install_quota_pct}%/{p.technician_install_quota_pct}%。",
    )


def compute_points_in(s: Session, month: str, *, with_warnings: bool = True) -> MonthPoints:
    """Compute a month from the records (ignores any snapshot)."""
    start, end = bounds(month)
    pol = policy_on(s, start)
    p = pol.points
    ranks = {pk.code: pk.rank for pk in pol.customers.packages}
    people = members(s, month)
    ledger = _ledger_lines(s, month)
    inp = month_input(s, month)
    lines: dict[int, list[PointLine]] = {m.staff_id: list(ledger.get(m.staff_id, [])) for m in people}
    notes: list[str] = []
    by_role: dict[str, list[Member]] = defaultdict(list)
    for m in people:
        by_role[m.role].append(m)

    # renewal specialist
    if by_role.get(Role.RENEWAL_SPECIALIST):
        rf = renewal_facts(s, month)
        rate, done, due = rf.rate()
        pts = F.renewal_rate_points(rate, p)
        flag = "" if rate is None else ("，达标" if rate >= p.renewal_target_pct else "，未达标")
        rate_text = (f"当月到期 {due} 户，月底前已续费 {done} 户，续费率 {rate}%{flag}；"
                     f"({rate} − {p.renewal_base_rate_pct}) × {p.renewal_points_per_pct}"
                     if rate is not None else "当月无到期用户")
        if rate is not None and rate < p.renewal_base_rate_pct:
            rate_text = f"当月到期 {due} 户，已续费 {done} 户，续费率 {rate}% 低于基数 {p.renewal_base_rate_pct}%"
        renew_facts = tuple(f"renewal:{rid}" for rid in sorted(rf.renewed.values()))
        changes = []
        change_pts = 0
        for r in rf.month_renewals:
            rule = F.package_change_rule(r.package_before, r.package_after, ranks, p)
            if rule is not None:
                changes.append(f"renewal:{r.id}")
                change_pts += rule.points * 100
        for m in by_role[Role.RENEWAL_SPECIALIST]:
            lines[m.staff_id].append(PointLine("points.renewal_rate", "auxiliary", pts, rate_text, renew_facts))
            if changes:
                lines[m.staff_id].append(PointLine(
                    "points.package_change", "auxiliary", change_pts,
                    f"续费用户套餐变更 {len(changes)} 户，合计 {F.fmt_points(change_pts)} 分", tuple(changes)))
    for m in by_role.get(Role.ACCOUNTS_CLERK, []):
        lines[m.staff_id].append(PointLine("points.asset_fixed", "auxiliary", p.accounts_clerk_asset_points * 100,
                                           f"资产管理积分固定 {p.accounts_clerk_asset_points} 分"))

    def total_of(sid: int) -> int:
        t = 0
        for ln in lines[sid]:
            t += ln.points_x100
        return t

    def avg_of(role: str) -> tuple[int, list[Member]]:
        group = by_role.get(role, [])
        return F.average_x100(total_of(g.staff_id) for g in group), group

    # service supervisor
    if by_role.get(Role.SERVICE_SUPERVISOR):
        avg, techs = avg_of(Role.TECHNICIAN)
        trainings = facts_of(s, month, "training")
        errors = facts_of(s, month, "trained_error")
        penalties = facts_of(s, month, "dept_penalty")
        d_train, d_err, d_pen = F.service_supervisor_deductions(len(trainings), len(errors), len(penalties), p)
        for m in by_role[Role.SERVICE_SUPERVISOR]:
            lines[m.staff_id].append(PointLine(
                "points.service_supervisor", "auxiliary", F.scaled(avg, p.service_supervisor_factor_x100),
                f"服务人员 {len(techs)} 人平均 {F.fmt_points(avg)} 分 × {F.fmt_points(p.service_supervisor_factor_x100)}",
                tuple(f"staff:{t.staff_id}" for t in techs)))
            if d_train:
                lines[m.staff_id].append(PointLine(
                    "points.training_shortfall", "deduction", -d_train,
                    f"当月培训 {len(trainings)} 次，不足 {p.trainings_required} 次",
                    tuple(f"points_fact:{f.id}" for f in trainings)))
            if d_err:
                lines[m.staff_id].append(PointLine(
                    "points.trained_error", "deduction", -d_err, f"已培训员工上岗差错 {len(errors)} 次",
                    tuple(f"points_fact:{f.id}" for f in errors)))
            if d_pen:
                bodies = "、".join(sorted({f.body for f in penalties if f.body})) or "其他部门"
                lines[m.staff_id].append(PointLine(
                    "points.department_penalty", "deduction", -d_pen, f"{bodies}处罚 {len(penalties)} 次",
                    tuple(f"points_fact:{f.id}" for f in penalties)))
    # marketing supervisor
    station_installs = installs(s, month)
    target = inp.new_install_target if inp else None
    if by_role.get(Role.MARKETING_SUPERVISOR):
        avg, reps = avg_of(Role.SALES_REP)
        factor, met = F.marketing_factor_x100(len(station_installs), target, p)
        if target is None:
            notes.append(f"{month} 未录入新增任务，市场销售主管按未完成计算。")
        for m in by_role[Role.MARKETING_SUPERVISOR]:
            lines[m.staff_id].append(PointLine(
                "points.marketing_supervisor", "auxiliary", F.scaled(avg, factor),
                f"全站新增 {len(station_installs)} 户 / 任务 {target if target else '未录入'} 户"
                f"（{'达标' if met else '未达标'}）；销售代表 {len(reps)} 人平均 {F.fmt_points(avg)} 分 × "
                f"{F.fmt_points(factor)}", tuple(f"signup:{i.id}" for i in station_installs)))
    # manager: average of everyone else, after the supervisors
    managers = by_role.get(Role.MANAGER, [])
    if managers:
        others = [m for m in people if m.role != Role.MANAGER]
        avg = F.average_x100(total_of(o.staff_id) for o in others)
        coef = inp.manager_coefficient_x1000 if inp else None
        if coef is None:
            notes.append(f"{month} 未录入经理考核系数，经理积分暂记 0。")
        coef_text = "未录入" if coef is None else f"{coef / 1000:g}"
        for m in managers:
            lines[m.staff_id].append(PointLine(
                "points.manager", "auxiliary", F.manager_points(avg, coef),
                f"除经理外 {len(others)} 人平均 {F.fmt_points(avg)} 分 × 考核系数 {coef_text}"))

    pays = {r.staff_id: r for r in s.exec(select(PayInput).where(PayInput.month == month)).all()}
    money = inp.money_per_point_fen if inp else None
    rows = []
    for m in people:
        cols = defaultdict(int)
        for ln in lines[m.staff_id]:
            cols[ln.kind] += ln.points_x100
        total = cols["order"] + cols["auxiliary"] + cols["deduction"] + cols["adjustment"]
        pay = None
        if money is not None:
            pi = pays.get(m.staff_id)
            pay = F.pay_fen(pi.base_fen if pi else 0, pi.seniority_fen if pi else 0, total, money)
        rows.append([m, cols["order"], cols["auxiliary"], -cols["deduction"], cols["adjustment"], total, pay])
    rows.sort(key=lambda r: (-r[5], r[0].emp_no))
    people_out = []
    rank = 0
    prev_total = None
    for i, (m, o, a, d, adj, total, pay) in enumerate(rows, start=1):
        if total != prev_total:
            rank, prev_total = i, total
        people_out.append(PersonPoints(m.staff_id, m.emp_no, m.name, m.role, role_label(m.role), o, a, d, adj,
                                       total, rank, pay, tuple(lines[m.staff_id])))
    average = F.average_x100(pp.total_x100 for pp in people_out)
    for pp in people_out:
        for ln in pp.lines:
            if ln.kind == "adjustment":
                notes.append(f"{pp.name}：{ln.text}（{ln.points} 分）")
    warnings = transfer_warnings_in(s, month, people_out, station_installs, p) if with_warnings else []
    if with_warnings and by_role.get(Role.MARKETING_SUPERVISOR):
        prev = prev_month(month)
        prev_inp = month_input(s, prev)
        prev_target = prev_inp.new_install_target if prev_inp else None
        _, met_now = F.marketing_factor_x100(len(station_installs), target, p)
        _, met_prev = F.marketing_factor_x100(len(installs(s, prev)), prev_target, policy_on(s, bounds(prev)[0]).points)
        if target and prev_target and not met_now and not met_prev:
            warnings.append(f"市场销售主管：{prev} 与 {month} 连续两个月新增任务未完成 100%（经理可申请撤职）。")
    return MonthPoints(month, tuple(people_out), average, _rules_in_force(pol), tuple(warnings), tuple(notes),
                       False, clock.now().isoformat(sep=" "))


def transfer_warnings_in(s: Session, month: str, people: list[PersonPoints], inst: list[Install], p) -> list[str]:
    """Sales reps and technicians failing (points < 280 or installs under quota) N consecutive months. Months
    before the program held any points do not count (no evidence either way)."""
    out = []
    n = p.transfer_consecutive_months
    first = program_start_month(s)
    cache: dict[str, tuple[dict[int, PersonPoints], list[Install], object]] = {
        month: ({x.staff_id: x for x in people}, inst, p)}

    def data(key: str):
        if key not in cache:
            mp = points_month_in(s, key, with_warnings=False)
            cache[key] = ({x.staff_id: x for x in mp.people}, installs(s, key), policy_on(s, bounds(key)[0]).points)
        return cache[key]

    def fails(key: str, person: PersonPoints) -> list[str]:
        if first is None or key < first:
            return []
        by_id, inst_k, pol = data(key)
        other = by_id.get(person.staff_id)
        if other is None or other.role != person.role:
            return []
        own = sum(1 for i in inst_k if i.signed_by_id == person.staff_id)
        pct = pol.sales_rep_install_quota_pct if person.role == Role.SALES_REP else pol.technician_install_quota_pct
        return F.transfer_reasons(other.total_x100, own, len(inst_k), pct, pol)

    for person in people:
        if person.role not in (Role.SALES_REP, Role.TECHNICIAN):
            continue
        reasons = []
        for k in range(n):
            r = fails(prev_month(month, k), person)
            if not r:
                break
            reasons.append(r)
        if len(reasons) == n:
            to = "基础宣传员" if person.role == Role.SALES_REP else "销售代表"
            detail = "；".join(f"{prev_month(month, k)}：{'，'.join(r)}" for k, r in enumerate(reasons))
            out.append(f"转岗预警：{person.name}（{person.role_label}）连续 {n} 个月未达标，建议转为{to}。{detail}")
    return out


def snapshot_of(s: Session, scope: str, month: str) -> MonthSnapshot | None:
    return s.exec(select(MonthSnapshot).where(MonthSnapshot.scope == scope, MonthSnapshot.month == month)).first()


def points_month_in(s: Session, month: str, *, with_warnings: bool = True) -> MonthPoints:
    snap = snapshot_of(s, "points", month)
    if snap is not None:
        return from_snapshot(snap.data)
    return compute_points_in(s, month, with_warnings=with_warnings)


def month_points(db, month: str) -> MonthPoints:
    bounds(month)
    with db.read() as s:
        return points_month_in(s, month)


def monthly_totals(db, last_month: str, months: int = 12) -> tuple[list[str], dict[str, list[int | None]]]:
    """For the chart: the last ``months`` months and each person's total ×100 per month (None: not there, or a
    month before the program held any points). Two people of the same name are told apart by their 工号."""
    keys = [prev_month(last_month, k) for k in range(months - 1, -1, -1)]
    series: dict[str, list[int | None]] = {}
    with db.read() as s:
        first = program_start_month(s)
        names: dict[int, str] = {}
        for i, key in enumerate(keys):
            if first is None or key < first:
                continue
            mp = points_month_in(s, key, with_warnings=False)
            for p in mp.people:
                label = names.get(p.staff_id)
                if label is None:
                    label = p.name if p.name not in names.values() else f"{p.name}（{p.emp_no}）"
                    names[p.staff_id] = label
                series.setdefault(label, [None] * months)[i] = p.total_x100
    return keys, series


# ---------------------------------------------------------------------------------------------------- review, lock
@dataclass(frozen=True)
class ReviewItem:
    kind: str  # no_points | unconfirmed | after_confirm | no_source | missing_input | reward
    text: str
    staff_id: int | None = None
    day: dt.date | None = None


def _workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    try:
        import chinese_calendar

        return [start + dt.timedelta(days=i) for i in range((end - start).days)
                if chinese_calendar.is_workday(start + dt.timedelta(days=i))]
    except (ImportError, NotImplementedError):
        return [start + dt.timedelta(days=i) for i in range((end - start).days)
                if (start + dt.timedelta(days=i)).weekday() < 5]


def review_month_in(s: Session, month: str) -> list[ReviewItem]:
    start, end = bounds(month)
    today = clock.today()
    end_seen = min(end, today + dt.timedelta(days=1))
    p = policy_on(s, start).points
    items: list[ReviewItem] = []
    entries = s.exec(select(PointEntry).where(PointEntry.day >= start, PointEntry.day < end)).all()
    confirmed = {d.day: d for d in s.exec(select(PointsDay).where(PointsDay.day >= start, PointsDay.day < end))}
    days_with = defaultdict(set)
    for e in entries:
        days_with[e.staff_id].add(e.day)
    staff_rows = {p_.id: p_ for p_ in s.exec(select(Staff)).all()}
    workdays = [d for d in _workdays(start, end_seen)]
    for m in members(s, month):
        if m.role not in p.daily_points_roles:
            continue
        person = staff_rows[m.staff_id]
        missing = [d for d in workdays if d >= person.hire_date and (person.left_date is None or d <= person.left_date)
                   and d not in days_with[m.staff_id]]
        if missing:
            items.append(ReviewItem("no_points", f"{m.name}：{len(missing)} 个工作日无积分（请核对是否公休）："
                                    + "、".join(f"{d:%m-%d}" for d in missing), m.staff_id, missing[0]))
    for d in workdays:
        if d < today and d not in confirmed:
            items.append(ReviewItem("unconfirmed", f"{d:%m-%d} 的积分未经接单内勤确认", None, d))
    for e in entries:
        conf = confirmed.get(e.day)
        if conf is not None and e.created_at > conf.confirmed_at:
            name = staff_rows[e.staff_id].name if e.staff_id in staff_rows else e.staff_id
            items.append(ReviewItem("after_confirm", f"{e.day:%m-%d} 已确认后，{e.created_by} 于 "
                                    f"{e.created_at:%m-%d %H:%M} 改动了 {name} 的积分 {F.fmt_points(e.points_x100)}"
                                    f"（{RULE_TEXT.get(e.rule, e.rule)}）", e.staff_id, e.day))
        if e.kind in ("manual", "auxiliary") and not e.source_kind and not e.note.strip():
            items.append(ReviewItem("no_source", f"{e.day:%m-%d} {staff_rows[e.staff_id].name} 的积分 "
                                    f"{F.fmt_points(e.points_x100)} 没有来源或说明", e.staff_id, e.day))
    deadline = end.replace(day=p.review_deadline_day)
    if today > deadline and not is_locked(s, "points", month):
        items.append(ReviewItem("deadline", f"已过复核期限 {deadline.isoformat()}（每月 {p.review_deadline_day} 号前复核上月积分），"
                                f"{month} 尚未结账"))
    inp = month_input(s, month)
    if inp is None or inp.new_install_target is None:
        items.append(ReviewItem("missing_input", f"{month} 未录入公司下达的新增任务"))
    if inp is None or inp.manager_coefficient_x1000 is None:
        items.append(ReviewItem("missing_input", f"{month} 未录入经理考核系数"))
    if importlib.util.find_spec("station_desk.rewards.service"):
        from station_desk.rewards import service as rewards

        for line in rewards.rewards_month_in(s, month).lines:
            if line.amount_fen and not line.facts:
                items.append(ReviewItem("reward", f"即时奖励没有来源：{line.name} {line.rule_label} {line.amount}",
                                        line.staff_id, line.day))
            if line.status == "changed":
                items.append(ReviewItem("reward", f"即时奖励批准后金额有变：{line.name} {line.rule_label}"
                                        f"（批准 {line.approved_amount}，现算 {line.amount}）", line.staff_id, line.day))
    return items


def review_month(db, month: str) -> list[ReviewItem]:
    bounds(month)
    with db.read() as s:
        return review_month_in(s, month)


def lock_month(db, *, actor: Actor, approval: ManagerApproval | None, month: str, note: str = "") -> MonthPoints:
    """The manager locks a reviewed month: stores the computed points and rewards, then locks both scopes."""
    from station_desk.staff import auth

    start, end = bounds(month)
    if clock.today() < end:
        raise DomainError("points.month_not_over", month=month)
    approver = auth.require_manager(db, approval, f"{month} 积分结账")
    with db.session() as s:
        if is_locked(s, "points", month):
            raise DomainError("period.already_locked", month=month, scope="积分")
        mp = compute_points_in(s, month)
        s.add(MonthSnapshot(scope="points", month=month, data=to_snapshot(mp), created_at=clock.now(),
                            created_by=approver.name))
        if importlib.util.find_spec("station_desk.rewards.service"):
            from station_desk.rewards import service as rewards

            rewards.store_snapshot_in(s, month, approver)
        lock_month_in(s, actor=approver, scope="points", month=month, note=note)
        if not is_locked(s, "rewards", month):
            lock_month_in(s, actor=approver, scope="rewards", month=month, note=note)
        audit.record(s, actor=approver, action="points.lock_month", entity="points_month", entity_id=month,
                     after={"people": len(mp.people), "average": F.fmt_points(mp.average_x100),
                            "total": F.fmt_points(sum(p.total_x100 for p in mp.people))}, reason=note or None)
    return month_points(db, month)


def program_start_month(s: Session) -> str | None:
    """The first month the program holds points data (for the accounts clerk's streak)."""
    firsts = [s.exec(select(func.min(PointEntry.day))).first(), s.exec(select(func.min(PointsFact.day))).first()]
    months = [clock.month_key(d) for d in firsts if d]
    m = s.exec(select(func.min(MonthInput.month))).first()
    if m:
        months.append(m)
    return min(months) if months else None

