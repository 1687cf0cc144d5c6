"""Messages of customers (SPEC §2): the register, search, renewals, sign-ups, the expiring list."""

MESSAGES = {
    "customer.account_taken": "用户账号 {account} 已存在（{name}）。",
    "customer.unknown_package": "未知套餐：{package}。",
    "customer.unknown_cycle": "未知缴费周期：{cycle}。",
    "customer.unknown_area": "未知片区：{area}。",
    "customer.phone_invalid": "用户电话“{phone}”格式不对（应为 7–16 位数字，可含“-”）。",
    "customer.signup_not_pending": "新装签约 {id} 当前状态为“{status}”，不能再登记安装。",
    "customer.install_before_signup": "安装日期不能早于签约日期（{day}）。",
    "customer.unknown_outcome": "未知回访结果：{outcome}。",
}
