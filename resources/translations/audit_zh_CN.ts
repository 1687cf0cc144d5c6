<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditTab</name>
    <message>
        <source>The audit log is for the station manager.</source>
        <translation>审计日志只供服务中心经理查看。</translation>
    </message>
    <message>
        <source>&amp;Unlock with the manager&apos;s PIN</source>
        <translation>输入经理密码查看(&amp;U)</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Text in the values…</source>
        <translation>搜索内容…</translation>
    </message>
    <message>
        <source>Fi&amp;lter</source>
        <translation>筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>View the audit log</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>修改前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>修改后：</translation>
    </message>
    <message>
        <source>The audit log is intact: no entry was altered.</source>
        <translation>审计日志完整：没有记录被改动。</translation>
    </message>
    <message>
        <source>Entry %1 (%2) was altered outside the program.</source>
        <translation>第 %1 条记录（%2）在程序之外被改动过。</translation>
    </message>
</context>
</TS>
