"""Asset register service (资产台账, SPEC §4 / R-4.07–4.08): register, hand over, move, change state, and the
periodic check recording found / missing / damaged. Every change is audited; nothing is deleted — a scrapped
asset stays in the register with its history (scrapping needs the manager's PIN)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from station_desk import clock, validate
from station_desk.actor import Actor, ManagerApproval
from station_desk.assets.models import Asset, AssetCheck, AssetCheckLine
from station_desk.audit import service as audit
from station_desk.errors import DomainError, NotFound
from station_desk.staff import auth
from station_desk.staff.models import Staff

STATUSES: dict[str, str] = {
    "in_use": "在用",
    "idle": "闲置",
    "repair": "维修中",
    "damaged": "损坏",
    "missing": "丢失",
    "scrapped": "已报废",
}
RESULTS: dict[str, str] = {"found": "在位", "missing": "缺失", "damaged": "损坏"}
#: what a check result does to the asset's status
_AFTER_CHECK = {"missing": "missing", "damaged": "damaged"}


@dataclass(frozen=True)
class AssetRow:
    id: int
    tag: str
    name: str
    category: str
    model: str
    holder_id: int | None
    holder: str
    location: str
    status: str
    status_label: str
    acquired_on: dt.date | None
    value_fen: int
    note: str
    last_check: dt.date | None
    last_result: str  # label


@dataclass(frozen=True)
class CheckRow:
    id: int
    day: dt.date
    checked_by: str
    note: str
    found: int
    missing: int
    damaged: int


def _names(s: Session) -> dict[int, str]:
    return dict(s.exec(select(Staff.id, Staff.name)).all())


def _rows(s: Session, assets: list[Asset]) -> list[AssetRow]:
    names = _names(s)
    last: dict[int, tuple[dt.date, str]] = {}
    for asset_id, day, result in s.exec(select(AssetCheckLine.asset_id, AssetCheck.day, AssetCheckLine.result)
                                        .join(AssetCheck, AssetCheck.id == AssetCheckLine.check_id)
                                        .order_by(AssetCheck.day, AssetCheck.id)).all():
        last[asset_id] = (day, result)
    return [AssetRow(a.id, a.tag, a.name, a.category, a.model, a.holder_id, names.get(a.holder_id, ""), a.location,
                     a.status, STATUSES.get(a.status, a.status), a.acquired_on, a.value_fen, a.note,
                     last.get(a.id, (None, ""))[0], RESULTS.get(last.get(a.id, (None, ""))[1], ""))
            for a in assets]


def _clean(tag: str, name: str, status: str, value_fen: int) -> tuple[str, str]:
    tag, name = (tag or "").strip(), (name or "").strip()
    if not name:
        raise DomainError("asset.name_required")
    if not tag:
        raise DomainError("asset.tag_required")
    name = validate.text(name, field="资产名称", max_len=60)
    tag = validate.text(tag, field="资产编号", max_len=30)
    if status not in STATUSES:
        raise DomainError("asset.unknown_status", status=status)
    if value_fen < 0:
        raise DomainError("asset.value_negative")
    return tag, name


def _tag_free(s: Session, tag: str, except_id: int | None = None) -> None:
    other = s.exec(select(Asset).where(Asset.tag == tag)).first()
    if other is not None and other.id != except_id:
        raise DomainError("asset.tag_taken", tag=tag, name=other.name)


def add_asset(db, *, actor: Actor, tag: str, name: str, category: str = "", model: str = "",
              holder_id: int | None = None, location: str = "", status: str = "in_use",
              acquired_on: dt.date | None = None, value_fen: int = 0, note: str = "") -> AssetRow:
    tag, name = _clean(tag, name, status, value_fen)
    if status == "scrapped":
        raise DomainError("asset.unknown_status", status=status)
    with db.session() as s:
        _tag_free(s, tag)
        a = Asset(tag=tag, name=name, category=category.strip()[:20], model=model.strip()[:60], holder_id=holder_id,
                  location=location.strip()[:60], status=status, acquired_on=acquired_on, value_fen=value_fen,
                  note=note.strip()[:200], created_at=clock.now())
        audit.add_new(s, a, actor=actor, action="asset.add")
        return _rows(s, [a])[0]


def needs_approval(status: str, reason: str = "") -> bool:
    """Whether a change to ``status`` needs the manager's PIN (scrapping, 已报废); a scrapping without a reason is
    refused here already, so the form says it before the PIN is asked."""
    if status != "scrapped":
        return False
    if not (reason or "").strip():
        raise DomainError("asset.reason_required")
    return True


def update_asset(db, *, actor: Actor, asset_id: int, tag: str, name: str, category: str = "", model: str = "",
                 holder_id: int | None = None, location: str = "", status: str = "in_use",
                 acquired_on: dt.date | None = None, value_fen: int = 0, note: str = "",
                 approval: ManagerApproval | None = None, reason: str = "") -> AssetRow:
    """Change an asset (hand-over, move, state). Scrapping (已报废) needs the manager's PIN and a reason."""
    tag, name = _clean(tag, name, status, value_fen)
    approver = None
    with db.read() as s:
        a = s.get(Asset, asset_id)
        if a is None:
            raise NotFound(what="资产", id=asset_id)
        if a.status == "scrapped":
            raise DomainError("asset.scrapped", name=a.name)
    if needs_approval(status, reason):
        approver = auth.require_manager(db, approval, "资产报废")
    with db.session() as s:
        a = s.get(Asset, asset_id)
        _tag_free(s, tag, asset_id)
        before = audit.snapshot(a)
        a.tag, a.name, a.category, a.model = tag, name, category.strip()[:20], model.strip()[:60]
        a.holder_id, a.location, a.status = holder_id, location.strip()[:60], status
        a.acquired_on, a.value_fen, a.note, a.updated_at = acquired_on, value_fen, note.strip()[:200], clock.now()
        s.add(a)
        s.flush()
        after = audit.snapshot(a, exclude=("updated_at",))
        if after != {k: v for k, v in before.items() if k != "updated_at"}:
            why = (reason or "").strip() or None
            if approver is not None:
                why = f"批准人：{approver.name}；{why}"
            audit.record(s, actor=actor, action="asset.update", entity="asset", entity_id=asset_id, before=before,
                         after=after, reason=why)
        return _rows(s, [a])[0]


