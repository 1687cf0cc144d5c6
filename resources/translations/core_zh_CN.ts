<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>&amp;Current PIN</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New PIN</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>New PIN &amp;again</source>
        <translation>再输一次新密码(&amp;A)</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check the data file</source>
        <translation>检查数据文件</translation>
    </message>
    <message>
        <source>Checks the file, the audit chain, every row against the chain&apos;s record of it, and the anchors: the fingerprints in the backups&apos; lists and, when you type them, the fingerprints printed at the foot of posted sheets.</source>
        <translation>检查数据文件本身、审计日志链、每一行数据是否与审计链最后的记录一致，以及锚点：备份清单上的账本指纹，和您输入的张贴表页脚上的账本指纹。</translation>
    </message>
    <message>
        <source>e.g. 3091-2574-1806-8823; several separated by commas</source>
        <translation>例如 3091-2574-1806-8823；多个用逗号分开</translation>
    </message>
    <message>
        <source>Sheet &amp;fingerprint</source>
        <translation>表上的账本指纹(&amp;F)</translation>
    </message>
    <message>
        <source>Fingerprint now</source>
        <translation>当前账本指纹</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>No problem found.</source>
        <translation>没有发现问题。</translation>
    </message>
    <message>
        <source>The data is on a database server: run station-desk check on the server&apos;s PC.</source>
        <translation>数据在数据库服务器上：请在服务器那台电脑上运行 station-desk check。</translation>
    </message>
    <message>
        <source>Problems found — see below.</source>
        <translation>发现问题，详见下方。</translation>
    </message>
</context>
<context>
    <name>FirstManagerDialog</name>
    <message>
        <source>New station</source>
        <translation>新建服务站</translation>
    </message>
    <message>
        <source>This station file is new. Register the station manager first; the manager then adds the other staff and approves manager-only actions with this PIN.</source>
        <translation>这是一个新的数据文件。请先登记服务中心经理；经理再添加其他员工，并用这个密码批准只有经理能做的操作。</translation>
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
        <source>&amp;PIN</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>再输一次密码(&amp;A)</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Station desk</source>
        <translation>服务中心前台管理</translation>
    </message>
    <message>
        <source>Opening the data file…</source>
        <translation>正在打开数据文件…</translation>
    </message>
    <message>
        <source>DEMO STATION</source>
        <translation>演示站</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <source>Data file: %1</source>
        <translation>数据文件：%1</translation>
    </message>
    <message>
        <source>Last backup: never</source>
        <translation>上次备份：从未备份</translation>
    </message>
    <message>
        <source>Last backup: %1</source>
        <translation>上次备份：%1</translation>
    </message>
    <message>
        <source>Demo station: every PIN is 1234.</source>
        <translation>演示站：所有人的密码都是 1234。</translation>
    </message>
    <message>
        <source>Your PIN was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>About station desk</source>
        <translation>关于本程序</translation>
    </message>
    <message>
        <source>Station desk %1
Offline front-desk program for a service station.</source>
        <translation>服务中心前台管理 %1
服务中心前台离线管理程序。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>切换用户(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>Change my &amp;PIN…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo station</source>
        <translation>打开演示站(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Station &amp;policy…</source>
        <translation>站内政策设置(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Check the data file</source>
        <translation>检查数据文件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About station desk</source>
        <translation>关于本程序(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>经理批准</translation>
    </message>
    <message>
        <source>“%1” needs the station manager&apos;s PIN.</source>
        <translation>“%1”需要服务中心经理输入密码批准。</translation>
    </message>
    <message>
        <source>&amp;Manager</source>
        <translation>经理(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>&amp;Print… (Ctrl+P)</source>
        <translation>打印(&amp;P)…（Ctrl+P）</translation>
    </message>
    <message>
        <source>Zoom &amp;in (+)</source>
        <translation>放大(&amp;I)（+）</translation>
    </message>
    <message>
        <source>Zoom &amp;out (−)</source>
        <translation>缩小(&amp;O)（−）</translation>
    </message>
    <message>
        <source>&amp;Fit width</source>
        <translation>适合宽度(&amp;F)</translation>
    </message>
    <message>
        <source>Open in the &amp;system viewer</source>
        <translation>用系统程序打开(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Close (Esc)</source>
        <translation>关闭(&amp;C)（Esc）</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>共 %1 页</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <source>Station policy</source>
        <translation>站内政策设置</translation>
    </message>
    <message>
        <source>The station&apos;s rules as numbers. Defaults come from the station regulations. A change applies from the date below; earlier months keep the rules that were in force then. Double-click a value (or press F2) to change it.</source>
        <translation>本站制度中的各项数字。默认值来自服务中心管理制度。修改从下面的生效日期起执行；以前的月份仍按当时的政策计算。双击数值（或按 F2）进行修改。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>&amp;Effective from</source>
        <translation>生效日期(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Save with manager&apos;s PIN</source>
        <translation>经理密码确认并保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Change the station policy</source>
        <translation>修改站内政策</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Checking and opening the data file…</source>
        <translation>正在检查并打开数据文件…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>正在停止（做完当前这一步就停）…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <extracomment>a job quicker than this shows no window at all</extracomment>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>What Qt&apos;s own zh_CN catalogue lacks: its file dialog&apos;s labels with a mnemonic (&quot;&amp;Look in:&quot;, &quot;Files of &amp;type:&quot; are translated only without the &quot;&amp;&quot;). Our core catalogue carries them and is installed after Qt&apos;s, so it wins.</extracomment>
        <translation>查找范围(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>ShortPinDialog</name>
    <message>
        <source>Choose a longer PIN</source>
        <translation>请设置更长的密码</translation>
    </message>
    <message>
        <source>Your PIN has fewer than %1 digits. The station manager&apos;s PIN approves money, points and locks, so it needs at least %1 digits. Choose a new one now; until you do, the old one still works and you will be asked again.</source>
        <translation>您的密码不足 %1 位。服务中心经理的密码用于核准钱款、积分和结账锁定，至少需要 %1 位。请现在设置新密码；设置之前旧密码仍可使用，下次登录还会提醒。</translation>
    </message>
    <message>
        <source>&amp;New PIN</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>New PIN &amp;again</source>
        <translation>再输一次新密码(&amp;A)</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Demo station: every PIN is 1234.</source>
        <translation>演示站：所有人的密码都是 1234。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Who is at the desk?</source>
        <translation>谁在前台值班？</translation>
    </message>
    <message>
        <source>Type a name or its initials…</source>
        <translation>输入姓名或拼音首字母…</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Pick your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>前台登记</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>礼品库存</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Rest roster</source>
        <translation>排休</translation>
    </message>
    <message>
        <source>Attendance &amp; leave</source>
        <translation>考勤请假</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Instant rewards</source>
        <translation>即时奖励</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账务</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Building the demo station…</source>
        <translation>正在生成演示站数据…</translation>
    </message>
    <message>
        <source>Station desk</source>
        <translation>服务中心前台管理</translation>
    </message>
    <message>
        <source>Automatic backup saved.</source>
        <translation>已自动备份。</translation>
    </message>
</context>
</TS>
