"""The station's roles (SPEC §1). Codes are stored; labels are shown."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MANAGER = "manager"  # 服务中心经理
    DISPATCH_CLERK = "dispatch_clerk"  # 接单内勤（前台）
    ACCOUNTS_CLERK = "accounts_clerk"  # 税控专员内勤
    RENEWAL_SPECIALIST = "renewal_specialist"  # 续费专员
    SERVICE_SUPERVISOR = "service_supervisor"  # 服务销售主管
    MARKETING_SUPERVISOR = "marketing_supervisor"  # 市场销售主管
    SALES_REP = "sales_rep"  # 销售代表
    TECHNICIAN = "technician"  # 服务人员
    PROMOTER = "promoter"  # 基础宣传员
    FRONT_DESK_LEAD = "front_desk_lead"  # 前台组长
    MAINTENANCE_LEAD = "maintenance_lead"  # 维护主管


ROLE_LABELS: dict[str, str] = {
    Role.MANAGER: "服务中心经理",
    Role.DISPATCH_CLERK: "接单内勤",
    Role.ACCOUNTS_CLERK: "税控专员内勤",
    Role.RENEWAL_SPECIALIST: "续费专员",
    Role.SERVICE_SUPERVISOR: "服务销售主管",
    Role.MARKETING_SUPERVISOR: "市场销售主管",
    Role.SALES_REP: "销售代表",
    Role.TECHNICIAN: "服务人员",
    Role.PROMOTER: "基础宣传员",
    Role.FRONT_DESK_LEAD: "前台组长",
    Role.MAINTENANCE_LEAD: "维护主管",
}

#: The role a new person starts with in the form: most people the station hires are clerks, and the manager is
#: registered once, when the station is set up.
NEW_STAFF_ROLE = Role.DISPATCH_CLERK

#: Roles that can staff the front desk (coverage rule in SPEC §5).
FRONT_DESK_ROLES = frozenset({Role.DISPATCH_CLERK, Role.ACCOUNTS_CLERK, Role.FRONT_DESK_LEAD, Role.MANAGER})


def role_label(code: str) -> str:
    return ROLE_LABELS.get(code, code)


def parse_role(text: str) -> Role:
    """Accept a code ('technician') or a label ('服务人员')."""
    from station_desk.errors import DomainError

    value = text.strip()
    for role in Role:
        if value in (role.value, ROLE_LABELS[role]):
            return role
    raise DomainError("staff.unknown_role", role=text)
