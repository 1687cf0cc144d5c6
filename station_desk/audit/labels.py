"""Chinese names for the audit log's action and record codes (the codes stay stable in the data; people read
these). Unknown codes fall back to the code itself, so a new action is never hidden."""

from __future__ import annotations

MODULES = {
    "asset": "资产", "attendance": "考勤", "audit": "审计", "backup": "备份", "cash": "账务", "contact": "前台登记", "customer": "用户",
    "discipline": "违纪", "gift": "礼品", "invoice": "发票", "leave": "请假", "overview": "概览", "period": "结账", "points": "积分",
    "policy": "站内政策", "rewards": "即时奖励", "roster": "排休", "staff": "员工", "takings": "前台收款",
    "work_orders": "工单",
}

VERBS = {
    "add": "新增", "add_item": "新增礼品", "add_promotion": "新增促销活动", "adjust": "调整", "answer": "答复",
    "approve": "批准", "cancel": "撤销", "cancel_fact": "撤销事实", "cancel_stocktake": "取消盘点", "change_role": "调岗",
    "check": "核对", "close_day": "日结", "close_month": "月结", "confirm": "确认", "confirm_day": "确认当日积分",
    "confirm_restore": "确认恢复的数据", "confirm_upgrade": "确认升级推荐", "count": "录入盘点数",
    "create": "新建", "create_first_manager": "创建第一位经理", "credit": "记分", "credit_history_points": "补记历史积分",
    "deactivate": "设为离职", "delete": "删除", "expiry_call": "到期回访", "external": "月末备份（外带）",
    "holiday_override": "设置节假日", "holidays_imported": "导入节假日安排", "holiday_override_cleared": "取消节假日设置", "import": "导入",
    "installed": "已装机", "leave": "请假排入", "leave_cancelled": "请假撤回", "load_history": "导入历史",
    "load_month": "导入月度数据", "load_staff": "导入员工", "lock": "锁定", "lock_month": "月度锁定",
    "pause": "暂停计时", "resume": "恢复计时",
    "outage": "大网故障登记", "outage_update": "大网故障更新", "pay": "发放", "post": "记账",
    "post_stocktake": "过账盘点", "reactivate": "恢复在职", "receipt": "收款", "record": "登记",
    "record_fact": "登记事实", "record_week": "登记周考核", "refuse": "驳回", "renew": "续费",
    "renew_undo": "撤销续费", "request": "申请", "request_rest": "申请休息日", "restore": "恢复备份",
    "reverse": "冲正", "rows": "记录数据行", "save": "保存", "set": "修改", "set_month_input": "录入月度指标", "set_passphrase": "设置备份密码",
    "set_pay": "录入工资参数", "set_pin": "修改密码", "sheet_posted": "公示表已张贴", "signup": "新开登记", "start_stocktake": "开始盘点",
    "status_from_check": "按核对更新状态", "unload_month": "撤销导入的月度数据", "update": "修改", "update_item": "修改礼品", "update_promotion": "修改促销活动",
    "void": "作废", "withdraw": "撤回", "withdraw_rest_request": "撤回休息申请",
    # work-order transitions
    "dispatch": "派单", "respond": "响应", "follow": "跟单", "return": "回单", "follow_up_call": "回访",
    "close": "销单", "reopen": "重开", "late_reason": "超时原因", "callback": "预约回访",
    "clock_in": "上班打卡", "clock_out": "下班打卡", "receive": "入库", "issue": "发放", "transfer_out": "调出",
    "write_off": "报损", "stocktake": "盘点调整",
}

ENTITIES = {
    "asset": "资产", "asset_check": "资产核对", "attendance_clock": "打卡", "attendance_decision": "考勤处理",
    "attendance_violation": "违纪", "backup": "备份", "cash_entry": "现金流水账", "cash_month_close": "账务月结",
    "contact": "前台登记", "customer": "用户", "customer_expiry_call": "到期回访", "customer_renewal": "续费",
    "customer_signup": "新开", "gift_item": "礼品", "gift_promotion": "促销活动", "gift_stock_move": "礼品出入库",
    "gift_stocktake": "礼品盘点", "leave_request": "请假单", "period_lock": "结账", "point_entry": "积分",
    "points_day": "每日积分", "points_fact": "积分事实", "points_month": "月度积分", "points_month_input": "月度指标",
    "points_pay_input": "工资参数", "policy": "站内政策", "reward_adjustment": "奖励调整", "reward_decision": "奖励审批",
    "reward_upgrade_check": "升级确认", "reward_week_fact": "周考核", "roster_cell": "排休", "roster_holiday_override": "节假日",
    "roster_month": "月排休", "rows": "数据行", "roster_rest_request": "休息申请", "staff": "员工",
    "staff_role": "岗位", "takings_invoice_check": "发票核对",
    "takings_receipt": "前台收款", "takings_till_close": "日结", "wall_sheet": "公示表", "work_order": "工单",
    "work_order_outage": "大网故障",
}


def action_label(code: str) -> str:
    module, _, verb = code.partition(".")
    if not verb:
        return VERBS.get(code, code)
    return f"{MODULES.get(module, module)}·{VERBS.get(verb, verb)}"


def entity_label(code: str) -> str:
    return ENTITIES.get(code, code)
