"""Messages of the manager's overview."""

MESSAGES = {
    "overview.unknown_sheet": "没有这张公示表：{sheet}",
}
