<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AttendancePage</name>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
    </context>
    <context>
        <name>AttendanceTab</name>
        <message>
            <source>Clock in/out</source>
            <translation>打卡</translation>
        </message>
        <message>
            <source>Exceptions</source>
            <translation>考勤异常</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>请假</translation>
        </message>
        <message>
            <source>Violations</source>
            <translation>违纪</translation>
        </message>
        <message>
            <source>Monthly summary</source>
            <translation>月度汇总</translation>
        </message>
    </context>
    <context>
        <name>ClockPage</name>
        <message>
            <source>PIN (if you have one)</source>
            <translation>密码（设置过才需要）</translation>
        </message>
        <message>
            <source>Clock &amp;in (F5)</source>
            <translation>上班打卡(&amp;I) (F5)</translation>
        </message>
        <message>
            <source>Clock &amp;out (F6)</source>
            <translation>下班打卡(&amp;O) (F6)</translation>
        </message>
        <message>
            <source>&amp;Enter punch…</source>
            <translation>补录打卡(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Void punch…</source>
            <translation>作废打卡(&amp;V)…</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Punch</source>
            <translation>打卡</translation>
        </message>
        <message>
            <source>in</source>
            <translation>上班</translation>
        </message>
        <message>
            <source>out</source>
            <translation>下班</translation>
        </message>
        <message>
            <source>Entered</source>
            <translation>登记方式</translation>
        </message>
        <message>
            <source>at the desk</source>
            <translation>前台打卡</translation>
        </message>
        <message>
            <source>by the manager</source>
            <translation>经理补录</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Today's punches</source>
            <translation>今天的打卡记录</translation>
        </message>
        <message>
            <source>clocked in</source>
            <translation>上班打卡</translation>
        </message>
        <message>
            <source>clocked out</source>
            <translation>下班打卡</translation>
        </message>
        <message>
            <source>%1 %2 at %3.</source>
            <translation>%1 已于 %3 %2。</translation>
        </message>
        <message>
            <source>Void punch</source>
            <translation>作废打卡</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
    </context>
    <context>
        <name>ExceptionsPage</name>
        <message>
            <source>&amp;Confirm (deduct points)</source>
            <translation>确认(&amp;C)（扣分）</translation>
        </message>
        <message>
            <source>E&amp;xcuse…</source>
            <translation>免责(&amp;X)…</translation>
        </message>
        <message>
            <source>&amp;Take back decision…</source>
            <translation>撤回处理(&amp;T)…</translation>
        </message>
        <message>
            <source>&amp;Day</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>异常</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation>分钟</translation>
        </message>
        <message>
            <source>Shift</source>
            <translation>班次</translation>
        </message>
        <message>
            <source>In / out</source>
            <translation>上班 / 下班</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>扣分</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>事由</translation>
        </message>
        <message>
            <source>Confirm attendance exception</source>
            <translation>确认考勤异常</translation>
        </message>
        <message>
            <source>Confirmed: %1 %2, %3 points.</source>
            <translation>已确认：%1 %2，%3 分。</translation>
        </message>
        <message>
            <source>Excuse</source>
            <translation>免责</translation>
        </message>
        <message>
            <source>Reason (e.g. sent out on a job):</source>
            <translation>免责原因（例如：外派工作）：</translation>
        </message>
        <message>
            <source>Excuse attendance exception</source>
            <translation>考勤异常免责</translation>
        </message>
        <message>
            <source>Take back decision</source>
            <translation>撤回处理</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
        <message>
            <source>Take back attendance decision</source>
            <translation>撤回考勤处理</translation>
        </message>
    </context>
    <context>
        <name>LeaveApproveDialog</name>
        <message>
            <source>Approve leave</source>
            <translation>批准请假</translation>
        </message>
        <message>
            <source>%1: %2, %3 to %4 (%5 day(s)). Approver: %6.</source>
            <translation>%1：%2，%3 至 %4（共 %5 天）。审批人：%6。</translation>
        </message>
        <message>
            <source>Centre general &amp;manager</source>
            <translation>中心总经理(&amp;M)</translation>
        </message>
        <message>
            <source>Approved &amp;on</source>
            <translation>批准日期(&amp;O)</translation>
        </message>
        <message>
            <source>Doctor's &amp;certificate</source>
            <translation>医院证明(&amp;C)</translation>
        </message>
    </context>
    <context>
        <name>LeavePage</name>
        <message>
            <source>&amp;New request… (Ctrl+N)</source>
            <translation>新建请假单(&amp;N)… (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Approve…</source>
            <translation>批准(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Refuse…</source>
            <translation>不批准(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Withdraw…</source>
            <translation>撤销请假(&amp;W)…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>假别</translation>
        </message>
        <message>
            <source>From</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>To</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Approver</source>
            <translation>审批级别</translation>
        </message>
        <message>
            <source>Approved by</source>
            <translation>批准人</translation>
        </message>
        <message>
            <source>Certificate</source>
            <translation>医院证明</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>事由</translation>
        </message>
        <message>
            <source>Decision note</source>
            <translation>审批意见</translation>
        </message>
        <message>
            <source>Request filed: %1, %2 day(s); to be approved by: %3.</source>
            <translation>已登记请假单：%1，共 %2 天；审批人：%3。</translation>
        </message>
        <message>
            <source>Leave approved and written into the rest roster.</source>
            <translation>请假已批准，并已写入排休表。</translation>
        </message>
        <message>
            <source>Refuse leave</source>
            <translation>不批准请假</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
        <message>
            <source>Withdraw leave</source>
            <translation>撤销请假</translation>
        </message>
    </context>
    <context>
        <name>LeaveRequestDialog</name>
        <message>
            <source>New leave request</source>
            <translation>新建请假单</translation>
        </message>
        <message>
            <source>hospital, date (sick leave over the limit)</source>
            <translation>医院、日期（病假超过规定天数时必填）</translation>
        </message>
        <message>
            <source>&amp;Person</source>
            <translation>员工(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>开始日期(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;To (inclusive)</source>
            <translation>结束日期(&amp;T)（含当天）</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>事由(&amp;R)</translation>
        </message>
        <message>
            <source>Doctor's &amp;certificate</source>
            <translation>医院证明(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Half day</source>
            <translation>半天(&amp;H)</translation>
        </message>
        <message>
            <source>Whole day(s)</source>
            <translation>全天</translation>
        </message>
        <message>
            <source>Morning (上午)</source>
            <translation>上午</translation>
        </message>
        <message>
            <source>Afternoon (下午)</source>
            <translation>下午</translation>
        </message>
    </context>
    <context>
        <name>PunchDialog</name>
        <message>
            <source>Enter punch</source>
            <translation>补录打卡</translation>
        </message>
        <message>
            <source>Clock in</source>
            <translation>上班打卡</translation>
        </message>
        <message>
            <source>Clock out</source>
            <translation>下班打卡</translation>
        </message>
        <message>
            <source>&amp;Person</source>
            <translation>员工(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Time</source>
            <translation>时间(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Note</source>
            <translation>备注(&amp;N)</translation>
        </message>
    </context>
    <context>
        <name>SummaryPage</name>
        <message>
            <source>&amp;Month</source>
            <translation>月份(&amp;M)</translation>
        </message>
        <message>
            <source>Counted up to yesterday; excused exceptions are not counted.</source>
            <translation>统计到昨天为止；已免责的异常不计。</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Rostered</source>
            <translation>排班天数</translation>
        </message>
        <message>
            <source>Worked</source>
            <translation>出勤天数</translation>
        </message>
        <message>
            <source>Rest days</source>
            <translation>公休</translation>
        </message>
        <message>
            <source>Personal</source>
            <translation>事假</translation>
        </message>
        <message>
            <source>Sick</source>
            <translation>病假</translation>
        </message>
        <message>
            <source>Annual</source>
            <translation>年假</translation>
        </message>
        <message>
            <source>Late / early / missing</source>
            <translation>迟到/早退/缺卡</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>旷工</translation>
        </message>
        <message>
            <source>Violations</source>
            <translation>违纪</translation>
        </message>
        <message>
            <source>Deductions</source>
            <translation>扣分</translation>
        </message>
    </context>
    <context>
        <name>ViolationDialog</name>
        <message>
            <source>Record violation</source>
            <translation>登记违纪</translation>
        </message>
        <message>
            <source>e.g. playing games in working hours</source>
            <translation>例如：上班时间玩游戏</translation>
        </message>
        <message>
            <source>&amp;Person</source>
            <translation>员工(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Date</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;What happened</source>
            <translation>违纪情况(&amp;W)</translation>
        </message>
    </context>
    <context>
        <name>ViolationsPage</name>
        <message>
            <source>&amp;Record violation…</source>
            <translation>登记违纪(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Cancel violation…</source>
            <translation>撤销违纪(&amp;C)…</translation>
        </message>
        <message>
            <source>&amp;Month</source>
            <translation>月份(&amp;M)</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>违纪情况</translation>
        </message>
        <message>
            <source>No. in month</source>
            <translation>本月第几次</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>扣分</translation>
        </message>
        <message>
            <source>Centre</source>
            <translation>上报中心</translation>
        </message>
        <message>
            <source>report to the centre</source>
            <translation>上报中心</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>%1: violation no. %2 this month — report to the centre.</source>
            <translation>%1：本月第 %2 次违纪，需上报中心处理。</translation>
        </message>
        <message>
            <source>%1: violation no. %2 this month, %3 points.</source>
            <translation>%1：本月第 %2 次违纪，扣 %3 分。</translation>
        </message>
        <message>
            <source>Cancel violation</source>
            <translation>撤销违纪</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
    </context>
</TS>
