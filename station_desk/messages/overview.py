"""Messages of the overview (the manager's desk)."""

MESSAGES = {
    "overview.unknown_sheet": "没有这张公示表：{sheet}",
}
