"""Messages of instant rewards (SPEC §7)."""

MESSAGES = {
    "rewards.unknown_line": "找不到即时奖励明细“{key}”，请刷新后再试。",
    "rewards.pending": "{name} 的{rule}还在等待（未安装或未电话核实），不能批准。",
    "rewards.provisional": "{name} 的{rule}是暂估：计算期到 {last} 才结束，{final_on} 起才能批准或发放。",
    "rewards.week_not_over": "{monday}—{sunday} 这一周还没有结束，周日过后才能登记。",
    "rewards.already_paid": "{name} 的{rule}已经发放过了。",
    "rewards.not_approved": "即时奖励“{key}”还没有经理批准，不能发放。",
    "rewards.changed_since_approval": "即时奖励“{key}”批准后金额有变，请重新批准后再发放。",
    "rewards.no_upgrade": "续费记录 {id} 没有推荐人，不是 3.0 升档。",
    "rewards.upgrade_checked": "续费记录 {id} 已经电话核实过了。",
    "rewards.bad_week_kind": "周记录类别“{kind}”不对：只能是 repair（服务人员）或 dispatch（接单内勤）。",
    "rewards.week_not_monday": "{day} 不是星期一：周从星期一开始。",
    "rewards.adjust_open_month": "{month} 的即时奖励还没有结账，请直接在当月批准或更正，不需要调整。",
    "rewards.adjust_date": "即时奖励的调整要记在 {month} 之后的月份里。",
}
