<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssetDialog</name>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>&amp;Tag No.</source>
        <translation>资产编号(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Cate&amp;gory</source>
        <translation>类别(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>规格型号(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Held by</source>
        <translation>保管人(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>存放地点(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Acquired on</source>
        <translation>购置日期(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Value (yuan)</source>
        <translation>原值（元）(&amp;V)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reason for the change</source>
        <translation>变更原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>AssetsTab</name>
    <message>
        <source>New asset (Ctrl+N)</source>
        <translation>新增资产 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Edit (Enter)</source>
        <translation>修改 (Enter)</translation>
    </message>
    <message>
        <source>Check round (Ctrl+K)</source>
        <translation>资产核对 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Show scrapped</source>
        <translation>显示已报废</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>资产编号</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保管人</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>存放地点</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>最近核对</translation>
    </message>
    <message>
        <source>Check date</source>
        <translation>核对日期</translation>
    </message>
    <message>
        <source>By</source>
        <translation>核对人</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>在位</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 assets, value %2 yuan; missing or damaged: %3</source>
        <translation>共 %1 件资产，原值 %2 元；缺失或损坏 %3 件</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Asset check</source>
        <translation>资产核对</translation>
    </message>
    <message>
        <source>Check every asset: F = found, M = missing, D = damaged. Enter records.</source>
        <translation>逐件核对：F = 在位，M = 缺失，D = 损坏；按回车保存。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>资产编号</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保管人</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>存放地点</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>核对结果</translation>
    </message>
    <message>
        <source>Record check</source>
        <translation>保存核对结果</translation>
    </message>
</context>
</TS>
