"""Instant rewards (即时奖励, SPEC §7): computed from the records, reviewed and approved by the manager, paid.

A reward line is computed, not stored: ``rewards_month_in(s, month)`` evaluates all nine kinds for the month
with the policy in force on its first day; each line has a stable ``key``, its rule, a Chinese explanation and the
facts (sign-ups, renewals, weeks…) that triggered it. What is stored is the manager's decision on a line
(``RewardDecision``: approved, then paid) and, at the month's lock, a snapshot of the computed lines.

Pending rewards (§7.2 sign-ups not yet installed, §7.4 upgrades not yet confirmed by the clerk's call) are shown
with status ``pending`` in the month they started; once they become payable they are dated the day they did (the
last install, the confirming call) and belong to that day's month.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, replace

from sqlalchemy import or_
from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.money import fmt_fen
from station_desk.periods.service import check_adjustment_in, ensure_open
from station_desk.points import facts as M
from station_desk.points.models import MonthSnapshot
from station_desk.policy.service import policy_on
from station_desk.rewards import rules as R
from station_desk.rewards.models import RewardAdjustment, RewardDecision, UpgradeCheck, WeekFact
from station_desk.staff.roles import Role, role_label

CATEGORY = "即时奖励"


@dataclass(frozen=True)
class RewardLine:
    key: str
    staff_id: int
    name: str
    role_label: str
    rule: str
    day: dt.date
    amount_fen: int
    status: str  # due | pending | approved | paid | changed
    text: str
    facts: tuple[str, ...] = ()
    approved_fen: int | None = None
    paid_on: dt.date | None = None

    @property
    def rule_label(self) -> str:
        return R.rule_label(self.rule)

    @property
    def amount(self) -> str:
        return fmt_fen(self.amount_fen)

    @property
    def approved_amount(self) -> str:
        return "" if self.approved_fen is None else fmt_fen(self.approved_fen)


@dataclass(frozen=True)
class MonthRewards:
    month: str
    lines: tuple[RewardLine, ...]
    locked: bool = False

    @property
    def payable(self) -> list[RewardLine]:
        return [ln for ln in self.lines if ln.status != "pending"]

    @property
    def total_fen(self) -> int:
        return sum(ln.amount_fen for ln in self.payable)

    @property
    def pending_fen(self) -> int:
        return sum(ln.amount_fen for ln in self.lines if ln.status == "pending")

    def by_person(self) -> dict[int, list[RewardLine]]:
        out: dict[int, list[RewardLine]] = defaultdict(list)
        for ln in self.lines:
            out[ln.staff_id].append(ln)
        return out

    def to_json(self) -> dict:
        people = []
        for sid, lines in sorted(self.by_person().items(), key=lambda kv: kv[1][0].name):
            people.append({
                "staff_id": sid, "name": lines[0].name, "role_label": lines[0].role_label,
                "total_yuan": _yuan(sum(ln.amount_fen for ln in lines if ln.status != "pending")),
                "pending_yuan": _yuan(sum(ln.amount_fen for ln in lines if ln.status == "pending")),
                "lines": [{"key": ln.key, "rule": ln.rule, "rule_label": ln.rule_label, "date": ln.day.isoformat(),
                           "amount_yuan": _yuan(ln.amount_fen), "status": ln.status, "text": ln.text,
                           "facts": list(ln.facts)} for ln in lines],
            })
        return {"month": self.month, "locked": self.locked, "total_yuan": _yuan(self.total_fen),
                "pending_yuan": _yuan(self.pending_fen), "people": people}


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


# ---------------------------------------------------------------------------------------------------- computation
def _wo_facts():
    if importlib.util.find_spec("station_desk.work_orders.facts") is None:
        return None
    try:
        return importlib.import_module("station_desk.work_orders.facts")
    except ImportError:  # pragma: no cover - a half-landed module
        return None


def _weeks_ending_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """Mondays of the Mon–Sun weeks whose Sunday falls in [start, end)."""
    first_sunday = start + dt.timedelta(days=(6 - start.weekday()) % 7)
    out = []
    d = first_sunday
    while d < end:
        out.append(d - dt.timedelta(days=6))
        d += dt.timedelta(days=7)
    return out


def _week_text(kind: str, d: dict) -> tuple[bool, str]:
    if kind == "repair":
        ok = d.get("orders", 0) > 0 and not (d.get("overdue") or d.get("dragged") or d.get("forms_late"))
        return ok, (f"报修 {d.get('orders', 0)} 单，超时 {d.get('overdue', 0)}，拖单 {d.get('dragged', 0)}，"
                    f"表格迟交 {d.get('forms_late', 0)}")
    ok = d.get("orders", 0) > 0 and not (d.get("dispatched_late") or d.get("overdue") or d.get("complaints"))
    return ok, (f"派单 {d.get('orders', 0)} 单，派单迟 {d.get('dispatched_late', 0)}，超时 {d.get('overdue', 0)}，"
                f"投诉 {d.get('complaints', 0)}")


def _week_clean(s: Session, kind: str, staff_id: int, monday: dt.date) -> tuple[bool | None, str]:
    """(clean?, facts text) from a hand-entered week fact, else from the work-order module; None: unknown."""
    fact = s.exec(select(WeekFact).where(WeekFact.kind == kind, WeekFact.staff_id == staff_id,
                                         WeekFact.week_start == monday).order_by(WeekFact.id.desc())).first()
    if fact is not None:
        return fact.ok, f"week_fact:{fact.id}"
    wo = _wo_facts()
    if wo is None:
        return None, ""
    if kind == "repair":
        return _week_text(kind, wo.repair_week_summary(s, staff_id, monday))
    return _week_text(kind, wo.dispatch_week_summary(s, staff_id, monday))


def _weeks_clean(s: Session, mondays: list[dt.date], technicians: list[int],
                 clerks: list[int]) -> dict[tuple[str, int, dt.date], tuple[bool | None, str]]:
    """:func:`_week_clean` of every technician ('repair') and dispatch clerk ('dispatch') for every week, with
    one read of the weeks' hand-entered facts and one batched read of the work-order facts."""
    out: dict[tuple[str, int, dt.date], tuple[bool | None, str]] = {}
    if not mondays or not (technicians or clerks):
        return out
    for f in s.exec(select(WeekFact).where(WeekFact.week_start.in_(mondays)).order_by(WeekFact.id.desc())).all():
        key = (f.kind, f.staff_id, f.week_start)
        if key not in out:
            out[key] = (f.ok, f"week_fact:{f.id}")
    wanted = [(k, sid, w) for k, ids in (("repair", technicians), ("dispatch", clerks)) for sid in ids
              for w in mondays]
    missing = [key for key in wanted if key not in out]
    if not missing:
        return out
    wo = _wo_facts()
    if wo is None:
        out.update({key: (None, "") for key in missing})
        return out
    if hasattr(wo, "week_summaries"):
        summaries = wo.week_summaries(s, mondays, technician_ids={sid for k, sid, _ in missing if k == "repair"},
                                      clerk_ids={sid for k, sid, _ in missing if k == "dispatch"})
        for key in missing:
            out[key] = _week_text(key[0], summaries[key])
    else:  # pragma: no cover - an older work-orders module
        for key in missing:
            out[key] = _week_clean(s, *key)
    return out


