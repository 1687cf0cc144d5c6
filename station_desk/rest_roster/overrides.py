"""The station's own holiday marks (节假日设置): a date made a holiday, a 调休 workday, or an ordinary day against
the statutory calendar (the entered day wins over the library's). Manager only.

A year the calendar package does not know (its State Council arrangement is not published in the package yet) has
no official holidays; :func:`calendar_warning_in` says so for the roster and attendance until the station has
entered at least one 法定假日 of that year, by hand or with :func:`import_holidays` (the file format is
:func:`parse_holiday_file`'s, documented in the README)."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock
from station_desk.actor import Actor, ManagerApproval
from station_desk.audit import service as audit
from station_desk.errors import DomainError
from station_desk.rest_roster import holidays
from station_desk.rest_roster.models import HolidayOverride
from station_desk.rest_roster.service import require_manager_or_self


def year_known_in(s: Session, year: int) -> bool:
    """Whether ``year``'s holidays are known: the calendar package has its arrangement, or the station has entered
    at least one 法定假日 in it."""
    if holidays.library_knows(year):
        return True
    return s.exec(select(HolidayOverride.id).where(
        HolidayOverride.day >= dt.date(year, 1, 1), HolidayOverride.day <= dt.date(year, 12, 31),
        HolidayOverride.kind == holidays.HOLIDAY)).first() is not None


def calendar_warning_in(s: Session, days: list[dt.date]) -> str:
    """A plain sentence when a year among ``days`` has no holiday arrangement (neither the package's nor the
    station's), else ''. The roster, attendance and their commands show it."""
    missing = sorted(y for y in {d.year for d in days} if not year_known_in(s, y))
    if not missing:
        return ""
    years = "、".join(str(y) for y in missing)
    return (f"没有 {years} 年的法定节假日安排（放假调休）：日历库未收录，本站也未录入，这些日子按普通工作日和周末算。"
            f"请经理在排休页用“节假日…”逐日录入，或用“导入节假日…”导入全年安排。")


def calendar_warning(db, *, days: list[dt.date]) -> str:
    with db.read() as s:
        return calendar_warning_in(s, days)


@dataclass(frozen=True)
class HolidayLine:
    day: dt.date
    kind: str  # holiday | workday
    name: str


_KIND_WORDS = {"休": holidays.HOLIDAY, "假": holidays.HOLIDAY, "holiday": holidays.HOLIDAY,
               "班": holidays.WORKDAY, "workday": holidays.WORKDAY}


def parse_holiday_file(text: str) -> list[HolidayLine]:
    """A year's arrangement as text, one line per day or range of days::

        # 2027 年放假调休安排（# starts a comment; blank lines are skipped）
        2027-01-01 休 元旦
        2027-02-06..2027-02-12 休 春节
        2027-02-14 班 春节调休

    Fields are separated by spaces, tabs or commas: the date (or ``first..last``), ``休`` / ``holiday`` or
    ``班`` / ``workday``, and an optional name (at most 20 characters). A bad line refuses the whole file, naming
    the line."""
    out: list[HolidayLine] = []
    seen: dict[dt.date, int] = {}
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].replace(",", " ").replace("，", " ").strip()
        if not line:
            continue
        parts = line.split(None, 2)
        if len(parts) < 2 or parts[1] not in _KIND_WORDS:
            raise DomainError("roster.holiday_file_line", line=no, text=raw.strip()[:40],
                              detail="应为“日期 休/班 名称”")
        try:
            first_s, _, last_s = parts[0].partition("..")
            first = dt.date.fromisoformat(first_s)
            last = dt.date.fromisoformat(last_s) if last_s else first
        except ValueError:
            raise DomainError("roster.holiday_file_line", line=no, text=raw.strip()[:40],
                              detail="日期应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD") from None
        if last < first or (last - first).days > 31:
            raise DomainError("roster.holiday_file_line", line=no, text=raw.strip()[:40], detail="日期范围不对")
        kind = _KIND_WORDS[parts[1]]
        name = (parts[2].strip() if len(parts) > 2 else "")[:20] or ("节假日" if kind == holidays.HOLIDAY else "调休")
        d = first
        while d <= last:
            if d in seen:
                raise DomainError("roster.holiday_file_line", line=no, text=raw.strip()[:40],
                                  detail=f"{d} 已在第 {seen[d]} 行")
            seen[d] = no
            out.append(HolidayLine(d, kind, name))
            d += dt.timedelta(days=1)
    if not out:
        raise DomainError("roster.holiday_file_empty")
    return out


def import_holidays(db, *, actor: Actor, approval: ManagerApproval | None = None, text: str) -> list[HolidayLine]:
    """Enter a year's holidays and 调休 workdays from a file (:func:`parse_holiday_file`), in one transaction: each
    listed day becomes the station's mark (replacing an earlier one for that day); days not listed are unchanged."""
    lines = parse_holiday_file(text)
    require_manager_or_self(db, actor, approval, "导入节假日")
    with db.session() as s:
        for ln in lines:
            _set_in(s, actor=actor, day=ln.day, kind=ln.kind, name=ln.name)
        audit.record(s, actor=actor, action="roster.holidays_imported", entity="roster_holiday_override",
                     entity_id=f"{lines[0].day}..{lines[-1].day}",
                     after={"holiday": sum(ln.kind == holidays.HOLIDAY for ln in lines),
                            "workday": sum(ln.kind == holidays.WORKDAY for ln in lines)})
    return lines


def _set_in(s: Session, *, actor: Actor, day: dt.date, kind: str, name: str) -> None:
    row = s.exec(select(HolidayOverride).where(HolidayOverride.day == day)).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = HolidayOverride(day=day, kind=kind, name=name.strip()[:20], updated_at=clock.now(),
                              updated_by=actor.name)
    else:
        row.kind, row.name, row.updated_at, row.updated_by = kind, name.strip()[:20], clock.now(), actor.name
    s.add(row)
    s.flush()
    audit.record(s, actor=actor, action="roster.holiday_override", entity="roster_holiday_override",
                 entity_id=row.id, before=before, after=audit.snapshot(row))


def set_holiday_override(db, *, actor: Actor, approval: ManagerApproval | None = None, day: dt.date, kind: str,
                         name: str = "") -> None:
    """The station's own mark for a date: ``holiday``, ``workday`` or ``normal`` (clears the statutory one)."""
    if kind not in holidays.KIND_LABELS:
        raise DomainError("roster.unknown_holiday_kind")
    require_manager_or_self(db, actor, approval, "修改节假日")
    with db.session() as s:
        _set_in(s, actor=actor, day=day, kind=kind, name=name)


def clear_holiday_override(db, *, actor: Actor, approval: ManagerApproval | None = None, day: dt.date) -> None:
    require_manager_or_self(db, actor, approval, "修改节假日")
    with db.session() as s:
        row = s.exec(select(HolidayOverride).where(HolidayOverride.day == day)).first()
        if row is None:
            return
        audit.record(s, actor=actor, action="roster.holiday_override_cleared", entity="roster_holiday_override",
                     entity_id=row.id, before=audit.snapshot(row))
        s.delete(row)
