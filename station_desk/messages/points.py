"""Messages of the points and rewards modules."""

MESSAGES = {
    "points.already_reversed": "积分记录 {id} 已经冲正过了。",
}