def _failure_rate(s: Session, month: str, customers: dict | None = None) -> tuple[float | None, str]:
    """``customers``: a dict shared by the calls of one computation, to count the active customers once."""
    inp = M.month_input(s, month)
    if inp is not None and inp.failure_rate_permille is not None:
        return inp.failure_rate_permille / 10, "户/百户"
    wo = _wo_facts()
    if wo is None:
        return None, ""
    y, m = clock.parse_month(month)
    if customers is None or not hasattr(wo, "active_customer_count"):
        return float(wo.station_failure_rate(s, y, m)), "户/百户"
    if "active" not in customers:
        customers["active"] = wo.active_customer_count(s)
    return float(wo.station_failure_rate(s, y, m, active_customers=customers["active"])), "户/百户"


def _signups():
    if importlib.util.find_spec("station_desk.customers.models") is None:
        return None, None
    from station_desk.customers.models import Renewal, SignUp

    return SignUp, Renewal


def compute_rewards_in(s: Session, month: str) -> list[RewardLine]:
    """All reward lines of the month (due and pending), without the manager's decisions."""
    start, end = M.bounds(month)
    last = end - dt.timedelta(days=1)
    pol = policy_on(s, start).rewards
    people = {m.staff_id: m for m in M.members(s, month)}
    by_role: dict[str, list[M.Member]] = defaultdict(list)
    for m in people.values():
        by_role[m.role].append(m)
    from station_desk.staff.models import Staff

    def who(sid: int) -> tuple[str, str]:
        if sid in people:
            return people[sid].name, role_label(people[sid].role)
        p = s.get(Staff, sid)
        return (p.name if p else str(sid)), ""

    out: list[RewardLine] = []

    def add(key, sid, rule, day, amount, status, text, facts=()):
        if amount <= 0:
            return
        name, rl = who(sid)
        out.append(RewardLine(key, sid, name, rl, rule, day, amount, status, text, tuple(facts)))

    inst = M.installs(s, month)
    # §7.1 new installs by area
    tiers = {t.area: t for t in pol.install_areas}
    groups: dict[tuple, list[M.Install]] = defaultdict(list)
    for i in inst:
        sid = i.signed_by_id if pol.install_credit_to == "signed_by" else i.installed_by_id
        if sid is None or i.area not in tiers:
            continue
        period = i.installed_on if pol.install_period == "day" else last
        groups[(sid, period, i.area)].append(i)
    for (sid, period, area), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])):
        amount, text = R.install_reward(len(rows), sum(r.income_fen for r in rows), tiers[area], pol)
        add(f"install:{sid}:{period.isoformat()}:{area}", sid, "rewards.install", period, amount, "due", text,
            [f"signup:{r.id}" for r in rows])
    SignUp, Renewal = _signups()
    if SignUp is not None:
        # §7.2 sign-ups of one day, eventually installed
        touched = s.exec(select(SignUp.signed_by_id, SignUp.day).where(
            SignUp.signed_by_id.is_not(None), SignUp.status != "cancelled",
            or_(SignUp.day.between(start, last), SignUp.installed_on.between(start, last)))).all()
        pairs = sorted(set(touched))
        for sid, day in pairs:
            rows = s.exec(select(SignUp).where(SignUp.signed_by_id == sid, SignUp.day == day,
                                               SignUp.status != "cancelled")).all()
            role = M.role_on(s, sid, day)
            if role not in pol.signup_roles:
                continue
            done = [r for r in rows if r.status == "installed" and r.installed_on]
            pending = [r for r in rows if r.status == "pending"]
            if pending:
                if start <= day < end and len(done) + len(pending) >= pol.signup_min_per_day:
                    amount, _ = R.signup_reward(len(done) + len(pending), pol)
                    add(f"signup:{sid}:{day.isoformat()}", sid, "rewards.signup", day, amount, "pending",
                        f"当天报装 {len(rows)} 户，已安装 {len(done)} 户，{len(pending)} 户待安装",
                        [f"signup:{r.id}" for r in rows])
                continue
            if not done:
                continue
            when = max(r.installed_on for r in done)
            if start <= when < end:
                amount, text = R.signup_reward(len(done), pol)
                add(f"signup:{sid}:{day.isoformat()}", sid, "rewards.signup", when, amount, "due",
                    f"{day:%m-%d} {text}", [f"signup:{r.id}" for r in done])
        # §7.2 promotion team
        inp = M.month_input(s, month)
        leader = inp.promotion_leader_id if inp else None
        team_rows = s.exec(select(SignUp).where(SignUp.team == "promotion", SignUp.status != "cancelled",
                                                SignUp.day.between(start, last))).all()
        by_day: dict[dt.date, list] = defaultdict(list)
        for r in team_rows:
            if not pol.team_requires_install or r.status == "installed":
                by_day[r.day].append(r)
        for day, rows in sorted(by_day.items()):
            amount, text = R.team_reward(len(rows), pol)
            if amount and leader is not None:
                add(f"team:{day.isoformat()}", leader, "rewards.team", day, amount, "due", text,
                    [f"signup:{r.id}" for r in rows])
        # §7.3 renewal incentive
        if by_role.get(Role.RENEWAL_SPECIALIST):
            rf = M.renewal_facts(s, month)
            for m in by_role[Role.RENEWAL_SPECIALIST]:
                for cycle in pol.renewal_cycle_yuan:
                    rate, done, due = rf.rate(cycle)
                    amount, text = R.renewal_cycle_reward(cycle, rate, pol)
                    label = {"monthly": "月费", "half_year": "半年费", "yearly": "年费以上"}.get(cycle, cycle)
                    add(f"renewal:{m.staff_id}:{month}:{cycle}", m.staff_id, "rewards.renewal_cycle", last, amount,
                        "due", f"{label}用户到期 {due} 户、已续 {done} 户，{text}",
                        [f"renewal:{rid}" for c, rid in rf.renewed.items()
                         if M.cycle_bucket(rf.due.get(c, "")) == cycle])
                rate, done, due = rf.rate()
                amount, text = R.renewal_overall_reward(rate, rf.income_fen, pol)
                add(f"renewal_overall:{m.staff_id}:{month}", m.staff_id, "rewards.renewal_overall", last, amount,
                    "due", f"到期 {due} 户、已续 {done} 户；{text}", [f"renewal:{r.id}" for r in rf.month_renewals])
        # §7.4 upgrades from 3.0, pending until the clerk's call confirms
        ren = s.exec(select(Renewal).where(Renewal.recommended_by_id.is_not(None), Renewal.package_before == "3.0",
                                           Renewal.reverses_id.is_(None), Renewal.day <= last)).all()
        reversed_ids = set(s.exec(select(Renewal.reverses_id).where(Renewal.reverses_id.is_not(None))).all())
        checks = {c.renewal_id: c for c in s.exec(select(UpgradeCheck).where(
            UpgradeCheck.renewal_id.in_([r.id for r in ren] or [0]))).all()}
        for r in ren:
            if r.id in reversed_ids:
                continue
            amount, text = R.upgrade_reward(r.package_before, r.package_after, r.cycle, pol)
            check = checks.get(r.id)
            if check is None:
                if start <= r.day < end:
                    add(f"upgrade:{r.id}", r.recommended_by_id, "rewards.upgrade", r.day, amount, "pending",
                        f"{text}（待内勤电话核实）", [f"renewal:{r.id}"])
            elif check.confirmed and start <= check.day < end:
                add(f"upgrade:{r.id}", r.recommended_by_id, "rewards.upgrade", check.day, amount, "due",
                    f"{r.day:%m-%d} {text}；{check.day:%m-%d} 内勤电话核实为员工推荐", [f"renewal:{r.id}",
                                                                                  f"upgrade_check:{check.id}"])
    # §7.5 / §7.6 weekly
    mondays = _weeks_ending_in(start, end)
    weeks = _weeks_clean(s, mondays, [m.staff_id for m in by_role.get(Role.TECHNICIAN, [])],
                         [m.staff_id for m in by_role.get(Role.DISPATCH_CLERK, [])])
    for kind, role, rule, fn in (("repair", Role.TECHNICIAN, "rewards.technician_week", R.technician_week_reward),
                                 ("dispatch", Role.DISPATCH_CLERK, "rewards.dispatch_week", R.dispatch_week_reward)):
        for m in by_role.get(role, []):
            for monday in mondays:
                clean, facts = weeks[(kind, m.staff_id, monday)]
                if clean is None:
                    continue
                amount, text = fn(bool(clean), pol)
                sunday = monday + dt.timedelta(days=6)
                add(f"{kind}_week:{m.staff_id}:{monday.isoformat()}", m.staff_id, rule, sunday, amount, "due",
                    f"{monday:%m-%d}—{sunday:%m-%d}：{text}" + (f"（{facts}）" if facts and ":" not in facts else ""),
                    [facts if ":" in facts else f"week:{kind}:{m.staff_id}:{monday.isoformat()}"])
    # §7.7 marketing supervisor
    inp = M.month_input(s, month)
    for m in by_role.get(Role.MARKETING_SUPERVISOR, []):
        reps = {x.staff_id for x in by_role.get(Role.SALES_REP, [])}
        own = [i for i in inst if i.signed_by_id in reps]
        amount, text = R.marketing_reward(len(own), len(inst), inp.new_install_target if inp else None, pol)
        add(f"marketing:{m.staff_id}:{month}", m.staff_id, "rewards.marketing", last, amount, "due", text,
            [f"signup:{i.id}" for i in (own or inst)])
    # §7.8 service supervisor
    if by_role.get(Role.SERVICE_SUPERVISOR):
        customers: dict = {}
        now_rate, unit = _failure_rate(s, month, customers)
        prev_rate, _ = _failure_rate(s, M.prev_month(month), customers)
        for m in by_role[Role.SERVICE_SUPERVISOR]:
            amount, text = R.service_supervisor_reward(now_rate, prev_rate, inp.renovation_done if inp else True,
                                                       pol, unit or "户/百户")
            add(f"service_sup:{m.staff_id}:{month}", m.staff_id, "rewards.service_supervisor", last, amount, "due",
                text, [f"failure_rate:{month}", f"failure_rate:{M.prev_month(month)}"])
    # §7.9 accounts clerk
    if by_role.get(Role.ACCOUNTS_CLERK):
        first = M.program_start_month(s) or month
        from station_desk.points.models import PointsFact
        from station_desk.staff.models import RoleAssignment

        rows = s.exec(select(PointsFact.id, PointsFact.day, PointsFact.staff_id, PointsFact.reverses_id).where(
            PointsFact.kind == "accounts_error", PointsFact.day < end)).all()
        cancelled = {r.reverses_id for r in rows if r.reverses_id}
        for m in by_role[Role.ACCOUNTS_CLERK]:
            error_months = {clock.month_key(r.day) for r in rows if r.reverses_id is None and r.id not in cancelled
                            and r.staff_id in (None, m.staff_id)}
            assignments = s.exec(select(RoleAssignment.effective_from, RoleAssignment.role).where(
                RoleAssignment.staff_id == m.staff_id).order_by(RoleAssignment.effective_from,
                                                                RoleAssignment.id)).all()

            def role_at(day: dt.date) -> str | None:
                role = None
                for eff, r in assignments:
                    if eff <= day:
                        role = r
                return role

            streak = 0
            key = month
            while key >= first and streak < 120:
                if role_at(M.bounds(key)[1] - dt.timedelta(days=1)) != Role.ACCOUNTS_CLERK or key in error_months:
                    break
                streak += 1
                key = M.prev_month(key)
            errors = month in error_months
            for rule, amount, text in R.accounts_rewards(not errors, streak, pol):
                add(f"accounts:{m.staff_id}:{month}:{rule}", m.staff_id, rule, last, amount, "due", text,
                    [f"month:{M.prev_month(month, k)}" for k in range(streak)])
    # corrections to locked months, dated in this one
    for a in s.exec(select(RewardAdjustment).where(RewardAdjustment.day >= start, RewardAdjustment.day < end)).all():
        name, rl = who(a.staff_id)
        out.append(RewardLine(f"adjust:{a.id}", a.staff_id, name, rl, "rewards.adjustment", a.day, a.amount_fen, "due",
                              f"调整 {a.for_month}：{a.reason}（{a.approved_by}批准）", (f"reward_adjustment:{a.id}",)))
    out.sort(key=lambda ln: (ln.day, ln.name, ln.rule, ln.key))
    return out


