<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustmentDialog</name>
    <message>
        <source>Adjustment to locked month %1</source>
        <translation>已结账月份 %1 的调整</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>P&amp;oints (+/−)</source>
        <translation>积分（正负）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Adjust a locked month</source>
        <translation>积分结账后调整</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <source>Hi&amp;ghlight</source>
        <translation>突出显示(&amp;G)</translation>
    </message>
    <message>
        <source>No points recorded in these months</source>
        <translation>这些月份没有积分记录</translation>
    </message>
    <message>
        <source>(everyone)</source>
        <translation>（全部人员）</translation>
    </message>
    <message>
        <source>Points per month</source>
        <translation>每月积分</translation>
    </message>
    <message>
        <source>Transfer warning line %1</source>
        <translation>转岗预警线 %1</translation>
    </message>
</context>
<context>
    <name>CompanyFiguresDialog</name>
    <message>
        <source>Company figures for %1</source>
        <translation>%1 公司考核数据</translation>
    </message>
    <message>
        <source>not entered</source>
        <translation>未录入</translation>
    </message>
    <message>
        <source>The company&apos;s renovation work is done this month</source>
        <translation>本月公司改造任务已完成</translation>
    </message>
    <message>
        <source>from the work orders</source>
        <translation>按工单自动统计</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New-install &amp;target (households)</source>
        <translation>新增任务（户）(&amp;T)</translation>
    </message>
    <message>
        <source>Manager&apos;s assessment &amp;coefficient</source>
        <translation>经理考核系数(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Money per point (yuan)</source>
        <translation>每积分金额（元）(&amp;M)</translation>
    </message>
    <message>
        <source>Station &amp;failure rate (per 100 customers)</source>
        <translation>站内故障率（每百户）(&amp;F)</translation>
    </message>
    <message>
        <source>Promotion team &amp;leader</source>
        <translation>宣传组组长(&amp;L)</translation>
    </message>
    <message>
        <source>coefficient</source>
        <translation>考核系数</translation>
    </message>
    <message>
        <source>failure rate</source>
        <translation>故障率</translation>
    </message>
    <message>
        <source>Enter the company&apos;s figures</source>
        <translation>录入月度考核数据</translation>
    </message>
</context>
<context>
    <name>DayPage</name>
    <message>
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Add item (Ins)</source>
        <translation>录入积分项(&amp;A) (Ins)</translation>
    </message>
    <message>
        <source>&amp;Reverse (Del)</source>
        <translation>冲正(&amp;R) (Del)</translation>
    </message>
    <message>
        <source>&amp;Confirm the day (Ctrl+Enter)</source>
        <translation>确认当天(&amp;C) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Export day to E&amp;xcel</source>
        <translation>导出当天 Excel(&amp;X)</translation>
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
        <source>Order points</source>
        <translation>接单积分</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他积分</translation>
    </message>
    <message>
        <source>Deductions</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>At</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>After confirmation</source>
        <translation>确认后改动</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Confirmed by %1 at %2</source>
        <translation>已由 %1 于 %2 确认</translation>
    </message>
    <message>
        <source>Not confirmed yet — total %1</source>
        <translation>尚未确认 — 当天合计 %1 分</translation>
    </message>
    <message>
        <source>Item added.</source>
        <translation>已录入。</translation>
    </message>
    <message>
        <source>Select an entry in the lower list first.</source>
        <translation>请先在下方明细中选中一条记录。</translation>
    </message>
    <message>
        <source>Reverse entry</source>
        <translation>冲正积分记录</translation>
    </message>
    <message>
        <source>Reason for the reversal:</source>
        <translation>冲正原因：</translation>
    </message>
    <message>
        <source>Entry reversed.</source>
        <translation>已冲正。</translation>
    </message>
    <message>
        <source>Points entry</source>
        <translation>积分明细</translation>
    </message>
    <message>
        <source>Points of %1 confirmed.</source>
        <translation>%1 的积分已确认。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>FactDialog</name>
    <message>
        <source>Record a fact</source>
        <translation>登记考核记录</translation>
    </message>
    <message>
        <source>Training held</source>
        <translation>已组织培训</translation>
    </message>
    <message>
        <source>Error by a trained employee</source>
        <translation>已培训员工上岗差错</translation>
    </message>
    <message>
        <source>Penalty from another department</source>
        <translation>其他部门处罚</translation>
    </message>
    <message>
        <source>Error in the accounts clerk&apos;s work</source>
        <translation>税控专员工作差错</translation>
    </message>
    <message>
        <source>(not a person)</source>
        <translation>（不针对个人）</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类别(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>Depar&amp;tment</source>
        <translation>处罚部门(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>说明(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ManualItemDialog</name>
    <message>
        <source>Add a points item</source>
        <translation>录入积分项</translation>
    </message>
    <message>
        <source>Auxiliary points (+)</source>
        <translation>辅助积分（加分）</translation>
    </message>
    <message>
        <source>Deduction (−)</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>e.g. company training; penalty from the O&amp;M department</source>
        <translation>例如：参加公司培训；运维技术部处罚</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类别(&amp;K)</translation>
    </message>
    <message>
        <source>P&amp;oints</source>
        <translation>积分(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>MonthSheetPage</name>
    <message>
        <source>Computing %1…</source>
        <translation>正在计算 %1 的数据…</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>PointsMonthPage</name>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Emp. no.</source>
        <translation>工号</translation>
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
        <source>Order points</source>
        <translation>接单积分</translation>
    </message>
    <message>
        <source>Auxiliary points</source>
        <translation>辅助积分</translation>
    </message>
    <message>
        <source>Deductions</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Pay (yuan)</source>
        <translation>工资（元）</translation>
    </message>
    <message>
        <source>Company &amp;figures…</source>
        <translation>公司数据(&amp;F)…</translation>
    </message>
    <message>
        <source>Record a fac&amp;t…</source>
        <translation>登记记录(&amp;T)…</translation>
    </message>
    <message>
        <source>Re&amp;view</source>
        <translation>复核(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Lock month</source>
        <translation>结账(&amp;L)</translation>
    </message>
    <message>
        <source>Ad&amp;justment…</source>
        <translation>结账后调整(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Print sheet (Ctrl+P)</source>
        <translation>打印公示表(&amp;P) (Ctrl+P)</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>How</source>
        <translation>计算说明</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已结账</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未结账</translation>
    </message>
    <message>
        <source>Station average %1 · %2</source>
        <translation>全站平均 %1 分 · %2</translation>
    </message>
    <message>
        <source>Figures saved.</source>
        <translation>考核数据已保存。</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>已登记。</translation>
    </message>
    <message>
        <source>%1 items to check:</source>
        <translation>共 %1 项需要核对：</translation>
    </message>
    <message>
        <source>Nothing suspicious found.</source>
        <translation>没有发现可疑项目。</translation>
    </message>
    <message>
        <source>Lock the points of %1</source>
        <translation>%1 积分结账</translation>
    </message>
    <message>
        <source>%1 locked.</source>
        <translation>%1 已结账。</translation>
    </message>
    <message>
        <source>Adjustment posted; it shows on this month&apos;s sheet.</source>
        <translation>调整已记入本月，会列在本月公示表上。</translation>
    </message>
</context>
<context>
    <name>PointsTab</name>
    <message>
        <source>Daily points</source>
        <translation>每日积分</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月度积分</translation>
    </message>
    <message>
        <source>12-month chart</source>
        <translation>12 个月走势</translation>
    </message>
</context>
</TS>
