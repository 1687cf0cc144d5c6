<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>RewardAdjustmentDialog</name>
        <message>
            <source>&amp;Amount (yuan, +/−)</source>
            <translation>金额（元，可为负）(&amp;A)</translation>
        </message>
        <message>
            <source>Adjust a locked month</source>
            <translation>即时奖励结账后调整</translation>
        </message>
    </context>
    <context>
        <name>RewardsPage</name>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Reward</source>
            <translation>奖励项目</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>金额（元）</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>How</source>
            <translation>计算说明</translation>
        </message>
        <message>
            <source>&amp;Approve all due</source>
            <translation>批准全部(&amp;A)</translation>
        </message>
        <message>
            <source>Approve &amp;selected</source>
            <translation>批准所选(&amp;S)</translation>
        </message>
        <message>
            <source>Pa&amp;y selected</source>
            <translation>发放选中(&amp;Y)</translation>
        </message>
        <message>
            <source>Upgrade &amp;calls…</source>
            <translation>升档电话核实(&amp;C)…</translation>
        </message>
        <message>
            <source>Record a &amp;week…</source>
            <translation>登记周考核(&amp;W)…</translation>
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
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>Total %1 yuan · pending %2 yuan%3</source>
            <translation>合计 %1 元 · 待定 %2 元%3</translation>
        </message>
        <message>
            <source> · locked</source>
            <translation> · 已结账</translation>
        </message>
        <message>
            <source> · provisional %1 yuan (not counted: approved and paid once its period is over)</source>
            <translation> · 暂估 %1 元（不计入：期间结束后才能批准和发放）</translation>
        </message>
        <message>
            <source>%1 line(s) are provisional: their day, week or month is not over yet. The first can be approved from %2.</source>
            <translation>%1 条为暂估：所属的日、周或月尚未结束。最早可于 %2 批准。</translation>
        </message>
        <message>
            <source>No line of this month waits for approval.</source>
            <translation>本月没有待批准的奖励。</translation>
        </message>
        <message>
            <source>Approve the instant rewards of %1</source>
            <translation>批准 %1 即时奖励</translation>
        </message>
        <message>
            <source>%1 lines approved.</source>
            <translation>已批准 %1 条。</translation>
        </message>
        <message>
            <source>None of the selected lines waits for approval.</source>
            <translation>所选各条都不需要批准。</translation>
        </message>
        <message>
            <source>Approve %1 instant-reward lines</source>
            <translation>批准 %1 条即时奖励</translation>
        </message>
        <message>
            <source>None of the selected lines is approved and unpaid.</source>
            <translation>所选各条中没有已批准、未发放的。</translation>
        </message>
        <message>
            <source>Pay %1 yuan to %2</source>
            <translation>向 %2 发放 %1 元</translation>
        </message>
        <message>
            <source>Pay %1 yuan in %2 lines</source>
            <translation>发放 %2 条，共 %1 元</translation>
        </message>
        <message>
            <source>%1 lines paid; entered in the cash book as instant-reward expenses.</source>
            <translation>已发放 %1 条，已作为即时奖励支出记入现金流水账。</translation>
        </message>
        <message>
            <source>No upgrade waits for a call.</source>
            <translation>没有等待电话核实的升档。</translation>
        </message>
        <message>
            <source>Upgrade call</source>
            <translation>升档电话核实</translation>
        </message>
        <message>
            <source>%1: customer upgraded from %2 to %3 on %4. Did the customer confirm that %1 recommended it?</source>
            <translation>%1：用户于 %4 由闪影%2 改选闪影%3。用户是否确认是 %1 主动推荐的？</translation>
        </message>
        <message>
            <source>Call recorded.</source>
            <translation>核实结果已记录。</translation>
        </message>
        <message>
            <source>Week recorded.</source>
            <translation>周考核已登记。</translation>
        </message>
        <message>
            <source>Adjustment posted; it shows in this month's rewards.</source>
            <translation>调整已记入本月即时奖励。</translation>
        </message>
    </context>
    <context>
        <name>WeekDialog</name>
        <message>
            <source>Record a week</source>
            <translation>登记周考核</translation>
        </message>
        <message>
            <source>Technician: repair orders</source>
            <translation>服务人员：报修工单</translation>
        </message>
        <message>
            <source>Dispatch clerk: dispatch and follow-up</source>
            <translation>接单内勤：派单跟单</translation>
        </message>
        <message>
            <source>A clean week (no overdue, no dragging, no complaint)</source>
            <translation>本周达标（无超时、无拖单、无投诉）</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类别(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Person</source>
            <translation>人员(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Monday of the week</source>
            <translation>本周周一(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Note</source>
            <translation>说明(&amp;N)</translation>
        </message>
    </context>
</TS>
