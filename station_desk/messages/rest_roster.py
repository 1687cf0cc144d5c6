"""Messages of the rest roster and holidays (SPEC §5)."""

MESSAGES = {
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
    "roster.rest_capacity_front_desk": "能上前台的人手不够排公休：还有 {missing} 天公休无法安排（{names}）；{days} 能上前台的在岗人数已是最低要求。",
    "roster.rest_capacity": "公休排不下：还有 {missing} 天公休无法安排（{names}）；{days} 在岗人数已是最低要求。",
    "roster.bad_code": "“{code}”不是有效的班次代码，可用：{codes}。",
    "roster.not_employed": "{name} 在 {day} 不在职，不能排班。",
    "roster.leave_cell": "{name} {day} 是已批准的请假，请通过请假单更改。",
    "roster.day_outside_month": "{day} 不在 {month} 月内。",
    "roster.unknown_holiday_kind": "节假日类型只能是：法定假日、调休上班、正常。",
    "roster.holiday_file_line": "节假日文件第 {line} 行“{text}”不对：{detail}。整个文件未导入。",
    "roster.holiday_file_empty": "节假日文件里没有日期。",
    "roster.plan_has_problems": "排班表还有 {count} 个问题，第一个：{first}",
}
