<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>HolidayDialog</name>
        <message>
            <source>Holiday or make-up workday</source>
            <translation>节假日 / 调休上班</translation>
        </message>
        <message>
            <source>Holiday (休)</source>
            <translation>法定假日（休）</translation>
        </message>
        <message>
            <source>Make-up workday (班)</source>
            <translation>调休上班（班）</translation>
        </message>
        <message>
            <source>Ordinary day</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>As in the national calendar</source>
            <translation>恢复国家日历</translation>
        </message>
        <message>
            <source>Change holidays</source>
            <translation>修改节假日</translation>
        </message>
        <message>
            <source>&amp;Date</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Mark</source>
            <translation>标记(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>名称(&amp;N)</translation>
        </message>
    </context>
    <context>
        <name>RosterGridModel</name>
        <message>
            <source>requested day off</source>
            <translation>申请休息</translation>
        </message>
        <message>
            <source>Rest</source>
            <translation>公休</translation>
        </message>
        <message>
            <source>morning off (half-day leave)</source>
            <translation>上午请假（半天）</translation>
        </message>
        <message>
            <source>afternoon off (half-day leave)</source>
            <translation>下午请假（半天）</translation>
        </message>
    </context>
    <context>
        <name>RosterTab</name>
        <message>
            <source>◀ Previous month (Alt+Left)</source>
            <translation>◀ 上个月 (Alt+←)</translation>
        </message>
        <message>
            <source>Next month (Alt+Right) ▶</source>
            <translation>下个月 (Alt+→) ▶</translation>
        </message>
        <message>
            <source>&amp;Suggest plan (Ctrl+G)</source>
            <translation>自动排班(&amp;S) (Ctrl+G)</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存 (Ctrl+S)</translation>
        </message>
        <message>
            <source>&amp;Undo changes</source>
            <translation>撤销修改(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Print roster (Ctrl+P)</source>
            <translation>打印排休表(&amp;P) (Ctrl+P)</translation>
        </message>
        <message>
            <source>Ho&amp;lidays…</source>
            <translation>节假日(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;Import holidays…</source>
            <translation>导入节假日(&amp;I)…</translation>
        </message>
        <message>
            <source>%1-%2</source>
            <translation>%1年%2月</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>已锁定</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>尚未保存</translation>
        </message>
        <message>
            <source>unsaved changes</source>
            <translation>有未保存的修改</translation>
        </message>
        <message>
            <source>%1 problem(s)</source>
            <translation>%1 个问题</translation>
        </message>
        <message>
            <source>all rules met</source>
            <translation>符合全部排班规则</translation>
        </message>
        <message>
            <source>Save (Ctrl+S) or undo the changes of this month first.</source>
            <translation>请先保存（Ctrl+S）或撤销本月的修改。</translation>
        </message>
        <message>
            <source>Suggested plan filled in: check it, adjust, then save (Ctrl+S).</source>
            <translation>已自动排好本月，请检查、调整后保存（Ctrl+S）。</translation>
        </message>
        <message>
            <source>No plan meets every rule: %1</source>
            <translation>排不出符合全部规则的班：%1</translation>
        </message>
        <message>
            <source>Nothing to save.</source>
            <translation>没有需要保存的修改。</translation>
        </message>
        <message>
            <source>Save rest roster</source>
            <translation>保存排班表</translation>
        </message>
        <message>
            <source>Saved, but %1 problem(s) remain.</source>
            <translation>已保存，但还有 %1 个问题。</translation>
        </message>
        <message>
            <source>Saved. The plan meets every rule.</source>
            <translation>已保存，排班符合全部规则。</translation>
        </message>
        <message>
            <source>Import holidays</source>
            <translation>导入节假日</translation>
        </message>
        <message>
            <source>Text files (*.txt *.csv);;All files (*)</source>
            <translation>文本文件 (*.txt *.csv);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Cannot read %1: %2</source>
            <translation>读不了 %1：%2</translation>
        </message>
        <message>
            <source>%1 days imported (%2 to %3).</source>
            <translation>已导入 %1 天（%2 至 %3）。</translation>
        </message>
        <message>
            <source>Save wall roster</source>
            <translation>保存排休表</translation>
        </message>
        <message>
            <source>Roster written to %1.</source>
            <translation>排休表已保存到 %1。</translation>
        </message>
        <message>
            <source>Shifts: %1.  休 rest day, 事/病/年 leave, E上/E下 half-day leave (morning / afternoon off), * requested day off, ◆ front desk. Space or R: rest; letter: shift; Shift+Space: requested day off.</source>
            <translation>班次：%1。 休＝公休，事/病/年＝请假，E上/E下＝半天假（上午/下午不在），*＝本人申请休息，◆＝能顶前台。空格或 R：设为/取消公休；字母：设班次；Shift+空格：标记/取消申请休息。</translation>
        </message>
    </context>
</TS>
