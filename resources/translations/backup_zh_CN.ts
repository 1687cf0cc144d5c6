<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupTab</name>
    <message>
        <source>Backing up and verifying…</source>
        <translation>正在备份并校验…</translation>
    </message>
    <message>
        <source>Restored data awaiting confirmation</source>
        <translation>恢复的数据待确认</translation>
    </message>
    <message>
        <source>Confirm restored data</source>
        <translation>确认恢复的数据</translation>
    </message>
    <message>
        <source>Undo restore</source>
        <translation>撤销恢复</translation>
    </message>
    <message>
        <source>Month-end backup to a USB stick</source>
        <translation>月末备份到 U 盘</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>&amp;Drive</source>
        <translation>磁盘(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Encrypt with the backup passphrase</source>
        <translation>用备份密码加密(&amp;E)</translation>
    </message>
    <message>
        <source>backup passphrase</source>
        <translation>备份密码</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Set passphrase…</source>
        <translation>设置备份密码…</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>备份密码</translation>
    </message>
    <message>
        <source>A lost passphrase means a lost backup: nobody can open an encrypted backup without it. A backup without encryption says “未加密” in its file name; keep that stick locked away.</source>
        <translation>备份密码一旦丢失，加密备份就再也打不开了，任何人都无法恢复。未加密的备份文件名中注明“未加密”，请把这样的 U 盘锁好保管。</translation>
    </message>
    <message>
        <source>Back up to the stick (Ctrl+B)</source>
        <translation>备份到 U 盘（Ctrl+B）</translation>
    </message>
    <message>
        <source>Automatic backups on this computer</source>
        <translation>本机自动备份</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复选中的备份…</translation>
    </message>
    <message>
        <source>Restore from file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Folder: %1 — %2 backups, %3 in all</source>
        <translation>位置：%1 —— 共 %2 个备份，占用 %3</translation>
    </message>
    <message>
        <source>The month-end USB backup for %1 has not been made yet.</source>
        <translation>%1 的月末 U 盘备份还没有做。</translation>
    </message>
    <message>
        <source>Last month-end backup: %1, %2</source>
        <translation>上次月末备份：%1，%2</translation>
    </message>
    <message>
        <source>Set by %1 on %2.</source>
        <translation>由 %1 于 %2 设置。</translation>
    </message>
    <message>
        <source>No passphrase set: backups to the stick are not encrypted.</source>
        <translation>尚未设置备份密码：备份到 U 盘的文件不加密。</translation>
    </message>
    <message>
        <source>Data was restored from %1 at %2. Old automatic backups are kept until the manager confirms the restored data.</source>
        <translation>已于 %2 从 %1 恢复数据。在经理确认恢复的数据之前，旧的自动备份不会被清理。</translation>
    </message>
    <message>
        <source>%1 (%2) — %3 free</source>
        <translation>%1（%2）—— 可用 %3</translation>
    </message>
    <message>
        <source>No drive found: plug in the USB stick or choose a folder</source>
        <translation>没有找到磁盘：请插入 U 盘或选择文件夹</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Choose a drive or a folder first.</source>
        <translation>请先选择磁盘或文件夹。</translation>
    </message>
    <message>
        <source>Type the backup passphrase, or untick encryption.</source>
        <translation>请输入备份密码，或取消勾选加密。</translation>
    </message>
    <message>
        <source>Copying the data…</source>
        <translation>正在复制数据…</translation>
    </message>
    <message>
        <source>Checking the copy…</source>
        <translation>正在检查副本…</translation>
    </message>
    <message>
        <source>Writing to the stick…</source>
        <translation>正在写入 U 盘…</translation>
    </message>
    <message>
        <source>Encrypting…</source>
        <translation>正在加密…</translation>
    </message>
    <message>
        <source>Reading the copy back from the stick…</source>
        <translation>正在从 U 盘读回核对…</translation>
    </message>
    <message>
        <source>Checksum…</source>
        <translation>正在计算校验码…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Month-end backup</source>
        <translation>月末备份</translation>
    </message>
    <message>
        <source>Backed up and verified: %1</source>
        <translation>已备份并校验：%1</translation>
    </message>
    <message>
        <source>Backup passphrase set.</source>
        <translation>备份密码已设置。</translation>
    </message>
    <message>
        <source>Select a backup in the list first.</source>
        <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Restored. The data before the restore was saved as %1. Check the data, then confirm it here.</source>
        <translation>已恢复。恢复前的数据已保存为 %1。请核对数据，然后在这里确认。</translation>
    </message>
    <message>
        <source>Restored into the new database %1 (%2 rows, audit and cash-book chains intact). The database in use was not changed; its safety copy: %3. Now open the new database on every desk: --db %1</source>
        <translation>已恢复到新数据库 %1（%2 行，审计和现金账链完整）。正在使用的数据库没有改动，另存了安全备份：%3。请各台电脑改用新数据库打开：--db %1</translation>
    </message>
    <message>
        <source>Restored data confirmed; old automatic backups are cleaned up again.</source>
        <translation>已确认恢复的数据，旧的自动备份恢复正常清理。</translation>
    </message>
    <message>
        <source>The restore was undone: the data is as it was before it.</source>
        <translation>已撤销恢复，数据回到恢复之前的样子。</translation>
    </message>
</context>
<context>
    <name>ContentsView</name>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>未加密</translation>
    </message>
    <message>
        <source>Backup taken %1 (%2), station %3. Last entry: %4. %5 rows in all.</source>
        <translation>备份时间 %1（%2），服务中心：%3。最后一条记录：%4。共 %5 行数据。</translation>
    </message>
    <message>
        <source>The backup passed every check.</source>
        <translation>备份通过了全部检查。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Backup passphrase</source>
        <translation>备份密码</translation>
    </message>
    <message>
        <source>Month-end backups will be encrypted with this passphrase. Write it down and keep it somewhere safe: if it is lost, the encrypted backups can never be opened again — by anyone.</source>
        <translation>月末备份将用这个密码加密。请把它写下来妥善保管：密码一旦丢失，加密的备份将永远无法打开，任何人都不行。</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>再输一次(&amp;R)</translation>
    </message>
    <message>
        <source>Set passphrase</source>
        <translation>设置密码</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The data file cannot be opened</source>
        <translation>数据文件无法打开</translation>
    </message>
    <message>
        <source>The station&apos;s data file could not be opened:
%1

The program has not written anything to it. You can restore the newest good backup; the damaged file is kept beside it, unchanged, under a new name.</source>
        <translation>服务中心的数据文件无法打开：
%1

程序没有向它写入任何内容。可以从最新的完好备份恢复；损坏的文件会原样改名保留在原处。</translation>
    </message>
    <message>
        <source>&amp;Other backup file…</source>
        <translation>其他备份文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Backup passphrase</source>
        <translation>备份密码(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Manager</source>
        <translation>经理(&amp;M)</translation>
    </message>
    <message>
        <source>Manager &amp;PIN</source>
        <translation>经理密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Check backup</source>
        <translation>检查备份(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>No backup found beside the data file: choose one (e.g. on the USB stick).</source>
        <translation>数据文件旁没有找到备份：请选择一个备份文件（例如 U 盘上的）。</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backup file: %1</source>
        <translation>备份文件：%1</translation>
    </message>
    <message>
        <source>Backup &amp;passphrase</source>
        <translation>备份密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>Restoring first saves the current data as a safety copy, so the restore can be undone. Old automatic backups are not cleaned up until the manager confirms the restored data.</source>
        <translation>恢复前会先把当前数据保存为安全副本，恢复可以撤销。在经理确认恢复的数据之前，旧的自动备份不会被清理。</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Replace all current data with the backup of %1?</source>
        <translation>用 %1 的备份替换当前全部数据吗？</translation>
    </message>
</context>
<context>
    <name>ServerRestoreDialog</name>
    <message>
        <source>Restore into a new database</source>
        <translation>恢复到新数据库</translation>
    </message>
    <message>
        <source>Backup file: %1</source>
        <translation>备份文件：%1</translation>
    </message>
    <message>
        <source>The database in use is never overwritten. First create a new, empty database on the server (pgAdmin, or createdb). Restoring first saves the current database as a safety copy, then restores the backup into the new database and verifies it. Afterwards every desk opens the new address.</source>
        <translation>正在使用的数据库不会被覆盖。请先在服务器上新建一个空数据库（pgAdmin 或 createdb）。恢复时先为当前数据库做一份安全备份，再把备份恢复到新数据库并校验。之后各台电脑改用新地址打开。</translation>
    </message>
    <message>
        <source>&amp;New database address</source>
        <translation>新数据库地址(&amp;N)</translation>
    </message>
    <message>
        <source>Backup &amp;passphrase</source>
        <translation>备份密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Restore into the new database…</source>
        <translation>恢复到新数据库(&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
</context>
</TS>
