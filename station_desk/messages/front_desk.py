"""Messages of the front desk: customers, the contact log, takings and the till, invoices, the cash book."""

MESSAGES = {
    # customers (customer.account_taken / unknown_package / unknown_cycle / unknown_area live in core.py)
    "customer.phone_invalid": "用户电话“{phone}”格式不对（应为 7–16 位数字，可含“-”）。",
    "customer.signup_not_pending": "新装签约 {id} 当前状态为“{status}”，不能再登记安装。",
    "customer.install_before_signup": "安装日期不能早于签约日期（{day}）。",
    "customer.unknown_outcome": "未知回访结果：{outcome}。",
    # takings and the till
    "takings.unknown_method": "未知收款方式：{method}。",
    "takings.day_closed": "{day} 和次日都已日结交款，不能再补记这笔收款；请按今天的日期登记。",
    "takings.day_already_closed": "{day} 已经日结过了。",
    "takings.difference_needs_reason": "现金实点与应收相差 {difference} 元，请填写差额原因。",
    "takings.counted_invalid": "请填写实点现金金额（不能为负数）。",
    "takings.close_future_day": "不能为将来的日期（{day}）日结。",
    "takings.unclosed_days": "以下日期有收款但还没有日结交款：{days}。请先日结再结账。",
    # invoices
    "invoice.required": "收取{method}必须开具发票（唱点唱收，不开票不收现金），请填写发票号。",
    "invoice.signoff_role": "每周发票核对要由{allowed}签字，{role}不能核对（开票的人不核对自己的发票）。",
    "takings.invoice_difference_needs_reason": "今天有 ¥{difference} 收款没有发票（钱帐不对应），请写明原因，由经理签收。",
    "invoice.in_use": "发票号 {invoice_no} 已经用在收款记录 {receipt_id} 上了：一张发票只对应一笔收款。请核对发票号（作废的收款不占用发票号）。",
    "takings.amount_too_large": "金额 ¥{amount} 超过单笔收款上限 ¥{limit}（站内政策），没有收款。请核对金额；确需收取请分开开票或由经理调整政策。",
    "invoice.problems_need_note": "本周发票核对有问题（断号 {gaps} 个，重号 {duplicates} 个，未开票收款 {without} 笔），请填写处理说明。",
    # cash book
    "cash.unknown_direction": "未知收支方向：{direction}。",
    "cash.unknown_category": "“{category}”不是{direction}类别，请从列表中选择（类别在政策设置的“账务”中维护）。",
    "cash.expense_needs_approver": "支出必须由服务中心经理核准（输入经理密码）。",
    "cash.future_day": "记账日期不能晚于今天（{day}）。",
    "cash.reverse_before_original": "冲正日期不能早于原账目日期（{day}）。",
    "cash.month_not_over": "{month} 还没有过完，不能月结。",
    "cash.chain_broken": "现金流水账校验未通过：第 {id} 条（{day}）被改动过或前后链接断开。请先查明原因，不能月结。",
    # contact log
    "contact.unknown_kind": "未知登记类型：{kind}。",
    "contact.unknown_channel": "未知来访方式：{channel}。",
    "contact.unknown_result": "未知办理结果：{result}。",
    "contact.who_required": "请选择用户，或填写来访人的姓名或电话。",
    "contact.amount_required": "{kind}登记需要填写收款金额。",
    "contact.customer_required": "{kind}登记需要先选择用户。",
    "contact.reply_by_required": "待回复的登记请填写答复日期（告诉用户何时回复）。",
    "contact.similar_customer": "新装用户与{detail}的资料相同。不得把本期到期用户改作新装；确认是新用户后再登记。",
    "contact.not_pending": "登记 {id} 不是待回复的登记。",
    "contact.already_answered": "登记 {id} 已经答复过了。",
    "contact.renewal_moved_on": "{name} 的到期日在这次续费之后又变动过，不能自动撤销续费；请在用户资料中更正。",
}
