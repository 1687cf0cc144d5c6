"""Messages of the front-desk contact log (SPEC §2)."""

MESSAGES = {
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
