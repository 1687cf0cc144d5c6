<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoardPage</name>
    <message>
        <source>No.</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> (yesterday)</source>
        <translation>（隔日）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source> urgent</source>
        <translation> 加急</translation>
    </message>
    <message>
        <source> (manager)</source>
        <translation>（经理处理）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日派单</translation>
    </message>
    <message>
        <source>%1 open orders, %2 waiting for dispatch, %3 late</source>
        <translation>在办工单 %1 张，待派单 %2 张，已超时 %3 张</translation>
    </message>
    <message>
        <source>respond</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>resolve</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>%1 late %2</source>
        <translation>%1已超时 %2</translation>
    </message>
    <message>
        <source>paused until recovery</source>
        <translation>暂停至故障恢复</translation>
    </message>
    <message>
        <source>paused until %1</source>
        <translation>暂停至 %1</translation>
    </message>
</context>
<context>
    <name>CallBackDialog</name>
    <message>
        <source>Call back later: order %1</source>
        <translation>预约回访：工单 %1</translation>
    </message>
    <message>
        <source>Call &amp;back at</source>
        <translation>回访时间(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>Follow-up call: order %1</source>
        <translation>回访：工单 %1</translation>
    </message>
    <message>
        <source>a. Problem &amp;solved?</source>
        <translation>a. 问题解决了吗？(&amp;S)</translation>
    </message>
    <message>
        <source>b. Technician&apos;s &amp;attitude</source>
        <translation>b. 维修人员态度如何？(&amp;A)</translation>
    </message>
    <message>
        <source>c. Were you &amp;charged?</source>
        <translation>c. 跟您收费了吗？(&amp;C)</translation>
    </message>
    <message>
        <source>d. Score (1–10)</source>
        <translation>d. 请为我们的服务打分（1–10 分）</translation>
    </message>
    <message>
        <source>e. Su&amp;ggestions</source>
        <translation>e. 建议或意见(&amp;G)</translation>
    </message>
    <message>
        <source>f. Reminded to &amp;pay</source>
        <translation>f. 已提醒用户交费(&amp;P)</translation>
    </message>
</context>
<context>
    <name>CallsPage</name>
    <message>
        <source>No.</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>late</source>
        <translation>超时</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch order %1</source>
        <translation>派单：工单 %1</translation>
    </message>
    <message>
        <source>%1 (open %2, today %3)</source>
        <translation>%1（在办 %2，今日 %3）</translation>
    </message>
    <message>
        <source>&amp;Technician</source>
        <translation>服务人员(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>FollowDialog</name>
    <message>
        <source>Follow order %1</source>
        <translation>跟单：工单 %1</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>方式(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Second &amp;visit</source>
        <translation>再次上门时间(&amp;V)</translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <source>New work order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>工单类型(&amp;K)</translation>
    </message>
    <message>
        <source>Service &amp;class</source>
        <translation>服务类别(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>Customer &amp;name</source>
        <translation>用户姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>片区(&amp;A)</translation>
    </message>
    <message>
        <source>Add&amp;ress</source>
        <translation>地址(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>故障/需求描述(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Fault type</source>
        <translation>故障类型(&amp;F)</translation>
    </message>
    <message>
        <source>Ur&amp;gent</source>
        <translation>加急(&amp;G)</translation>
    </message>
    <message>
        <source>Service expired on %1 — remind the technician</source>
        <translation>该用户已于 %1 到期，请提醒维护人员</translation>
    </message>
    <message>
        <source>Service expires on %1 (in %2 days) — remind the technician</source>
        <translation>该用户 %1 到期（还有 %2 天），请在工单上注明并提醒维护人员</translation>
    </message>
</context>
<context>
    <name>OutageDialog</name>
    <message>
        <source>Major outage</source>
        <translation>大网故障</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>片区(&amp;A)</translation>
    </message>
    <message>
        <source>Fault &amp;type</source>
        <translation>故障类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Cause</source>
        <translation>故障原因(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Started</source>
        <translation>开始时间(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Expected recovery</source>
        <translation>预计恢复时间(&amp;E)</translation>
    </message>
</context>
<context>
    <name>OutagesPage</name>
    <message>
        <source>No.</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Fault type</source>
        <translation>故障类型</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计恢复</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>实际恢复</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>Repair orders by fault type, per week</source>
        <translation>每周报修工单按故障类型统计</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周（起）</translation>
    </message>
    <message>
        <source>By fault type</source>
        <translation>按故障类型</translation>
    </message>
    <message>
        <source>Lo&amp;g outage…</source>
        <translation>登记大网故障(&amp;G)…</translation>
    </message>
    <message>
        <source>Mark reco&amp;vered</source>
        <translation>登记已恢复(&amp;V)</translation>
    </message>
    <message>
        <source>Link orders (nos.):</source>
        <translation>关联工单（单号）：</translation>
    </message>
    <message>
        <source>Outage logged.</source>
        <translation>大网故障已登记。</translation>
    </message>
    <message>
        <source>Select an outage first.</source>
        <translation>请先选中一条大网故障记录。</translation>
    </message>
    <message>
        <source>Recovery recorded.</source>
        <translation>已登记恢复时间。</translation>
    </message>
    <message>
        <source>%1 orders linked.</source>
        <translation>已关联 %1 张工单。</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>Pause the clock of order %1</source>
        <translation>工单 %1 暂停计时</translation>
    </message>
    <message>
        <source>&amp;Because</source>
        <translation>暂停原因类别(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>required: what happened, who said so</source>
        <translation>必填：发生了什么，谁说的</translation>
    </message>
    <message>
        <source>&amp;Until (booked time)</source>
        <translation>暂停到（预约时间）(&amp;U)</translation>
    </message>
    <message>
        <source>Approve a long pause</source>
        <translation>批准长时间暂停计时</translation>
    </message>
</context>
<context>
    <name>RespondDialog</name>
    <message>
        <source>Technician responded: order %1</source>
        <translation>登记响应：工单 %1</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>时间(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Late reason</source>
        <translation>超时原因(&amp;L)</translation>
    </message>
    <message>
        <source>required when late</source>
        <translation>超时必须填写</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return order %1</source>
        <translation>回单：工单 %1</translation>
    </message>
    <message>
        <source>&amp;Work done</source>
        <translation>处理情况(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Equipment</source>
        <translation>设备型号(&amp;E)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Time &amp;spent</source>
        <translation>实际用时(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Finished at</source>
        <translation>完工时间(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Amount collected</source>
        <translation>收费金额（元）(&amp;A)</translation>
    </message>
    <message>
        <source>Pay &amp;method</source>
        <translation>收款方式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Invoice no.</source>
        <translation>发票号(&amp;I)</translation>
    </message>
    <message>
        <source>Fault &amp;type</source>
        <translation>故障类型(&amp;T)</translation>
    </message>
    <message>
        <source>Customer si&amp;gned</source>
        <translation>用户已签字(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Late reason</source>
        <translation>超时原因(&amp;L)</translation>
    </message>
    <message>
        <source>required when late</source>
        <translation>超时必须填写</translation>
    </message>
</context>
<context>
    <name>SlaPage</name>
    <message>
        <source>Technician</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>Responded on time</source>
        <translation>按时响应率</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>按时处理率</translation>
    </message>
    <message>
        <source>Avg. response</source>
        <translation>平均响应</translation>
    </message>
    <message>
        <source>Avg. resolution</source>
        <translation>平均处理</translation>
    </message>
    <message>
        <source>Call score</source>
        <translation>回访平均分</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Late orders</source>
        <translation>超时单</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print sheet…</source>
        <translation>打印报表(&amp;P)…</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>全站</translation>
    </message>
    <message>
        <source>Export SLA report</source>
        <translation>导出工单时效报表</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Print SLA sheet</source>
        <translation>打印工单时效报表</translation>
    </message>
    <message>
        <source>Paused (orders / time)</source>
        <translation>暂停（单数 / 时长）</translation>
    </message>
</context>
<context>
    <name>WeeklyChart</name>
    <message>
        <source>On time by week</source>
        <translation>按周按时率</translation>
    </message>
    <message>
        <source>responded on time</source>
        <translation>按时响应</translation>
    </message>
    <message>
        <source>resolved on time</source>
        <translation>按时处理</translation>
    </message>
    <message>
        <source>No orders</source>
        <translation>没有工单</translation>
    </message>
</context>
<context>
    <name>WorkOrdersTab</name>
    <message>
        <source>&amp;New (Ctrl+N)</source>
        <translation>新建(&amp;N) Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Dispatch (F2)</source>
        <translation>派单(&amp;D) F2</translation>
    </message>
    <message>
        <source>&amp;Responded (F3)</source>
        <translation>已响应(&amp;R) F3</translation>
    </message>
    <message>
        <source>F&amp;ollow (F4)</source>
        <translation>跟单(&amp;O) F4</translation>
    </message>
    <message>
        <source>Ret&amp;urn (F6)</source>
        <translation>回单(&amp;U) F6</translation>
    </message>
    <message>
        <source>&amp;Call back (F7)</source>
        <translation>回访(&amp;C) F7</translation>
    </message>
    <message>
        <source>C&amp;lose (F8)</source>
        <translation>关单(&amp;L) F8</translation>
    </message>
    <message>
        <source>Call &amp;later…</source>
        <translation>预约回访(&amp;A)…</translation>
    </message>
    <message>
        <source>Late &amp;reason…</source>
        <translation>超时原因(&amp;E)…</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消工单</translation>
    </message>
    <message>
        <source>Reo&amp;pen</source>
        <translation>重开(&amp;P)</translation>
    </message>
    <message>
        <source>Dispatch board</source>
        <translation>调度看板</translation>
    </message>
    <message>
        <source>Returned — to call back</source>
        <translation>已回单待回访</translation>
    </message>
    <message>
        <source>SLA report</source>
        <translation>时效报表</translation>
    </message>
    <message>
        <source>Major outages</source>
        <translation>大网故障</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>请先选中一张工单。</translation>
    </message>
    <message>
        <source>Order %1 registered.</source>
        <translation>工单 %1 已登记。</translation>
    </message>
    <message>
        <source>Order %1 dispatched.</source>
        <translation>工单 %1 已派出。</translation>
    </message>
    <message>
        <source>Response recorded.</source>
        <translation>已登记响应。</translation>
    </message>
    <message>
        <source>Follow-up note recorded.</source>
        <translation>已记录跟单。</translation>
    </message>
    <message>
        <source>Order %1 returned; it now waits for the follow-up call.</source>
        <translation>工单 %1 已回单，等待回访。</translation>
    </message>
    <message>
        <source>Follow-up call recorded.</source>
        <translation>已记录回访。</translation>
    </message>
    <message>
        <source> Not solved: the order is reopened for dispatch.</source>
        <translation>问题未解决：工单已重开，请重新派单。</translation>
    </message>
    <message>
        <source> Unsatisfied: complaint %1 raised for the manager.</source>
        <translation>用户不满意：已生成投诉单 %1 交经理处理。</translation>
    </message>
    <message>
        <source> Remind the customer to pay.</source>
        <translation>请提醒用户交费。</translation>
    </message>
    <message>
        <source>Order %1 closed; points credited.</source>
        <translation>工单 %1 已关单，接单积分已记入。</translation>
    </message>
    <message>
        <source>Close without a follow-up call</source>
        <translation>不回访直接关单</translation>
    </message>
    <message>
        <source>&amp;Reason (why no call)</source>
        <translation>不回访原因(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel order %1</source>
        <translation>取消工单 %1</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Order cancelled.</source>
        <translation>工单已取消。</translation>
    </message>
    <message>
        <source>Reopen order %1</source>
        <translation>重开工单 %1</translation>
    </message>
    <message>
        <source>Order reopened.</source>
        <translation>工单已重开。</translation>
    </message>
    <message>
        <source>Call-back time booked.</source>
        <translation>已预约回访时间。</translation>
    </message>
    <message>
        <source>Late reason: order %1</source>
        <translation>超时原因：工单 %1</translation>
    </message>
    <message>
        <source>Late reason recorded.</source>
        <translation>已记录超时原因。</translation>
    </message>
    <message>
        <source>Customer&apos;s service expires %1</source>
        <translation>用户到期日：%1</translation>
    </message>
    <message>
        <source>Pause cloc&amp;k…</source>
        <translation>暂停计时(&amp;K)…</translation>
    </message>
    <message>
        <source>Resu&amp;me clock</source>
        <translation>恢复计时(&amp;M)</translation>
    </message>
    <message>
        <source>The clock of order %1 is paused.</source>
        <translation>工单 %1 已暂停计时。</translation>
    </message>
    <message>
        <source>The clock of order %1 runs again.</source>
        <translation>工单 %1 已恢复计时。</translation>
    </message>
</context>
</TS>
