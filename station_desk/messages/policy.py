"""Messages of the station policy."""

MESSAGES = {
    "policy.invalid": "政策设置有误：{detail}",
    "policy.past_locked": "{month} 已锁定，新政策的生效日期不能早于 {first_open}。",
}
