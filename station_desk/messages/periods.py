"""Messages of month locks."""

MESSAGES = {
    "period.before_locked": "{newest} 的{scope}已结账，{month} 在它之前，也已锁定，不能再修改；如需更正，请在未结账的月份做经批准的调整。",
    "period.locked": "{month} 的{scope}已结账锁定，不能再修改；如需更正，请在未结账的月份做经批准的调整。",
    "period.already_locked": "{month} 的{scope}已经锁定。",
    "period.not_locked": "{month} 的{scope}尚未锁定。",
}