def list_assets(db, *, include_scrapped: bool = False, holder_id: int | None = None) -> list[AssetRow]:
    with db.read() as s:
        q = select(Asset).order_by(Asset.tag)
        if not include_scrapped:
            q = q.where(Asset.status != "scrapped")
        if holder_id is not None:
            q = q.where(Asset.holder_id == holder_id)
        return _rows(s, list(s.exec(q)))


def record_check(db, *, actor: Actor, day: dt.date, results: dict[int, str], notes: dict[int, str] | None = None,
                 note: str = "") -> CheckRow:
    """One check round: {asset_id: 'found' | 'missing' | 'damaged'}. A missing or damaged asset takes that status;
    a found asset that was missing is back in use. All in one transaction."""
    if not results:
        raise DomainError("asset.check_empty")
    if day > clock.today():
        raise DomainError("asset.future_day", day=day.isoformat())
    for r in results.values():
        if r not in RESULTS:
            raise DomainError("asset.unknown_result", result=r)
    notes = notes or {}
    with db.session() as s:
        chk = AssetCheck(day=day, checked_by_id=actor.staff_id, checked_by=actor.name, note=note.strip()[:200],
                         created_at=clock.now())
        s.add(chk)
        s.flush()
        for asset_id, result in results.items():
            a = s.get(Asset, asset_id)
            if a is None:
                raise NotFound(what="资产", id=asset_id)
            if a.status == "scrapped":
                raise DomainError("asset.scrapped", name=a.name)
            s.add(AssetCheckLine(check_id=chk.id, asset_id=asset_id, result=result, holder_id=a.holder_id,
                                 location=a.location, note=(notes.get(asset_id) or "").strip()[:200]))
            new = _AFTER_CHECK.get(result) or ("in_use" if a.status == "missing" else a.status)
            if new != a.status:
                before = a.status
                a.status, a.updated_at = new, clock.now()
                s.add(a)
                audit.record(s, actor=actor, action="asset.status_from_check", entity="asset", entity_id=a.id,
                             before={"status": before}, after={"status": new, "check_id": chk.id})
        s.flush()
        audit.record(s, actor=actor, action="asset.check", entity="asset_check", entity_id=chk.id,
                     after={"day": day, "results": {str(k): v for k, v in results.items()}})
        return _check_rows(s, [chk])[0]


def _check_rows(s: Session, checks: list[AssetCheck]) -> list[CheckRow]:
    out = []
    for c in checks:
        results = s.exec(select(AssetCheckLine.result).where(AssetCheckLine.check_id == c.id)).all()
        out.append(CheckRow(c.id, c.day, c.checked_by, c.note, results.count("found"), results.count("missing"),
                            results.count("damaged")))
    return out


def list_checks(db, *, limit: int = 50) -> list[CheckRow]:
    with db.read() as s:
        return _check_rows(s, list(s.exec(select(AssetCheck).order_by(AssetCheck.day.desc(), AssetCheck.id.desc())
                                          .limit(limit))))


def check_lines(db, check_id: int) -> list[tuple[str, str, str, str, str]]:
    """(tag, name, result label, holder, note) of one check round."""
    with db.read() as s:
        names = _names(s)
        rows = s.exec(select(AssetCheckLine, Asset).join(Asset, Asset.id == AssetCheckLine.asset_id)
                      .where(AssetCheckLine.check_id == check_id).order_by(Asset.tag)).all()
        return [(a.tag, a.name, RESULTS.get(ln.result, ln.result), names.get(ln.holder_id, ""), ln.note)
                for ln, a in rows]
