<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>TillCloseDialog</name>
    <message>
        <source>Close the day %1</source>
        <translation>%1 日结交款</translation>
    </message>
    <message>
        <source>Receipts today</source>
        <translation>今日收款</translation>
    </message>
    <message>
        <source>%1 receipts, total %2</source>
        <translation>%1 笔，合计 %2</translation>
    </message>
    <message>
        <source>By method</source>
        <translation>按方式</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>&amp;Cash counted</source>
        <translation>实点现金(&amp;C)</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Required when the cash does not match</source>
        <translation>钱帐不符时必填</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>差额原因(&amp;R)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>CCKD day total</source>
        <translation>CCKD 当日合计</translation>
    </message>
    <message>
        <source>BOSS day total</source>
        <translation>BOSS 当日合计</translation>
    </message>
    <message>
        <source>Hand over to the manager</source>
        <translation>交经理签收</translation>
    </message>
    <message>
        <source>Cash matches</source>
        <translation>钱帐相符</translation>
    </message>
    <message>
        <source>over</source>
        <translation>长款</translation>
    </message>
    <message>
        <source>short</source>
        <translation>短款</translation>
    </message>
    <message>
        <source>Close the day and hand over the cash</source>
        <translation>日结并交款</translation>
    </message>
</context>
</TS>
