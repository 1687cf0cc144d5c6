<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>RoleChangeDialog</name>
        <message>
            <source>Change role: %1</source>
            <translation>调岗：%1</translation>
        </message>
        <message>
            <source>New &amp;role</source>
            <translation>新岗位(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;From</source>
            <translation>生效日期(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>原因(&amp;E)</translation>
        </message>
        <message>
            <source>Change role</source>
            <translation>调岗</translation>
        </message>
    </context>
    <context>
        <name>StaffDialog</name>
        <message>
            <source>Points of open months would change</source>
            <translation>未结账月份的积分会变</translation>
        </message>
        <message>
            <source>This hire date changes the points of months that are not locked yet:</source>
            <translation>这个入职日期会改变以下尚未结账月份的积分：</translation>
        </message>
        <message>
            <source>Save anyway?</source>
            <translation>仍要保存吗？</translation>
        </message>
        <message>
            <source>Edit staff member</source>
            <translation>修改员工资料</translation>
        </message>
        <message>
            <source>Add staff member</source>
            <translation>添加员工</translation>
        </message>
        <message>
            <source>Employee &amp;no.</source>
            <translation>工号(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>岗位(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>电话(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Hire date</source>
            <translation>入职日期(&amp;H)</translation>
        </message>
        <message>
            <source>yyyy-MM-dd</source>
            <translation>yyyy-MM-dd</translation>
        </message>
        <message>
            <source>P&amp;IN (optional)</source>
            <translation>密码（可不填）(&amp;I)</translation>
        </message>
    </context>
    <context>
        <name>StaffTab</name>
        <message>
            <source>&amp;Add (Ins)</source>
            <translation>添加(&amp;A)（Ins）</translation>
        </message>
        <message>
            <source>&amp;Edit (Enter)</source>
            <translation>修改(&amp;E)（回车）</translation>
        </message>
        <message>
            <source>Change &amp;role</source>
            <translation>调岗(&amp;R)</translation>
        </message>
        <message>
            <source>Mark as &amp;left</source>
            <translation>设为离职(&amp;L)</translation>
        </message>
        <message>
            <source>Reset &amp;PIN</source>
            <translation>重设密码(&amp;P)</translation>
        </message>
        <message>
            <source>Show people who &amp;left</source>
            <translation>显示离职人员(&amp;S)</translation>
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
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Hired</source>
            <translation>入职日期</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>active</source>
            <translation>在职</translation>
        </message>
        <message>
            <source>left %1</source>
            <translation>离职 %1</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>set</source>
            <translation>已设置</translation>
        </message>
        <message>
            <source>From</source>
            <translation>起始日期</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Role history of the selected person</source>
            <translation>所选员工的调岗记录</translation>
        </message>
        <message>
            <source>Added %1.</source>
            <translation>已添加 %1。</translation>
        </message>
        <message>
            <source>Mark %1 as left</source>
            <translation>将 %1 设为离职</translation>
        </message>
        <message>
            <source>Reset PIN</source>
            <translation>重设密码</translation>
        </message>
        <message>
            <source>New PIN for %1:</source>
            <translation>%1 的新密码：</translation>
        </message>
    </context>
</TS>
