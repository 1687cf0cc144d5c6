<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RewardsTab</name>
    <message>
        <source>to approve</source>
        <translation>待批准</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>changed since approval</source>
        <translation>批准后有变</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Approve all due</source>
        <translation>批准全部(&amp;A)</translation>
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
        <source>&amp;Print sheet (Ctrl+P)</source>
        <translation>打印明细(&amp;P) (Ctrl+P)</translation>
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
        <source>Approve the instant rewards of %1</source>
        <translation>批准 %1 即时奖励</translation>
    </message>
    <message>
        <source>%1 lines approved.</source>
        <translation>已批准 %1 条。</translation>
    </message>
    <message>
        <source>Pay %1 yuan to %2</source>
        <translation>向 %2 发放 %1 元</translation>
    </message>
    <message>
        <source>Paid; entered in the cash book as an instant-reward expense.</source>
        <translation>已发放，已记入账务“即时奖励”支出。</translation>
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
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
</TS>