def _merge_decisions(s: Session, month: str, lines: list[RewardLine]) -> list[RewardLine]:
    decisions = {d.key: d for d in s.exec(select(RewardDecision).where(
        RewardDecision.key.in_([ln.key for ln in lines] or [""]))).all()}
    merged = []
    for ln in lines:
        d = decisions.get(ln.key)
        if d is None or ln.status == "pending":
            merged.append(ln)
            continue
        status = d.status if d.amount_fen == ln.amount_fen else "changed"
        merged.append(replace(ln, status=status, approved_fen=d.amount_fen, paid_on=d.paid_on))
    return merged


def _from_snapshot(data: str) -> list[RewardLine]:
    out = []
    for d in json.loads(data):
        d["day"] = dt.date.fromisoformat(d["day"])
        d["facts"] = tuple(d["facts"])
        d["paid_on"] = dt.date.fromisoformat(d["paid_on"]) if d.get("paid_on") else None
        out.append(RewardLine(**d))
    return out


def rewards_month_in(s: Session, month: str) -> MonthRewards:
    snap = M.snapshot_of(s, "rewards", month)
    if snap is not None:
        lines = [replace(ln, status="due" if ln.status in ("approved", "paid", "changed") else ln.status,
                         approved_fen=None, paid_on=None) for ln in _from_snapshot(snap.data)]
        return MonthRewards(month, tuple(_merge_decisions(s, month, lines)), True)
    return MonthRewards(month, tuple(_merge_decisions(s, month, compute_rewards_in(s, month))), False)


