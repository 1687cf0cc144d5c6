"""Computing a month's instant rewards (SPEC §7): one function per reward kind, each adding the month's lines.

``compute_rewards_in(s, month)`` evaluates every kind with the policy in force on the month's first day. Each line
has a stable ``key``, its rule, a Chinese explanation and the facts (sign-ups, renewals, weeks…) that triggered it.
Pending rewards (§7.2 sign-ups not yet installed, §7.4 upgrades not yet confirmed by the clerk's call) show with
status ``pending`` in the month they started; once payable they are dated the day they became so (the last install,
the confirming call) and belong to that day's month.

A line's ``final_on`` is the first day its period (the day, the Mon–Sun week, the month) is over; before that day
the line is ``provisional`` (暂估): it can still change, so it is neither approved nor paid nor counted. A weekly
line from the work orders also stays provisional while an order of the week is open and not late yet (it may still
become late).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import exists, or_
from sqlmodel import Session, select

from station_desk import clock
from station_desk.customers.models import Renewal, SignUp
from station_desk.month import Month
from station_desk.points.facts import (Install, Member, bounds, by_role, cycle_bucket, installs, members,
                                       live_renewal, month_input, month_of, prev_month, program_start_month,
                                       renewal_facts)
from station_desk.points.models import MonthInput, PointsFact
from station_desk.policy.service import policy_on
from station_desk.rewards import rules as R
from station_desk.rewards.models import RewardAdjustment, UpgradeCheck
from station_desk.rewards.results import RewardLine
from station_desk.rewards.sources import OPEN, failure_rate, weeks_clean, weeks_ending_in
from station_desk.staff.models import RoleAssignment, Staff
from station_desk.staff.roles import Role, role_label
from station_desk.staff.service import role_on

DAY = dt.timedelta(days=1)
CYCLE_LABELS = {"monthly": "月费", "half_year": "半年费", "yearly": "年费以上"}


@dataclass
class _Month:
    """One computation: the month, its people by role, the policy section and the lines found so far."""

    s: Session
    month: str
    start: dt.date
    end: dt.date
    pol: object  # RewardsPolicy in force on the month's first day
    people: dict[int, Member]
    inp: MonthInput | None
    inst: list[Install]
    by_role: dict[str, list[Member]]
    today: dt.date
    out: list[RewardLine] = field(default_factory=list)

    @property
    def last(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def who(self, sid: int) -> tuple[str, str]:
        if sid in self.people:
            return self.people[sid].name, role_label(self.people[sid].role)
        p = self.s.get(Staff, sid)
        return (p.name if p else str(sid)), ""

    def add(self, key, sid, rule, day, amount, status, text, facts=(), *, final_on: dt.date | None) -> None:
        """One line; ``final_on``: the first day its period is over (None: final once it is due)."""
        if amount <= 0:
            return
        name, rl = self.who(sid)
        self.out.append(RewardLine(key, sid, name, rl, rule, day, amount, status, text, tuple(facts),
                                   final_on=final_on))


def _installs(c: _Month) -> None:
    """§7.1 new installs by area."""
    pol = c.pol
    tiers = {t.area: t for t in pol.install_areas}
    groups: dict[tuple, list[Install]] = defaultdict(list)
    for i in c.inst:
        sid = i.signed_by_id if pol.install_credit_to == "signed_by" else i.installed_by_id
        if sid is None or i.area not in tiers:
            continue
        period = i.installed_on if pol.install_period == "day" else c.last
        groups[(sid, period, i.area)].append(i)
    for (sid, period, area), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])):
        amount, text = R.install_reward(len(rows), sum(r.income_fen for r in rows), tiers[area], pol)
        c.add(f"install:{sid}:{period.isoformat()}:{area}", sid, "rewards.install", period, amount, "due", text,
              [f"signup:{r.id}" for r in rows], final_on=period + DAY)


def _signups(c: _Month) -> None:
    """§7.2 sign-ups of one day, eventually installed (pending while some are not)."""
    s, pol, start, end = c.s, c.pol, c.start, c.end
    touched = s.exec(select(SignUp.signed_by_id, SignUp.day).where(
        SignUp.signed_by_id.is_not(None), SignUp.status != "cancelled",
        or_(SignUp.day.between(start, c.last), SignUp.installed_on.between(start, c.last)))).all()
    for sid, day in sorted(set(touched)):
        rows = s.exec(select(SignUp).where(SignUp.signed_by_id == sid, SignUp.day == day,
                                           SignUp.status != "cancelled")).all()
        if role_on(s, sid, day) not in pol.signup_roles:
            continue
        done = [r for r in rows if r.status == "installed" and r.installed_on]
        pending = [r for r in rows if r.status == "pending"]
        if pending:
            if start <= day < end and len(done) + len(pending) >= pol.signup_min_per_day:
                amount, _ = R.signup_reward(len(done) + len(pending), pol)
                c.add(f"signup:{sid}:{day.isoformat()}", sid, "rewards.signup", day, amount, "pending",
                      f"当天报装 {len(rows)} 户，已安装 {len(done)} 户，{len(pending)} 户待安装",
                      [f"signup:{r.id}" for r in rows], final_on=day + DAY)
            continue
        if not done:
            continue
        when = max(r.installed_on for r in done)
        if start <= when < end:
            amount, text = R.signup_reward(len(done), pol)
            c.add(f"signup:{sid}:{day.isoformat()}", sid, "rewards.signup", when, amount, "due",
                  f"{day:%m-%d} {text}", [f"signup:{r.id}" for r in done], final_on=day + DAY)


def _promotion_team(c: _Month) -> None:
    """§7.2 the promotion team's sign-ups of a day, to its leader."""
    leader = c.inp.promotion_leader_id if c.inp else None
    team_rows = c.s.exec(select(SignUp).where(SignUp.team == "promotion", SignUp.status != "cancelled",
                                              SignUp.day.between(c.start, c.last))).all()
    by_day: dict[dt.date, list] = defaultdict(list)
    for r in team_rows:
        if not c.pol.team_requires_install or r.status == "installed":
            by_day[r.day].append(r)
    for day, rows in sorted(by_day.items()):
        amount, text = R.team_reward(len(rows), c.pol)
        if amount and leader is not None:
            c.add(f"team:{day.isoformat()}", leader, "rewards.team", day, amount, "due", text,
                  [f"signup:{r.id}" for r in rows], final_on=day + DAY)


