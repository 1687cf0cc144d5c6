"""Messages of takings (SPEC §2, §8): receipts, the day close, invoices."""

MESSAGES = {
    "takings.unknown_method": "未知收款方式：{method}。",
    "takings.day_closed": "{day} 和次日都已日结交款，不能再补记这笔收款；请按今天的日期登记。",
    "takings.day_already_closed": "{day} 已经日结过了。",
    "takings.difference_needs_reason": "现金实点与应收相差 {difference} 元，请填写差额原因。",
    "takings.counted_invalid": "请填写实点现金金额（不能为负数）。",
    "takings.close_future_day": "不能为将来的日期（{day}）日结。",
    "takings.unclosed_days": "以下日期有收款但还没有日结交款：{days}。请先日结再结账。",
    "invoice.required": "收取{method}必须开具发票（唱点唱收，不开票不收现金），请填写发票号。",
    "invoice.signoff_role": "每周发票核对要由{allowed}签字，{role}不能核对（开票的人不核对自己的发票）。",
    "takings.invoice_difference_needs_reason": "今天有 ¥{difference} 收款没有发票（钱帐不对应），请写明原因，由经理签收。",
    "invoice.in_use": "发票号 {invoice_no} 已经用在收款记录 {receipt_id} 上了：一张发票只对应一笔收款。请核对发票号（作废的收款不占用发票号）。",
    "takings.amount_too_large": "金额 ¥{amount} 超过单笔收款上限 ¥{limit}（站内政策），没有收款。请核对金额；确需收取请分开开票或由经理调整政策。",
    "invoice.problems_need_note": "本周发票核对有问题（断号 {gaps} 个，重号 {duplicates} 个，未开票收款 {without} 笔），请填写处理说明。",
}