def month_rewards(db, month: str) -> MonthRewards:
    M.bounds(month)
    with db.read() as s:
        return rewards_month_in(s, month)


def store_snapshot_in(s: Session, month: str, approver: Actor) -> None:
    """Called by the month lock: freeze the month's computed lines."""
    lines = compute_rewards_in(s, month)
    s.add(MonthSnapshot(scope="rewards", month=month, created_at=clock.now(), created_by=approver.name,
                        data=json.dumps([asdict(ln) for ln in lines], ensure_ascii=False, default=str)))


# ---------------------------------------------------------------------------------------------------- decisions
def approve_rewards(db, *, actor: Actor, approval: ManagerApproval | None, month: str,
                    keys: list[str] | None = None) -> int:
    """The manager approves due lines of the month (all of them when ``keys`` is None). Returns how many."""
    from station_desk.staff import auth

    M.bounds(month)
    approver = auth.require_manager(db, approval, "批准即时奖励")
    n = 0
    with db.session() as s:
        lines = rewards_month_in(s, month).lines
        wanted = set(keys) if keys is not None else None
        if wanted is not None:
            unknown = wanted - {ln.key for ln in lines}
            if unknown:
                raise DomainError("rewards.unknown_line", key=sorted(unknown)[0])
        for ln in lines:
            if wanted is not None and ln.key not in wanted:
                continue
            if ln.status == "pending":
                if wanted is not None:
                    raise DomainError("rewards.pending", name=ln.name, rule=ln.rule_label)
                continue
            if ln.status in ("approved", "paid"):
                continue
            d = s.exec(select(RewardDecision).where(RewardDecision.key == ln.key)).first()
            if d is not None and d.status == "paid":
                raise DomainError("rewards.already_paid", name=ln.name, rule=ln.rule_label)
            before = audit.snapshot(d) if d else None
            if d is None:
                d = RewardDecision(key=ln.key, month=month, staff_id=ln.staff_id, rule=ln.rule,
                                   amount_fen=ln.amount_fen, approved_by=approver.name, approved_at=clock.now())
            else:
                d.amount_fen, d.approved_by, d.approved_at = ln.amount_fen, approver.name, clock.now()
            s.add(d)
            s.flush()
            audit.record(s, actor=actor, action="rewards.approve", entity="reward_decision", entity_id=d.id,
                         before=before, after=audit.snapshot(d), reason=f"批准人：{approver.name}")
            n += 1
    return n


