"""Pick a station time for a test run: ``python tests/random_station_date.py [--seed N]``.

CI runs the whole suite once more at a moment drawn from the next five years, so a test that only passes on the
day it was written is caught. Half the draws land on the days a station lives by — the last day of a month, the
31st of December, the 1st of a month, 29 February — the rest anywhere; the time of day is drawn with the same bias
towards midnight and the opening hours' edges. Prints ``YYYY-MM-DDTHH:MM`` (station time, UTC+8)."""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random

STATION_TZ = dt.timezone(dt.timedelta(hours=8))
EDGE_TIMES = [dt.time(0, 0), dt.time(0, 5), dt.time(8, 29), dt.time(8, 30), dt.time(12, 0), dt.time(19, 59),
              dt.time(20, 0), dt.time(23, 55), dt.time(23, 59)]


def special_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days = []
    for year in range(start.year, end.year + 1):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            days += [dt.date(year, month, 1), dt.date(year, month, last)]
        if calendar.isleap(year):
            days += [dt.date(year, 2, 29)] * 6  # rare in the calendar, so weighted up
    return [d for d in days if start <= d <= end]


def draw(rng: random.Random, today: dt.date) -> dt.datetime:
    end = today.replace(year=today.year + 5) if not (today.month == 2 and today.day == 29) else \
        dt.date(today.year + 5, 2, 28)
    if rng.random() < 0.5:
        day = rng.choice(special_days(today, end))
    else:
        day = today + dt.timedelta(days=rng.randrange((end - today).days + 1))
    if rng.random() < 0.5:
        time = rng.choice(EDGE_TIMES)
    else:
        time = dt.time(rng.randrange(24), rng.randrange(60))
    return dt.datetime.combine(day, time)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, help="repeat a draw")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(draw(rng, dt.datetime.now(STATION_TZ).date()).isoformat(timespec="minutes"))


if __name__ == "__main__":
    main()
