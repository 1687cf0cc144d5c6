"""Month close (月度复核与结账, SPEC §6–§7): the review and the lock of a month's points and instant rewards together.

Above :mod:`station_desk.points` and :mod:`station_desk.rewards` (it reads both), below the Qt tabs and the CLI."""