def _renewals(c: _Month) -> None:
    """§7.3 renewal incentive: per billing cycle, and overall with the renewal income."""
    specialists = c.by_role.get(Role.RENEWAL_SPECIALIST)
    if not specialists:
        return
    rf = renewal_facts(c.s, c.month)
    for m in specialists:
        for cycle in c.pol.renewal_cycle_yuan:
            rate, done, due = rf.rate(cycle)
            amount, text = R.renewal_cycle_reward(cycle, rate, c.pol)
            label = CYCLE_LABELS.get(cycle, cycle)
            c.add(f"renewal:{m.staff_id}:{c.month}:{cycle}", m.staff_id, "rewards.renewal_cycle", c.last, amount,
                  "due", f"{label}用户到期 {due} 户、已续 {done} 户，{text}",
                  [f"renewal:{rid}" for cid, rid in rf.renewed.items() if cycle_bucket(rf.due.get(cid, "")) == cycle],
                  final_on=c.end)
        rate, done, due = rf.rate()
        amount, text = R.renewal_overall_reward(rate, rf.income_fen, c.pol)
        c.add(f"renewal_overall:{m.staff_id}:{c.month}", m.staff_id, "rewards.renewal_overall", c.last, amount,
              "due", f"到期 {due} 户、已续 {done} 户；{text}", [f"renewal:{r.id}" for r in rf.month_renewals],
              final_on=c.end)


