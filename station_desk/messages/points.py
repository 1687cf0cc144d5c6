"""Messages of points (SPEC §6)."""

MESSAGES = {
    "points.already_reversed": "积分记录 {id} 已经冲正过了。",
    "points.bad_month": "月份“{month}”格式不对，应为 YYYY-MM，例如 2026-10。",
    "points.month_not_over": "{month} 还没有结束，不能结账。",
    "points.day_in_future": "{day} 还没到，不能确认。",
    "points.day_confirmed": "{day} 的积分已经确认过了。确认后如有改动，月度复核会列出。",
    "points.bad_kind": "积分类别“{kind}”不对：只能是辅助积分（manual）或扣分（deduction）。",
    "points.zero": "积分不能为 0。",
    "points.adjust_open_month": "{month} 还没有结账，请直接在当月录入或冲正，不需要调整。",
    "points.adjust_date": "调整要记在 {month} 之后的月份里。",
    "points.bad_input": "不认识的月度考核项目：{field}。",
    "points.negative_input": "月度考核数据 {field} 不能为负数。",
    "points.bad_fact": "不认识的记录类别：{kind}（可用：training、trained_error、dept_penalty、accounts_error）。",
    "points.fact_cancelled": "记录 {id} 已经撤销过了。",
    "points.load_invalid": "导入文件第 {where} 处有误：{detail}",
    "points.load_file": "读不了导入文件：{detail}",
    "points.load_same": "{month} 已于 {at} 由{by}载入过同一个文件，没有重复载入（同一文件只载入一次）",
    "points.load_replace_used": "{month} 上次载入的记录已被后来的工作引用（如工单已继续处理），不能用新文件替换；"
                                "请在程序里更正",
}
