<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