def pay_reward(db, *, actor: Actor, approval: ManagerApproval | None, key: str, day: dt.date | None = None,
               voucher_no: str = "") -> RewardLine:
    """Pay one approved line (see :func:`pay_rewards`)."""
    return pay_rewards(db, actor=actor, approval=approval, keys=[key], day=day, voucher_no=voucher_no)[0]


def pay_rewards(db, *, actor: Actor, approval: ManagerApproval | None, keys: list[str], day: dt.date | None = None,
                voucher_no: str = "") -> list[RewardLine]:
    """Pay approved lines (one PIN, one transaction): each becomes a cash-book expense in the category 即时奖励
    (when the cash book exists) with handler, payee and approver, and the line is marked paid with the date."""
    from station_desk.staff import auth

    approver = auth.require_manager(db, approval, "发放即时奖励")
    when = day or clock.today()
    cash = None
    if importlib.util.find_spec("station_desk.cash_book.service"):
        from station_desk.cash_book import service as cash
    paid = []
    with db.session() as s:
        months: dict[str, dict[str, RewardLine]] = {}
        for key in keys:
            d = s.exec(select(RewardDecision).where(RewardDecision.key == key)).first()
            if d is None:
                raise DomainError("rewards.not_approved", key=key)
            if d.month not in months:
                months[d.month] = {ln.key: ln for ln in rewards_month_in(s, d.month).lines}
            line = months[d.month].get(key)
            if d.status == "paid":
                raise DomainError("rewards.already_paid", name=line.name if line else str(d.staff_id),
                                  rule=R.rule_label(d.rule))
            if line is None or line.status == "changed":
                raise DomainError("rewards.changed_since_approval", key=key)
            before = audit.snapshot(d)
            if cash is not None and d.amount_fen > 0:  # a negative correction is recovered, not paid out
                d.cash_entry_id = cash.post_entry_in(
                    s, actor=actor, day=when, direction="expense", category=CATEGORY, amount_fen=d.amount_fen,
                    handler_id=actor.staff_id or approver.staff_id, payee=line.name, approver=approver,
                    voucher_no=voucher_no, note=f"{line.rule_label} {line.day:%m-%d}", source_kind="reward",
                    source_id=d.id)
            d.status, d.paid_on, d.paid_by = "paid", when, actor.name
            s.add(d)
            audit.record(s, actor=actor, action="rewards.pay", entity="reward_decision", entity_id=d.id,
                         before=before, after=audit.snapshot(d), reason=f"核准人：{approver.name}")
            paid.append(replace(line, status="paid", approved_fen=d.amount_fen, paid_on=when))
    return paid


