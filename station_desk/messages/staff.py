"""Messages of the staff register, sign-in and PINs (SPEC §1)."""

MESSAGES = {
    "staff.impact_not_confirmed": "这一改动会改变上面所列未结账月份的积分，没有保存；确认无误请加 --yes 再执行一次。",
    "auth.wrong_pin": "密码不正确，还可以再试 {left} 次。",
    "auth.pin_locked": "密码连续输错次数过多，请在 {until} 之后再试。",
    "auth.permission_denied": "“{action}”需要服务中心经理的密码确认。",
    "auth.not_manager": "{name} 不是服务中心经理，不能批准“{action}”。",
    "auth.pin_too_short": "密码至少需要 {min} 位数字或字母。",
    "auth.no_manager": "还没有登记服务中心经理，请先在员工名册中添加一名经理并设置密码。",
    "auth.no_pin": "{name} 还没有设置密码。",
    "staff.emp_no_taken": "工号 {emp_no} 已被 {name} 使用。",
    "staff.name_required": "请填写员工姓名。",
    "staff.emp_no_required": "请填写工号。",
    "staff.phone_invalid": "电话号码“{phone}”格式不对（应为 7–12 位数字，可含“-”）。",
    "staff.unknown_role": "未知岗位：{role}。",
    "staff.inactive": "{name} 已离职，不能再办理业务。",
    "staff.role_date_before_hire": "岗位变动日期不能早于入职日期（{hire_date}）。",
    "staff.has_records": "{name} 已有业务记录，不能删除，只能设为离职。",
    "staff.last_manager": "{name} 是最后一位在职的服务中心经理，不能设为离职或调离经理岗位。",
}
