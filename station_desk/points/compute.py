"""Computing a month of points (SPEC §6) from the records, with the policy in force on its first day.

The ledger gives each person's order, auxiliary and deduction lines; then, in this order (each may use the
totals before it): the renewal specialist, the accounts clerk, the service supervisor (the technicians'
average), the marketing supervisor (the sales reps' average), the manager (everyone else's average). Then pay,
ranks, and the warnings (transfer, marketing supervisor's target) that look at earlier months. A month still
running warns nobody: its warnings are forecasts (``MonthPoints.forecasts``, marked 预测) for the tab only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, select

from station_desk import clock
from station_desk.points import formulas as F
from station_desk.month import Month
from station_desk.points.facts import (Install, Member, bounds, by_role, facts_of, installs, month_input, members,
                                       month_of, prev_month, program_start_month, renewal_facts, snapshot_of)
from station_desk.points.models import MonthInput, PayInput, PointEntry
from station_desk.points.results import (KIND_COLUMN, RULE_TEXT, MonthPoints, PersonPoints, PointLine,
                                         from_snapshot)
from station_desk.policy.service import policy_on
from station_desk.staff.roles import Role, role_label


def _ledger_lines(s: Session, month: Month) -> dict[int, list[PointLine]]:
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


def rules_in_force(pol) -> tuple[str, ...]:
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


@dataclass
class _Month:
    """One computation: the month's people by role and each person's lines so far."""

    s: Session
    month: str
    pol: object  # StationPolicy in force on the month's first day
    people: list[Member]
    inp: MonthInput | None
    lines: dict[int, list[PointLine]]
    by_role: dict[str, list[Member]]
    notes: list[str] = field(default_factory=list)

    @property
    def p(self):
        return self.pol.points

    def add(self, members_: list[Member], line: PointLine) -> None:
        for m in members_:
            self.lines[m.staff_id].append(line)

    def total_of(self, sid: int) -> int:
        return sum(ln.points_x100 for ln in self.lines[sid])

    def avg_of(self, role: str) -> tuple[int, list[Member]]:
        group = self.by_role.get(role, [])
        return F.average_x100(self.total_of(g.staff_id) for g in group), group


def _renewal_specialist(c: _Month) -> None:
    specialists = c.by_role.get(Role.RENEWAL_SPECIALIST)
    if not specialists:
        return
    p = c.p
    ranks = {pk.code: pk.rank for pk in c.pol.customers.packages}
    rf = renewal_facts(c.s, c.month)
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
    for m in specialists:
        c.add([m], PointLine("points.renewal_rate", "auxiliary", pts, rate_text, renew_facts))
        if changes:
            c.add([m], PointLine("points.package_change", "auxiliary", change_pts,
                                 f"续费用户套餐变更 {len(changes)} 户，合计 {F.fmt_points(change_pts)} 分", tuple(changes)))


def _accounts_clerk(c: _Month) -> None:
    p = c.p
    c.add(c.by_role.get(Role.ACCOUNTS_CLERK, []),
          PointLine("points.asset_fixed", "auxiliary", p.accounts_clerk_asset_points * 100,
                    f"资产管理积分固定 {p.accounts_clerk_asset_points} 分"))


def _service_supervisor(c: _Month) -> None:
    supervisors = c.by_role.get(Role.SERVICE_SUPERVISOR)
    if not supervisors:
        return
    p = c.p
    avg, techs = c.avg_of(Role.TECHNICIAN)
    trainings = facts_of(c.s, c.month, "training")
    errors = facts_of(c.s, c.month, "trained_error")
    penalties = facts_of(c.s, c.month, "dept_penalty")
    d_train, d_err, d_pen = F.service_supervisor_deductions(len(trainings), len(errors), len(penalties), p)
    for m in supervisors:
        c.add([m], PointLine(
            "points.service_supervisor", "auxiliary", F.scaled(avg, p.service_supervisor_factor_x100),
            f"服务人员 {len(techs)} 人平均 {F.fmt_points(avg)} 分 × {F.fmt_points(p.service_supervisor_factor_x100)}",
            tuple(f"staff:{t.staff_id}" for t in techs)))
        if d_train:
            c.add([m], PointLine("points.training_shortfall", "deduction", -d_train,
                                 f"当月培训 {len(trainings)} 次，不足 {p.trainings_required} 次",
                                 tuple(f"points_fact:{f.id}" for f in trainings)))
        if d_err:
            c.add([m], PointLine("points.trained_error", "deduction", -d_err, f"已培训员工上岗差错 {len(errors)} 次",
                                 tuple(f"points_fact:{f.id}" for f in errors)))
        if d_pen:
            bodies = "、".join(sorted({f.body for f in penalties if f.body})) or "其他部门"
            c.add([m], PointLine("points.department_penalty", "deduction", -d_pen,
                                 f"{bodies}处罚 {len(penalties)} 次", tuple(f"points_fact:{f.id}" for f in penalties)))


def _marketing_supervisor(c: _Month, station_installs: list[Install]) -> None:
    supervisors = c.by_role.get(Role.MARKETING_SUPERVISOR)
    if not supervisors:
        return
    target = c.inp.new_install_target if c.inp else None
    avg, reps = c.avg_of(Role.SALES_REP)
    factor, met = F.marketing_factor_x100(len(station_installs), target, c.p)
    if target is None:
        c.notes.append(f"{c.month} 未录入新增任务，市场销售主管按未完成计算。")
    c.add(supervisors, PointLine(
        "points.marketing_supervisor", "auxiliary", F.scaled(avg, factor),
        f"全站新增 {len(station_installs)} 户 / 任务 {target if target else '未录入'} 户"
        f"（{'达标' if met else '未达标'}）；销售代表 {len(reps)} 人平均 {F.fmt_points(avg)} 分 × "
        f"{F.fmt_points(factor)}", tuple(f"signup:{i.id}" for i in station_installs)))


def _manager(c: _Month) -> None:
    """The manager: the average of everyone else, after the supervisors."""
    managers = c.by_role.get(Role.MANAGER)
    if not managers:
        return
    others = [m for m in c.people if m.role != Role.MANAGER]
    avg = F.average_x100(c.total_of(o.staff_id) for o in others)
    coef = c.inp.manager_coefficient_x1000 if c.inp else None
    if coef is None:
        c.notes.append(f"{c.month} 未录入经理考核系数，经理积分暂记 0。")
    coef_text = "未录入" if coef is None else f"{coef / 1000:g}"
    for m in managers:
        c.add([m], PointLine("points.manager", "auxiliary", F.manager_points(avg, coef),
                             f"除经理外 {len(others)} 人平均 {F.fmt_points(avg)} 分 × 考核系数 {coef_text}"))


def _ranked_people(c: _Month) -> list[PersonPoints]:
    """Column totals, pay (when money per point is entered) and rank (ties share a rank) of every person."""
    pays = {r.staff_id: r for r in c.s.exec(select(PayInput).where(PayInput.month == c.month)).all()}
    money = c.inp.money_per_point_fen if c.inp else None
    rows = []
    for m in c.people:
        cols = defaultdict(int)
        for ln in c.lines[m.staff_id]:
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
                                       total, rank, pay, tuple(c.lines[m.staff_id])))
    return people_out


def _marketing_warning(c: _Month, station_installs: list[Install]) -> list[str]:
    """The marketing supervisor's target missed two months running (the manager may ask for a dismissal)."""
    if not c.by_role.get(Role.MARKETING_SUPERVISOR):
        return []
    target = c.inp.new_install_target if c.inp else None
    prev = prev_month(c.month)
    prev_inp = month_input(c.s, prev)
    prev_target = prev_inp.new_install_target if prev_inp else None
    _, met_now = F.marketing_factor_x100(len(station_installs), target, c.p)
    _, met_prev = F.marketing_factor_x100(len(installs(c.s, prev)), prev_target,
                                          policy_on(c.s, bounds(prev)[0]).points)
    if target and prev_target and not met_now and not met_prev:
        return [f"市场销售主管：{prev} 与 {c.month} 连续两个月新增任务未完成 100%（经理可申请撤职）。"]
    return []


