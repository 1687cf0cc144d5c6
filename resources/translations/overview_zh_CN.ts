<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>DrillDialog</name>
        <message>
            <source>%1 rows</source>
            <translation>共 %1 条</translation>
        </message>
        <message>
            <source>Open the screen</source>
            <translation>打开所在页面</translation>
        </message>
    </context>
    <context>
        <name>OverviewTab</name>
        <message>
            <source>Month-end duties overdue: %1 (see the checklist in Overview)</source>
            <translation>月末待办已逾期 %1 项（见概览的月末待办）</translation>
        </message>
        <message>
            <source>Refresh (F5)</source>
            <translation>刷新 (F5)</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>本月</translation>
        </message>
        <message>
            <source>Month-end checklist</source>
            <translation>月末待办</translation>
        </message>
        <message>
            <source>Duty</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>截止日期</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Open the screen (Enter)</source>
            <translation>打开办理页面 (Enter)</translation>
        </message>
        <message>
            <source>Mark sheet posted (Ctrl+M)</source>
            <translation>标记已张贴 (Ctrl+M)</translation>
        </message>
        <message>
            <source>Show the rows behind this number</source>
            <translation>查看这个数字背后的记录</translation>
        </message>
        <message>
            <source>%1 (week day %2) %3</source>
            <translation>%1 星期%2 %3</translation>
        </message>
        <message>
            <source>Month-end duties overdue: %1</source>
            <translation>月末待办已逾期：%1</translation>
        </message>
        <message>
            <source>Pick a wall-sheet duty in the checklist first.</source>
            <translation>请先在月末待办中选中一项张贴公示表的事项。</translation>
        </message>
    </context>
</TS>