def _upgrades(c: _Month) -> None:
    """§7.4 upgrades from 3.0, pending until the clerk's call confirms: a renewal of the month not called yet is
    pending; a call of the month confirming it makes it due. Two reads of the month's rows (not every upgrade the
    station ever had)."""
    s = c.s
    upgrade = (Renewal.recommended_by_id.is_not(None), Renewal.package_before == "3.0", live_renewal(),
               Renewal.day <= c.last)
    called = exists().where(UpgradeCheck.renewal_id == Renewal.id)
    for r in s.exec(select(Renewal).where(*upgrade, Renewal.day >= c.start, Renewal.day < c.end, ~called)).all():
        amount, text = R.upgrade_reward(r.package_before, r.package_after, r.cycle, c.pol)
        c.add(f"upgrade:{r.id}", r.recommended_by_id, "rewards.upgrade", r.day, amount, "pending",
              f"{text}（待内勤电话核实）", [f"renewal:{r.id}"], final_on=None)
    for r, check in s.exec(select(Renewal, UpgradeCheck).join(UpgradeCheck, UpgradeCheck.renewal_id == Renewal.id)
                           .where(*upgrade, UpgradeCheck.confirmed == True,  # noqa: E712 - SQL
                                  UpgradeCheck.day >= c.start, UpgradeCheck.day < c.end)).all():
        amount, text = R.upgrade_reward(r.package_before, r.package_after, r.cycle, c.pol)
        c.add(f"upgrade:{r.id}", r.recommended_by_id, "rewards.upgrade", check.day, amount, "due",
              f"{r.day:%m-%d} {text}；{check.day:%m-%d} 内勤电话核实为员工推荐",
              [f"renewal:{r.id}", f"upgrade_check:{check.id}"], final_on=None)


def _weeks(c: _Month) -> None:
    """§7.5 / §7.6 a clean week of a technician or a dispatch clerk, dated its Sunday."""
    mondays = weeks_ending_in(c.start, c.end)
    weeks = weeks_clean(c.s, mondays, [m.staff_id for m in c.by_role.get(Role.TECHNICIAN, [])],
                        [m.staff_id for m in c.by_role.get(Role.DISPATCH_CLERK, [])])
    for kind, role, rule, fn in (("repair", Role.TECHNICIAN, "rewards.technician_week", R.technician_week_reward),
                                 ("dispatch", Role.DISPATCH_CLERK, "rewards.dispatch_week", R.dispatch_week_reward)):
        for m in c.by_role.get(role, []):
            for monday in mondays:
                clean, facts = weeks[(kind, m.staff_id, monday)]
                if clean is None:
                    continue
                amount, text = fn(bool(clean), c.pol)
                sunday = monday + dt.timedelta(days=6)
                # a week with an order still open (not late yet) is not final: the order may still be late
                final_on = sunday + DAY if clean is not OPEN else c.today + DAY
                c.add(f"{kind}_week:{m.staff_id}:{monday.isoformat()}", m.staff_id, rule, sunday, amount, "due",
                      f"{monday:%m-%d}—{sunday:%m-%d}：{text}" + (f"（{facts}）" if facts and ":" not in facts else ""),
                      [facts if ":" in facts else f"week:{kind}:{m.staff_id}:{monday.isoformat()}"],
                      final_on=max(final_on, sunday + DAY))


def _marketing_supervisor(c: _Month) -> None:
    """§7.7 the reps' own share of the new installs, or the target exceeded."""
    for m in c.by_role.get(Role.MARKETING_SUPERVISOR, []):
        reps = {x.staff_id for x in c.by_role.get(Role.SALES_REP, [])}
        own = [i for i in c.inst if i.signed_by_id in reps]
        amount, text = R.marketing_reward(len(own), len(c.inst), c.inp.new_install_target if c.inp else None, c.pol)
        c.add(f"marketing:{m.staff_id}:{c.month}", m.staff_id, "rewards.marketing", c.last, amount, "due", text,
              [f"signup:{i.id}" for i in (own or c.inst)], final_on=c.end)


def _service_supervisor(c: _Month) -> None:
    """§7.8 the station's failure rate below last month's, with the renovation work done."""
    supervisors = c.by_role.get(Role.SERVICE_SUPERVISOR)
    if not supervisors:
        return
    customers: dict = {}
    now_rate, unit = failure_rate(c.s, c.month, customers)
    prev_rate, _ = failure_rate(c.s, prev_month(c.month), customers)
    for m in supervisors:
        amount, text = R.service_supervisor_reward(now_rate, prev_rate, c.inp.renovation_done if c.inp else True,
                                                   c.pol, unit or "户/百户")
        c.add(f"service_sup:{m.staff_id}:{c.month}", m.staff_id, "rewards.service_supervisor", c.last, amount,
              "due", text, [f"failure_rate:{c.month}", f"failure_rate:{prev_month(c.month)}"], final_on=c.end)