def add_adjustment(db, *, actor: Actor, approval: ManagerApproval | None, staff_id: int, for_month: str,
                   amount_fen: int, reason: str, day: dt.date | None = None) -> str:
    """A correction to a locked rewards month (a reward found late, or one paid wrongly, as a negative amount):
    dated ``day`` (default today) in an open month, where it shows as a line to approve and pay. Returns its key."""
    from station_desk.staff import auth

    M.bounds(for_month)
    if not reason.strip():
        raise DomainError("required", field="调整原因")
    if amount_fen == 0:
        raise DomainError("money.not_positive")
    when = day or clock.today()
    approver = auth.require_manager(db, approval, "即时奖励结账后调整")
    with db.session() as s:
        check_adjustment_in(s, "rewards", for_month=for_month, day=when)
        row = RewardAdjustment(staff_id=staff_id, day=when, for_month=for_month, amount_fen=amount_fen,
                               reason=reason.strip()[:200], approved_by=approver.name, created_at=clock.now(),
                               created_by=actor.name)
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="rewards.adjust", entity="reward_adjustment", entity_id=row.id,
                     after=audit.snapshot(row), reason=reason)
        return f"adjust:{row.id}"


def confirm_upgrade(db, *, actor: Actor, renewal_id: int, confirmed: bool, note: str = "",
                    day: dt.date | None = None) -> None:
    """§7.4: the clerk's call — did the employee recommend the upgrade? Recorded once per renewal."""
    _, Renewal = _signups()
    when = day or clock.today()
    with db.session() as s:
        ensure_open(s, "rewards", when)
        r = s.get(Renewal, renewal_id) if Renewal else None
        if r is None or r.recommended_by_id is None:
            raise DomainError("rewards.no_upgrade", id=renewal_id)
        if s.exec(select(UpgradeCheck).where(UpgradeCheck.renewal_id == renewal_id)).first():
            raise DomainError("rewards.upgrade_checked", id=renewal_id)
        row = UpgradeCheck(renewal_id=renewal_id, confirmed=confirmed, day=when, note=note[:200],
                           checked_by=actor.name, created_at=clock.now())
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="rewards.confirm_upgrade", entity="reward_upgrade_check",
                     entity_id=row.id, after=audit.snapshot(row))


