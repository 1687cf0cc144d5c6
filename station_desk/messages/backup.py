"""Messages of the backup module (SPEC §10)."""

MESSAGES = {
    "backup.passphrase_not_set": "还没有设置备份密码。请先由经理在“备份”页设置备份密码（输入两次），再做加密备份。",
    # writing a backup
    "backup.no_space": "目标位置空间不足：需要约 {need}，只剩 {free}。没有留下不完整的备份文件，数据文件没有改动。",
    "backup.target_gone": "备份时目标文件夹不见了（U 盘被拔出？）：{folder}。没有留下不完整的备份文件，数据文件没有改动。",
    "backup.write_failed": "备份没有写成（{detail}）。没有留下不完整的备份文件，数据文件没有改动。",
    "backup.verify_failed": "备份写好后检查不通过（{detail}），已删除这个副本。数据文件没有改动，请换一个位置再备份。",
    "backup.readback_mismatch": "从 {folder} 读回的备份与写入的不一致（U 盘可能有问题或容量虚标），已删除这个副本。请换一个 U 盘再备份。",
    "backup.cancelled": "备份已取消，没有留下不完整的备份文件。",
    "backup.target_not_folder": "“{folder}”不是一个可以写入的文件夹。",
    "backup.target_inside_data": "请不要把月末备份放在数据文件所在的文件夹里（{folder}），应放到 U 盘或另一块磁盘上。",
    "backup.source_unreadable": "无法读取当前数据文件（{detail}），没有做备份。",
    # passphrase
    "backup.passphrase_too_short": "备份密码至少需要 {min} 个字符。",
    "backup.passphrase_mismatch": "输入的备份密码与经理设定的备份密码不一致，没有做备份。",
    "backup.passphrase_repeat_mismatch": "两次输入的备份密码不一致。",
    "backup.passphrase_required": "这个备份是加密的，请输入备份密码。",
    "backup.wrong_passphrase": "备份密码不对，无法打开这个加密备份。数据没有改动。（密码丢失就无法恢复这个备份。）",
    "backup.not_encrypted_format": "这个文件不是本程序的加密备份格式。",
    # checking a backup for restore
    "backup.file_missing": "找不到备份文件：{path}",
    "backup.not_in_manifest": "“{file}”不在同一文件夹的备份清单（manifest.json）中，不是经过校验的备份，不能用来恢复。",
    "backup.truncated": "备份文件不完整：现在只有 {size} 字节，清单记录应为 {expected} 字节（可能复制时中断）。不能用来恢复，数据没有改动。",
    "backup.checksum_mismatch": "备份文件的校验码与清单记录不一致（文件已损坏或被改动），不能用来恢复。数据没有改动。",
    "backup.corrupt": "备份文件已损坏：{detail}。不能用来恢复，数据没有改动。",
    "backup.not_a_database": "这个文件不是本程序的数据备份（不是 SQLite 数据库）。数据没有改动。",
    "backup.not_station_data": "这个数据库不是服务中心的数据（缺少员工、审计等表）。数据没有改动。",
    "backup.damaged": "备份文件完整性检查未通过：{detail}。不能用来恢复，数据没有改动。",
    "backup.newer_schema": "这个备份由更新版本的程序创建（数据版本 {found}），本程序无法读取。请安装新版程序后再恢复。数据没有改动。",
    "backup.restore_no_space": "数据文件所在磁盘空间不足（需要约 {need}），无法恢复。数据没有改动。",
    "backup.no_backups": "没有找到可以恢复的备份。",
    "backup.no_restore_pending": "目前没有等待确认的恢复。",
    "backup.no_safety_copy": "找不到恢复前保存的安全副本，无法撤销这次恢复。",
    "backup.data_file_missing": "找不到数据文件 {path}（可能被删除或移走）。本机有备份，可以从最新的备份恢复。",
    "backup.usb_reminder": "{month} 的月末 U 盘备份还没有做。",
    "backup.restore_failed": "恢复没有完成（{detail}），原数据文件保持不变。",
}