def _error_free_streak(c: _Month, staff_id: int, first: str, error_months: set[str]) -> int:
    """Consecutive months up to this one the person was accounts clerk at month end without an error."""
    assignments = c.s.exec(select(RoleAssignment.effective_from, RoleAssignment.role).where(
        RoleAssignment.staff_id == staff_id).order_by(RoleAssignment.effective_from, RoleAssignment.id)).all()

    def role_at(day: dt.date) -> str | None:
        role = None
        for eff, r in assignments:
            if eff <= day:
                role = r
        return role

    streak = 0
    key = c.month
    while key >= first and streak < 120:
        if role_at(bounds(key)[1] - dt.timedelta(days=1)) != Role.ACCOUNTS_CLERK or key in error_months:
            break
        streak += 1
        key = prev_month(key)
    return streak


def _accounts_clerk(c: _Month) -> None:
    """§7.9 the accounts clerk's error-free month, and every third one of a run."""
    clerks = c.by_role.get(Role.ACCOUNTS_CLERK)
    if not clerks:
        return
    first = program_start_month(c.s) or c.month
    rows = c.s.exec(select(PointsFact.id, PointsFact.day, PointsFact.staff_id, PointsFact.reverses_id).where(
        PointsFact.kind == "accounts_error", PointsFact.day < c.end)).all()
    cancelled = {r.reverses_id for r in rows if r.reverses_id}
    for m in clerks:
        error_months = {clock.month_key(r.day) for r in rows if r.reverses_id is None and r.id not in cancelled
                        and r.staff_id in (None, m.staff_id)}
        streak = _error_free_streak(c, m.staff_id, first, error_months)
        for rule, amount, text in R.accounts_rewards(c.month not in error_months, streak, c.pol):
            c.add(f"accounts:{m.staff_id}:{c.month}:{rule}", m.staff_id, rule, c.last, amount, "due", text,
                  [f"month:{prev_month(c.month, k)}" for k in range(streak)], final_on=c.end)


def _adjustments(c: _Month) -> None:
    """Corrections to locked months, dated in this one (negative amounts too)."""
    for a in c.s.exec(select(RewardAdjustment).where(RewardAdjustment.day >= c.start,
                                                     RewardAdjustment.day < c.end)).all():
        name, rl = c.who(a.staff_id)
        c.out.append(RewardLine(f"adjust:{a.id}", a.staff_id, name, rl, "rewards.adjustment", a.day, a.amount_fen,
                                "due", f"调整 {a.for_month}：{a.reason}（{a.approved_by}批准）",
                                (f"reward_adjustment:{a.id}",)))


KINDS = (_installs, _signups, _promotion_team, _renewals, _upgrades, _weeks, _marketing_supervisor,
         _service_supervisor, _accounts_clerk, _adjustments)


def provisional_until(line: RewardLine, today: dt.date) -> RewardLine:
    """The line as it stands on ``today``: a due line whose period is not over yet is provisional."""
    if line.status == "due" and line.final_on is not None and today < line.final_on:
        return replace(line, status="provisional")
    return line


def compute_rewards_in(s: Session, month: Month | str, today: dt.date | None = None) -> list[RewardLine]:
    """All reward lines of the month (due, provisional and pending) as they stand on ``today`` (default: the
    station's today), without the manager's decisions."""
    month = month_of(month)
    start, end = month.bounds()
    today = today or clock.today()
    people = {m.staff_id: m for m in members(s, month)}
    c = _Month(s, month.key, start, end, policy_on(s, start).rewards, people, month_input(s, month),
               installs(s, month), by_role(people.values()), today)
    for kind in KINDS:
        kind(c)
    c.out.sort(key=lambda ln: (ln.day, ln.name, ln.rule, ln.key))
    return [provisional_until(ln, today) for ln in c.out]
