"""Messages of the cash book (SPEC §8)."""

MESSAGES = {
    "cash.unknown_direction": "未知收支方向：{direction}。",
    "cash.unknown_category": "“{category}”不是{direction}类别，请从列表中选择（类别在政策设置的“账务”中维护）。",
    "cash.expense_needs_approver": "支出必须由服务中心经理核准（输入经理密码）。",
    "cash.future_day": "记账日期不能晚于今天（{day}）。",
    "cash.reverse_before_original": "冲正日期不能早于原账目日期（{day}）。",
    "cash.month_not_over": "{month} 还没有过完，不能月结。",
    "cash.chain_broken": "现金流水账校验未通过：第 {id} 条（{day}）被改动过或前后链接断开。请先查明原因，不能月结。",
}
