<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CallOutcomeDialog</name>
    <message>
        <source>Follow-up call: %1</source>
        <translation>回访：%1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>回访结果(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer</source>
        <translation>用户资料</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>&amp;Account no.</source>
        <translation>用户账号(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;rea</source>
        <translation>片区(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋/小区(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单元(&amp;U)</translation>
    </message>
    <message>
        <source>R&amp;oom / street no.</source>
        <translation>门牌/房号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>Pac&amp;kage</source>
        <translation>套餐(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Cycle</source>
        <translation>缴费周期(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Expiry date</source>
        <translation>到期日(&amp;E)</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Customer: name, phone, account, address or pinyin initials</source>
        <translation>查找用户：姓名、电话、账号、地址或拼音首字母</translation>
    </message>
    <message>
        <source>expires in %1 days</source>
        <translation>%1 天后到期</translation>
    </message>
    <message>
        <source>expired %1 days ago</source>
        <translation>已过期 %1 天</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <source>Register</source>
        <translation>用户资料</translation>
    </message>
    <message>
        <source>Expiring (follow-up)</source>
        <translation>到期回访</translation>
    </message>
    <message>
        <source>Find: name, phone, account, address or pinyin initials (zsf)</source>
        <translation>查找：姓名、电话、账号、地址或拼音首字母（如 zsf）</translation>
    </message>
    <message>
        <source>New… (Ctrl+N)</source>
        <translation>新增…（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit… (Enter)</source>
        <translation>修改…（回车）</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Customer %1 saved.</source>
        <translation>用户 %1 已保存。</translation>
    </message>
    <message>
        <source>%1 customers imported.</source>
        <translation>已导入 %1 个用户。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部片区</translation>
    </message>
    <message>
        <source>Record call… (Enter)</source>
        <translation>记录回访…（回车）</translation>
    </message>
    <message>
        <source>Print (PDF)…</source>
        <translation>打印（PDF）…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Expiring within</source>
        <translation>到期范围</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Call recorded.</source>
        <translation>回访已记录。</translation>
    </message>
    <message>
        <source>%1 shown of %2</source>
        <translation>显示 %1 户，共 %2 户</translation>
    </message>
    <message>
        <source>%1 customers, %2 called</source>
        <translation>%1 户，已回访 %2 户</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>writing the customers</source>
        <translation>写入用户</translation>
    </message>
    <message>
        <source>Importing customers…</source>
        <translation>正在导入用户…</translation>
    </message>
    <message>
        <source>Import customers from Excel</source>
        <translation>从 Excel 导入用户</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import all rows</source>
        <translation>全部导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Customer spreadsheet</source>
        <translation>用户表格</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1：%2 行</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>%1 rows ready to import.</source>
        <translation>%1 行资料无误，可以导入。</translation>
    </message>
    <message>
        <source>%1 rows have errors: correct the file or the mapping; nothing is imported until every row is right.</source>
        <translation>%1 行资料有误：请改正表格或列对应关系；全部无误后才会导入。</translation>
    </message>
</context>
</TS>
