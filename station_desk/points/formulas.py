"""The monthly points formulas of SPEC §6 as pure functions (no database, no clock).

Points are integers ×100 (``12.50`` points = ``1250``); rounding to 0.01 is half-up. Each function takes the
policy section it needs, so the caller decides which version is in force (``policy_on(s, first day of month)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from station_desk.points.policy import PackageChangeRule, PointsPolicy


def div_half_up(num: int, den: int) -> int:
    """Integer division rounded half away from zero (den > 0)."""
    if den <= 0:
        raise ValueError("den must be positive")
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def fmt_points(x100: int) -> str:
    """1250 → '12.50'; -500 → '-5.00'."""
    sign = "-" if x100 < 0 else ""
    whole, frac = divmod(abs(int(x100)), 100)
    return f"{sign}{whole}.{frac:02d}"


def fmt_yuan(fen: int) -> str:
    """Fen as yuan with two decimals and no thousands separator, as the JSON outputs give money: 123456 → '1234.56'."""
    return fmt_points(fen)  # the same hundredths, read as yuan


def average_x100(values: Iterable[int]) -> int:
    vals = list(values)
    return div_half_up(sum(vals), len(vals)) if vals else 0


# -- renewal specialist --------------------------------------------------------------------------------------------
def renewal_rate_pct(renewed: int, due: int) -> int | None:
    """The month's renewal rate in whole percentage points, rounded down (68.9% → 68). None if nobody was due."""
    if due <= 0:
        return None
    return (renewed * 100) // due


def renewal_rate_points(rate_pct: int | None, pol: PointsPolicy) -> int:
    """(rate − base) × points per point, ×100. Below the base: 0 (switch ``renewal_below_base``)."""
    if rate_pct is None:
        return 0
    diff = rate_pct - pol.renewal_base_rate_pct
    if diff < 0 and pol.renewal_below_base == "zero":
        return 0
    return diff * pol.renewal_points_per_pct * 100


def _matches(rule: PackageChangeRule, before: str, after: str, ranks: dict[str, int]) -> bool:
    rb, ra = ranks.get(before), ranks.get(after)
    if rule.to_pkg.endswith("+"):
        floor = ranks.get(rule.to_pkg[:-1])
        to_ok = ra is not None and floor is not None and ra >= floor
    else:
        to_ok = after == rule.to_pkg
    if not to_ok:
        return False
    if rule.from_pkg == "*":
        return rb is not None and ra is not None and rb < ra
    return before == rule.from_pkg


def package_change_rule(before: str, after: str, ranks: dict[str, int],
                        pol: PointsPolicy) -> PackageChangeRule | None:
    """The first package-change rule matching a renewal from ``before`` to ``after`` (None: no points)."""
    if before == after:
        return None
    for rule in pol.package_change_rules:
        if _matches(rule, before, after, ranks):
            return rule
    return None


def package_change_points(changes: Sequence[tuple[str, str]], ranks: dict[str, int], pol: PointsPolicy) -> int:
    """Sum over renewals' (before, after) packages, ×100."""
    total = 0
    for before, after in changes:
        rule = package_change_rule(before, after, ranks, pol)
        if rule is not None:
            total += rule.points * 100
    return total


# -- supervisors and manager ---------------------------------------------------------------------------------------
def scaled(avg_x100: int, factor_x100: int) -> int:
    """avg × factor (factor ×100), ×100, half-up: 1.5 × 201.01 = 301.52 (301.515 rounded up)."""
    return div_half_up(avg_x100 * factor_x100, 100)


def service_supervisor_deductions(trainings_held: int, trained_errors: int, dept_penalties: int,
                                  pol: PointsPolicy) -> tuple[int, int, int]:
    """(training shortfall, trained-staff errors, department penalties) deductions, each ×100 and ≥ 0."""
    short = max(0, pol.trainings_required - trainings_held)
    if pol.training_shortfall_mode == "once":
        short = 1 if short else 0
    return (short * pol.training_shortfall_points * 100, trained_errors * pol.trained_error_points * 100,
            dept_penalties * pol.department_penalty_points * 100)


def completion_pct_x100(done: int, target: int | None) -> int | None:
    """Completion of a target in % ×100 (exact to 0.01 %, rounded down); None without a target."""
    if not target or target <= 0:
        return None
    return (done * 10000) // target


def marketing_factor_x100(installs: int, target: int | None, pol: PointsPolicy) -> tuple[int, bool]:
    """(factor ×100, target met). Met means installs ≥ target × 100% (inclusive); no target → not met."""
    met = bool(target) and target > 0 and installs * 100 >= target * pol.install_target_met_pct
    return (pol.marketing_factor_met_x100 if met else pol.marketing_factor_missed_x100), met


def manager_points(avg_x100: int, coefficient_x1000: int | None) -> int:
    """Staff average × the company's coefficient (×1000), ×100; no coefficient entered → 0."""
    if coefficient_x1000 is None:
        return 0
    return div_half_up(avg_x100 * coefficient_x1000, 1000)


# -- transfer warning and pay ----------------------------------------------------------------------------------------
def under_quota(own_installs: int, station_installs: int, quota_pct: int) -> bool:
    """Direct installs below ``quota_pct`` % of the station's new installs (exact, no rounding)."""
    return own_installs * 100 < quota_pct * station_installs


def transfer_reasons(total_x100: int, own_installs: int, station_installs: int, quota_pct: int,
                     pol: PointsPolicy) -> list[str]:
    """Why a month counts towards the transfer warning (empty: it does not)."""
    reasons = []
    if total_x100 < pol.transfer_points_threshold * 100:
        reasons.append(f"积分 {fmt_points(total_x100)} 低于 {pol.transfer_points_threshold}")
    if under_quota(own_installs, station_installs, quota_pct):
        reasons.append(f"直接报装 {own_installs} 户，低于全站新增 {station_installs} 户的 {quota_pct}%")
    return reasons


def pay_fen(base_fen: int, seniority_fen: int, total_x100: int, money_per_point_fen: int) -> int:
    """base + seniority + points × money per point, in fen (half-up)."""
    return base_fen + seniority_fen + div_half_up(total_x100 * money_per_point_fen, 100)
