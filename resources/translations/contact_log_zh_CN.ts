<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ContactLogTab</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source> (void)</source>
        <translation>（作废）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>问题/事由</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收款方式</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>首问人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Close the day… (Ctrl+D)</source>
        <translation>日结交款…（Ctrl+D）</translation>
    </message>
    <message>
        <source>To work order (Ctrl+W)</source>
        <translation>转工单（Ctrl+W）</translation>
    </message>
    <message>
        <source>Give a gift (Ctrl+G)</source>
        <translation>送礼品（Ctrl+G）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All clerks</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Filter: name, phone, matter, invoice</source>
        <translation>筛选：姓名、电话、事由、发票号</translation>
    </message>
    <message>
        <source>Awaiting reply only</source>
        <translation>只看待回复</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>%1 contacts today</source>
        <translation>今日登记 %1 笔</translation>
    </message>
    <message>
        <source>; %1 awaiting reply</source>
        <translation>；%1 笔待回复</translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation>今天还没有登记</translation>
    </message>
    <message>
        <source>Tick “Awaiting reply only” below and press F2 on a row to log the reply.</source>
        <translation>勾选下方“只看待回复”，选中一行按 F2 登记答复。</translation>
    </message>
    <message>
        <source>Takings %1</source>
        <translation>收款合计 %1</translation>
    </message>
    <message>
        <source>Cash in the till %1</source>
        <translation>应有现金 %1</translation>
    </message>
    <message>
        <source>Day closed, handed to %1; difference %2</source>
        <translation>已日结，交 %1；差额 %2 元</translation>
    </message>
    <message>
        <source>Existing customer?</source>
        <translation>是已有用户吗？</translation>
    </message>
    <message>
        <source>Log it as a new install anyway?</source>
        <translation>确认是新用户，仍按新装登记吗？</translation>
    </message>
    <message>
        <source>Logged: %1 %2</source>
        <translation>已登记：%1 %2</translation>
    </message>
    <message>
        <source> — received %1 by %2</source>
        <translation>，收款 %1（%2）</translation>
    </message>
    <message>
        <source>, invoice %1</source>
        <translation>，发票 %1</translation>
    </message>
    <message>
        <source>Gift issued: %1 × %2 to %3.</source>
        <translation>已向%3发放礼品：%1 × %2。</translation>
    </message>
    <message>
        <source>Select a contact in the ledger first.</source>
        <translation>请先在登记表中选中一条登记。</translation>
    </message>
    <message>
        <source>Work order %1 created from this contact.</source>
        <translation>已根据这条登记生成工单 %1。</translation>
    </message>
    <message>
        <source>Day closed and handed to %1.</source>
        <translation>已日结，现金交 %1。</translation>
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
        <source>Select a contact that is awaiting a reply (red in the ledger).</source>
        <translation>请选中一条待回复的登记（登记表中红色的行）。</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>What was the customer told?</source>
        <translation>答复用户的内容：</translation>
    </message>
    <message>
        <source>Reply logged.</source>
        <translation>答复已登记。</translation>
    </message>
    <message>
        <source>Void entry</source>
        <translation>作废登记</translation>
    </message>
    <message>
        <source>Why is this entry void?</source>
        <translation>作废原因：</translation>
    </message>
    <message>
        <source>Void a contact with money</source>
        <translation>作废收款登记</translation>
    </message>
    <message>
        <source>Entry voided.</source>
        <translation>登记已作废。</translation>
    </message>
</context>
<context>
    <name>QuickEntryForm</name>
    <message>
        <source>Log a contact (Enter saves, Esc clears)</source>
        <translation>首问登记（回车保存，Esc 清空）</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>用户(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>Channe&amp;l</source>
        <translation>方式(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Unit / address</source>
        <translation>单位/地址</translation>
    </message>
    <message>
        <source>What the person asked or reported</source>
        <translation>用户咨询或反映的问题</translation>
    </message>
    <message>
        <source>&amp;Asked</source>
        <translation>事由(&amp;A)</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>办理(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>结果(&amp;R)</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <source>Invoice no. (required for cash)</source>
        <translation>发票号（收现金必填）</translation>
    </message>
    <message>
        <source>A&amp;mount (yuan)</source>
        <translation>金额/元(&amp;M)</translation>
    </message>
    <message>
        <source>Cycle / package / area</source>
        <translation>周期/套餐/片区</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（回车）</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>清空（Esc）</translation>
    </message>
    <message>
        <source>Expires %1 (%2 days)</source>
        <translation>%1 到期（还有 %2 天）</translation>
    </message>
    <message>
        <source>Expired on %1 (%2 days ago)</source>
        <translation>%1 已到期（过期 %2 天）</translation>
    </message>
    <message>
        <source>after renewal: %1</source>
        <translation>续费后到期：%1</translation>
    </message>
    <message>
        <source>recent: %1</source>
        <translation>最近：%1</translation>
    </message>
    <message>
        <source>(the customer&apos;s)</source>
        <translation>（用户登记的电话）</translation>
    </message>
</context>
</TS>
