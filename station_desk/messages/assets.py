"""Messages of the asset register (SPEC §4)."""

MESSAGES = {
    "asset.name_required": "请填写资产名称。",
    "asset.tag_required": "请填写资产编号（标签号）。",
    "asset.tag_taken": "资产编号 {tag} 已被“{name}”使用。",
    "asset.unknown_status": "未知的资产状态：{status}。",
    "asset.unknown_result": "未知的核对结果：{result}。",
    "asset.scrapped": "资产“{name}”已报废，不能再修改或核对。",
    "asset.value_negative": "资产原值不能是负数。",
    "asset.check_empty": "核对单里没有任何资产。",
    "asset.reason_required": "资产报废必须填写原因。",
    "asset.future_day": "核对日期 {day} 还没到。",
}
