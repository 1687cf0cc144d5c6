"""Messages of the rest-roster, attendance and leave modules (SPEC §5)."""

MESSAGES = {
    # plan rules (planner.Issue codes)
    "roster.rest_too_few": "{name} 本月只排了 {have} 天公休，应休 {need} 天。",
    "roster.rest_too_many": "{name} 本月排了 {have} 天公休，超过应休的 {need} 天。",
    "roster.coverage_gap": "{day} {start}–{end} 在岗只有 {have} 人，营业时间至少需要 {need} 人。",
    "roster.front_desk_gap": "{day} {start}–{end} 能上前台的在岗人员只有 {have} 人，至少需要 {need} 人。",
    "roster.unknown_code": "{name} {day} 的班次“{code}”没有在政策中定义。",
    "roster.shifts_cannot_cover": "{day} 营业时间 {start}–{end} 没有班次能够覆盖，请检查政策中的班次设置。",
    "roster.too_many_requests": "{name} 申请休息 {have} 天，超过本月应休的 {need} 天，只保留了前 {need} 天。",
    "roster.day_understaffed": "{day} 可以上班的只有 {have} 人（其他人请假或不在职），至少需要 {need} 人。",
    "roster.day_no_front_desk": "{day} 可以上前台的只有 {have} 人，至少需要 {need} 人。",
    "roster.requests_conflict": "{day} 申请休息的人太多（{names}），在岗人数会低于最低要求。",
    "roster.rest_capacity_front_desk": "能上前台的人手不够排公休：还有 {missing} 天公休无法安排（{names}）；"
                                       "{days} 能上前台的在岗人数已是最低要求。",
    "roster.rest_capacity": "公休排不下：还有 {missing} 天公休无法安排（{names}）；{days} 在岗人数已是最低要求。",
    # roster service
    "roster.bad_code": "“{code}”不是有效的班次代码，可用：{codes}。",
    "roster.not_employed": "{name} 在 {day} 不在职，不能排班。",
    "roster.leave_cell": "{name} {day} 是已批准的请假，请通过请假单更改。",
    "roster.day_outside_month": "{day} 不在 {month} 月内。",
    "roster.unknown_holiday_kind": "节假日类型只能是：法定假日、调休上班、正常。",
    "roster.plan_has_problems": "排班表还有 {count} 个问题，第一个：{first}",
    # attendance
    "attendance.bad_kind": "打卡类型只能是上班或下班。",
    "attendance.inactive": "{name} 已离职，不能打卡。",
    "attendance.future_punch": "不能登记未来时间的打卡（{at}）。",
    "attendance.no_such_exception": "{name} {day} 没有“{kind}”这一考勤异常（可能已补卡或排班已改）。",
    "attendance.already_decided": "{name} {day} 的“{kind}”已经处理过了（{status}）。",
    "attendance.reason_required": "请填写原因。",
    "attendance.void_reason_required": "作废打卡记录必须填写原因。",
    "attendance.already_voided": "这条打卡记录已经作废了。",
    "attendance.unknown_event": "第 {row} 条记录无法识别：{detail}",
    # leave
    "leave.unknown_kind": "未知假别：{kind}（可用：事假、病假、年假）。",
    "leave.bad_range": "请假结束日期不能早于开始日期。",
    "leave.personal_too_long": "事假 {days} 天超过了最多 {max} 天的规定，不予批准（请按公休调整）。",
    "leave.sick_needs_certificate": "病假超过 {max} 天，必须登记医院证明。",
    "leave.annual_service_too_short": "{name} 入职未满 {years} 年（{hire_date} 入职），不能休年假。",
    "leave.annual_notice_too_short": "年假需要提前 {days} 天申请（最早可从 {earliest} 开始）。",
    "leave.overlaps": "{name} 在 {start}–{end} 已有请假（{kind}），日期不能重叠。",
    "leave.not_pending": "这张请假单的状态是“{status}”，不能再审批。",
    "leave.needs_centre": "{days} 天的事假需要中心总经理批准，请登记总经理姓名和批准日期。",
    "leave.external_date_invalid": "中心批准日期不能晚于今天，也不能早于申请日期。",
    "leave.refusal_reason_required": "请填写不批准的原因。",
    "leave.cannot_cancel": "这张请假单的状态是“{status}”，不能撤销。",
    # violations
    "discipline.description_required": "请填写违纪情况。",
    "discipline.already_cancelled": "这条违纪记录已经撤销了。",
}
