<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BookPage</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>New entry… (Ctrl+N)</source>
        <translation>记一笔…（Ctrl+N）</translation>
    </message>
    <message>
        <source>Reverse… (Ctrl+R)</source>
        <translation>冲正…（Ctrl+R）</translation>
    </message>
    <message>
        <source>Verify the books</source>
        <translation>校验账本</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>In/out</source>
        <translation>收/支</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经手人</translation>
    </message>
    <message>
        <source>Payee</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>核准人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Reverses no. %1: </source>
        <translation>冲正第 %1 号：</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结账</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未结账</translation>
    </message>
    <message>
        <source>Opening %1 · income %2 · expense %3 · closing %4 (%5)</source>
        <translation>期初 %1 · 收入 %2 · 支出 %3 · 期末 %4（%5）</translation>
    </message>
    <message>
        <source>Entry no. %1 saved.</source>
        <translation>第 %1 号账目已保存。</translation>
    </message>
    <message>
        <source>Select the entry to reverse first.</source>
        <translation>请先选中要冲正的账目。</translation>
    </message>
    <message>
        <source>Reversing entry</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Reason for reversing entry no. %1:</source>
        <translation>冲正第 %1 号账目的原因：</translation>
    </message>
    <message>
        <source>Reverse a cash-book entry</source>
        <translation>冲正账目</translation>
    </message>
    <message>
        <source>Reversing entry no. %1 saved.</source>
        <translation>冲正记录第 %1 号已保存。</translation>
    </message>
    <message>
        <source>The cash book verifies: no entry has been altered.</source>
        <translation>账本校验通过：没有任何账目被改动。</translation>
    </message>
</context>
<context>
    <name>CashBookTab</name>
    <message>
        <source>Cash book</source>
        <translation>现金流水账</translation>
    </message>
    <message>
        <source>Takings &amp;&amp; till</source>
        <translation>收款与日结</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票核对</translation>
    </message>
    <message>
        <source>Month close &amp;&amp; sheet</source>
        <translation>月结与账务明细</translation>
    </message>
</context>
<context>
    <name>CloseMonthPage</name>
    <message>
        <source>Close month…</source>
        <translation>月结…</translation>
    </message>
    <message>
        <source>Accounts sheet (PDF)…</source>
        <translation>账务明细（PDF）…</translation>
    </message>
    <message>
        <source>Accounts sheet (.xlsx)…</source>
        <translation>账务明细（Excel）…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>期初余额</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末余额</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结账人</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结账时间</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>%1 月结</translation>
    </message>
    <message>
        <source>%1 closed; closing balance %2.</source>
        <translation>%1 已结账，期末余额 %2 元。</translation>
    </message>
    <message>
        <source>Save accounts sheet</source>
        <translation>保存账务明细</translation>
    </message>
    <message>
        <source>Saved to %1; opening it for preview and printing.</source>
        <translation>已保存到 %1，正在打开以便预览和打印。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>New cash-book entry</source>
        <translation>记账</translation>
    </message>
    <message>
        <source>&amp;Income / expense</source>
        <translation>收/支(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Amount (yuan)</source>
        <translation>金额/元(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Handler</source>
        <translation>经手人(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Payee / payer</source>
        <translation>收款人/交款人(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Voucher no.</source>
        <translation>凭证号(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>摘要(&amp;S)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Approve expense: %1</source>
        <translation>核准支出：%1</translation>
    </message>
</context>
<context>
    <name>InvoicePage</name>
    <message>
        <source>Sign off this week&apos;s check…</source>
        <translation>本周核对签字…</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>所在周</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>开票人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>收款方式</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Invoice numbers used</source>
        <translation>已用发票号</translation>
    </message>
    <message>
        <source>Receipts without an invoice</source>
        <translation>未开发票的收款</translation>
    </message>
    <message>
        <source>Gaps: %1</source>
        <translation>断号：%1</translation>
    </message>
    <message>
        <source>Duplicates: %1</source>
        <translation>重号：%1</translation>
    </message>
    <message>
        <source>%1 to %2: </source>
        <translation>%1 至 %2：</translation>
    </message>
    <message>
        <source>all in order</source>
        <translation>全部相符</translation>
    </message>
    <message>
        <source>problems found</source>
        <translation>有问题待处理</translation>
    </message>
    <message>
        <source>; checked by %1 on %2</source>
        <translation>；%1 已于 %2 核对</translation>
    </message>
    <message>
        <source>Invoice check</source>
        <translation>发票核对</translation>
    </message>
    <message>
        <source>Note (required if problems):</source>
        <translation>处理说明（有问题时必填）：</translation>
    </message>
    <message>
        <source>Invoice check signed off.</source>
        <translation>发票核对已签字。</translation>
    </message>
</context>
<context>
    <name>TillPage</name>
    <message>
        <source>Close a day…</source>
        <translation>日结…</translation>
    </message>
    <message>
        <source>Reverse receipt…</source>
        <translation>冲正收款…</translation>
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
        <source>Time</source>
        <translation>时间</translation>
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
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Takings</source>
        <translation>收款合计</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>CCKD diff.</source>
        <translation>与CCKD差额</translation>
    </message>
    <message>
        <source>BOSS diff.</source>
        <translation>与BOSS差额</translation>
    </message>
    <message>
        <source>Handed to</source>
        <translation>交款给</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <source>; not yet closed: %1</source>
        <translation>；未日结：%1</translation>
    </message>
    <message>
        <source>Close a day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Select a receipt that has not been reversed.</source>
        <translation>请选中一笔尚未冲正的收款。</translation>
    </message>
    <message>
        <source>Reverse receipt</source>
        <translation>冲正收款</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Reverse a receipt</source>
        <translation>冲正收款</translation>
    </message>
    <message>
        <source>Receipt reversed.</source>
        <translation>收款已冲正。</translation>
    </message>
</context>
</TS>
