"""Messages of the front desk: customers, the contact log, takings and the till, invoices, the cash book."""

MESSAGES = {
    # customers (customer.account_taken / unknown_package / unknown_cycle / unknown_area live in core.py)
    "customer.phone_invalid": "用户电话“{phone}”格式不对（应为 7–16 位数字，可含“-”）。",
    "customer.signup_not_pending": "新装签约 {id} 当前状态为“{status}”，不能再登记安装。",
    "customer.install_before_signup": "安装日期不能早于签约日期（{day}）。",
    "customer.unknown_outcome": "未知回访结果：{outcome}。",
}