def compute_points_in(s: Session, month: Month | str, *, with_warnings: bool = True) -> MonthPoints:
    """Compute a month from the records (ignores any snapshot)."""
    month = month_of(month)
    start, end = month.bounds()
    people = members(s, month)
    ledger = _ledger_lines(s, month)
    c = _Month(s, month.key, policy_on(s, start), people, month_input(s, month),
               {m.staff_id: list(ledger.get(m.staff_id, [])) for m in people}, by_role(people))
    station_installs = installs(s, month)
    _renewal_specialist(c)
    _accounts_clerk(c)
    _service_supervisor(c)
    _marketing_supervisor(c, station_installs)
    _manager(c)
    people_out = _ranked_people(c)
    average = F.average_x100(pp.total_x100 for pp in people_out)
    notes = c.notes + [f"{pp.name}：{ln.text}（{ln.points} 分）" for pp in people_out for ln in pp.lines
                       if ln.kind == "adjustment"]
    warnings, forecasts = [], []
    if with_warnings:
        found = transfer_warnings_in(s, month, people_out, station_installs, c.p) + \
            _marketing_warning(c, station_installs)
        if clock.today() >= end:
            warnings = found
        else:  # four days of points warn nobody: a forecast, marked, for the tab
            forecasts = [f"预测（本月未结束，按截至今天的积分）：{w}" for w in found]
    return MonthPoints(month.key, tuple(people_out), average, rules_in_force(c.pol), tuple(warnings), tuple(notes),
                       False, clock.now().isoformat(sep=" "), tuple(forecasts))


def transfer_warnings_in(s: Session, month: Month | str, people: list[PersonPoints], inst: list[Install],
                         p) -> list[str]:
    """Sales reps and technicians failing (points < 280 or installs under quota) N consecutive months. Months
    before the program held any points do not count (no evidence either way)."""
    month = month_of(month)
    out = []
    n = p.transfer_consecutive_months
    first = program_start_month(s)
    cache: dict[str, tuple[dict[int, PersonPoints], list[Install], object]] = {
        month.key: ({x.staff_id: x for x in people}, inst, p)}

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


def points_month_in(s: Session, month: Month | str, *, with_warnings: bool = True) -> MonthPoints:
    month = month_of(month)
    snap = snapshot_of(s, "points", month)
    if snap is not None:
        return from_snapshot(snap.data)
    return compute_points_in(s, month, with_warnings=with_warnings)
