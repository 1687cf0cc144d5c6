<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>GiftStockTab</name>
    <message>
        <source>Issue gift (Ctrl+G)</source>
        <translation>发放礼品 (Ctrl+G)</translation>
    </message>
    <message>
        <source>Receive (Ctrl+R)</source>
        <translation>入库 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Return (Ctrl+E)</source>
        <translation>退回 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Transfer out (Ctrl+T)</source>
        <translation>调出 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Write off (Ctrl+W)</source>
        <translation>报损 (Ctrl+W)</translation>
    </message>
    <message>
        <source>New gift (Ctrl+N)</source>
        <translation>新增礼品 (Ctrl+N)</translation>
    </message>
    <message>
        <source>New promotion</source>
        <translation>新增促销活动</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Warn at</source>
        <translation>提醒数量</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>LOW STOCK</source>
        <translation>低库存</translation>
    </message>
    <message>
        <source>not in use</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>经理特批</translation>
    </message>
    <message>
        <source>Stock moves</source>
        <translation>出入库流水</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Gift statistics</source>
        <translation>礼品统计表</translation>
    </message>
    <message>
        <source>all kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>latest 1,000</source>
        <translation>最近 1000 条</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Print sheet (Ctrl+P)</source>
        <translation>打印统计表 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Close this month…</source>
        <translation>本月结账…</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>调出</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末</translation>
    </message>
    <message>
        <source>Closing value</source>
        <translation>期末金额</translation>
    </message>
    <message>
        <source>Every line balances: opening + in − out = closing.</source>
        <translation>各行均平衡：期初 + 入 − 出 = 期末。</translation>
    </message>
    <message>
        <source>Warning: a line does not balance!</source>
        <translation>注意：有一行数量不平衡！</translation>
    </message>
    <message>
        <source>Issued under promotions: %1; manager overrides: %2.</source>
        <translation>本月按促销活动发放 %1 件；经理特批 %2 次。</translation>
    </message>
    <message>
        <source>%1 is closed.</source>
        <translation>%1 礼品库存已结账。</translation>
    </message>
    <message>
        <source>Save gift statistics sheet</source>
        <translation>保存礼品统计表</translation>
    </message>
    <message>
        <source>Export gift statistics</source>
        <translation>导出礼品统计表</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Low stock: %1</source>
        <translation>库存不足提醒：%1</translation>
    </message>
    <message>
        <source>all gifts</source>
        <translation>全部礼品</translation>
    </message>
    <message>
        <source>Select the issue (发放) line the customer brings back, then press Ctrl+E.</source>
        <translation>请先在出入库流水中选中用户退回的那条“发放”记录，再按 Ctrl+E。</translation>
    </message>
</context>
<context>
    <name>IssueGiftDialog</name>
    <message>
        <source>Issue a gift</source>
        <translation>发放礼品</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>用户(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Business</source>
        <translation>办理的业务(&amp;B)</translation>
    </message>
    <message>
        <source>(choose what the customer did)</source>
        <translation>（请选择用户办理的业务）</translation>
    </message>
    <message>
        <source>&amp;What they did</source>
        <translation>业务类型(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Promotion</source>
        <translation>促销活动(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Gift</source>
        <translation>礼品(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Manager override… (Ctrl+M)</source>
        <translation>经理特批… (Ctrl+M)</translation>
    </message>
    <message>
        <source>%1 (in stock %2 %3)</source>
        <translation>%1（库存 %2 %3）</translation>
    </message>
    <message>
        <source>This contact (No. %1)</source>
        <translation>本次登记（第 %1 号）</translation>
    </message>
    <message>
        <source>This work order (No. %1)</source>
        <translation>本工单（第 %1 号）</translation>
    </message>
    <message>
        <source>Other business not on record (say what below)</source>
        <translation>其他未登记的业务（请在下面选择业务类型）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>(no promotion)</source>
        <translation>（无促销活动）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Manager override</source>
        <translation>经理特批</translation>
    </message>
    <message>
        <source>Reason for the override:</source>
        <translation>特批原因：</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Gift item</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>station default</source>
        <translation>按默认设置</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>Unit &amp;cost (yuan)</source>
        <translation>单价（元）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Low-stock warning at</source>
        <translation>低库存提醒数量(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Photo file</source>
        <translation>照片文件(&amp;P)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Receive stock</source>
        <translation>礼品入库</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>礼品调出</translation>
    </message>
    <message>
        <source>Write off</source>
        <translation>礼品报损</translation>
    </message>
    <message>
        <source>&amp;Gift</source>
        <translation>礼品(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Delivery &amp;note No.</source>
        <translation>送货单号(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Sent to</source>
        <translation>调往(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>PromotionDialog</name>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Customer action</source>
        <translation>用户业务(&amp;C)</translation>
    </message>
    <message>
        <source>Billing c&amp;ycle</source>
        <translation>缴费周期(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Package</source>
        <translation>套餐(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Gift</source>
        <translation>礼品(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Quantity per customer action</source>
        <translation>每笔业务赠送数量(&amp;Q)</translation>
    </message>
    <message>
        <source>Valid &amp;from</source>
        <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
        <source>Valid &amp;to</source>
        <translation>结束日期(&amp;T)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Gift returned by the customer</source>
        <translation>用户退回礼品</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <source>Start stocktake</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>Print count sheet</source>
        <translation>打印盘点表</translation>
    </message>
    <message>
        <source>Post variances…</source>
        <translation>差异过账…</translation>
    </message>
    <message>
        <source>Cancel stocktake…</source>
        <translation>作废盘点单…</translation>
    </message>
    <message>
        <source>Count date</source>
        <translation>盘点日期</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Book qty</source>
        <translation>账面数量</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Variance value</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <source>No stocktake in progress. Choose the count date and start one.</source>
        <translation>目前没有进行中的盘点。请选择盘点日期后开始盘点。</translation>
    </message>
    <message>
        <source>Stocktake No. %1 on %2: type the counted quantities, then post.</source>
        <translation>第 %1 号盘点单（%2）：请录入实盘数量，然后过账。</translation>
    </message>
    <message>
        <source>Surplus %1 yuan, shortage %2 yuan.</source>
        <translation>盘盈 %1 元，盘亏 %2 元。</translation>
    </message>
    <message>
        <source>Type the counted quantity as a whole number.</source>
        <translation>实盘数量请填写整数。</translation>
    </message>
    <message>
        <source>Save count sheet</source>
        <translation>保存盘点表</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Post stocktake</source>
        <translation>盘点过账</translation>
    </message>
    <message>
        <source>Cause of the variances (optional):</source>
        <translation>差异原因（可不填）：</translation>
    </message>
    <message>
        <source>Stocktake posted.</source>
        <translation>盘点已过账。</translation>
    </message>
    <message>
        <source>Cancel stocktake</source>
        <translation>作废盘点单</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
</context>
</TS>