def pending_upgrades(db) -> list[tuple[int, str, dt.date, str, str]]:
    """Upgrades waiting for the clerk's call: (renewal id, recommender, day, before, after)."""
    _, Renewal = _signups()
    if Renewal is None:
        return []
    from station_desk.staff.models import Staff

    with db.read() as s:
        done = set(s.exec(select(UpgradeCheck.renewal_id)).all())
        rows = s.exec(select(Renewal, Staff.name).join(Staff, Staff.id == Renewal.recommended_by_id).where(
            Renewal.package_before == "3.0", Renewal.package_after != "3.0", Renewal.reverses_id.is_(None))
            .order_by(Renewal.day)).all()
        return [(r.id, name, r.day, r.package_before, r.package_after) for r, name in rows if r.id not in done]


def record_week(db, *, actor: Actor, kind: str, staff_id: int, week_start: dt.date, ok: bool,
                detail: str = "") -> None:
    """§7.5–7.6 facts entered by hand: a clean (or not) week of a technician ('repair') or clerk ('dispatch')."""
    if kind not in ("repair", "dispatch"):
        raise DomainError("rewards.bad_week_kind", kind=kind)
    if week_start.weekday() != 0:
        raise DomainError("rewards.week_not_monday", day=week_start.isoformat())
    with db.session() as s:
        ensure_open(s, "rewards", week_start + dt.timedelta(days=6))
        row = WeekFact(kind=kind, staff_id=staff_id, week_start=week_start, ok=ok, detail=detail[:200],
                       created_at=clock.now())
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="rewards.record_week", entity="reward_week_fact", entity_id=row.id,
                     after=audit.snapshot(row))
