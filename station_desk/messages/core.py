"""Messages of the foundation: database, sign-in, staff, policy, periods, audit, money."""

MESSAGES = {
    "unknown": "操作未完成（{code}）。",
    "error": "操作未完成。",
    "not_found": "找不到{what}（编号 {id}）。",
    "validation": "{field}：{problem}",
    "required": "请填写“{field}”。",
    "too_long": "“{field}”太长（最多 {max} 个字）。",
    "money.invalid": "金额“{text}”不是有效的数字。",
    "money.too_precise": "金额“{text}”只能精确到分（两位小数）。",
    "money.not_positive": "金额必须大于零。",
    "cli.no_such_emp_no": "找不到工号 {emp_no}（本数据文件中没有这个员工）。",
    "cli.file_error": "无法读写文件 {path}：{reason}。请检查文件夹是否存在、文件是否被其他程序打开。",
    "date.invalid": "日期“{text}”无效，请按 年-月-日 填写，例如 2026-11-23。",
    "month.invalid": "月份“{text}”无效，请按 年-月 填写，例如 2026-11。",
    # database
    "db.newer_schema": "数据文件由更新版本的程序创建（数据版本 {found}），本程序只认识到 {known}。请安装新版程序后再打开，数据没有被改动。",
    "db.not_a_database": "“{path}”不是本程序的数据文件，或文件已损坏：{detail}",
    "db.damaged": "数据文件完整性检查未通过：{detail}。程序没有写入这个文件，请从备份恢复。",
    "db.locked_by_other": "程序已在运行（数据文件 {path} 正被另一个窗口使用）。",
    "db.network_path": "数据文件不能放在网络共享路径上（{path}），请放在本机磁盘。",
    "db.migration_failed": "数据升级失败，已恢复升级前的副本（{backup}）：{detail}",
    # sign-in and permissions
    "auth.wrong_pin": "密码不正确，还可以再试 {left} 次。",
    "auth.pin_locked": "密码连续输错次数过多，请在 {until} 之后再试。",
    "auth.permission_denied": "“{action}”需要服务中心经理的密码确认。",
    "auth.not_manager": "{name} 不是服务中心经理，不能批准“{action}”。",
    "auth.pin_too_short": "密码至少需要 {min} 位数字或字母。",
    "auth.no_manager": "还没有登记服务中心经理，请先在员工名册中添加一名经理并设置密码。",
    "auth.no_pin": "{name} 还没有设置密码。",
    # staff
    "staff.emp_no_taken": "工号 {emp_no} 已被 {name} 使用。",
    "staff.name_required": "请填写员工姓名。",
    "staff.emp_no_required": "请填写工号。",
    "staff.phone_invalid": "电话号码“{phone}”格式不对（应为 7–12 位数字，可含“-”）。",
    "staff.unknown_role": "未知岗位：{role}。",
    "staff.inactive": "{name} 已离职，不能再办理业务。",
    "staff.role_date_before_hire": "岗位变动日期不能早于入职日期（{hire_date}）。",
    "staff.has_records": "{name} 已有业务记录，不能删除，只能设为离职。",
    "staff.last_manager": "{name} 是最后一位在职的服务中心经理，不能设为离职或调离经理岗位。",
    # policy
    "policy.invalid": "政策设置有误：{detail}",
    "policy.past_locked": "{month} 已锁定，新政策的生效日期不能早于 {first_open}。",
    # periods
    "period.locked": "{month} 的{scope}已结账锁定，不能再修改；如需更正，请在未结账的月份做经批准的调整。",
    "period.already_locked": "{month} 的{scope}已经锁定。",
    "period.not_locked": "{month} 的{scope}尚未锁定。",
    # customers
    "customer.account_taken": "用户账号 {account} 已存在（{name}）。",
    "customer.unknown_package": "未知套餐：{package}。",
    "customer.unknown_cycle": "未知缴费周期：{cycle}。",
    "customer.unknown_area": "未知片区：{area}。",
}
